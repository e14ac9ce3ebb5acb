import { formatBytes, relativeTime } from '../../format';
import { useInbox } from '../../stores/inbox-store';
import { BodyPane } from './body-pane';
import { PairsTable } from './pairs-table';

/** Everything about one captured request: overview, query, headers (arrival order), body. */
export function RequestDetail() {
  const selectedId = useInbox((s) => s.selectedId);
  const detail = useInbox((s) => s.detail);
  const detailError = useInbox((s) => s.detailError);
  const receiverUrl = useInbox((s) => s.info?.receiverUrl ?? '');

  if (selectedId === null) return <div className="detail-empty">Select a request to see its headers and body.</div>;
  if (detailError) return <div className="detail-empty error">Could not load request {selectedId}: {detailError}</div>;
  if (!detail) return <div className="detail-empty">Loading…</div>;

  const query = detail.query ? Array.from(new URLSearchParams(detail.query).entries()) : [];
  const fullUrl = receiverUrl + detail.path + (detail.query ? `?${detail.query}` : '');

  return (
    <div className="detail" data-testid="request-detail">
      <header className="detail-head">
        <span className={`method method-${detail.method.toLowerCase()}`}>{detail.method}</span>
        <span className="detail-path" data-testid="detail-path">
          {detail.path}
          {detail.query && <span className="row-query">?{detail.query}</span>}
        </span>
      </header>
      <dl className="overview">
        <dt>URL</dt>
        <dd>{fullUrl}</dd>
        <dt>Received</dt>
        <dd title={detail.receivedAt}>
          {new Date(detail.receivedAt).toLocaleString()} ({relativeTime(detail.receivedAt)})
        </dd>
        <dt>Answered</dt>
        <dd>{detail.status}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(detail.size)}
          {detail.truncated && <span className="warn"> — truncated: only the first bytes were kept</span>}
        </dd>
        <dt>Content type</dt>
        <dd>{detail.contentType ?? '—'}</dd>
        <dt>From</dt>
        <dd>{detail.clientAddress ?? '—'}</dd>
        <dt>Request id</dt>
        <dd>{detail.id}</dd>
      </dl>
      {query.length > 0 && (
        <section>
          <h3>Query</h3>
          <PairsTable pairs={query} testId="query-table" />
        </section>
      )}
      <section>
        <h3>Headers ({detail.headers.length})</h3>
        <PairsTable pairs={detail.headers} testId="headers-table" />
      </section>
      <section className="body-section">
        <h3>Body</h3>
        <BodyPane detail={detail} />
      </section>
    </div>
  );
}

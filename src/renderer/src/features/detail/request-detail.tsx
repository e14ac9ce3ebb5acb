import { formatBytes, relativeTime } from '../../format';
import { useDetailTab, type DetailTab } from '../../stores/detail-tab-store';
import { useInbox } from '../../stores/inbox-store';
import { EditReplay } from '../replay/edit-replay';
import { SendsTab } from '../replay/sends-tab';
import { SignatureLab } from '../signatures/signature-lab';
import { BodyPane } from './body-pane';
import { DetailActions } from './detail-actions';
import { DriftPanel } from './drift-panel';
import { HeadersTab } from './headers-tab';
import { PairsTable } from './pairs-table';

/** Everything about one captured request, in tabs: overview, headers, query, body, edit & replay, sends. */
export function RequestDetail() {
  const selectedId = useInbox((s) => s.selectedId);
  const detail = useInbox((s) => s.detail);
  const detailError = useInbox((s) => s.detailError);
  const receiverUrl = useInbox((s) => s.info?.receiverUrl ?? '');
  const tab = useDetailTab((s) => s.tab);
  const setTab = useDetailTab((s) => s.setTab);

  if (selectedId === null) return <div className="detail-empty">Select a request to see its headers and body.</div>;
  if (detailError) return <div className="detail-empty error">Could not load request {selectedId}: {detailError}</div>;
  if (!detail) return <div className="detail-empty">Loading…</div>;

  const query = detail.query ? Array.from(new URLSearchParams(detail.query).entries()) : [];
  const fullUrl = receiverUrl + detail.path + (detail.query ? `?${detail.query}` : '');
  const tabs: [DetailTab, string][] = [
    ['overview', 'Overview'],
    ['headers', `Headers (${detail.headers.length})`],
    ['query', `Query (${query.length})`],
    ['body', 'Body'],
    ['signature', 'Signature'],
    ['edit', 'Edit & replay'],
    ['sends', 'Sends'],
  ];

  return (
    <div className="detail" data-testid="request-detail">
      <header className="detail-head">
        <span className={`method method-${detail.method.toLowerCase()}`}>{detail.method}</span>
        <span className="detail-path" data-testid="detail-path">
          {detail.path}
          {detail.query && <span className="row-query">?{detail.query}</span>}
        </span>
      </header>
      <DetailActions detail={detail} />
      {detail.drift && <DriftPanel key={detail.id} requestId={detail.id} event={detail.event} differences={detail.drift} />}
      <div className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`tab-${id}`} className={`tab${tab === id ? ' tab-on' : ''}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'overview' && (
        <dl className="overview" data-testid="overview">
          <dt>URL</dt>
          <dd>{fullUrl}</dd>
          <dt>Endpoint</dt>
          <dd>{detail.endpoint ?? 'default inbox'}</dd>
          <dt>Event</dt>
          <dd>{detail.event ?? '—'}</dd>
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
          <dd>
            {detail.clientAddress ?? '—'}
            {detail.viaTunnel && ' (through the public tunnel)'}
          </dd>
          <dt>Request id</dt>
          <dd>{detail.id}</dd>
        </dl>
      )}
      {tab === 'headers' && <HeadersTab headers={detail.headers} />}
      {tab === 'query' && (query.length > 0 ? <PairsTable pairs={query} testId="query-table" /> : <p className="muted">No query string.</p>)}
      {tab === 'signature' && <SignatureLab key={detail.id} detail={detail} />}
      {tab === 'edit' && <EditReplay key={detail.id} detail={detail} />}
      {tab === 'sends' && <SendsTab requestId={detail.id} />}
      {tab === 'body' && (
        <section className="body-section">
          <BodyPane key={detail.id} detail={detail} />
        </section>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import type { RequestDetail as Detail } from '../../../../shared/request-schemas';
import { PairsTable } from '../../components/pairs-table';
import { formatBytes, originalUrl, relativeTime, statusText } from '../../format';
import { DetailTabStore, type DetailTab } from '../../stores/detail-tab-store';
import { InboxStore } from '../../stores/inbox-store';
import { SessionStore } from '../../stores/session-store';
import { BodyPane } from './body-pane';
import { DetailActions } from './detail-actions';
import { DetailTabs } from './detail-tabs';
import { DriftPanel } from './drift-panel';
import { HeadersTab } from './headers-tab';
import './detail.css';

/** The tabs other features fill (the app shell composes them in): the detail never imports them. */
export interface DetailSlots {
  signature(detail: Detail): ReactNode;
  edit(detail: Detail): ReactNode;
  sends(detail: Detail): ReactNode;
}

/** Everything about one captured request, in tabs: overview, headers, query, body, signature, edit & replay, sends. */
export function RequestDetail({ slots, onReplay }: { slots: DetailSlots; onReplay(): void | Promise<void> }) {
  const selectedId = InboxStore.use((s) => s.selectedId);
  const detail = InboxStore.use((s) => s.detail);
  const detailError = InboxStore.use((s) => s.detailError);
  const receiverUrl = SessionStore.use((s) => s.info?.receiverUrl ?? '');
  const tab = DetailTabStore.use((s) => s.tab);
  const setTab = DetailTabStore.use((s) => s.setTab);

  if (selectedId === null) return <div className="detail-empty">Select a request to see its headers and body.</div>;
  if (detailError) return <div className="detail-empty error">Could not load request {selectedId}: {detailError}</div>;
  if (!detail) return <div className="detail-empty">Loading…</div>;

  const query = detail.query ? Array.from(new URLSearchParams(detail.query).entries()) : [];
  const original = originalUrl(detail);
  const fullUrl = original ?? receiverUrl + detail.path + (detail.query ? `?${detail.query}` : '');
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
        <span className="detail-path" data-testid="detail-path" title={fullUrl}>
          {original && <span className="muted detail-host">{new URL(original).host}</span>}
          {detail.path}
          {detail.query && <span className="row-query">?{detail.query}</span>}
        </span>
      </header>
      <DetailActions detail={detail} onReplay={onReplay} />
      {detail.drift && <DriftPanel key={detail.id} requestId={detail.id} event={detail.event} differences={detail.drift} />}
      <DetailTabs tabs={tabs} current={tab} onChange={setTab} />
      {tab === 'overview' && (
        <dl className="overview" data-testid="overview">
          <dt>{original ? 'Original URL' : 'URL'}</dt>
          <dd data-testid="overview-url">{fullUrl}</dd>
          <dt>Endpoint</dt>
          <dd>{detail.endpoint ?? 'default inbox'}</dd>
          <dt>Event</dt>
          <dd>{detail.event ?? '—'}</dd>
          <dt>Received</dt>
          <dd title={detail.receivedAt}>
            {new Date(detail.receivedAt).toLocaleString()} ({relativeTime(detail.receivedAt)})
          </dd>
          <dt>Answered</dt>
          <dd data-testid="overview-status">{statusText(detail)}</dd>
          <dt>Size</dt>
          <dd>
            {formatBytes(detail.size)}
            {detail.truncated && <span className="warn"> — truncated: only the first bytes were kept</span>}
          </dd>
          <dt>Content type</dt>
          <dd>{detail.contentType ?? '—'}</dd>
          <dt>From</dt>
          <dd>
            {detail.clientAddress === 'import' && !detail.viaTunnel ? 'imported (HAR or cURL)' : (detail.clientAddress ?? '—')}
            {detail.viaTunnel && ' (through the public tunnel)'}
          </dd>
          <dt>Request id</dt>
          <dd>{detail.id}</dd>
        </dl>
      )}
      {tab === 'headers' && <HeadersTab headers={detail.headers} />}
      {tab === 'query' && (query.length > 0 ? <PairsTable pairs={query} testId="query-table" /> : <p className="muted">No query string.</p>)}
      {tab === 'signature' && slots.signature(detail)}
      {tab === 'edit' && slots.edit(detail)}
      {tab === 'sends' && slots.sends(detail)}
      {tab === 'body' && (
        <section className="body-section">
          <BodyPane key={detail.id} detail={detail} />
        </section>
      )}
    </div>
  );
}

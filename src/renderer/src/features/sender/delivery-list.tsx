import { useState } from 'react';
import type { Delivery } from '../../../../shared/sender-schemas';
import { clockTime } from '../../format';
import { nextAttemptText } from './next-attempt';
import { SenderStore, type DeliveryListFilter } from './sender-store';

const statusClass = (status: number | null) => (status === null ? 'status-5xx' : `status-${Math.floor(status / 100)}xx`);

export function StateTag({ delivery }: { delivery: Pick<Delivery, 'state' | 'test'> }) {
  const label = delivery.state === 'dead' ? 'dead (DLQ)' : delivery.state;
  return (
    <span className={`delivery-state delivery-${delivery.state}`} data-testid="delivery-state">
      {label}
      {delivery.test ? ' · test' : ''}
    </span>
  );
}

/** Filters of the delivery log: event, response status, target, state and date range. */
function DeliveryFilters() {
  const filter = SenderStore.use((s) => s.filter);
  const setFilter = SenderStore.use((s) => s.setFilter);
  const targets = SenderStore.use((s) => s.targets);
  const resendAll = SenderStore.use((s) => s.resendAll);
  const clearFinished = SenderStore.use((s) => s.clearFinished);
  const mode = SenderStore.use((s) => s.mode);
  const [note, setNote] = useState<string | null>(null);
  const change = (patch: Partial<DeliveryListFilter>) => setFilter({ ...filter, ...patch });
  return (
    <div className="filter-bar" data-testid="delivery-filters">
      <div className="filter-row">
        <input className="filter-search" data-testid="delivery-filter-event" placeholder="event" value={filter.event ?? ''} onChange={(e) => change({ event: e.target.value })} />
        <input data-testid="delivery-filter-status" placeholder="status: 500, 4xx, error" size={16} value={filter.status ?? ''} onChange={(e) => change({ status: e.target.value.trim() })} />
        <select data-testid="delivery-filter-state" disabled={mode === 'attempts'} value={filter.state ?? ''} onChange={(e) => change({ state: (e.target.value || undefined) as DeliveryListFilter['state'] })}>
          <option value="">any state</option>
          <option value="pending">pending</option>
          <option value="sending">sending</option>
          <option value="succeeded">succeeded</option>
          <option value="dead">dead (dead-letter queue)</option>
        </select>
        <select data-testid="delivery-filter-target" value={filter.target ?? ''} onChange={(e) => change({ target: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">all targets</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.url}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-row">
        <label className="inline-label muted small">
          from <input type="datetime-local" data-testid="delivery-filter-from" value={filter.from ?? ''} onChange={(e) => change({ from: e.target.value || undefined })} />
        </label>
        <label className="inline-label muted small">
          to <input type="datetime-local" data-testid="delivery-filter-to" value={filter.to ?? ''} onChange={(e) => change({ to: e.target.value || undefined })} />
        </label>
        {filter.state === 'dead' && (
          <button type="button" className="copy-button" data-testid="resend-all" onClick={() => void resendAll().then(setNote, (e: Error) => setNote(e.message))}>
            Resend all
          </button>
        )}
        <button
          type="button"
          className="copy-button"
          data-testid="clear-finished"
          title="Delete succeeded and dead deliveries with their attempts (of the selected target, if one is)"
          onClick={() => confirm('Delete the finished deliveries (succeeded and dead) and their attempts?') && void clearFinished().then(setNote, (e: Error) => setNote(e.message))}
        >
          Clear finished
        </button>
        {note && <span className="muted small">{note}</span>}
      </div>
    </div>
  );
}

/** Every attempt, newest first: each answer (or why none came), whatever became of its delivery. */
function AttemptRows() {
  const attempts = SenderStore.use((s) => s.attempts);
  const selectedId = SenderStore.use((s) => s.selectedId);
  const select = SenderStore.use((s) => s.select);
  if (attempts.length === 0) return <p className="inbox-empty">No attempts match.</p>;
  return (
    <>
      {attempts.map((a) => (
        <div key={a.id} className={`request-row${a.deliveryId === selectedId ? ' selected' : ''}`} data-testid="attempt-row" onClick={() => select(a.deliveryId)}>
          <div className="row-line">
            <span className="event-tag">{a.event}</span>
            <span className={`status ${statusClass(a.response?.status ?? null)}`} data-testid="attempt-row-status">
              {a.response ? a.response.status : a.outcome}
            </span>
            <span className="muted">attempt {a.attempt}</span>
            <span className="row-time muted">{clockTime(a.startedAt)}</span>
          </div>
          <div className="row-line row-meta">
            <span className="row-path">{a.url}</span>
            <span>{a.durationMs} ms</span>
          </div>
        </div>
      ))}
    </>
  );
}

/** A time fits in the row's meta line; a wait on its target gets a line of its own, in full. */
function NextAttempt({ text, inline }: { text: string | null; inline: boolean }) {
  if (!text) return null;
  const scheduled = text.startsWith('next') || text === 'due now';
  if (scheduled !== inline) return null;
  return inline ? (
    <span data-testid="delivery-next-attempt">{text}</span>
  ) : (
    <div className="row-meta warn" data-testid="delivery-next-attempt">
      {text}
    </div>
  );
}

/** Deliveries (or attempts), newest first, live. */
export function DeliveryList() {
  const mode = SenderStore.use((s) => s.mode);
  const setMode = SenderStore.use((s) => s.setMode);
  const deliveries = SenderStore.use((s) => s.deliveries);
  const selectedId = SenderStore.use((s) => s.selectedId);
  const select = SenderStore.use((s) => s.select);
  const nextCursor = SenderStore.use((s) => s.nextCursor);
  const loadMore = SenderStore.use((s) => s.loadMore);
  const error = SenderStore.use((s) => s.error);
  const targets = SenderStore.use((s) => s.targets);
  const targetOf = (id: number) => targets.find((t) => t.id === id);
  return (
    <aside className="inbox">
      <div className="pane-title tabs log-tabs">
        <button type="button" className={`tab${mode === 'deliveries' ? ' tab-on' : ''}`} data-testid="log-deliveries" onClick={() => setMode('deliveries')}>
          Deliveries
        </button>
        <button type="button" className={`tab${mode === 'attempts' ? ' tab-on' : ''}`} data-testid="log-attempts" onClick={() => setMode('attempts')}>
          Attempts
        </button>
      </div>
      <DeliveryFilters />
      {error && <div className="banner error">{error}</div>}
      <div className="inbox-list" data-testid="delivery-list">
        {mode === 'attempts' && <AttemptRows />}
        {mode === 'deliveries' && deliveries.length === 0 && <p className="inbox-empty">No deliveries match. Emit an event or send a test event to a target.</p>}
        {mode === 'deliveries' && deliveries.map((d) => (
          <div key={d.id} className={`request-row${d.id === selectedId ? ' selected' : ''}`} data-testid="delivery-row" onClick={() => select(d.id)}>
            <div className="row-line">
              <span className="event-tag">{d.event}</span>
              <StateTag delivery={d} />
              {d.lastStatus !== null && <span className={`status ${statusClass(d.lastStatus)}`}>{d.lastStatus}</span>}
              <span className="row-time muted">{clockTime(d.createdAt)}</span>
            </div>
            <div className="row-line row-meta">
              <span className="row-path">{d.url}</span>
              <span>
                {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
              </span>
              <NextAttempt text={nextAttemptText(d, targetOf(d.targetId))} inline />
            </div>
            <NextAttempt text={nextAttemptText(d, targetOf(d.targetId))} inline={false} />
            {d.lastError && d.state !== 'succeeded' && <div className="row-meta warn">{d.lastError}</div>}
          </div>
        ))}
        {nextCursor && (
          <button type="button" className="link-button endpoint-error" onClick={() => void loadMore()}>
            Load more
          </button>
        )}
      </div>
    </aside>
  );
}

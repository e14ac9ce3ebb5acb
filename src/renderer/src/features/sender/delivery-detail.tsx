import { useState } from 'react';
import type { Attempt } from '../../../../shared/sender-schemas';
import { CopyButton } from '../../components/copy-button';
import { clockTime } from '../../format';
import { nextAttemptText } from './next-attempt';
import { SenderStore } from './sender-store';
import { PairsTable } from '../../components/pairs-table';
import { StateTag } from './delivery-list';

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** One attempt: outcome line, then (opened) the full request and response. */
function AttemptItem({ attempt, open: initiallyOpen }: { attempt: Attempt; open: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const late = Date.parse(attempt.startedAt) - Date.parse(attempt.scheduledFor);
  return (
    <li className="send" data-testid="attempt">
      <button type="button" className="send-head" onClick={() => setOpen(!open)}>
        <span className="kind">#{attempt.attempt}</span>
        <span className={attempt.outcome === 'success' ? 'ok' : 'danger'} data-testid="attempt-outcome">
          {attempt.response ? attempt.response.status : attempt.outcome}
        </span>
        <span className="send-url">{attempt.error?.message ?? 'delivered'}</span>
        <span className="muted">{clockTime(attempt.startedAt)}</span>
        <span className="muted">{attempt.durationMs} ms</span>
        {late > 1000 && <span className="warn">{Math.round(late / 1000)} s late</span>}
      </button>
      {open && (
        <div className="send-detail">
          <h4>
            Request: {attempt.request.method} {attempt.url}
          </h4>
          <PairsTable pairs={attempt.request.headers} testId="attempt-request-headers" />
          <pre className="code-fallback send-body" data-testid="attempt-request-body">
            {pretty(attempt.request.body)}
          </pre>
          <h4>Response</h4>
          {attempt.response ? (
            <>
              <p className="small">
                Status <strong data-testid="attempt-status">{attempt.response.status}</strong> in {attempt.durationMs} ms
                {attempt.response.truncated ? ' (body truncated)' : ''}
              </p>
              <PairsTable pairs={attempt.response.headers} testId="attempt-response-headers" />
              <pre className="code-fallback send-body" data-testid="attempt-response-body">
                {attempt.response.body ? pretty(attempt.response.body) : '(empty body)'}
              </pre>
            </>
          ) : (
            <p className="danger small">
              No answer: {attempt.error?.kind} — {attempt.error?.message}
            </p>
          )}
          {attempt.nextRetryAt && <p className="muted small">Retry scheduled for {new Date(attempt.nextRetryAt).toLocaleString()}</p>}
        </div>
      )}
    </li>
  );
}

/** The selected delivery: what it is, the timeline of its attempts, the next retry, resend. */
export function DeliveryDetailPane() {
  const detail = SenderStore.use((s) => s.detail);
  const selectedId = SenderStore.use((s) => s.selectedId);
  const resend = SenderStore.use((s) => s.resend);
  const target = SenderStore.use((s) => (s.detail ? s.targets.find((t) => t.id === s.detail!.targetId) : undefined));
  const [note, setNote] = useState<string | null>(null);
  if (selectedId === null) return <div className="detail-empty">Select a delivery to see its attempts.</div>;
  if (!detail) return <div className="detail-empty">Loading…</div>;
  const waiting = nextAttemptText(detail, target);
  // A time only while it is ahead; held by its target (or due now), the words say what happens.
  const held = waiting !== null && !waiting.startsWith('next');
  return (
    <div className="detail" data-testid="delivery-detail">
      <div className="detail-head">
        <span className="event-tag">{detail.event}</span>
        <StateTag delivery={detail} />
        <span className="detail-path sender-target-url" title={detail.url}>
          {detail.url}
        </span>
      </div>
      <dl className="overview">
        <dt>Delivery</dt>
        <dd>#{detail.id}</dd>
        <dt>Event id</dt>
        <dd>{detail.eventId}</dd>
        <dt>Idempotency key</dt>
        <dd>
          <code data-testid="delivery-key">{detail.idempotencyKey}</code> <CopyButton text={detail.idempotencyKey} />
        </dd>
        <dt>Attempts</dt>
        <dd data-testid="delivery-attempts">{detail.attempts}</dd>
        {waiting && (
          <>
            <dt>Next retry</dt>
            <dd data-testid="delivery-next">{held ? waiting : new Date(detail.nextAttemptAt!).toLocaleString()}</dd>
          </>
        )}
        {detail.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="warn">{detail.lastError}</dd>
          </>
        )}
      </dl>
      {detail.state === 'dead' && (
        <div className="detail-actions">
          <button type="button" className="copy-button" data-testid="delivery-resend" onClick={() => void resend(detail.id).then(setNote, (e: Error) => setNote(e.message))}>
            Resend
          </button>
          {note && <span className="warn small">{note}</span>}
        </div>
      )}
      <h3 className="small">Timeline</h3>
      <ol className="sends" data-testid="timeline">
        {detail.timeline.map((a, i) => (
          <AttemptItem key={a.id} attempt={a} open={i === detail.timeline.length - 1} />
        ))}
        {waiting && (
          <li className={`small ${held && waiting !== 'due now' ? 'warn' : 'muted'}`} data-testid="timeline-next">
            {held ? `Next attempt: ${waiting}` : `Next attempt at ${clockTime(detail.nextAttemptAt!)}`}
          </li>
        )}
      </ol>
    </div>
  );
}

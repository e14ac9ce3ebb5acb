import { useEffect, useState } from 'react';
import { base64ToBytes, viewBody } from '../../../../shared/body-view';
import type { SendRecord } from '../../../../shared/send-schemas';
import { clockTime, formatBytes } from '../../format';
import { PairsTable } from '../../components/pairs-table';
import { SendsStore } from './sends-store';

function BodyText({ base64, contentType }: { base64: string; contentType: string | null }) {
  const view = viewBody(base64ToBytes(base64), contentType);
  const text =
    view.kind === 'empty' ? '(empty)' : view.kind === 'json' ? view.pretty : view.kind === 'binary' ? view.hex : view.kind === 'text' ? view.text : view.kind === 'form' ? view.raw : '(multipart body)';
  return <pre className="code-fallback send-body">{text}</pre>;
}

const KIND_TITLE: Record<SendRecord['kind'], string> = {
  forward: "Sent on to the endpoint's forward target as it arrived",
  replay: 'Sent again from Hookbench',
  listen: "Forwarded by `hookbench listen` to someone's local app; this is what that app answered",
};

const header = (pairs: readonly (readonly [string, string])[], name: string) => pairs.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;

function SendItem({ send }: { send: SendRecord }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="send" data-testid="send-item" data-kind={send.kind}>
      <button type="button" className="send-head" onClick={() => setOpen(!open)}>
        <span className={`kind kind-${send.kind}`} title={KIND_TITLE[send.kind]}>
          {send.kind}
        </span>
        {send.by !== null && (
          <span className="muted send-by" data-testid="send-by">
            by {send.by}
          </span>
        )}
        <span className={`method method-${send.method.toLowerCase()}`}>{send.method}</span>
        <span className="send-url">{send.url}</span>
        {send.response ? (
          <span className={`status status-${String(send.response.status)[0]}xx`} data-testid="send-status">
            {send.response.status}
          </span>
        ) : (
          <span className="status status-5xx" data-testid="send-error">
            {send.error?.message}
          </span>
        )}
        <span className="muted">
          {send.durationMs} ms · {clockTime(send.startedAt)}
        </span>
      </button>
      {open && (
        <div className="send-detail">
          <h4>Sent</h4>
          <PairsTable pairs={send.request.headers} testId="send-request-headers" />
          <BodyText base64={send.request.bodyBase64} contentType={header(send.request.headers, 'content-type')} />
          {send.response && (
            <>
              <h4>
                Answer {send.response.status}
                {send.response.truncated && <span className="warn"> (body cut at {formatBytes(base64ToBytes(send.response.bodyBase64).length)})</span>}
              </h4>
              <PairsTable pairs={send.response.headers} testId="send-response-headers" />
              <BodyText base64={send.response.bodyBase64} contentType={header(send.response.headers, 'content-type')} />
            </>
          )}
        </div>
      )}
    </li>
  );
}

const EMPTY: SendRecord[] = [];

/** The forward, every replay and every `hookbench listen` forward of a request, newest first, each with what was sent and what came back. */
export function SendsTab({ requestId }: { requestId: number }) {
  const items = SendsStore.use((s) => (s.requestId === requestId ? s.items : EMPTY));
  const error = SendsStore.use((s) => s.error);
  const load = SendsStore.use((s) => s.load);
  useEffect(() => void load(requestId), [requestId, load]);
  if (error) return <p className="warn">{error}</p>;
  if (items.length === 0) return <p className="muted">Not forwarded, replayed or listened to yet. Press R or use Replay.</p>;
  return (
    <ul className="sends" data-testid="sends-list">
      {items.map((s) => (
        <SendItem key={s.id} send={s} />
      ))}
    </ul>
  );
}

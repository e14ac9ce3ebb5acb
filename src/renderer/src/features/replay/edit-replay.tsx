import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { headersToText, textToHeaders } from '../../../../shared/header-text';
import type { ReplayResult } from '../../../../shared/contract';
import { base64ToBytes } from '../../../../shared/body-view';
import type { RequestDetail } from '../../../../shared/request-schemas';
import { SCHEMES, type SchemeId } from '../../../../shared/signatures';
import { originalUrl } from '../../format';
import { EndpointsStore } from '../../stores/endpoints-store';
import { forwardTargetOf } from './replay-actions';
import { SendsStore } from './sends-store';

const CodeEditor = lazy(() => import('../../components/code-editor'));
const CodeDiff = lazy(() => import('../../components/code-editor').then((m) => ({ default: m.CodeDiff })));

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Edit and replay: the captured request in Monaco (body validated as JSON when it is JSON, headers
 * as text), a diff against the original, and a send to the forward target or any URL. The first
 * text is the exact captured body, so sending without edits replays the same bytes.
 */
export function EditReplay({ detail }: { detail: RequestDetail }) {
  const original = useMemo(() => decodeText(base64ToBytes(detail.bodyBase64)), [detail.bodyBase64]);
  const endpoints = EndpointsStore.use((s) => s.items);
  const target = forwardTargetOf(detail, endpoints);
  const replay = SendsStore.use((s) => s.replay);
  const notice = SendsStore.use((s) => (s.notice?.requestId === detail.id ? s.notice : null));
  const dismissNotice = SendsStore.use((s) => s.dismissNotice);
  // An import remembers where it was first sent: with no forward target, that is the likely place to send it again.
  const [url, setUrl] = useState(() => (target ? '' : (originalUrl(detail) ?? '')));
  const urlField = useRef<HTMLInputElement>(null);
  const [method, setMethod] = useState(detail.method);
  const [headersText, setHeadersText] = useState(headersToText(detail.headers));
  const [body, setBody] = useState(original ?? '');
  const [problems, setProblems] = useState<string[]>([]);
  const [showDiff, setShowDiff] = useState(false);
  /** Bumped when the text is replaced from outside the editor (Format JSON). */
  const [revision, setRevision] = useState(0);
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const endpoint = endpoints.find((e) => e.slug === detail.endpoint) ?? null;
  const resignScheme = (endpoint?.scheme ?? detail.scheme) as SchemeId | null;
  const canResign = resignScheme !== null && resignScheme !== 'userback' && (endpoint?.secrets.length ?? 0) > 0;
  const [resign, setResign] = useState(canResign);
  const isJson = /json/i.test(detail.contentType ?? '') || /^\s*[{[]/.test(original ?? '');
  const language = isJson ? 'json' : /xml/i.test(detail.contentType ?? '') ? 'xml' : 'plaintext';

  // R or Replay with nowhere to send: the URL field is where the answer goes.
  useEffect(() => {
    if (notice) urlField.current?.focus();
  }, [notice]);

  const send = async () => {
    setError(null);
    setResult(null);
    if (!url && !target) {
      urlField.current?.focus();
      return setError('Give a URL to send to (this endpoint has no forward target).');
    }
    dismissNotice();
    if (problems.length > 0 && !confirm(`The body has problems:\n${problems.join('\n')}\nSend anyway?`)) return;
    setBusy(true);
    try {
      const edited = original === null || body === original ? undefined : body;
      setResult(
        await replay(detail.id, {
          url: url || undefined,
          method,
          headers: textToHeaders(headersText),
          body: edited,
          ...(resign && canResign ? { resign: { scheme: resignScheme } } : {}),
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="edit-replay" data-testid="edit-replay">
      {notice && (
        <p className="warn" role="status" data-testid="replay-no-target">
          {notice.text}
        </p>
      )}
      <div className="filter-row">
        <input className="replay-method inline-search" data-testid="replay-method" value={method} onChange={(e) => setMethod(e.target.value)} aria-label="Method" />
        <input
          ref={urlField}
          className="replay-url inline-search"
          data-testid="replay-url"
          value={url}
          placeholder={target ? `forward target: ${target}` : 'http://localhost:3000/webhooks'}
          onChange={(e) => setUrl(e.target.value)}
          aria-label="Send to URL"
        />
        <button type="button" className="copy-button" data-testid="replay-send" disabled={busy} onClick={() => void send()}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      {canResign && (
        <label className="inline-label edit-headers">
          <input type="checkbox" data-testid="replay-resign" checked={resign} onChange={(e) => setResign(e.target.checked)} /> Re-sign with {SCHEMES[resignScheme].label} and the
          endpoint&apos;s newest secret, fresh timestamp (an edited body still verifies)
        </label>
      )}
      <label className="edit-headers">
        Headers (Host and Content-Length are set for the new target)
        <textarea data-testid="replay-headers" rows={Math.min(10, detail.headers.length + 1)} value={headersText} onChange={(e) => setHeadersText(e.target.value)} />
      </label>
      {original === null ? (
        <p className="muted">Binary body: sent exactly as captured.</p>
      ) : (
        <>
          <div className="filter-row">
            <button type="button" className={`chip${!showDiff ? ' chip-on' : ''}`} data-testid="replay-edit-mode" onClick={() => setShowDiff(false)}>
              edit
            </button>
            <button type="button" className={`chip${showDiff ? ' chip-on' : ''}`} data-testid="replay-diff-mode" onClick={() => setShowDiff(true)}>
              diff
            </button>
            {isJson && (
              <button
                type="button"
                className="link-button"
                data-testid="replay-format"
                onClick={() => {
                  try {
                    setBody(JSON.stringify(JSON.parse(body), null, 2));
                    setRevision((r) => r + 1);
                  } catch (e) {
                    setError(`Cannot format: ${(e as Error).message}`);
                  }
                }}
              >
                Format JSON
              </button>
            )}
            {problems.length > 0 && (
              <span className="warn" data-testid="replay-problems">
                {problems[0]}
              </span>
            )}
          </div>
          <Suspense fallback={<pre className="code-fallback">{body}</pre>}>
            {showDiff ? (
              <CodeDiff original={original} modified={body} language={language} />
            ) : (
              <CodeEditor
                key={revision}
                initialValue={body}
                language={language}
                path={`replay-${detail.id}-${revision}.${language === 'json' ? 'json' : 'txt'}`}
                onChange={setBody}
                onProblems={setProblems}
              />
            )}
          </Suspense>
        </>
      )}
      {error && <p className="warn">{error}</p>}
      {result && (
        <p data-testid="replay-result" className={result.status !== null && result.status < 300 ? 'ok' : 'warn'}>
          {result.status !== null ? `Answered ${result.status} in ${result.durationMs} ms` : `No answer: ${result.error?.message}`} — see Sends.
        </p>
      )}
    </div>
  );
}

import { useState } from 'react';
import { headersToText, textToHeaders } from '../../../../shared/header-text';
import { MAX_RESPONSE_DELAY_MS, type Endpoint } from '../../../../shared/endpoint-schemas';
import type { SchemeId } from '../../../../shared/signatures';
import { EndpointsStore } from '../../stores/endpoints-store';
import { SchemeSelect } from '../../components/scheme-select';

/** Name, configured response, and the destructive actions of one endpoint. */
export function EndpointEditor({ endpoint, onDone }: { endpoint: Endpoint; onDone: () => void }) {
  const { save, remove, clearRequests } = EndpointsStore.useApi().getState();
  const [name, setName] = useState(endpoint.name);
  const [status, setStatus] = useState(String(endpoint.response.status));
  const [headers, setHeaders] = useState(headersToText(endpoint.response.headers));
  const [body, setBody] = useState(endpoint.response.body);
  const [delay, setDelay] = useState(String(endpoint.response.delayMs));
  const [forwardUrl, setForwardUrl] = useState(endpoint.forwardUrl ?? '');
  const [proxy, setProxy] = useState(endpoint.proxy);
  const [scheme, setScheme] = useState<SchemeId | null>(endpoint.scheme);
  // Secrets are write-only: the field starts empty, and leaving it empty keeps the stored ones.
  const [secrets, setSecrets] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    try {
      await save({
        slug: endpoint.slug,
        name,
        response: { status: Number(status), headers: textToHeaders(headers), body, delayMs: Number(delay) },
        forwardUrl: forwardUrl.trim() || null,
        proxy,
        scheme,
        ...(secrets.trim() ? { secrets: secrets.split('\n').map((l) => l.trim()).filter(Boolean) } : {}),
      });
      setError(null);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <form
      className="endpoint-editor"
      data-testid="endpoint-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Name <input data-testid="endpoint-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Status <input data-testid="endpoint-status" type="number" min={200} max={599} value={status} onChange={(e) => setStatus(e.target.value)} />
      </label>
      <label>
        Delay (ms, ≤ {MAX_RESPONSE_DELAY_MS}) <input data-testid="endpoint-delay" type="number" min={0} max={MAX_RESPONSE_DELAY_MS} value={delay} onChange={(e) => setDelay(e.target.value)} />
      </label>
      <label>
        Response headers <textarea data-testid="endpoint-headers" rows={3} value={headers} onChange={(e) => setHeaders(e.target.value)} />
      </label>
      <label>
        Response body <textarea data-testid="endpoint-body" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <label>
        Forward to (your app) <input data-testid="endpoint-forward" placeholder="http://localhost:3000/webhooks" value={forwardUrl} onChange={(e) => setForwardUrl(e.target.value)} />
      </label>
      <label className="inline-label">
        <input type="checkbox" data-testid="endpoint-proxy" checked={proxy} onChange={(e) => setProxy(e.target.checked)} /> Answer with the app&apos;s response (proxy)
      </label>
      <label>
        Signature scheme <SchemeSelect value={scheme} onChange={setScheme} allowDetect testId="endpoint-scheme" />
      </label>
      <label>
        Secrets, newest first, one per line ({endpoint.secrets.length ? `stored: ${endpoint.secrets.map((s) => (s.unavailable ? `${s.hint} (${s.unavailable})` : s.hint)).join(', ')}` : 'none stored'}; leave empty to keep)
        <textarea data-testid="endpoint-secrets" rows={2} value={secrets} onChange={(e) => setSecrets(e.target.value)} autoComplete="off" spellCheck={false} className="secret-field" />
      </label>
      {error && <p className="warn">{error}</p>}
      <div className="filter-row">
        <button type="submit" className="copy-button" data-testid="endpoint-save">
          Save
        </button>
        <button
          type="button"
          className="copy-button"
          data-testid="endpoint-clear"
          onClick={() => {
            if (confirm(`Delete every request captured by ${endpoint.slug}?`)) clearRequests(endpoint.slug).catch((e: unknown) => setError((e as Error).message));
          }}
        >
          Clear requests
        </button>
        <button
          type="button"
          className="copy-button danger"
          data-testid="endpoint-delete"
          onClick={() => {
            if (confirm(`Delete endpoint ${endpoint.slug}? Its requests are kept in the log.`)) void remove(endpoint.slug, false).then(onDone);
          }}
        >
          Delete endpoint
        </button>
      </div>
    </form>
  );
}

import { lazy, Suspense, useState } from 'react';
import { base64ToBytes } from '../../../../shared/body-view';
import { headersToText } from '../../../../shared/header-text';
import type { HeaderPairs } from '../../../../shared/request-schemas';
import type { SchemeId } from '../../../../shared/signatures';
import { CopyButton } from '../../components/copy-button';
import { SchemeSelect } from '../../components/scheme-select';
import { SignaturesStore } from './signatures-store';

const CodeEditor = lazy(() => import('../../components/code-editor'));

function textOf(base64: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(base64));
  } catch {
    return '';
  }
}

/** "Sign this": correct headers for any scheme over a body typed in Monaco. */
export function SignTool({ initialBody, initialScheme }: { initialBody: string; initialScheme: SchemeId | null }) {
  const signPayload = SignaturesStore.use((s) => s.sign);
  const [open, setOpen] = useState(false);
  const [scheme, setScheme] = useState<SchemeId | null>(initialScheme ?? 'standard-webhooks');
  const [secret, setSecret] = useState('');
  const [url, setUrl] = useState('');
  const [body, setBody] = useState(() => textOf(initialBody));
  const [headers, setHeaders] = useState<HeaderPairs | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" className="link-button" data-testid="sign-tool-open" onClick={() => setOpen(true)}>
        Sign a payload…
      </button>
    );
  }
  const sign = async () => {
    if (!scheme) return;
    try {
      const out = await signPayload({ scheme, secret, body, ...(url ? { url } : {}) });
      setHeaders(out.headers);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      setHeaders(null);
    }
  };
  return (
    <section className="sign-tool" data-testid="sign-tool">
      <h4>Sign a payload</h4>
      <div className="filter-row">
        <SchemeSelect value={scheme} onChange={setScheme} allowDetect={false} testId="sign-scheme" />
        <input className="inline-search" data-testid="sign-secret" type="password" autoComplete="off" placeholder="secret" value={secret} onChange={(e) => setSecret(e.target.value)} />
        <input className="inline-search" data-testid="sign-url" placeholder="URL (Twilio, custom {url})" value={url} onChange={(e) => setUrl(e.target.value)} />
        <button type="button" className="copy-button" data-testid="sign-go" onClick={() => void sign()}>
          Sign
        </button>
      </div>
      <Suspense fallback={<pre className="code-fallback">{body}</pre>}>
        <CodeEditor initialValue={body} language="json" path="sign-tool.json" onChange={setBody} />
      </Suspense>
      {error && <p className="warn">{error}</p>}
      {headers && (
        <div data-testid="sign-headers">
          <pre className="code-fallback">{headersToText(headers)}</pre>
          <CopyButton text={headersToText(headers)} label="Copy headers" />
        </div>
      )}
    </section>
  );
}

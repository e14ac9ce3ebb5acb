import { useCallback, useEffect, useState } from 'react';
import type { RequestDetail } from '../../../../shared/request-schemas';
import { type ReferenceTime, SCHEMES, type SchemeId, type VerifyResult } from '../../../../shared/signatures';
import { EndpointsStore } from '../../stores/endpoints-store';
import { safeBytes } from './safe-bytes';
import { SchemeSelect } from '../../components/scheme-select';
import { SignTool } from './sign-tool';
import { SignaturesStore } from './signatures-store';
import { ageText, verdictTitle } from './verdict-text';

/**
 * The Signature Lab for one request: which scheme, which secret, the verdict and why, the computed
 * signature beside the received one, and the exact signed bytes. Verification runs on the server
 * against the bytes that arrived. With no secret typed, the endpoint's stored secrets are used.
 */
export function SignatureLab({ detail }: { detail: RequestDetail }) {
  const verifyRequest = SignaturesStore.use((s) => s.verify);
  const endpoint = EndpointsStore.use((s) => s.items.find((e) => e.slug === detail.endpoint) ?? null);
  const [scheme, setScheme] = useState<SchemeId | null>(null);
  const [secret, setSecret] = useState('');
  const [tolerance, setTolerance] = useState('');
  // Timestamps are judged at arrival unless the user asks what a live receiver would say now.
  const [at, setAt] = useState<ReferenceTime>('arrival');
  const [result, setResult] = useState<(VerifyResult & { at: ReferenceTime }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stored = endpoint?.secrets.length ?? 0;

  const verify = useCallback(async () => {
    setError(null);
    try {
      const verdict = await verifyRequest({
        id: detail.id,
        at,
        ...(secret ? { secret } : {}),
        ...(scheme ? { scheme } : {}),
        ...(tolerance !== '' ? { toleranceSec: Number(tolerance) } : {}),
      });
      setResult({ ...verdict, at });
    } catch (e) {
      setError((e as Error).message);
    }
  }, [verifyRequest, detail.id, secret, scheme, tolerance, at]);

  // With stored secrets the verdict is shown at once; otherwise it waits for a secret.
  useEffect(() => {
    if (stored > 0) void verify();
    // Only on opening a request (keyed by id): later runs are the user's.
  }, [detail.id, stored]);

  const info = SCHEMES[(scheme ?? result?.scheme ?? detail.scheme ?? 'custom') as SchemeId];
  return (
    <div className="signature-lab" data-testid="signature-lab">
      <p className="muted">
        Detected scheme: <strong data-testid="detected-scheme">{detail.scheme ? SCHEMES[detail.scheme as SchemeId]?.label ?? detail.scheme : 'none recognised'}</strong>
        {endpoint && ` · endpoint ${endpoint.slug}: ${stored} stored secret${stored === 1 ? '' : 's'}`}
      </p>
      <div className="filter-row">
        <SchemeSelect value={scheme} onChange={setScheme} allowDetect testId="lab-scheme" />
        <input
          className="inline-search lab-secret"
          data-testid="lab-secret"
          type="password"
          autoComplete="off"
          placeholder={stored ? 'stored secrets (type one to try another)' : 'signing secret or public key'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void verify()}
        />
        <input className="inline-search lab-tolerance" data-testid="lab-tolerance" type="number" min={0} placeholder="tolerance s" value={tolerance} onChange={(e) => setTolerance(e.target.value)} title="Timestamp tolerance in seconds (0 = off); empty = the scheme's default" />
        <select className="inline-search" data-testid="lab-at" value={at} onChange={(e) => setAt(e.target.value as ReferenceTime)} aria-label="Judge the timestamp at" title="The time a signed timestamp is judged against: when the request arrived, or now (what a live receiver would say)">
          <option value="arrival">timestamp at arrival</option>
          <option value="now">timestamp now</option>
        </select>
        <button type="button" className="copy-button" data-testid="lab-verify" onClick={() => void verify()}>
          Verify
        </button>
      </div>
      {info && <p className="muted small">{info.secretHelp}</p>}
      {error && <p className="warn">{error}</p>}
      {result && (
        <div className={`verdict verdict-${result.valid ? 'valid' : 'invalid'}`} data-testid="lab-result" data-reason={result.reason}>
          <p className="verdict-line">
            <strong data-testid="lab-verdict">{verdictTitle(result)}</strong> — <span data-testid="lab-message">{result.message}</span>
          </p>
          {result.hint && <p className="warn" data-testid="lab-hint">{result.hint}</p>}
          {result.ageSec !== null && (
            <p className="muted" data-testid="lab-age">
              {ageText(result.ageSec, result.at)}
            </p>
          )}
          {(result.expected || result.received) && (
            <dl className="overview">
              <dt>Received</dt>
              <dd>
                <code data-testid="lab-received">{result.received ?? '—'}</code>
              </dd>
              <dt>Computed</dt>
              <dd>
                <code data-testid="lab-expected">{result.expected ?? '—'}</code>
              </dd>
            </dl>
          )}
          {result.signedStringBase64 && (
            <>
              <h4>Signed bytes</h4>
              <pre className="code-fallback signed-string" data-testid="lab-signed-string">
                {safeBytes(result.signedStringBase64)}
              </pre>
            </>
          )}
        </div>
      )}
      <SignTool initialBody={detail.bodyBase64} initialScheme={scheme ?? (detail.scheme as SchemeId | null)} />
    </div>
  );
}

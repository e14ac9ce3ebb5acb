import { lazy, Suspense, useMemo, useState } from 'react';
import { base64ToBytes, hexDump, LARGE_VIEW_CHARS, viewBody, type BodyView } from '../../../../shared/body-view';
import type { RequestDetail } from '../../../../shared/request-schemas';
import { formatBytes } from '../../format';
import { PairsTable } from '../../components/pairs-table';

const CodeView = lazy(() => import('../../components/code-view'));

type Mode = 'pretty' | 'raw' | 'hex';

/** What the placeholder shows while Monaco loads: laying out megabytes of text would delay it. */
const FALLBACK_CHARS = 64 * 1024;

function Code({ value, language, path }: { value: string; language: string; path: string }) {
  const large = value.length > LARGE_VIEW_CHARS;
  return (
    <>
      {large && (
        <p className="muted" data-testid="large-body-note">
          Large body: shown without syntax colours or line wrapping (folding and find still work).
        </p>
      )}
      <Suspense fallback={<pre className="code-fallback">{value.slice(0, FALLBACK_CHARS)}</pre>}>
        <CodeView value={value} language={language} path={path} large={large} />
      </Suspense>
    </>
  );
}

/** One body view: pretty JSON/XML in Monaco, forms as a table, parts listed, bytes as hex. */
function View({ view, path, size }: { view: BodyView; path: string; size: number }) {
  switch (view.kind) {
    case 'empty':
      return <p className="muted">No body.</p>;
    case 'binary':
      return (
        <>
          <p className="muted">Binary body, shown as hex{view.shownBytes < size ? ` (first ${view.shownBytes} bytes)` : ''}.</p>
          <pre className="hex" data-testid="hex-view">
            {view.hex}
          </pre>
        </>
      );
    case 'json':
      return <Code value={view.pretty} language="json" path={`${path}.json`} />;
    case 'form':
      return <PairsTable pairs={view.pairs} testId="form-table" />;
    case 'multipart':
      return (
        <div className="parts" data-testid="multipart-parts">
          {view.parts.map((part, i) => (
            <section key={i} className="part" data-testid="multipart-part">
              <h4>
                Part {i + 1}: {part.name ?? '(no name)'}
                {part.filename && <span className="muted"> — file {part.filename}</span>}
                <span className="muted">
                  {' '}
                  · {part.contentType ?? 'text/plain'} · {formatBytes(part.size)}
                </span>
              </h4>
              <View view={part.view} path={`${path}-part${i}`} size={part.size} />
            </section>
          ))}
        </div>
      );
    case 'text':
      return (
        <>
          {view.jsonError && (
            <p className="warn" data-testid="json-error">
              Declared as JSON but does not parse: {view.jsonError}. Shown raw.
            </p>
          )}
          <Code value={view.pretty ?? view.text} language={view.language} path={`${path}.txt`} />
        </>
      );
  }
}

/** The body, with pretty / raw / hex modes; never a blank pane. */
export function BodyPane({ detail }: { detail: RequestDetail }) {
  const bytes = useMemo(() => base64ToBytes(detail.bodyBase64), [detail]);
  const view = useMemo(() => viewBody(bytes, detail.contentType), [bytes, detail.contentType]);
  const [mode, setMode] = useState<Mode>('pretty');
  const path = `request-${detail.id}`;
  const raw = useMemo(() => (mode === 'raw' ? new TextDecoder().decode(bytes) : ''), [mode, bytes]);
  const hex = useMemo(() => (mode === 'hex' ? hexDump(bytes.subarray(0, 64 * 1024)) : ''), [mode, bytes]);
  return (
    <div className="body-pane">
      {bytes.length > 0 && (
        <div className="mode-switch" role="tablist" aria-label="Body view">
          {(['pretty', 'raw', 'hex'] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} data-testid={`body-mode-${m}`} className={`chip${mode === m ? ' chip-on' : ''}`} onClick={() => setMode(m)}>
              {m}
            </button>
          ))}
        </div>
      )}
      {mode === 'pretty' && <View view={view} path={path} size={detail.size} />}
      {mode === 'raw' && (
        <pre className="code-fallback raw-view" data-testid="raw-view">
          {raw}
        </pre>
      )}
      {mode === 'hex' && (
        <pre className="hex" data-testid="hex-view">
          {hex}
        </pre>
      )}
    </div>
  );
}

import { lazy, Suspense, useMemo } from 'react';
import { base64ToBytes, viewBody } from '../../../../shared/body-view';
import type { RequestDetail } from '../../../../shared/request-schemas';

const CodeView = lazy(() => import('../../components/code-view'));

/** The body: pretty JSON in Monaco, text as text, bytes as hex; never a blank pane. */
export function BodyPane({ detail }: { detail: RequestDetail }) {
  const view = useMemo(() => viewBody(base64ToBytes(detail.bodyBase64), detail.contentType), [detail]);
  const path = `request-${detail.id}`;
  switch (view.kind) {
    case 'empty':
      return <p className="muted">No body.</p>;
    case 'binary':
      return (
        <>
          <p className="muted">
            Binary body, shown as hex{view.shownBytes < detail.size ? ` (first ${view.shownBytes} bytes)` : ''}.
          </p>
          <pre className="hex" data-testid="hex-view">
            {view.hex}
          </pre>
        </>
      );
    case 'json':
      return (
        <Suspense fallback={<pre className="code-fallback">{view.pretty}</pre>}>
          <CodeView value={view.pretty} language="json" path={`${path}.json`} />
        </Suspense>
      );
    case 'text':
      return (
        <>
          {view.jsonError && <p className="warn">Declared as JSON but does not parse: {view.jsonError}. Shown raw.</p>}
          <Suspense fallback={<pre className="code-fallback">{view.text}</pre>}>
            <CodeView value={view.text} language={view.language} path={`${path}.txt`} />
          </Suspense>
        </>
      );
  }
}

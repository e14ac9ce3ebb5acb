import { lazy, Suspense } from 'react';
import { CopyButton } from '../../components/copy-button';
import { downloadText } from '../../download';
import { SchemasStore, type GeneratedCode } from './schemas-store';

const CodeView = lazy(() => import('../../components/code-view'));

/** Generated TypeScript types or zod schemas, read-only, to copy or download. */
export function GeneratedCodeView({ generated }: { generated: GeneratedCode }) {
  const close = SchemasStore.use((s) => s.closeGenerated);
  return (
    <section className="generated-code" data-testid="generated-code">
      <div className="filter-row">
        <strong>{generated.language === 'zod' ? 'zod schemas' : 'TypeScript types'}</strong>
        <code className="muted">{generated.filename}</code>
        <span className="spacer" />
        <CopyButton text={generated.code} />
        <button type="button" className="copy-button" data-testid="generated-download" onClick={() => downloadText(generated.filename, generated.code, 'text/plain')}>
          Download
        </button>
        <button type="button" className="copy-button" onClick={close}>
          Close
        </button>
      </div>
      <Suspense fallback={<pre className="code-fallback">{generated.code}</pre>}>
        <CodeView value={generated.code} language="typescript" path={`generated/${generated.filename}`} />
      </Suspense>
    </section>
  );
}

import { lazy, Suspense, useState } from 'react';
import type { SchemaDetail } from '../../../../shared/contracts/schema-api';
import { FileButton } from '../../components/file-button';
import { SchemasStore } from './schemas-store';

const CodeEditor = lazy(() => import('../../components/code-editor'));

/** The editor's text as a JSON Schema object, or why it is not one. */
function parseSchema(text: string): Record<string, unknown> | string {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'a JSON Schema is a JSON object';
  } catch (e) {
    return `not valid JSON: ${(e as Error).message}`;
  }
}

/**
 * Pin a JSON Schema to the event, edited in Monaco from the current one or loaded from a file:
 * captures are then validated against it instead of what was learned.
 */
export function PinEditor({ detail, onDone }: { detail: SchemaDetail; onDone(): void }) {
  const busy = SchemasStore.use((s) => s.busy);
  const pin = SchemasStore.use((s) => s.pin);
  const [text, setText] = useState(() => JSON.stringify(detail.jsonSchema, null, 2));
  // The editor owns its text once mounted: a file loaded replaces it by remounting.
  const [revision, setRevision] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const load = async (file: File) => {
    setText(await file.text());
    setRevision((r) => r + 1);
  };
  const submit = async () => {
    const schema = parseSchema(text);
    if (typeof schema === 'string') return setProblem(schema);
    setProblem(null);
    if (await pin(schema)) onDone();
  };

  return (
    <section className="pin-editor" data-testid="pin-editor">
      <Suspense fallback={<pre className="code-fallback">{text}</pre>}>
        <CodeEditor key={revision} initialValue={text} language="json" path={`pin-${detail.endpoint ?? ''}-${detail.event}-${revision}.schema.json`} onChange={setText} />
      </Suspense>
      <div className="filter-row">
        <button type="button" className="copy-button" data-testid="schema-pin" disabled={busy} onClick={() => void submit()}>
          Pin this schema
        </button>
        <FileButton label="Load a file…" accept=".json,application/json,application/schema+json" testId="schema-pin-file" onFile={(file) => void load(file)} />
        <button type="button" className="copy-button" onClick={onDone}>
          Cancel
        </button>
        {problem && <span className="warn">{problem}</span>}
      </div>
    </section>
  );
}

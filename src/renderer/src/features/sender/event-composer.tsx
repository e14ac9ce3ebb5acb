import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ProviderPreset } from '../../../../shared/sender-schemas';
import { SenderStore } from './sender-store';

const CodeEditor = lazy(() => import('../../components/code-editor'));

/**
 * Compose an event: a provider's catalog event as the whole body it would send, edited in Monaco
 * (JSON validated as you type), then emitted to every subscribed target of that provider or sent
 * as a test to one target.
 */
export function EventComposer() {
  const catalog = SenderStore.use((s) => s.catalog);
  const targets = SenderStore.use((s) => s.targets);
  const emit = SenderStore.use((s) => s.emit);
  const sendTest = SenderStore.use((s) => s.sendTest);
  const refreshCatalog = SenderStore.use((s) => s.refreshCatalog);
  const [provider, setProvider] = useState<ProviderPreset>('feedbackpulse');
  const [eventName, setEventName] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [revision, setRevision] = useState(0);
  const [testTarget, setTestTarget] = useState<number | ''>('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const entry = catalog.find((p) => p.provider === provider) ?? null;
  const event = entry?.events.find((e) => e.name === eventName) ?? entry?.events[0] ?? null;
  const sampleText = useMemo(() => (event ? JSON.stringify(event.envelope, null, 2) : ''), [event]);
  // A new event (or a fresh sample) replaces the editor's text.
  useEffect(() => {
    setText(sampleText);
    setRevision((r) => r + 1);
  }, [sampleText]);

  const parsed = (): Record<string, unknown> | null => {
    if (problems.length > 0) {
      setNote({ ok: false, text: `Fix the JSON first: ${problems[0]}` });
      return null;
    }
    try {
      const value = JSON.parse(text) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the body must be a JSON object');
      return value as Record<string, unknown>;
    } catch (e) {
      setNote({ ok: false, text: `Not valid JSON: ${(e as Error).message}` });
      return null;
    }
  };
  const run = async (work: () => Promise<string>) => {
    try {
      setNote({ ok: true, text: await work() });
    } catch (e) {
      setNote({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <section className="composer" data-testid="composer">
      <div className="filter-row">
        <select data-testid="composer-provider" value={provider} onChange={(e) => (setProvider(e.target.value as ProviderPreset), setEventName(null), setTestTarget(''))}>
          {catalog.map((p) => (
            <option key={p.provider} value={p.provider}>
              {p.label}
            </option>
          ))}
        </select>
        <select data-testid="composer-event" value={event?.name ?? ''} onChange={(e) => setEventName(e.target.value)}>
          {entry?.events.map((e) => (
            <option key={e.name} value={e.name} title={e.description}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="button" className="copy-button" title="New ids and timestamps" onClick={() => void refreshCatalog()}>
          Fresh sample
        </button>
      </div>
      {entry && <p className="muted small composer-notes">{entry.notes}</p>}
      <Suspense fallback={<pre className="code-fallback">{text}</pre>}>
        <CodeEditor key={`${provider}:${event?.name}:${revision}`} initialValue={text} language="json" path={`composer-${provider}-${revision}.json`} onChange={setText} onProblems={setProblems} />
      </Suspense>
      <div className="filter-row">
        <button
          type="button"
          className="copy-button"
          data-testid="composer-emit"
          disabled={!event}
          onClick={() => {
            const payload = parsed();
            if (!payload || !event) return;
            void run(async () => {
              const made = await emit({ event: event.name, provider, payload });
              return made.length ? `Emitted to ${made.length} target${made.length === 1 ? '' : 's'}` : `No active ${entry?.label} target is subscribed to ${event.name}`;
            });
          }}
        >
          Emit to subscribed {entry?.label} targets
        </button>
        <select data-testid="composer-test-target" value={testTarget} onChange={(e) => setTestTarget(e.target.value ? Number(e.target.value) : '')}>
          <option value="">Test target…</option>
          {/* The composed body is this provider's envelope: only its targets can be sent it. */}
          {targets
            .filter((t) => t.provider === provider)
            .map((t) => (
              <option key={t.id} value={t.id}>
                {t.url}
              </option>
            ))}
        </select>
        <button
          type="button"
          className="copy-button"
          data-testid="composer-test"
          disabled={testTarget === '' || !event}
          onClick={() => {
            const payload = parsed();
            if (!payload || !event || testTarget === '') return;
            void run(async () => {
              await sendTest(testTarget, event.name, payload);
              return 'Test event sent';
            });
          }}
        >
          Send test event
        </button>
      </div>
      {note && (
        <span className={note.ok ? 'ok small' : 'danger small'} data-testid="composer-note">
          {note.text}
        </span>
      )}
    </section>
  );
}

import { FieldTree } from './field-tree';
import { GeneratedCodeView } from './generated-code';
import { SchemaActions } from './schema-actions';
import { SchemasStore } from './schemas-store';

/** The selected schema: what it was learned from, its actions, generated types and its fields. */
export function SchemaPane({ onOpenRequest }: { onOpenRequest(id: number): void }) {
  const selected = SchemasStore.use((s) => s.selected);
  const detail = SchemasStore.use((s) => s.detail);
  const error = SchemasStore.use((s) => s.error);
  const generated = SchemasStore.use((s) => s.generated);

  return (
    <div className="detail" data-testid="schema-pane">
      {error && (
        <p className="warn" data-testid="schema-error">
          {error}
        </p>
      )}
      {generated && <GeneratedCodeView generated={generated} />}
      {!selected && !generated && <div className="detail-empty">Select a schema to see its fields.</div>}
      {selected && !detail && !error && <div className="detail-empty">Loading…</div>}
      {detail && (
        <>
          <header className="detail-head">
            <span className="event-tag" data-testid="schema-event">
              {detail.event}
            </span>
            <span className="muted">{detail.endpoint ?? 'default inbox'}</span>
            {detail.pinned && <span className="sig-badge">pinned</span>}
          </header>
          <p className="muted small" data-testid="schema-stats">
            Learned from {detail.samples.toLocaleString()} samples, seen {new Date(detail.firstSeen).toLocaleString()} – {new Date(detail.lastSeen).toLocaleString()}
            {detail.drifted > 0 && `; ${detail.drifted} flagged as drift`}.
          </p>
          <SchemaActions key={`${detail.endpoint ?? ''}/${detail.event}`} detail={detail} />
          <FieldTree fields={detail.fields} onOpenRequest={onOpenRequest} />
        </>
      )}
    </div>
  );
}

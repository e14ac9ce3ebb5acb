import { relativeTime } from '../../format';
import { DriftThreshold } from './drift-threshold';
import { inScope, sameRef, SchemasStore, type EndpointScope } from './schemas-store';

/** `<select>` values for the endpoint filter: a slug is never empty nor `*`. */
const ALL = '*';
const toValue = (scope: EndpointScope) => (scope.all ? ALL : (scope.endpoint ?? ''));
const toScope = (value: string): EndpointScope => (value === ALL ? { all: true } : { all: false, endpoint: value || null });

/** The learned schemas, one per (endpoint, event), narrowed by endpoint; tick several to generate types for them. */
export function SchemaList() {
  const items = SchemasStore.use((s) => s.items);
  const scope = SchemasStore.use((s) => s.scope);
  const selected = SchemasStore.use((s) => s.selected);
  const checked = SchemasStore.use((s) => s.checked);
  const busy = SchemasStore.use((s) => s.busy);
  const { setScope, select, toggleChecked, generate } = SchemasStore.useApi().getState();
  const endpoints = [...new Set(items.map((s) => s.endpoint))];
  const shown = items.filter((s) => inScope(scope, s));
  const target = checked.length > 0 ? `${checked.length} ticked` : selected ? selected.event : null;

  return (
    <aside className="inbox schema-list" data-testid="schema-list">
      <div className="pane-title">
        Schemas <span className="muted">{shown.length > 0 ? shown.length : ''}</span>
      </div>
      <div className="filter-bar">
        <div className="filter-row">
          <select data-testid="schema-endpoint" aria-label="Endpoint" value={toValue(scope)} onChange={(e) => setScope(toScope(e.target.value))}>
            <option value={ALL}>All endpoints</option>
            {endpoints.map((endpoint) => (
              <option key={endpoint ?? ''} value={endpoint ?? ''}>
                {endpoint ?? 'default inbox'}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-row">
          <button type="button" className="copy-button" data-testid="generate-typescript" disabled={busy || !target} onClick={() => void generate('typescript')}>
            Generate TypeScript
          </button>
          <button type="button" className="copy-button" data-testid="generate-zod" disabled={busy || !target} onClick={() => void generate('zod')}>
            Generate zod
          </button>
          {target && <span className="muted small">for {target}</span>}
        </div>
      </div>
      <div className="inbox-list">
        {shown.length === 0 && <p className="inbox-empty">No schema yet: schemas are learned from the JSON bodies of captures whose event is known.</p>}
        {shown.map((s) => (
          <div
            key={`${s.endpoint ?? ''}/${s.event}`}
            className={`request-row schema-row${sameRef(selected, s) ? ' selected' : ''}`}
            data-testid="schema-row"
            data-event={s.event}
            onClick={() => void select({ event: s.event, endpoint: s.endpoint })}
          >
            <div className="row-line">
              <input
                type="checkbox"
                className="row-check"
                data-testid="schema-check"
                aria-label={`Tick ${s.event} for type generation`}
                checked={checked.some((c) => sameRef(c, s))}
                onClick={(e) => e.stopPropagation()}
                onChange={() => toggleChecked({ event: s.event, endpoint: s.endpoint })}
              />
              <span className="event-tag">{s.event}</span>
              <span className="muted">{s.endpoint ?? 'default inbox'}</span>
              {s.pinned && <span className="sig-badge" data-testid="schema-pinned">pinned</span>}
              {s.drifted > 0 && (
                <span className="drift-badge" data-testid="schema-drifted" title="Captures flagged as departing from this schema">
                  drift {s.drifted}
                </span>
              )}
            </div>
            <div className="row-line row-meta">
              <span data-testid="schema-samples">{s.samples.toLocaleString()} samples</span>
              <span title={s.firstSeen}>first {relativeTime(s.firstSeen)}</span>
              <span className="row-time" title={s.lastSeen}>
                last {relativeTime(s.lastSeen)}
              </span>
            </div>
          </div>
        ))}
      </div>
      <DriftThreshold />
    </aside>
  );
}

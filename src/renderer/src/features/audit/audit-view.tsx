import { useEffect, useState } from 'react';
import { AuditStore } from './audit-store';
import './audit.css';

/** Who did what on this Hookbench: each mutation with its actor (token name and role), target and outcome. */
export function AuditView() {
  const items = AuditStore.use((s) => s.items);
  const nextCursor = AuditStore.use((s) => s.nextCursor);
  const actor = AuditStore.use((s) => s.actor);
  const error = AuditStore.use((s) => s.error);
  const loading = AuditStore.use((s) => s.loading);
  const { load, loadMore, setActor } = AuditStore.useApi().getState();
  const [draft, setDraft] = useState(actor);
  const actors = [...new Set(items.map((e) => e.actor))].sort();

  useEffect(() => void load(), [load]);

  return (
    <main className="audit-view" data-testid="audit-view">
      <div className="filter-row audit-filters">
        <form
          className="filter-row"
          onSubmit={(e) => {
            e.preventDefault();
            void setActor(draft.trim());
          }}
        >
          <input data-testid="audit-filter-actor" list="audit-actors" placeholder="actor (token name)" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <datalist id="audit-actors">
            {actors.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <button type="submit" className="copy-button" data-testid="audit-filter-apply">
            Filter
          </button>
          {actor && (
            <button
              type="button"
              className="copy-button"
              onClick={() => {
                setDraft('');
                void setActor('');
              }}
            >
              Everyone
            </button>
          )}
        </form>
        <button type="button" className="copy-button" data-testid="audit-refresh" onClick={() => void load()}>
          Refresh
        </button>
        {loading && <span className="muted">Loading…</span>}
      </div>
      {error && <p className="warn" data-testid="audit-error">{error}</p>}
      <table className="pairs audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>when</th>
            <th>who</th>
            <th>did</th>
            <th>on</th>
            <th>outcome</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td className="muted">{new Date(e.at).toLocaleString()}</td>
              <td data-testid="audit-actor">
                {e.actor} <span className="muted">({e.actorRole})</span>
              </td>
              <td data-testid="audit-method">{e.method}</td>
              <td>
                <code>{e.target}</code>
              </td>
              <td className={e.outcome === 'ok' ? '' : 'warn'} data-testid="audit-outcome">
                {e.outcome}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && !loading && !error && <p className="muted">Nothing recorded{actor ? ` for ${actor}` : ''} yet.</p>}
      {nextCursor && (
        <button type="button" className="copy-button" data-testid="audit-more" onClick={() => void loadMore()}>
          Older entries
        </button>
      )}
    </main>
  );
}

import { useState, type ReactNode } from 'react';
import { isFiltered } from '../../../../shared/filter-url';
import { InboxStore } from '../../stores/inbox-store';

/**
 * Export or delete either the ticked requests or, with none ticked, the whole current filter
 * result (the server walks the filter, so it is not limited to the rows loaded here). `replay`:
 * the bulk replay control, composed in by the app shell (it belongs to the replay feature).
 */
export function BulkBar({ replay }: { replay: ReactNode }) {
  const checked = InboxStore.use((s) => s.checked);
  const items = InboxStore.use((s) => s.items);
  const filtered = InboxStore.use((s) => isFiltered(s.view));
  const setChecked = InboxStore.use((s) => s.setChecked);
  const exportSelection = InboxStore.use((s) => s.exportSelection);
  const saveCollection = InboxStore.use((s) => s.saveCollection);
  const deleteSelection = InboxStore.use((s) => s.deleteSelection);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (items.length === 0 && checked.size === 0) return null;

  const scope = checked.size > 0 ? `${checked.size} selected` : filtered ? 'this view' : 'all';
  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    try {
      setNote(await action());
    } catch (e) {
      setNote((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <input
        type="checkbox"
        aria-label="Select all loaded requests"
        data-testid="check-all"
        checked={checked.size > 0 && checked.size === items.length}
        onChange={(e) => setChecked(e.target.checked ? items.map((r) => r.id) : [])}
      />
      <span className="muted" data-testid="bulk-scope">
        {scope}
      </span>
      <button type="button" className="copy-button" disabled={busy} data-testid="export-har" onClick={() => void run(async () => (await exportSelection('har'), null))}>
        Export HAR
      </button>
      <button type="button" className="copy-button" disabled={busy} data-testid="export-json" onClick={() => void run(async () => (await exportSelection('json'), null))}>
        Export JSON
      </button>
      <button
        type="button"
        className="copy-button"
        disabled={busy}
        data-testid="save-collection"
        title="A collection for `hookbench test`: these requests as captured, each expecting a 2xx"
        onClick={() => void run(async () => (await saveCollection(), null))}
      >
        Save collection
      </button>
      <button
        type="button"
        className="copy-button danger"
        disabled={busy}
        data-testid="delete-selection"
        onClick={() => {
          if (confirm(`Delete ${scope === 'all' ? 'every captured request' : scope}?`)) void run(async () => `${await deleteSelection()} deleted`);
        }}
      >
        Delete
      </button>
      {replay}
      {note && <span className="muted">{note}</span>}
    </div>
  );
}

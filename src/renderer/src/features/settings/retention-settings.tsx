import { useEffect, useState } from 'react';
import { formatBytes } from '../../format';
import { RetentionStore } from './retention-store';
import './settings.css';

const MB = 1024 * 1024;

/**
 * How much history to keep; the oldest requests are dropped, new ones are never refused. Limits
 * that would delete stored requests say how many first, and wait for a confirmation.
 */
export function RetentionSettings({ onClose }: { onClose: () => void }) {
  const current = RetentionStore.use((s) => s.current);
  const pending = RetentionStore.use((s) => s.pending);
  const busy = RetentionStore.use((s) => s.busy);
  const error = RetentionStore.use((s) => s.error);
  const { load, review, confirm, cancel } = RetentionStore.useApi().getState();
  const [count, setCount] = useState('');
  const [megabytes, setMegabytes] = useState('');

  useEffect(() => {
    void load();
    // A confirmation belongs to the panel that asked for it.
    return cancel;
  }, [load, cancel]);
  useEffect(() => {
    if (!current) return;
    setCount(current.maxCount === null ? '' : String(current.maxCount));
    setMegabytes(current.maxBytes === null ? '' : String(Math.round(current.maxBytes / MB)));
  }, [current]);

  return (
    <form
      className="settings-panel"
      data-testid="retention-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void review({ maxCount: count ? Number(count) : null, maxBytes: megabytes ? Number(megabytes) * MB : null }).then((saved) => saved && onClose());
      }}
    >
      <h3>Retention</h3>
      {current && (
        <p className="muted" data-testid="retention-usage">
          Stored now: {current.usage.count.toLocaleString('en-US')} requests, {formatBytes(current.usage.bytes)}.
        </p>
      )}
      <label>
        Keep at most (requests){' '}
        <input data-testid="retention-count" type="number" min={1} placeholder="unlimited" value={count} disabled={pending !== null} onChange={(e) => setCount(e.target.value)} />
      </label>
      <label>
        Keep at most (MB){' '}
        <input data-testid="retention-mb" type="number" min={1} placeholder="unlimited" value={megabytes} disabled={pending !== null} onChange={(e) => setMegabytes(e.target.value)} />
      </label>
      <p className="muted">The oldest requests are dropped first; new requests are never refused.</p>
      {error && <p className="warn" data-testid="retention-error">{error}</p>}
      {pending ? (
        <div className="retention-confirm" role="alertdialog" aria-labelledby="retention-confirm-text" data-testid="retention-confirm">
          <p id="retention-confirm-text" data-testid="retention-confirm-text">
            This deletes {pending.wouldDelete.toLocaleString('en-US')} request{pending.wouldDelete === 1 ? '' : 's'} now. Continue?
          </p>
          <div className="filter-row">
            <button type="button" className="copy-button danger" data-testid="retention-confirm-delete" disabled={busy} onClick={() => void confirm().then((saved) => saved && onClose())}>
              Delete {pending.wouldDelete.toLocaleString('en-US')} and save
            </button>
            <button type="button" className="copy-button" data-testid="retention-confirm-cancel" autoFocus onClick={cancel}>
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <div className="filter-row">
          <button type="submit" className="copy-button" data-testid="retention-save" disabled={busy}>
            Save
          </button>
          <button type="button" className="copy-button" onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

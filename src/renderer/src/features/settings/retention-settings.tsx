import { useEffect, useState } from 'react';
import { formatBytes } from '../../format';
import { useEndpoints } from '../../stores/endpoints-store';

const MB = 1024 * 1024;

/** How much history to keep; the oldest requests are dropped, new ones are never refused. */
export function RetentionSettings({ onClose }: { onClose: () => void }) {
  const retention = useEndpoints((s) => s.retention);
  const load = useEndpoints((s) => s.loadRetention);
  const save = useEndpoints((s) => s.saveRetention);
  const [count, setCount] = useState('');
  const [megabytes, setMegabytes] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => void load().catch((e: unknown) => setError((e as Error).message)), [load]);
  useEffect(() => {
    if (!retention) return;
    setCount(retention.maxCount === null ? '' : String(retention.maxCount));
    setMegabytes(retention.maxBytes === null ? '' : String(Math.round(retention.maxBytes / MB)));
  }, [retention]);

  return (
    <form
      className="settings-panel"
      data-testid="retention-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save({ maxCount: count ? Number(count) : null, maxBytes: megabytes ? Number(megabytes) * MB : null }).then(onClose, (err: unknown) =>
          setError((err as Error).message),
        );
      }}
    >
      <h3>Retention</h3>
      {retention && (
        <p className="muted" data-testid="retention-usage">
          Stored now: {retention.usage.count.toLocaleString()} requests, {formatBytes(retention.usage.bytes)}.
        </p>
      )}
      <label>
        Keep at most (requests) <input data-testid="retention-count" type="number" min={1} placeholder="unlimited" value={count} onChange={(e) => setCount(e.target.value)} />
      </label>
      <label>
        Keep at most (MB) <input data-testid="retention-mb" type="number" min={1} placeholder="unlimited" value={megabytes} onChange={(e) => setMegabytes(e.target.value)} />
      </label>
      <p className="muted">The oldest requests are dropped first; new requests are never refused.</p>
      {error && <p className="warn">{error}</p>}
      <div className="filter-row">
        <button type="submit" className="copy-button" data-testid="retention-save">
          Save
        </button>
        <button type="button" className="copy-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

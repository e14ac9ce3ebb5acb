import { useState } from 'react';
import type { DriftDifference } from '../../../../shared/contracts/drift';
import { driftLine } from '../../format';
import { InboxStore } from '../../stores/inbox-store';
import { useCan } from '../../stores/use-can';

/** How a flagged capture departs from its event's schema, and accepting that as the new normal. */
export function DriftPanel({ requestId, event, differences }: { requestId: number; event: string | null; differences: DriftDifference[] }) {
  const acceptDrift = InboxStore.use((s) => s.acceptDrift);
  const canAccept = useCan('acceptDrift');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = async () => {
    setBusy(true);
    try {
      await acceptDrift(requestId);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="drift-panel" data-testid="drift-panel">
      <strong>Departs from the schema of {event ?? 'its event'}</strong>
      <ul className="drift-list">
        {differences.map((d) => (
          <li key={`${d.kind}:${d.path}`} data-testid="drift-difference" data-kind={d.kind}>
            {driftLine(d)}
          </li>
        ))}
      </ul>
      <div className="filter-row">
        {canAccept && (
          <button type="button" className="copy-button" data-testid="accept-drift" disabled={busy} onClick={() => void accept()}>
            Accept as new normal
          </button>
        )}
        {error && <span className="warn">{error}</span>}
      </div>
    </section>
  );
}

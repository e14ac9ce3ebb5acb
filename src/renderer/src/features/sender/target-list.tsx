import { useState } from 'react';
import type { Target } from '../../../../shared/sender-schemas';
import { SenderStore } from './sender-store';
import { PROVIDER_LABELS } from '../../../../shared/sender-schemas';
import { TargetEditor } from './target-editor';

function TargetItem({ target }: { target: Target }) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const save = SenderStore.use((s) => s.saveTarget);
  const remove = SenderStore.use((s) => s.deleteTarget);
  const sendTest = SenderStore.use((s) => s.sendTest);
  const filter = SenderStore.use((s) => s.filter);
  const setFilter = SenderStore.use((s) => s.setFilter);
  const run = async (work: () => Promise<unknown>) => {
    try {
      setNote(null);
      await work();
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  const state = !target.active ? 'off' : target.paused ? 'paused' : 'on';
  return (
    <div className={`endpoint-item${filter.target === target.id ? ' active' : ''}`} data-testid="target-item">
      <button type="button" className="endpoint-pick" onClick={() => setFilter({ ...filter, target: filter.target === target.id ? undefined : target.id })}>
        <span className="endpoint-url">
          <code title={target.url}>{target.url}</code>
        </span>
        <span className="endpoint-sub muted">
          {PROVIDER_LABELS[target.provider]} · {target.events.join(', ')} · <span className={`target-state target-${state}`} data-testid="target-state">{state}</span>
          {target.secretHint ? ' · signed' : ''}
          {target.ssrf === 'public-only' ? ' · public only' : ''}
        </span>
      </button>
      {target.disabledReason && <span className="warn small" data-testid="target-disabled-reason">{target.disabledReason}</span>}
      {target.warnings.map((w) => (
        <span key={w} className="warn small" data-testid="target-warning">
          {w}
        </span>
      ))}
      <div className="filter-row">
        <button type="button" className="copy-button" data-testid="target-test" onClick={() => void run(() => sendTest(target.id))}>
          Send test event
        </button>
        <button type="button" className="copy-button" data-testid="target-pause" onClick={() => void run(() => save({ id: target.id, url: target.url, events: target.events, paused: !target.paused }))}>
          {target.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="copy-button" data-testid="target-edit" onClick={() => setEditing(!editing)}>
          Edit
        </button>
        <button
          type="button"
          className="copy-button danger"
          onClick={() => confirm(`Delete the target ${target.url} with its deliveries and their log?`) && void run(() => remove(target.id))}
        >
          Delete
        </button>
      </div>
      {note && <span className="danger small">{note}</span>}
      {editing && <TargetEditor target={target} onDone={() => setEditing(false)} />}
    </div>
  );
}

/** Sender targets (subscriptions): pick one to narrow the deliveries, test it, pause it, edit it. */
export function TargetList() {
  const targets = SenderStore.use((s) => s.targets);
  const [adding, setAdding] = useState(false);
  return (
    <nav className="endpoints targets" data-testid="targets">
      <div className="pane-title">Targets</div>
      {targets.length === 0 && !adding && <p className="muted small endpoint-error">No targets yet. Add the URL of the app you are building to send it webhooks as a provider would.</p>}
      {targets.map((t) => (
        <TargetItem key={t.id} target={t} />
      ))}
      <div className="endpoint-new">
        {adding ? (
          <TargetEditor target={null} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="copy-button" data-testid="target-add" onClick={() => setAdding(true)}>
            + Add target
          </button>
        )}
      </div>
    </nav>
  );
}

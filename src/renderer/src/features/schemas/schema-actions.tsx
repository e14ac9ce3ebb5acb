import { useState } from 'react';
import type { SchemaDetail } from '../../../../shared/contracts/schema-api';
import { downloadText } from '../../download';
import { InboxStore } from '../../stores/inbox-store';
import { isFiltered, viewToFilter } from '../../../../shared/filter-url';
import { useCan } from '../../stores/use-can';
import { PinEditor } from './pin-editor';
import { schemaFileName } from './schema-names';
import { SchemasStore } from './schemas-store';

/** Learn the schema again, from every capture of its event or from those the inbox's filter shows. */
function Rebuild() {
  const view = InboxStore.use((s) => s.view);
  const busy = SchemasStore.use((s) => s.busy);
  const rebuild = SchemasStore.use((s) => s.rebuild);
  const [from, setFrom] = useState<'all' | 'filter'>('all');
  const filtered = isFiltered(view);
  return (
    <span className="filter-row">
      <button
        type="button"
        className="copy-button"
        data-testid="schema-rebuild"
        disabled={busy}
        title="Forget what was learned and learn again from the captures chosen"
        onClick={() => void rebuild(from === 'filter' && filtered ? viewToFilter(view, Date.now()) : undefined)}
      >
        Rebuild
      </button>
      <select className="small-select" data-testid="schema-rebuild-from" aria-label="Rebuild from" value={filtered ? from : 'all'} onChange={(e) => setFrom(e.target.value as 'all' | 'filter')}>
        <option value="all">from all its captures</option>
        {filtered && <option value="filter">from the inbox&apos;s current filter</option>}
      </select>
    </span>
  );
}

/** What can be done with one schema: download it, rebuild it, pin a hand-edited one or unpin. */
export function SchemaActions({ detail }: { detail: SchemaDetail }) {
  const busy = SchemasStore.use((s) => s.busy);
  const pin = SchemasStore.use((s) => s.pin);
  const canRebuild = useCan('rebuildSchema');
  const canPin = useCan('pinSchema');
  const [pinning, setPinning] = useState(false);
  return (
    <>
      <div className="detail-actions">
        <button
          type="button"
          className="copy-button"
          data-testid="schema-download"
          onClick={() => downloadText(schemaFileName(detail), JSON.stringify(detail.jsonSchema, null, 2), 'application/schema+json')}
        >
          Download JSON Schema
        </button>
        {canRebuild && <Rebuild />}
        {canPin && (
          <button type="button" className="copy-button" data-testid="schema-pin-open" onClick={() => setPinning(!pinning)}>
            {detail.pinned ? 'Edit pinned schema' : 'Pin a schema…'}
          </button>
        )}
        {canPin && detail.pinned && (
          <button type="button" className="copy-button" data-testid="schema-unpin" disabled={busy} onClick={() => void pin(null)}>
            Unpin
          </button>
        )}
      </div>
      {pinning && <PinEditor detail={detail} onDone={() => setPinning(false)} />}
    </>
  );
}

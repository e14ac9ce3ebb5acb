import { useEffect, useState } from 'react';
import { useCan } from '../../stores/use-can';
import { SchemasStore } from './schemas-store';

/** After how many samples of an event drift is flagged (before that, its shape is still being learned). */
export function DriftThreshold() {
  const settings = SchemasStore.use((s) => s.settings);
  const busy = SchemasStore.use((s) => s.busy);
  const saveSettings = SchemasStore.use((s) => s.saveSettings);
  const canEdit = useCan('putSchemaSettings');
  const [draft, setDraft] = useState('');
  useEffect(() => setDraft(settings ? String(settings.minSamples) : ''), [settings]);
  if (!settings) return null;

  return (
    <form
      className="filter-bar schema-threshold"
      data-testid="drift-threshold"
      onSubmit={(e) => {
        e.preventDefault();
        void saveSettings({ minSamples: Number(draft) });
      }}
    >
      <label className="filter-row small">
        Flag drift after
        {canEdit ? (
          <input data-testid="drift-min-samples" type="number" min={1} max={100_000} required value={draft} onChange={(e) => setDraft(e.target.value)} />
        ) : (
          <strong data-testid="drift-min-samples-value">{settings.minSamples}</strong>
        )}
        samples of an event
      </label>
      {canEdit && draft !== String(settings.minSamples) && (
        <button type="submit" className="copy-button" data-testid="drift-threshold-save" disabled={busy}>
          Save
        </button>
      )}
    </form>
  );
}

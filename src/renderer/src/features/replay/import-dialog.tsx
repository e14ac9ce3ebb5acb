import { useState } from 'react';
import type { MethodInput } from '../../../../shared/contract';
import { EMPTY_VIEW, isFiltered } from '../../../../shared/filter-url';
import { FileButton } from '../../components/file-button';
import { InboxStore } from '../../stores/inbox-store';

/**
 * Import a cURL command (pasted) or a HAR file as stored requests that can be replayed. The core
 * announces each import like a capture, so the rows appear in the list (here and in every other
 * window) without a reload; the dialog confirms how many came in and offers to show them.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const importRequests = InboxStore.use((s) => s.importRequests);
  const select = InboxStore.use((s) => s.select);
  const view = InboxStore.use((s) => s.view);
  const setView = InboxStore.use((s) => s.setView);
  const [curl, setCurl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<number[] | null>(null);

  const run = async (input: MethodInput<'importRequests'>, what: string) => {
    try {
      const ids = await importRequests(input);
      setImported(ids);
      setError(null);
      setCurl('');
    } catch (e) {
      setImported(null);
      setError(`${what}${(e as Error).message}`);
    }
  };
  const importHar = async (file: File) => {
    let har: MethodInput<'importRequests'>['har'];
    try {
      har = JSON.parse(await file.text()) as typeof har;
    } catch (e) {
      return setError(`${file.name} is not JSON: ${(e as Error).message}`);
    }
    await run({ har }, `${file.name}: `);
  };
  const showThem = () => {
    const ids = imported ?? [];
    // Imports keep their original times, so a filter (a recent range, a status) may hide them.
    if (isFiltered(view)) setView({ ...EMPTY_VIEW, order: view.order });
    if (ids.length > 0) void select(ids[ids.length - 1]!);
    onClose();
  };

  return (
    <div className="settings-panel" data-testid="import-dialog">
      <h3>Import</h3>
      <label>
        A cURL command
        <textarea data-testid="import-curl" rows={4} value={curl} onChange={(e) => setCurl(e.target.value)} placeholder="curl -X POST https://… -H 'Content-Type: application/json' -d '{…}'" />
      </label>
      <div className="filter-row">
        <button type="button" className="copy-button" data-testid="import-curl-go" disabled={!curl.trim()} onClick={() => void run({ curl }, '')}>
          Import cURL
        </button>
        <FileButton label="Import HAR file…" accept=".har,.json,application/json" testId="import-har" onFile={(file) => void importHar(file)} />
        <button type="button" className="copy-button" data-testid="import-close" onClick={onClose}>
          {imported ? 'Close' : 'Cancel'}
        </button>
      </div>
      {imported && (
        <p className="ok" role="status" data-testid="import-done">
          Imported {imported.length} request{imported.length === 1 ? '' : 's'}.{' '}
          {imported.length > 0 && (
            <button type="button" className="link-button" data-testid="import-show" onClick={showThem}>
              Show {imported.length === 1 ? 'it' : 'them'}
            </button>
          )}
        </p>
      )}
      {error && <p className="warn">{error}</p>}
    </div>
  );
}

import { useState } from 'react';
import { FileButton } from '../../components/file-button';
import { useInbox } from '../../stores/inbox-store';

/** Import a cURL command (pasted) or a HAR file as stored requests that can be replayed. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const client = useInbox((s) => s.client);
  const select = useInbox((s) => s.select);
  const [curl, setCurl] = useState('');
  const [error, setError] = useState<string | null>(null);

  const done = async (ids: number[]) => {
    if (ids.length > 0) await select(ids[ids.length - 1]!);
    onClose();
  };
  const importCurl = async () => {
    try {
      await done((await client!.call('importRequests', { curl })).ids);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const importHar = async (file: File) => {
    try {
      const har = JSON.parse(await file.text()) as never;
      await done((await client!.call('importRequests', { har })).ids);
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}`);
    }
  };

  return (
    <div className="settings-panel" data-testid="import-dialog">
      <h3>Import</h3>
      <label>
        A cURL command
        <textarea data-testid="import-curl" rows={4} value={curl} onChange={(e) => setCurl(e.target.value)} placeholder="curl -X POST https://… -H 'Content-Type: application/json' -d '{…}'" />
      </label>
      <div className="filter-row">
        <button type="button" className="copy-button" data-testid="import-curl-go" disabled={!curl.trim()} onClick={() => void importCurl()}>
          Import cURL
        </button>
        <FileButton label="Import HAR file…" accept=".har,.json,application/json" testId="import-har" onFile={(file) => void importHar(file)} />
        <button type="button" className="copy-button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {error && <p className="warn">{error}</p>}
    </div>
  );
}

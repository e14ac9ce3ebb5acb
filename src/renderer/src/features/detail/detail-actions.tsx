import { useState } from 'react';
import { toCurl } from '../../../../shared/export/curl';
import { toFetch } from '../../../../shared/export/fetch-snippet';
import type { RequestDetail } from '../../../../shared/request-schemas';
import { CopyButton } from '../../components/copy-button';
import { InboxStore } from '../../stores/inbox-store';
import { SessionStore } from '../../stores/session-store';
import { useCan } from '../../stores/use-can';

/** What can be done with one request: replay (composed in by the app shell), copy as cURL or fetch, export, delete. */
export function DetailActions({ detail, onReplay }: { detail: RequestDetail; onReplay(): void | Promise<void> }) {
  const receiverUrl = SessionStore.use((s) => s.info?.receiverUrl ?? '');
  const exportSelection = InboxStore.use((s) => s.exportSelection);
  const deleteSelection = InboxStore.use((s) => s.deleteSelection);
  const [error, setError] = useState<string | null>(null);
  const canReplay = useCan('replayRequest');
  const canDelete = useCan('deleteRequest');
  const run = (action: () => Promise<unknown>) => action().then(() => setError(null), (e: unknown) => setError((e as Error).message));
  return (
    <div className="detail-actions">
      <button type="button" className="copy-button" data-testid="replay" disabled={!canReplay} title={canReplay ? 'Replay (R)' : 'Replaying needs the member role'} onClick={() => void run(async () => onReplay())}>
        Replay
      </button>
      {/* Built on click: each decodes and escapes the whole body, too much work for every open. */}
      <CopyButton text={() => toCurl(detail, receiverUrl)} label="Copy as cURL" />
      <CopyButton text={() => toFetch(detail, receiverUrl)} label="Copy as fetch" />
      <button type="button" className="copy-button" data-testid="export-one-har" onClick={() => void run(() => exportSelection('har', { ids: [detail.id] }))}>
        Export HAR
      </button>
      <button type="button" className="copy-button" data-testid="export-one-json" onClick={() => void run(() => exportSelection('json', { ids: [detail.id] }))}>
        Export JSON
      </button>
      <button type="button" className="copy-button danger" data-testid="delete-one" disabled={!canDelete} title={canDelete ? undefined : 'Deleting needs the admin role'} onClick={() => void run(() => deleteSelection({ ids: [detail.id] }))}>
        Delete
      </button>
      {error && <span className="warn">{error}</span>}
    </div>
  );
}

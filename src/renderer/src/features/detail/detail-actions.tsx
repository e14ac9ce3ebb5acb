import { useState } from 'react';
import { toCurl } from '../../../../shared/export/curl';
import { toFetch } from '../../../../shared/export/fetch-snippet';
import type { RequestDetail } from '../../../../shared/request-schemas';
import { CopyButton } from '../../components/copy-button';
import { useInbox } from '../../stores/inbox-store';
import { useCan } from '../../stores/use-can';
import { deleteSelection, exportSelection } from '../../stores/request-actions';
import { replayAsCaptured } from '../replay/replay-actions';

/** What can be done with one request: replay, copy as cURL or fetch, export, delete. */
export function DetailActions({ detail }: { detail: RequestDetail }) {
  const receiverUrl = useInbox((s) => s.info?.receiverUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const canReplay = useCan('replayRequest');
  const canDelete = useCan('deleteRequest');
  const run = (action: Promise<unknown>) => action.then(() => setError(null), (e: unknown) => setError((e as Error).message));
  return (
    <div className="detail-actions">
      <button type="button" className="copy-button" data-testid="replay" disabled={!canReplay} title={canReplay ? 'Replay (R)' : 'Replaying needs the member role'} onClick={() => run(replayAsCaptured(detail))}>
        Replay
      </button>
      {/* Built on click: each decodes and escapes the whole body, too much work for every open. */}
      <CopyButton text={() => toCurl(detail, receiverUrl)} label="Copy as cURL" />
      <CopyButton text={() => toFetch(detail, receiverUrl)} label="Copy as fetch" />
      <button type="button" className="copy-button" data-testid="export-one-har" onClick={() => run(exportSelection('har', { ids: [detail.id] }))}>
        Export HAR
      </button>
      <button type="button" className="copy-button" data-testid="export-one-json" onClick={() => run(exportSelection('json', { ids: [detail.id] }))}>
        Export JSON
      </button>
      <button type="button" className="copy-button danger" data-testid="delete-one" disabled={!canDelete} title={canDelete ? undefined : 'Deleting needs the admin role'} onClick={() => run(deleteSelection({ ids: [detail.id] }))}>
        Delete
      </button>
      {error && <span className="warn">{error}</span>}
    </div>
  );
}

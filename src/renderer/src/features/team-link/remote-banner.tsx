import type { ServerInfo } from '../../../../shared/contract';
import type { Caller } from '../../../../shared/roles';
import { useCan } from '../../stores/use-can';
import { TeamLinkStore } from './team-link-store';

/** Says, above everything, that this UI shows a team server (and as whom), with the way back. */
export function RemoteBanner({ remote, caller }: { remote: NonNullable<ServerInfo['remote']>; caller: Caller | undefined }) {
  const canSwitch = useCan('putTeamLink');
  const saving = TeamLinkStore.use((s) => s.saving);
  const error = TeamLinkStore.use((s) => s.error);
  const setBrowse = TeamLinkStore.use((s) => s.setBrowse);
  return (
    <div className="banner" data-testid="remote-banner">
      Viewing team server <code>{remote.url}</code>
      {caller && (
        <>
          {' '}
          · {caller.name} · {caller.role}
        </>
      )}{' '}
      {canSwitch && (
        <button type="button" className="copy-button" data-testid="browse-back" disabled={saving} onClick={() => void setBrowse(false)}>
          Back to this machine
        </button>
      )}
      {error && <span className="warn"> {error}</span>}
    </div>
  );
}

import type { ServerInfo } from '../../../../shared/contract';
import type { Caller } from '../../../../shared/roles';
import type { HookbenchClient } from '../../api/client';
import { useCan } from '../../stores/use-can';
import { useTeamLink } from './team-link-store';

/** Says, above everything, that this UI shows a team server (and as whom), with the way back. */
export function RemoteBanner({ client, remote, caller }: { client: HookbenchClient; remote: NonNullable<ServerInfo['remote']>; caller: Caller | undefined }) {
  const canSwitch = useCan('putTeamLink');
  const saving = useTeamLink((s) => s.saving);
  const error = useTeamLink((s) => s.error);
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
        <button type="button" className="copy-button" data-testid="browse-back" disabled={saving} onClick={() => void useTeamLink.getState().setBrowse(client, false)}>
          Back to this machine
        </button>
      )}
      {error && <span className="warn"> {error}</span>}
    </div>
  );
}

import { useCallback, useMemo } from 'react';
import { useCommands, type Command } from '../../stores/command-store';
import { DetailTabStore } from '../../stores/detail-tab-store';
import { EndpointsStore } from '../../stores/endpoints-store';
import { InboxStore } from '../../stores/inbox-store';
import { useCan } from '../../stores/use-can';
import { forwardTargetOf } from './replay-actions';
import { SendsStore } from './sends-store';

/**
 * Replay as captured, for the selected request: to its endpoint's forward target, showing the
 * Sends tab; with no target, Edit & replay opens and says so, its URL field focused (prefilled
 * with an import's original URL). Registered as the R command; the app shell also hands the
 * returned function to the detail's Replay button.
 */
export function useReplayCommand(): () => Promise<void> {
  const inbox = InboxStore.useApi();
  const endpoints = EndpointsStore.useApi();
  const tabs = DetailTabStore.useApi();
  const sends = SendsStore.useApi();
  const canReplay = useCan('replayRequest');
  const hasDetail = InboxStore.use((s) => s.detail !== null);

  const replay = useCallback(async () => {
    const { detail } = inbox.getState();
    if (!detail) return;
    if (!forwardTargetOf(detail, endpoints.getState().items)) {
      sends.getState().noTarget(detail.id);
      tabs.getState().setTab('edit');
      return;
    }
    tabs.getState().setTab('sends');
    await sends.getState().replay(detail.id);
  }, [inbox, endpoints, tabs, sends]);

  const commands = useMemo<Command[]>(
    () => [{ id: 'request.replay', title: 'Replay selected request', group: 'Request', shortcut: 'r', enabled: canReplay && hasDetail, run: () => replay().catch((e: unknown) => sends.getState().fail(e)) }],
    [canReplay, hasDetail, replay, sends],
  );
  useCommands(commands);
  return replay;
}

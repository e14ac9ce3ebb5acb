import { useMemo } from 'react';
import { toCurl } from '../../../../shared/export/curl';
import { useCommands, type Command } from '../../stores/command-store';
import { InboxStore } from '../../stores/inbox-store';
import { SessionStore } from '../../stores/session-store';
import { useCan } from '../../stores/use-can';

const report = (action: () => Promise<unknown>) => (): Promise<void> =>
  // A command run from the palette or a key has no form of its own to show an error in.
  action().then(
    () => undefined,
    (e: unknown) => console.warn('hookbench:', (e as Error).message),
  );

/**
 * The inbox's keyboard and palette commands: moving through the list (j/k, Home/End), and the
 * bulk actions over the ticked requests or the current view. Arrow keys stay on the focused list.
 */
export function useInboxCommands(): void {
  const inbox = InboxStore.useApi();
  const session = SessionStore.useApi();
  const hasItems = InboxStore.use((s) => s.items.length > 0);
  const hasDetail = InboxStore.use((s) => s.detail !== null);
  const canDelete = useCan('deleteRequests');
  const commands = useMemo<Command[]>(() => {
    const state = () => inbox.getState();
    return [
      { id: 'inbox.next', title: 'Next request', group: 'Inbox', shortcut: 'j', enabled: hasItems, run: () => state().selectRelative(1) },
      { id: 'inbox.previous', title: 'Previous request', group: 'Inbox', shortcut: 'k', enabled: hasItems, run: () => state().selectRelative(-1) },
      { id: 'inbox.first', title: 'First request', group: 'Inbox', shortcut: 'Home', enabled: hasItems, run: () => state().selectEdge('first') },
      { id: 'inbox.last', title: 'Last request', group: 'Inbox', shortcut: 'End', enabled: hasItems, run: () => state().selectEdge('last') },
      { id: 'inbox.export-har', title: 'Export selection as HAR', group: 'Inbox', enabled: hasItems, run: report(() => state().exportSelection('har')) },
      { id: 'inbox.export-json', title: 'Export as JSON', group: 'Inbox', enabled: hasItems, run: report(() => state().exportSelection('json')) },
      { id: 'inbox.save-collection', title: 'Save collection', group: 'Inbox', enabled: hasItems, run: report(() => state().saveCollection()) },
      {
        id: 'inbox.delete',
        title: 'Delete selected',
        group: 'Inbox',
        enabled: hasItems && canDelete,
        run: report(async () => {
          const { checked } = state();
          if (confirm(`Delete ${checked.size > 0 ? `${checked.size} selected` : 'every request in this view'}?`)) await state().deleteSelection();
        }),
      },
      {
        id: 'request.copy-curl',
        title: 'Copy as curl',
        group: 'Request',
        enabled: hasDetail,
        run: report(async () => {
          const { detail } = state();
          if (detail) await navigator.clipboard.writeText(toCurl(detail, session.getState().info?.receiverUrl ?? ''));
        }),
      },
    ];
  }, [inbox, session, hasItems, hasDetail, canDelete]);
  useCommands(commands);
}

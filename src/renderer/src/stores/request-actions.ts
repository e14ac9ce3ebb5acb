import type { MethodInput } from '../../../shared/contract';
import { downloadText } from '../download';
import { useInbox } from './inbox-store';
import { viewToFilter } from './inbox-view';

/**
 * Bulk actions on requests: what they apply to is either the ticked requests or, when none are
 * ticked, everything the current filters match (the server walks the filter, not the loaded page).
 */
type Selection = MethodInput<'deleteRequests'>;

export function currentSelection(order: 'newest' | 'oldest' = 'newest'): Selection {
  const { checked, view } = useInbox.getState();
  return checked.size > 0 ? { ids: [...checked] } : { filter: { ...viewToFilter(view, Date.now()), order } };
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
}

export async function exportSelection(format: 'har' | 'json', selection: Selection = currentSelection()): Promise<void> {
  const { client } = useInbox.getState();
  if (!client) return;
  const result = await client.call('exportRequests', { format, ...selection });
  const name = `hookbench-${stamp()}.${format === 'har' ? 'har' : 'json'}`;
  downloadText(name, JSON.stringify(result, null, 2));
}

/**
 * A collection for `hookbench test` from the ticked requests or the current filter, downloaded as
 * JSON. A filter is walked oldest first: a test replays the captures in the order they came.
 */
export async function saveCollection(): Promise<void> {
  const { client } = useInbox.getState();
  if (!client) return;
  const collection = await client.call('exportCollection', currentSelection('oldest'));
  downloadText(`hookbench-collection-${stamp()}.json`, JSON.stringify(collection, null, 2));
}

export async function deleteSelection(selection: Selection = currentSelection()): Promise<number> {
  const { client } = useInbox.getState();
  if (!client) return 0;
  const { deleted } = await client.call('deleteRequests', selection);
  useInbox.getState().setChecked([]);
  return deleted;
}

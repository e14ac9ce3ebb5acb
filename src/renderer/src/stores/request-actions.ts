import type { MethodInput } from '../../../shared/contract';
import { viewToFilter } from '../../../shared/filter-url';
import { downloadText } from '../download';
import { useInbox } from './inbox-store';

/**
 * Bulk actions on requests: what they apply to is either the ticked requests or, when none are
 * ticked, everything the current filters match (the server walks the filter, not the loaded page).
 */
type Selection = MethodInput<'deleteRequests'>;

export function currentSelection(): Selection {
  const { checked, view } = useInbox.getState();
  return checked.size > 0 ? { ids: [...checked] } : { filter: { ...viewToFilter(view, Date.now()), order: 'newest' } };
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

export async function deleteSelection(selection: Selection = currentSelection()): Promise<number> {
  const { client } = useInbox.getState();
  if (!client) return 0;
  const { deleted } = await client.call('deleteRequests', selection);
  useInbox.getState().setChecked([]);
  return deleted;
}

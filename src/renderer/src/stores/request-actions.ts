import type { MethodInput } from '../../../shared/contract';
import { viewToFilter, type InboxView } from '../../../shared/filter-url';
import type { HookbenchClient } from '../api/client';
import { downloadText } from '../download';

/**
 * What bulk actions apply to: the ticked requests or, when none are ticked, everything the current
 * filters match (the server walks the filter, not the loaded page).
 */
export type Selection = MethodInput<'deleteRequests'>;

export interface RequestActions {
  /** The ticked requests, or the current filter in `order`. */
  selection(order?: 'newest' | 'oldest'): Selection;
  exportSelection(format: 'har' | 'json', selection?: Selection): Promise<void>;
  /** A collection for `hookbench test`, downloaded as JSON; a filter is walked oldest first (a test replays in arrival order). */
  saveCollection(): Promise<void>;
  /** Deletes and unticks; the list follows the core's `requests.deleted` push. Returns how many went. */
  deleteSelection(selection?: Selection): Promise<number>;
  /** Every id the current filter matches, oldest first, walking the cursor (the list may hold only a page). */
  idsOfView(): Promise<number[]>;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** The inbox store's calls on selections, given its client and a read of its state. */
export function requestActions(client: HookbenchClient, read: () => { checked: ReadonlySet<number>; view: InboxView }, untick: () => void): RequestActions {
  const selection = (order: 'newest' | 'oldest' = 'newest'): Selection => {
    const { checked, view } = read();
    return checked.size > 0 ? { ids: [...checked] } : { filter: { ...viewToFilter(view, Date.now()), order } };
  };
  return {
    selection,
    async exportSelection(format, chosen = selection()) {
      const result = await client.call('exportRequests', { format, ...chosen });
      downloadText(`hookbench-${stamp()}.${format === 'har' ? 'har' : 'json'}`, JSON.stringify(result, null, 2));
    },
    async saveCollection() {
      const collection = await client.call('exportCollection', selection('oldest'));
      downloadText(`hookbench-collection-${stamp()}.json`, JSON.stringify(collection, null, 2));
    },
    async deleteSelection(chosen = selection()) {
      const { deleted } = await client.call('deleteRequests', chosen);
      untick();
      return deleted;
    },
    async idsOfView() {
      const filter = { ...viewToFilter(read().view, Date.now()), order: 'oldest' as const };
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.call('listRequests', { ...filter, limit: 500, cursor });
        ids.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && ids.length < 10_000);
      return ids;
    },
  };
}

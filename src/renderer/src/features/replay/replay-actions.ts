import type { RequestDetail } from '../../../../shared/request-schemas';
import { useDetailTab } from '../../stores/detail-tab-store';
import { useEndpoints } from '../../stores/endpoints-store';
import { useSends } from '../../stores/sends-store';

/** The forward target of the endpoint a request came to, if it has one. */
export function forwardTargetOf(detail: Pick<RequestDetail, 'endpoint'>): string | null {
  if (detail.endpoint === null) return null;
  return useEndpoints.getState().items.find((e) => e.slug === detail.endpoint)?.forwardUrl ?? null;
}

/**
 * Replay as captured: to the endpoint's forward target when it has one; otherwise open the editor,
 * where a URL can be given. Either way the Sends tab (or editor) shows what happened.
 */
export async function replayAsCaptured(detail: RequestDetail): Promise<void> {
  if (!forwardTargetOf(detail)) {
    useDetailTab.getState().setTab('edit');
    return;
  }
  useDetailTab.getState().setTab('sends');
  await useSends.getState().replay(detail.id);
}

import * as shared from '../../../shared/filter-url';
import type { RequestFilterInput } from '../../../shared/request-filter';
import type { RequestSummary } from '../../../shared/request-schemas';

/**
 * The inbox view of shared/filter-url.ts plus the Drift toggle (issue 15): only captures flagged
 * as departing from their event's schema, `drift=true` in the page URL. Everything else is
 * delegated, so the URL keeps one format; the renderer imports the view from here only.
 */
export interface InboxView extends shared.InboxView {
  drift: boolean;
}

export const EMPTY_VIEW: InboxView = { ...shared.EMPTY_VIEW, drift: false };

export function viewFromSearch(search: string): InboxView {
  return { ...shared.viewFromSearch(search), drift: new URLSearchParams(search).get('drift') === 'true' };
}

export function viewToSearch(view: InboxView): string {
  const search = shared.viewToSearch(view);
  if (!view.drift) return search;
  return search ? `${search}&drift=true` : '?drift=true';
}

export function viewToFilter(view: InboxView, now: number): RequestFilterInput {
  const filter = shared.viewToFilter(view, now);
  return view.drift ? { ...filter, drift: true } : filter;
}

export function isFiltered(view: InboxView): boolean {
  return view.drift || shared.isFiltered(view);
}

/** A capture pushed unflagged may still be flagged by a later `request.drift`; the store handles that one. */
export function matchesView(request: RequestSummary, view: InboxView, now: number): boolean | 'unknown' {
  if (view.drift && !request.drift) return false;
  return shared.matchesView(request, view, now);
}

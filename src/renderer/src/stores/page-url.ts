/**
 * The page URL holds the UI's place so a reload (or a shared link) comes back to it: the inbox
 * filters, the selected request, the open view. Several owners write to it, each its own keys;
 * writing replaces only the writer's keys and keeps everyone else's (and never adds history
 * entries: the Back button is not an undo for clicks in a list).
 */
export function readPageParams(): URLSearchParams {
  return new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search);
}

/** Replaces `keys` in the page URL with what `params` holds for them (absent there: removed). */
export function writePageParams(keys: readonly string[], params: URLSearchParams): void {
  if (typeof window === 'undefined') return;
  const next = new URLSearchParams(window.location.search);
  for (const key of keys) next.delete(key);
  for (const [key, value] of params) if (keys.includes(key)) next.append(key, value);
  const text = next.toString();
  const search = text ? `?${text}` : '';
  if (search !== window.location.search) history.replaceState(null, '', window.location.pathname + search + window.location.hash);
}

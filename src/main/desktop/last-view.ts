/**
 * The "last view": the renderer keeps its place in its page URL's search part (`view=sender`,
 * inbox filters, the selected request), so saving that part on close and loading it on start
 * brings a person back where they were. Only our own page's search is kept, rebuilt through
 * URLSearchParams, so a saved value can never point the window at another page or origin.
 */
export const APP_ENTRY_URL = 'app://hookbench/index.html';
const MAX_VIEW_LENGTH = 4000;

/** The search part (`?a=b`, or '') of the window's URL when it is our page; '' otherwise. */
export function viewOfUrl(url: string, devServerUrl?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (!isEntryPage(parsed, devServerUrl)) return '';
  return normalizedView(parsed.search);
}

/** The URL to load on start: our entry page with the saved view, when it is a plain search part. */
export function appUrlWithView(view: string, base: string = APP_ENTRY_URL): string {
  const search = normalizedView(view);
  return search ? `${base.split(/[?#]/)[0]}${search}` : base;
}

function normalizedView(search: string): string {
  if (search.length > MAX_VIEW_LENGTH || (search !== '' && !search.startsWith('?')) || search.includes('#')) return '';
  const text = new URLSearchParams(search).toString();
  return text ? `?${text}` : '';
}

function isEntryPage(url: URL, devServerUrl?: string): boolean {
  if (url.protocol === 'app:' && url.host === 'hookbench') return url.pathname === '/index.html' || url.pathname === '/';
  if (!devServerUrl) return false;
  const dev = new URL(devServerUrl);
  return url.origin === dev.origin && url.pathname === dev.pathname;
}

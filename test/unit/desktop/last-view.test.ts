import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appUrlWithView, viewOfUrl } from '../../../src/main/desktop/last-view';

describe('last view (the page URL search part, saved on close and loaded on start)', () => {
  it("keeps our page's view, filters and selection", () => {
    const view = viewOfUrl('app://hookbench/index.html?view=inbox&endpoint=stripe&q=invoice+paid&request=42');
    expect(view).toBe('?view=inbox&endpoint=stripe&q=invoice+paid&request=42');
    expect(appUrlWithView(view)).toBe(`${APP_ENTRY_URL}?view=inbox&endpoint=stripe&q=invoice+paid&request=42`);
    expect(viewOfUrl('app://hookbench/index.html')).toBe('');
    expect(appUrlWithView('')).toBe(APP_ENTRY_URL);
  });

  it('keeps nothing from another page or origin', () => {
    for (const url of ['https://evil.example/index.html?view=sender', 'app://other/index.html?view=sender', 'app://hookbench/other.html?view=sender', 'file:///etc/passwd?x=1', 'not a url', 'devtools://devtools/bundled/inspector.html?x=1']) {
      expect(viewOfUrl(url), url).toBe('');
    }
  });

  it('follows the dev server while developing', () => {
    expect(viewOfUrl('http://localhost:5173/?view=schemas', 'http://localhost:5173/')).toBe('?view=schemas');
    expect(viewOfUrl('http://localhost:5174/?view=schemas', 'http://localhost:5173/')).toBe('');
    expect(appUrlWithView('?view=schemas', 'http://localhost:5173/')).toBe('http://localhost:5173/?view=schemas');
  });

  it('a tampered saved view cannot change the page or the origin it loads', () => {
    expect(appUrlWithView('https://evil.example/')).toBe(APP_ENTRY_URL);
    expect(appUrlWithView('?a=1#/../../etc')).toBe(APP_ENTRY_URL);
    expect(appUrlWithView(`?q=${'x'.repeat(5000)}`)).toBe(APP_ENTRY_URL);
    // Whatever the search holds is re-encoded as parameters: it stays a query on our page.
    const url = new URL(appUrlWithView('?q=<script>&x=/../../'));
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(APP_ENTRY_URL);
    expect(url.searchParams.get('q')).toBe('<script>');
  });
});

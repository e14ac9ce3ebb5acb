import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** Where the polish e2e tests write their screenshots. */
export const UI_SHOTS = path.resolve('test-results/ui');

export type Theme = 'light' | 'dark';
export interface Layout {
  width: 1000 | 1440;
  theme: Theme;
}

/**
 * The layouts issue 16 asks every UI point to be shown at: both widths and both themes, paired so
 * each test runs twice rather than four times (the narrow window in dark, the wide one in light).
 */
export const LAYOUTS: readonly Layout[] = [
  { width: 1000, theme: 'dark' },
  { width: 1440, theme: 'light' },
];
/** All four, for the screenshots of each main view. */
export const ALL_LAYOUTS: readonly Layout[] = [
  { width: 1000, theme: 'dark' },
  { width: 1000, theme: 'light' },
  { width: 1440, theme: 'dark' },
  { width: 1440, theme: 'light' },
];

export const layoutName = (layout: Layout): string => `${layout.width}-${layout.theme}`;

/**
 * A new page (own context: own sessionStorage/localStorage) at the layout's width, with the OS
 * colour scheme emulated as the layout's theme: the UI follows the OS unless overridden.
 * Console errors and uncaught page errors are collected for the test to assert on.
 */
export async function openUi(browser: Browser, url: string, layout: Layout, height = 860): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: layout.width, height }, colorScheme: layout.theme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/** Saves a full-window screenshot as test-results/ui/<name>-<width>-<theme>.png. */
export async function shot(page: Page, name: string, layout: Layout): Promise<string> {
  fs.mkdirSync(UI_SHOTS, { recursive: true });
  const file = path.join(UI_SHOTS, `${name}-${layoutName(layout)}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Whether an element is fully inside the window and not covered at its centre: "reachable" in the
 * sense a person with a mouse means at this width (scrolling its own container into view first).
 */
export async function isReachable(page: Page, testId: string): Promise<boolean> {
  const element = page.getByTestId(testId).first();
  await element.scrollIntoViewIfNeeded();
  // Runs in the page; the test tsconfig has no DOM types, hence the narrow shapes.
  type Box = { left: number; top: number; right: number; bottom: number; width: number; height: number };
  type El = { getBoundingClientRect(): Box; contains(other: unknown): boolean };
  type Win = { innerWidth: number; innerHeight: number; document: { elementFromPoint(x: number, y: number): unknown } };
  return element.evaluate((node) => {
    const el = node as unknown as El;
    const win = globalThis as unknown as Win;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    if (box.left < 0 || box.top < 0 || box.right > win.innerWidth + 0.5 || box.bottom > win.innerHeight + 0.5) return false;
    const hit = win.document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (el === hit || el.contains(hit));
  });
}

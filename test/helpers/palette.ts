import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Runs a command the way a person does: Ctrl+K, type `query`, wait until the best match is the
 * command `id` (the palette item's data-command), Enter.
 */
export async function runCommand(page: Page, id: string, query: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(query);
  await expect.poll(() => page.getByTestId('palette-item').first().getAttribute('data-command')).toBe(id);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('command-palette').count()).toBe(0);
}

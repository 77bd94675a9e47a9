// Debian's Chromium for the browser tests, started as this machine allows: no sandbox (root), and
// none of the background connections its closed network would refuse. Never a downloaded browser.
// And what more than one browser test does in the UI.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Searches the records view (open on `page`) for a unit's table cells of a year, typed as given;
 * the rows once the list shows that search, each naming `row` (the view's first list, opened
 * while the filters were typed, may show first).
 */
export async function searchCells(page: Page, unit: string, year: number, row: string): Promise<string[]> {
  await page.fill('#record-form input[name=q]', unit);
  await page.fill('#record-form input[name=year]', String(year));
  await page.selectOption('#record-form select[name=source]', 'cell');
  await page.click('#record-form button[type=submit]');
  const rows = () => page.locator('#record-rows tr').allTextContents();
  await expect.poll(async () => {
    const shown = await rows();
    return shown.length > 0 && shown.every((r) => r.includes('ô bảng') && r.includes(row));
  }).toBe(true);
  return rows();
}

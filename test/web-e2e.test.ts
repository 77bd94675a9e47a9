// The web app as its three kinds of users meet it, end to end in Debian's Chromium: an archivist
// uploads a scan, watches it read page by page, finds a figure's words on the page image and
// corrects a figure; an analyst finds a unit's cells typed without diacritics and exports them; a
// staff member compares two years in a table and a chart. Screenshots of each view at desktop and
// phone sizes are saved under test/artifacts/.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, searchCells } from './browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFile } from '../samples/seeds.js';
import { freePort, sohoa, stop, type SohoaProcess } from './queue-harness.js';
import { samplePath } from './samples.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const USERS = { 'lưu.trữ': ['archivist', 'mật-khẩu-lưu-trữ'], 'phân.tích': ['analyst', 'mật-khẩu-phân-tích'] } as const;

let dataDir: string;
let server: SohoaProcess;
let base: string;
let browser: Browser;
const errors: string[] = [];

async function signedIn(username: keyof typeof USERS): Promise<Page> {
  const page = await browser.newPage({ viewport: SIZES.desktop, acceptDownloads: true });
  page.on('console', (message) => message.type() === 'error' && errors.push(`${username}: ${message.text()}`));
  page.on('pageerror', (error) => errors.push(`${username}: ${error.message}`));
  await page.goto(base);
  await page.fill('#sign-in-form input[name=username]', username);
  await page.fill('#sign-in-form input[name=password]', USERS[username][1]);
  await page.click('#sign-in-form button');
  await page.waitForSelector('#app:not([hidden])');
  return page;
}

/** The page as it is now, at both sizes; no view wider than the phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${size}`).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size}.png`), fullPage: size === 'phone' });
  }
  await page.setViewportSize(SIZES.desktop);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(path.join(tmpdir(), 'sohoa-e2e-'));
  for (const [username, [role, password]] of Object.entries(USERS)) {
    const added = spawnSync(process.execPath, [path.join(ROOT, 'bin/sohoa.js'), 'user', 'add', username, '--role', role, '--password-stdin'], {
      input: `${password}\n`,
      encoding: 'utf8',
      env: { ...process.env, SOHOA_DATA_DIR: dataDir },
    });
    expect(added.status, added.stderr).toBe(0);
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = sohoa(['serve'], { SOHOA_DATA_DIR: dataDir, PORT: String(port) });
  await server.waitFor(/giao diện và API tại/u, 60_000);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
  await rm(dataDir, { recursive: true, force: true });
});

describe('the web app, as its users meet it', () => {
  it('archivist: uploads the office scan of 000, watches it read page by page, finds the 21.600 figure on the page image, corrects a figure', async () => {
    const page = await signedIn('lưu.trữ');
    expect(await page.textContent('#who-name')).toBe('lưu.trữ · lưu trữ');
    expect(await page.isVisible('#nav a[href="#/users"]')).toBe(false);
    await page.setInputFiles('#files', [samplePath('scans/000-office.pdf'), seedFile('003')]);
    await page.click('#upload-form button');
    // the list follows the reading as the server tells it
    await page.waitForSelector('#document-rows tr:has-text("000-office.pdf") >> text=/Đang đọc \\([1-3]\\/4 trang\\)/', { timeout: 120_000 });
    await screenshots(page, 'documents-reading');
    const row = page.locator('#document-rows tr', { hasText: '000-office.pdf' });
    await expect.poll(() => row.textContent(), { timeout: 240_000 }).toContain('Đã lưu');
    await expect.poll(() => page.locator('#document-rows tr', { hasText: '003_a3ef00ab117a0ba4.txt' }).textContent(), { timeout: 120_000 }).toContain('Đã lưu');

    await row.locator('a').click();
    await page.locator('.figures tbody tr', { hasText: '21.600' }).first().click();
    await expect.poll(() => page.locator('pre.page-text mark').allTextContents()).toEqual(['21.600/18.000', 'đơn', 'vị', 'máu']);
    expect(await page.locator('.box.hit').count()).toBe(4);
    await screenshots(page, 'document-figure-on-page');

    const rate = page.locator('.figures tbody tr', { hasText: 'trên 50%' });
    await rate.locator('button', { hasText: 'Sửa' }).click();
    await page.selectOption('.editor select[name=metric]', 'other');
    await page.fill('.editor input[name=note]', 'tỷ lệ máu thu được, không phải dân số');
    await page.click('.editor button[type=submit]');
    await expect.poll(() => page.textContent('ul.audit')).toMatch(/lưu\.trữ · trang 1: chỉ số tỷ lệ → khác \(tỷ lệ máu thu được, không phải dân số\)/u);
    await screenshots(page, 'document-corrected');
    await page.close();
  }, 420_000);

  it('analyst: finds Rạch Giá’s 2020 cells typed as “Rach Gia”, exports them as CSV, Vietnamese intact; cannot upload or correct', async () => {
    const page = await signedIn('phân.tích');
    expect(await page.isVisible('#upload')).toBe(false);
    await page.click('#nav a[href="#/records"]');
    const rows = await searchCells(page, 'Rach Gia', 2020, 'BCĐ. TP. Rạch Giá');
    // the seed's row: target 978, January 442 … 1.202 in all, 123%
    for (const printed of ['978', '442', '1.202', '123']) expect(rows.some((r) => r.includes(printed))).toBe(true);
    await screenshots(page, 'records-rach-gia');
    const download = page.waitForEvent('download');
    await page.locator('#record-count a', { hasText: 'CSV' }).click();
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toBe('Văn bản,Trang,Nguồn,Chỉ số,Giá trị,Đơn vị tính,Năm,Đơn vị / địa bàn,Chiến dịch,Câu chữ,Bảng,Dòng,Cột,Mã văn bản (sha256)');
    expect(lines.length - 1).toBe(rows.length);
    expect(lines.slice(1).every((line) => line.includes('Thành phố Rạch Giá') && line.includes('ô bảng'))).toBe(true);
    await page.goto(`${base}/#/documents/${await page.locator('#record-rows a').first().getAttribute('href').then((href) => href!.split('/')[2])}`);
    await page.waitForSelector('.figures');
    expect(await page.locator('.figures button', { hasText: 'Sửa' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('staff: compares 2023 achieved with 2024 target and reads 21.600 → 23.100 in the table and the chart', async () => {
    const page = await signedIn('phân.tích');
    await page.click('#nav a[href="#/compare"]');
    await page.selectOption('#compare-form select[name=metric]', 'achieved');
    await page.selectOption('#compare-form select[name=to_metric]', 'target');
    await page.fill('#compare-form input[name=years]', '2023, 2024');
    await page.click('#compare-form button');
    const province = page.locator('#compare-rows tr', { hasText: 'Tỉnh Kiên Giang' }).first();
    await expect.poll(() => province.textContent()).toContain('2023 thực hiện: 21.600');
    expect(await province.textContent()).toContain('2024 chỉ tiêu: 23.100');
    expect(await page.getAttribute('#compare-chart', 'aria-label')).toContain('Tỉnh Kiên Giang 21.600 → 23.100');
    const bars = await page.evaluate(() => {
      const drawn = (window as unknown as { Chart: { getChart(canvas: Element): { data: { labels: string[]; datasets: { data: number[] }[] } } } }).Chart.getChart(document.querySelector('#compare-chart')!);
      const at = drawn.data.labels.indexOf('Tỉnh Kiên Giang');
      return drawn.data.datasets.map((set) => set.data[at]);
    });
    expect(bars).toEqual([21600, 23100]);
    await screenshots(page, 'compare-2023-2024');
    await page.close();
  }, 120_000);

  it('showed no console error to any of them', () => {
    expect(errors).toEqual([]);
  });
});

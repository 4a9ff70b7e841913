import { expect, test, type Page } from '@playwright/test';
import { cursorRow, readLines, typeThenPress, runLine, typeLine, useSharedConsole } from './support/consolePage';

// Served without COOP/COEP and opened with ?nojspi: neither SharedArrayBuffer nor JSPI, as in Safari on a
// non-isolated page. input() then waits through the page's service worker (public/pyrite-stdin-sw.js).
let page: Page;
useSharedConsole((booted) => (page = booted), './?nojspi');

test('without isolation and without JSPI, the page says only that Stop restarts Python', async () => {
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
  const banner = (await readLines(page)).join('\n');
  expect(banner).toContain('Stop restarts Python when the running code never waits');
  expect(banner).not.toContain('input() reads end of file');
});

test('input() waits for the answer typed inline, through the service worker', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'name = input("Name: ")');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await page.keyboard.type('Grace');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
  expect(await runLine(page, 'name')).toEqual(["'Grace'"]);
});

test('two input() calls in a row each get their own answer', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'a = input("a? "); b = input("b? ")');
  for (const answer of ['1', '2']) {
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
    await page.keyboard.type(answer);
    await page.keyboard.press('Enter');
  }
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
  expect(await runLine(page, 'a + b')).toEqual(["'12'"]);
});

test('Ctrl+C while input() waits raises KeyboardInterrupt and keeps the variables', async () => {
  const start = await typeThenPress(page, 'input("? ")', 'input', 'Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'name')).toEqual(["'Grace'"]);
});

test('time.sleep waits without spinning: output printed before it shows during the sleep', async () => {
  const start = await cursorRow(page);
  await typeLine(
    page,
    'import time; t0 = time.time(); print("before"); time.sleep(2); print("after", time.time() - t0 >= 2)',
  );
  // A sleep that spun on the clock would block the worker's output until it ended: "before" would come with "after".
  await expect.poll(async () => (await readLines(page, start)).includes('before')).toBe(true);
  expect(await readLines(page, start)).not.toContain('after True');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => (await readLines(page, start)).includes('after True')).toBe(true);
});

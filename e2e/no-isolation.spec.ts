import { expect, test, type Page } from '@playwright/test';
import { cursorRow, readLines, runLine, typeLine, useSharedConsole } from './support/consolePage';

// Served without COOP/COEP (project "chromium-no-isolation"): no SharedArrayBuffer, so the fallbacks apply.
let page: Page;
useSharedConsole((booted) => (page = booted));

test('the page is not cross-origin isolated and says what that means', async () => {
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
  expect((await readLines(page)).join('\n')).toContain('not cross-origin isolated');
});

test('code still runs and prints', async () => {
  expect(await runLine(page, 'print(6 * 7)')).toEqual(['42']);
});

test('input() reads end of file with an explanation', async () => {
  const output = await runLine(page, 'input()');
  expect(output[0]).toContain('input() needs a cross-origin isolated page');
  expect(output.at(-1)).toBe('EOFError: EOF when reading a line');
});

test('Stop ends an endless loop by restarting Python, which forgets variables', async () => {
  await runLine(page, 'forgotten = 1');
  const start = await cursorRow(page);
  await typeLine(page, 'while True: pass');
  await page.keyboard.press('Enter');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.locator('#stop').click();
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect.poll(async () => (await readLines(page, start)).join('\n')).toContain('stopping restarts Python');
  const output = await runLine(page, 'forgotten');
  expect(output.at(-1)).toBe("NameError: name 'forgotten' is not defined");
});

import { expect, test, type Page } from '@playwright/test';
import {
  BOOT_TIMEOUT,
  ctrlCDuringEndlessCompletion,
  cursorRow,
  readLines,
  typeThenPress,
  runLine,
  typeLine,
  useSharedConsole,
} from './support/consolePage';

// Served without COOP/COEP (project "chromium-no-isolation"): no SharedArrayBuffer, so the fallbacks apply.
// Opened with ?debug for the crash hook.
let page: Page;
useSharedConsole((booted) => (page = booted), './?debug');

test('the page is not cross-origin isolated and says what that means', async () => {
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
  expect((await readLines(page)).join('\n')).toContain('not cross-origin isolated');
});

test('code still runs and prints', async () => {
  expect(await runLine(page, 'print(6 * 7)')).toEqual(['42']);
});

test('input() waits for the answer typed inline: Python suspends until it arrives (JSPI)', async () => {
  expect(await page.evaluate(() => 'Suspending' in WebAssembly)).toBe(true);
  const start = await cursorRow(page);
  await typeLine(page, 'name = input("Name: ")');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
  expect(await runLine(page, 'name')).toEqual(["'Ada'"]);
  expect((await readLines(page, start)).join('\n')).not.toContain('end of file');
});

test('Ctrl+D at an input() prompt raises EOFError', async () => {
  const start = await typeThenPress(page, 'input()', 'input', 'Control+D');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('EOFError: EOF when reading a line');
});

test('Ctrl+C while input() waits raises KeyboardInterrupt and keeps the variables', async () => {
  await runLine(page, 'kept = 7');
  const start = await typeThenPress(page, 'input("? ")', 'input', 'Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'kept')).toEqual(['7']);
});

test('Stop interrupts time.sleep in place, keeping the variables', async () => {
  await runLine(page, 'still_here = 1');
  const start = await cursorRow(page);
  await typeLine(page, 'import time; time.sleep(30)');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.locator('#stop').click();
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect((await readLines(page, start)).join('\n')).not.toContain('restarts Python');
  expect(await runLine(page, 'still_here')).toEqual(['1']);
});

test('Stop interrupts a top-level await in place', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'import asyncio; await asyncio.sleep(30)');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.locator('#stop').click();
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'still_here')).toEqual(['1']);
});

test('output printed before time.sleep shows while Python sleeps', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'print("before"); time.sleep(30)');
  await expect.poll(async () => (await readLines(page, start)).includes('before')).toBe(true);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.locator('#stop').click();
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
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

test('Ctrl+C on a completion that never returns restarts Python, and the console goes on', async () => {
  const start = await ctrlCDuringEndlessCompletion(page);
  await expect.poll(async () => (await readLines(page, start)).join('\n')).toContain('Stopped the completion');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  const output = await runLine(page, 'endless');
  expect(output.at(-1)).toBe("NameError: name 'endless' is not defined");
});

test('a runtime crash restarts Python by itself: a new prompt works and the variables are gone', async () => {
  await runLine(page, 'lost_in_crash = 1');
  const start = await cursorRow(page);
  await page.evaluate(() => window.pyriteDebug?.trap());
  await expect.poll(async () => (await readLines(page, start)).join('\n')).toContain('Python stopped working');
  await expect
    .poll(async () => (await readLines(page, start)).join('\n'))
    .toContain('Started a fresh Python; variables are lost');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
  expect(await runLine(page, '1+1')).toEqual(['2']);
  const output = await runLine(page, 'lost_in_crash');
  expect(output.at(-1)).toBe("NameError: name 'lost_in_crash' is not defined");
});

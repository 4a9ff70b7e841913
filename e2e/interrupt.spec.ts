import { expect, test, type Page } from '@playwright/test';
import { cursorRow, readLines, typeThenPress, runLine, typeLine, useSharedConsole } from './support/consolePage';

let page: Page;
useSharedConsole((booted) => (page = booted));

test('Ctrl+C stops an endless loop with KeyboardInterrupt and keeps the variables', async () => {
  await runLine(page, 'kept = 42');
  const start = await cursorRow(page);
  await typeLine(page, 'while True: pass');
  await page.keyboard.press('Enter'); // the blank line that ends the block
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'kept')).toEqual(['42']);
});

test('Ctrl+C stops a pure-Python recursion, which has no loop to check for it', async () => {
  // Function starts had no periodic look at the interrupt buffer: fib(40) ran its minutes out.
  await typeLine(page, 'def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)');
  await page.keyboard.press('Enter');
  // The definition's own run must be over (its new prompt shown): a Ctrl+C while it still ran would be its.
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
  const start = await typeThenPress(page, 'fib(40)', 'running', 'Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2), { timeout: 10_000 }).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'fib(10)')).toEqual(['55']);
});

test('the Stop button interrupts time.sleep', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'import time; time.sleep(30)');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.locator('#stop').click();
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
});

test('output printed before time.sleep shows while Python sleeps', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'import time; print("before"); time.sleep(30)');
  await expect.poll(async () => (await readLines(page, start)).includes('before')).toBe(true);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
});

test('Ctrl+C interrupts a top-level await', async () => {
  const start = await typeThenPress(page, 'import asyncio; await asyncio.sleep(30)', 'running', 'Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
});

test('Ctrl+C stops asyncio.run() waiting for its coroutine, cancels it, and the event loop goes on', async () => {
  await runLine(page, 'import asyncio; waiter = asyncio.Event().wait()');
  const start = await typeThenPress(page, 'asyncio.run(waiter)', 'running', 'Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'await asyncio.sleep(0.01, "after")')).toEqual(["'after'"]);
  expect(await runLine(page, 'waiter.cr_frame is None  # cancelled, so finished')).toEqual(['True']);
});

test('Ctrl+C while input() waits raises KeyboardInterrupt', async () => {
  const start = await typeThenPress(page, 'input("? ")', 'input', 'Control+C');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
  const lines = await readLines(page, start);
  expect(lines.slice(0, 2)).toEqual(['>>> input("? ")', '? ^C']);
  // As in CPython, the traceback points at the input() that was waiting.
  expect(lines.slice(-3)).toEqual(['    input("? ")', 'KeyboardInterrupt', '>>>']);
});

test('Restart gives a fresh Python without the old variables', async () => {
  await runLine(page, 'before_restart = 1');
  await page.locator('#restart').click();
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  const output = await runLine(page, 'before_restart');
  expect(output.at(-1)).toBe("NameError: name 'before_restart' is not defined");
});

import { expect, test, type Page } from '@playwright/test';
import {
  cursorRow,
  readLines,
  typeThenPress,
  rowIsRed,
  runLine,
  typeLine,
  useSharedConsole,
} from './support/consolePage';

// One booted page for the whole file: booting Python is the slow part. Tests leave the namespace as they found it.
let page: Page;
useSharedConsole((booted) => (page = booted));

test('the page is cross-origin isolated', async () => {
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
});

test('typing 1+1 and Enter shows 2', async () => {
  expect(await runLine(page, '1+1')).toEqual(['2']);
});

test('print("hi") shows hi', async () => {
  expect(await runLine(page, 'print("hi")')).toEqual(['hi']);
});

test('1/0 shows a ZeroDivisionError traceback in red', async () => {
  const output = await runLine(page, '1/0');
  expect(output[0]).toBe('Traceback (most recent call last):');
  expect(output.at(-1)).toBe('ZeroDivisionError: division by zero');
  expect(await rowIsRed(page, 1)).toBe(true); // the line above the new prompt
});

test('an input() prompt answered inline returns the typed text', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'input("Name: ")');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('Name:');
  await typeLine(page, 'Ada');
  await expect.poll(async () => readLines(page, start)).toEqual(['>>> input("Name: ")', 'Name: Ada', "'Ada'", '>>>']);
});

test('sys.stdin.buffer.readline() reads a line typed in the console as bytes, as contest programs do', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'import sys; sum(map(int, sys.stdin.buffer.readline().split()))');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await typeLine(page, '20 22');
  await expect.poll(async () => (await readLines(page, start)).slice(-2)).toEqual(['42', '>>>']);
});

test('Ctrl+D at an input() prompt raises EOFError while the worker waits on shared memory', async () => {
  const start = await typeThenPress(page, 'input()', 'input', 'Control+D');
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('EOFError: EOF when reading a line');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
});

test('getpass.getpass() asks for a password as in a terminal: the typed text is not shown, and no warning', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'import getpass; secret = getpass.getpass()');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('Password:');
  await typeLine(page, 'hunter2');
  await expect
    .poll(async () => readLines(page, start))
    .toEqual(['>>> import getpass; secret = getpass.getpass()', 'Password:', '>>>']);
  expect(await runLine(page, 'secret')).toEqual(["'hunter2'"]);
  // Not kept in the history either: Up brings back the statement, not the password.
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>> secret');
  await page.keyboard.press('Control+U');
});

test('getpass.getpass(prompt) shows its prompt; Ctrl+C there raises KeyboardInterrupt', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'from getpass import getpass; getpass("PIN: ")');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('PIN:');
  await page.keyboard.type('1234');
  await page.keyboard.press('Control+C');
  await expect.poll(async () => (await readLines(page, start)).slice(-2)).toEqual(['KeyboardInterrupt', '>>>']);
  expect((await readLines(page, start)).join('\n')).not.toContain('1234');
});

import { expect, test, type Page } from '@playwright/test';
import { cursorRow, openConsole, readLines, runLine, typeLine } from './support/consolePage';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await openConsole(page);
});

test.afterAll(async () => {
  await page.close();
});

test('a block continues with ... until a blank line, then runs', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'for i in range(3):');
  await typeLine(page, '    print(i * 10)');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('...');
  await typeLine(page, '');
  await expect
    .poll(async () => readLines(page, start))
    .toEqual(['>>> for i in range(3):', '...     print(i * 10)', '...', '0', '10', '20', '>>>']);
});

test('Up recalls the previous line from history', async () => {
  await runLine(page, 'answer = 6 * 7');
  const start = await cursorRow(page);
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await readLines(page, start)).at(0)).toBe('>>> answer = 6 * 7');
  await page.keyboard.press('Control+U');
  await expect.poll(async () => (await readLines(page, start)).at(0)).toBe('>>>');
});

test('Left arrow and typing insert in the middle of the line', async () => {
  const start = await cursorRow(page);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('1+3');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('2+');
  await expect.poll(async () => (await readLines(page, start)).at(0)).toBe('>>> 1+2+3');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(1)).toBe('6');
});

test('Tab completes a name from the namespace', async () => {
  await runLine(page, 'distinctive_name = 1');
  const start = await cursorRow(page);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('distinctive_n');
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await readLines(page, start)).at(0)).toBe('>>> distinctive_name');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(1)).toBe('1');
});

test('a pasted multi-line block runs line by line', async () => {
  const start = await cursorRow(page);
  await page.evaluate(() => window.term.paste('x = 5\ny = x * 2\nprint(y)\n'));
  await expect
    .poll(async () => readLines(page, start))
    .toEqual(['>>> x = 5', '>>> y = x * 2', '>>> print(y)', '10', '>>>']);
});

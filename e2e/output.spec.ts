import { expect, test, type Page } from '@playwright/test';
import { cursorRow, readLines, rowIsRed, runLine, typeLine, useSharedConsole } from './support/consolePage';

let page: Page;
useSharedConsole((booted) => (page = booted));

test('stderr output is shown in red', async () => {
  expect(await runLine(page, 'import sys; print("oops", file=sys.stderr)')).toEqual(['oops']);
  expect(await rowIsRed(page, 1)).toBe(true);
});

test('print(end="") output appears at once, before the next prompt', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'print("a", end=""); print("b", end="")');
  await expect
    .poll(async () => readLines(page, start))
    .toEqual(['>>> print("a", end=""); print("b", end="")', 'ab>>>']);
});

test('a huge print is cut with a notice saying how much was not shown', async () => {
  // The kept megabyte overflows the scrollback, so the typed line scrolls away: look at the end only.
  await typeLine(page, 'print("x" * 3_000_000)');
  await expect
    .poll(async () => (await readLines(page)).slice(-3).join('\n'))
    .toMatch(/output cut: 1,951,424 characters were not shown …\]\n\n>>>$/);
});

test('a thousand prints arrive complete and in order', async () => {
  const output = await runLine(page, 'print(*range(1000), sep="\\n")');
  expect(output.slice(-3)).toEqual(['997', '998', '999']);
});

test('ANSI colours in program output are honoured', async () => {
  expect(await runLine(page, 'print("\\x1b[32mgreen\\x1b[0m plain")')).toEqual(['green plain']);
  const colours = await page.evaluate(() => {
    const buffer = window.term.buffer.active;
    const line = buffer.getLine(buffer.baseY + buffer.cursorY - 1);
    return [line?.getCell(0)?.getFgColor(), line?.getCell(6)?.isFgDefault()];
  });
  expect(colours).toEqual([2, true]);
});

test('a line longer than the terminal wraps onto the next rows', async () => {
  const cols = await page.evaluate(() => window.term.cols);
  const output = await runLine(page, `print("w" * ${cols + 10})`);
  expect(output).toEqual(['w'.repeat(cols), 'w'.repeat(10)]);
  const wrapped = await page.evaluate(() => {
    const buffer = window.term.buffer.active;
    return buffer.getLine(buffer.baseY + buffer.cursorY - 1)?.isWrapped;
  });
  expect(wrapped).toBe(true);
});

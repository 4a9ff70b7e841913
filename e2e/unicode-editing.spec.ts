import { expect, test, type Page } from '@playwright/test';
import { cursorRow, readLines, runLine, screenshotAfterEach, typeKeys, useSharedConsole } from './support/consolePage';

// One booted page for the whole file. Each test types an input, edits it with the keys a user presses and checks
// the value Python got (printed with ascii(), so that every code point shows).
let page: Page;
useSharedConsole((booted) => (page = booted));

screenshotAfterEach(() => page);

const FLAG = '\u{1F1EB}\u{1F1F7}'; // 🇫🇷: two regional indicators
const FAMILY = '\u{1F469}\u200d\u{1F469}\u200d\u{1F467}'; // 👩‍👩‍👧: three emoji joined by ZWJs

/** The column of the terminal's cursor. */
const cursorColumn = (): Promise<number> => page.evaluate(() => window.term.buffer.active.cursorX);

async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

/** Presses Enter on the input being edited and waits for the next prompt. */
async function run(): Promise<void> {
  const start = await cursorRow(page);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
}

test('Up into a line of emoji lands before the emoji under the cursor, never inside it', async () => {
  await typeKeys(page, 's = "🐍🐍🐍"');
  await page.keyboard.press('Alt+Enter'); // a new line in the same input
  await typeKeys(page, 't = 12345678');
  await press(...Array<string>(6).fill('ArrowLeft')); // after `t = 12`: column 10, the first snake's second cell
  await page.keyboard.press('ArrowUp');
  await expect.poll(cursorColumn).toBe(9); // before the first snake (`>>> s = "` is 9 cells)
  await typeKeys(page, 'X');
  await run();
  expect(await runLine(page, 'print(ascii(s), t)')).toEqual(["'X\\U0001f40d\\U0001f40d\\U0001f40d' 12345678"]);
});

test('Down keeps the column in cells over a line of emoji', async () => {
  await typeKeys(page, 'n = 123456');
  await page.keyboard.press('Alt+Enter');
  await typeKeys(page, 'm = "🐍🐍🐍"');
  await page.keyboard.press('ArrowUp'); // to the end of the shorter line above
  await press('ArrowLeft', 'ArrowLeft'); // after `n = 1234`: column 12, the second snake's second cell below
  await page.keyboard.press('ArrowDown');
  await expect.poll(cursorColumn).toBe(11); // after the first snake
  await typeKeys(page, 'X');
  await run();
  expect(await runLine(page, 'print(ascii(m), n)')).toEqual(["'\\U0001f40dX\\U0001f40d\\U0001f40d' 123456"]);
});

test('Up into a line of CJK text keeps the column as drawn (each character takes two cells)', async () => {
  await typeKeys(page, 'c = "中文字"');
  await page.keyboard.press('Alt+Enter');
  await typeKeys(page, 'd = 12345678');
  await press('ArrowLeft', 'ArrowLeft', 'ArrowLeft'); // after `d = 12345`: column 13
  await page.keyboard.press('ArrowUp');
  await expect.poll(cursorColumn).toBe(13); // after 中文
  await typeKeys(page, 'X');
  await run();
  expect(await runLine(page, 'print(ascii(c))')).toEqual(["'\\u4e2d\\u6587X\\u5b57'"]);
});

test('Left and Backspace move over and delete a letter with its combining accent as one character', async () => {
  await typeKeys(page, 'w = "cafe\u0301!"');
  await press('ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'Backspace'); // Left over `"`, `!` and `é`: deletes the `f`
  await run();
  expect(await runLine(page, 'print(ascii(w))')).toEqual(["'cae\\u0301!'"]);
  await typeKeys(page, 'w = "cafe\u0301!"');
  await press('ArrowLeft', 'ArrowLeft', 'Backspace'); // deletes `é`, accent and all
  await run();
  expect(await runLine(page, 'print(ascii(w))')).toEqual(["'caf!'"]);
});

test('one Backspace deletes a whole flag or ZWJ family, and one Delete too', async () => {
  await typeKeys(page, `f = "a${FLAG}b"`);
  await press('ArrowLeft', 'ArrowLeft', 'Backspace');
  await run();
  expect(await runLine(page, 'print(ascii(f))')).toEqual(["'ab'"]);
  await typeKeys(page, `g = "a${FAMILY}b"`);
  await press('ArrowLeft', 'ArrowLeft', 'Backspace');
  await run();
  expect(await runLine(page, 'print(ascii(g))')).toEqual(["'ab'"]);
  await typeKeys(page, `h = "a${FLAG}${FAMILY}b"`);
  await press('Home', ...Array<string>(6).fill('ArrowRight'), 'Delete', 'Delete'); // after `h = "a`
  await run();
  expect(await runLine(page, 'print(ascii(h))')).toEqual(["'ab'"]);
});

test('Left moves over a flag and a ZWJ family at once, so typing goes before them', async () => {
  await typeKeys(page, `k = "${FLAG}${FAMILY}"`);
  await press('ArrowLeft', 'ArrowLeft', 'ArrowLeft'); // over `"`, the family and the flag
  await typeKeys(page, 'X');
  await run();
  expect(await runLine(page, 'print(ascii(k))')).toEqual([
    "'X\\U0001f1eb\\U0001f1f7\\U0001f469\\u200d\\U0001f469\\u200d\\U0001f467'",
  ]);
});

test('a word move (Alt+F) ends after the accent of the last letter of a word, not between them', async () => {
  await typeKeys(page, 'v = "cafe\u0301 au lait"');
  await press('Home', 'Alt+F', 'Alt+F'); // after `v`, then after `café`
  await typeKeys(page, 'X');
  await run();
  expect(await runLine(page, 'print(ascii(v))')).toEqual(["'cafe\\u0301X au lait'"]);
});

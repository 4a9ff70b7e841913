import { expect, test, type Page } from '@playwright/test';
import {
  colourAt,
  ctrlCDuringEndlessCompletion,
  currentLine,
  cursorRow,
  openConsole,
  readLines,
  runLine,
  typeKeys,
  typeLine,
  screenshotAfterEach,
  useSharedConsole,
} from './support/consolePage';

// One booted page for the whole file; the last test reloads it to check that history survives.
let page: Page;
useSharedConsole((booted) => (page = booted));

screenshotAfterEach(() => page);

test('a block continues with an indented ... line after ":" and runs after a blank line', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'for i in range(3):');
  await expect.poll(() => currentLine(page)).toBe('...'); // the auto-indent is four spaces, trimmed here
  await typeLine(page, 'print(i * 10)');
  await typeLine(page, '');
  await expect
    .poll(async () => readLines(page, start))
    .toEqual(['>>> for i in range(3):', '...     print(i * 10)', '...', '0', '10', '20', '>>>']);
});

test('Up recalls the previous line from history', async () => {
  await runLine(page, 'answer = 6 * 7');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => currentLine(page)).toBe('>>> answer = 6 * 7');
  await page.keyboard.press('Control+U');
  await expect.poll(() => currentLine(page)).toBe('>>>');
});

test('a block recalled with Up is one entry, shown whole, and runs with one Enter', async () => {
  const start = await cursorRow(page);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => readLines(page, start)).toEqual(['>>> for i in range(3):', '...     print(i * 10)']);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).slice(-4)).toEqual(['0', '10', '20', '>>>']);
});

test('Left arrow and typing insert in the middle of the line', async () => {
  const start = await cursorRow(page);
  await typeKeys(page, '1+3');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('2+');
  await expect.poll(async () => (await readLines(page, start)).at(0)).toBe('>>> 1+2+3');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(1)).toBe('6');
});

/** The column of the terminal's cursor. */
const cursorColumn = (): Promise<number> => page.evaluate(() => window.term.buffer.active.cursorX);

test('a tab in the line is drawn to the next tab stop, and the cursor is drawn where typing inserts', async () => {
  await typeKeys(page, 'x = ');
  await page.keyboard.press('Tab'); // after code, with nothing to complete, Tab inserts a tab, as in CPython
  await typeKeys(page, '123');
  await expect.poll(() => currentLine(page)).toBe(`>>> x =${' '.repeat(9)}123`);
  expect(await cursorColumn()).toBe(19);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(cursorColumn).toBe(17);
  await typeKeys(page, '0');
  await expect.poll(() => currentLine(page)).toBe(`>>> x =${' '.repeat(9)}1023`);
  expect(await cursorColumn()).toBe(18);
  await page.keyboard.press('Enter');
  expect(await runLine(page, 'x')).toEqual(['1023']);
});

test('in a pasted block indented with tabs, the cursor is drawn where typing inserts', async () => {
  const start = await cursorRow(page);
  await page.evaluate(() => window.term.paste('if True:\n\tx = 1'));
  await expect.poll(async () => readLines(page, start)).toEqual(['>>> if True:', `...${' '.repeat(5)}x = 1`]);
  await page.keyboard.press('Home');
  await expect.poll(cursorColumn).toBe(4);
  await page.keyboard.press('ArrowRight');
  await expect.poll(cursorColumn).toBe(8);
  await typeKeys(page, 'z = 2; ');
  await expect.poll(() => currentLine(page)).toBe(`...${' '.repeat(5)}z = 2; x = 1`);
  expect(await cursorColumn()).toBe(15);
  await page.keyboard.press('Enter');
  expect(await runLine(page, 'x, z')).toEqual(['(1, 2)']);
});

test('the line being typed is drawn again, wrapped to the new width, when the terminal is resized', async () => {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const text = `x = "${Array.from({ length: 19 }, (_, i) => `abcdefgh${i}`.padEnd(10, '_')).join('')}"`;
  const rowsOf = (line: string, cols: number): string[] =>
    Array.from({ length: Math.ceil(line.length / cols) }, (_, i) => line.slice(i * cols, (i + 1) * cols));
  /** The rows from the prompt of the line being typed down, and the terminal's width and cursor column. */
  const shown = async (): Promise<{ rows: string[]; cols: number; cursor: number }> => {
    const lines = await readLines(page);
    const first = lines.map((line) => line.startsWith('>>> x = "abcdefgh0')).lastIndexOf(true);
    return {
      rows: lines.slice(first),
      cols: await page.evaluate(() => window.term.cols),
      cursor: await page.evaluate(() => window.term.buffer.active.cursorX),
    };
  };
  const drawnWhole = async (): Promise<boolean> => {
    const { rows, cols, cursor } = await shown();
    return JSON.stringify(rows) === JSON.stringify(rowsOf(`>>> ${text}`, cols)) && cursor === (4 + text.length) % cols;
  };
  try {
    await page.setViewportSize({ width: 1400, height: viewport.height });
    await typeKeys(page, text);
    await expect.poll(drawnWhole).toBe(true);
    const wide = (await shown()).cols;
    await page.setViewportSize({ width: 900, height: viewport.height });
    await expect.poll(async () => (await shown()).cols).toBeLessThan(wide);
    await expect.poll(drawnWhole).toBe(true);
    await page.setViewportSize({ width: 1400, height: viewport.height });
    await expect.poll(async () => (await shown()).cols).toBe(wide);
    await expect.poll(drawnWhole).toBe(true);
  } finally {
    await page.setViewportSize(viewport);
  }
  await page.keyboard.press('Enter');
  expect(await runLine(page, 'len(x)')).toEqual(['190']);
});

test('Emacs keys move by word, kill and yank', async () => {
  await typeKeys(page, 'xx yy zz');
  await page.keyboard.press('Alt+B'); // before zz
  await page.keyboard.press('Control+K'); // kills zz
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+Y'); // yanks it at the start
  await expect.poll(() => currentLine(page)).toBe('>>> zzxx yy');
  await page.keyboard.press('Control+E');
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+F');
  await page.keyboard.type('!');
  await expect.poll(() => currentLine(page)).toBe('>>> zzxx yy!');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Alt+F'); // after zzxx
  await page.keyboard.press('Alt+D'); // kills " yy"
  await expect.poll(() => currentLine(page)).toBe('>>> zzxx!');
  await page.keyboard.press('Control+E');
  await page.keyboard.press('Control+W'); // back over "! " and the word
  await expect.poll(() => currentLine(page)).toBe('>>>');
});

test('Ctrl+R finds an older entry and Enter runs it', async () => {
  await runLine(page, "'needle' + '1'");
  await runLine(page, 'other = 1');
  const start = await cursorRow(page);
  await page.keyboard.press('Control+R');
  await page.keyboard.type('needle');
  await expect.poll(() => currentLine(page)).toBe(">>> (reverse-i-search)'needle': 'needle' + '1'");
  await page.keyboard.press('Enter');
  await expect.poll(async () => readLines(page, start)).toEqual([">>> 'needle' + '1'", "'needle1'", '>>>']);
});

test('Ctrl+C during Ctrl+R abandons the search and the line, as in bash; Ctrl+G only the search', async () => {
  await runLine(page, "'haystack' * 2");
  const start = await cursorRow(page);
  await typeKeys(page, 'typed');
  await page.keyboard.press('Control+R');
  await page.keyboard.type('hay');
  await expect.poll(() => currentLine(page)).toBe(">>> (reverse-i-search)'hay': 'haystack' * 2");
  await page.keyboard.press('Control+G');
  await expect.poll(() => currentLine(page)).toBe('>>> typed');
  await page.keyboard.press('Control+R');
  await page.keyboard.type('hay');
  await page.keyboard.press('Control+C');
  await expect.poll(async () => readLines(page, start)).toEqual(['>>> typed^C', 'KeyboardInterrupt', '>>>']);
});

test('Tab completes a name from the namespace', async () => {
  await runLine(page, 'distinctive_name = 1');
  const start = await cursorRow(page);
  await typeKeys(page, 'distinctive_n');
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await readLines(page, start)).at(0)).toBe('>>> distinctive_name');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).at(1)).toBe('1');
});

test('Ctrl+C stops a completion that runs code which never returns, and the console goes on', async () => {
  const start = await ctrlCDuringEndlessCompletion(page);
  await expect
    .poll(async () => (await readLines(page, start)).slice(0, 3))
    .toEqual(['>>> endless.forever.^C', 'KeyboardInterrupt', '>>>']);
  expect(await runLine(page, '6 * 7')).toEqual(['42']);
});

test('Tab lists several attribute candidates in columns, then completes a module name after import', async () => {
  await runLine(page, 'import math');
  const start = await cursorRow(page);
  await typeKeys(page, 'math.co');
  await page.keyboard.press('Tab');
  await expect
    .poll(async () => readLines(page, start))
    .toEqual([
      '>>> math.co',
      expect.stringMatching(/^math\.comb\(\s+math\.copysign\(\s+math\.cos\(\s+math\.cosh\($/u),
      '>>> math.co',
    ]);
  await page.keyboard.press('Control+U');
  await typeKeys(page, 'import collecti');
  await page.keyboard.press('Tab');
  await expect.poll(() => currentLine(page)).toBe('>>> import collections');
  await page.keyboard.press('Control+U');
});

test('the line being typed is coloured: keywords, strings, numbers, comments', async () => {
  await typeKeys(page, 'if "s": 10 # c');
  await expect.poll(() => currentLine(page)).toBe('>>> if "s": 10 # c');
  // Columns after the 4-cell prompt: if=4, "s"=7, 10=12, # c=15.
  expect(await colourAt(page, 4)).toBe(5);
  expect(await colourAt(page, 7)).toBe(2);
  expect(await colourAt(page, 12)).toBe(3);
  expect(await colourAt(page, 15)).toBe(8);
  expect(await colourAt(page, 6)).toBeNull();
  await page.keyboard.press('Control+U');
});

test('a pasted block with blank lines inside a function runs as one input', async () => {
  const start = await cursorRow(page);
  await page.evaluate(() => window.term.paste('def pasted():\n    a = 2\n\n    return a * 21\n\npasted()\n'));
  await expect
    .poll(async () => readLines(page, start))
    .toEqual([
      '>>> def pasted():',
      '...     a = 2',
      '...',
      '...     return a * 21',
      '...',
      '... pasted()',
      '42',
      '>>>',
    ]);
});

test('a pasted >>> transcript runs its code without the old output', async () => {
  const start = await cursorRow(page);
  await page.evaluate(() => window.term.paste('>>> x = 5\n>>> x * 2\n10\n>>> print(x)\n5\n'));
  await expect
    .poll(async () => readLines(page, start))
    .toEqual(['>>> x = 5', '... x * 2', '... print(x)', '10', '5', '>>>']);
});

test('Ctrl+L clears the screen and keeps the line being typed', async () => {
  await typeKeys(page, 'kept_text');
  await page.keyboard.press('Control+L');
  await expect.poll(async () => readLines(page)).toEqual(['>>> kept_text']);
  await page.keyboard.press('Control+U');
});

test('a block taller than the console is typed without copies of its first lines left in the scrollback', async () => {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  try {
    await page.setViewportSize({ width: viewport.width, height: 320 });
    const rows = await page.evaluate(() => window.term.rows);
    const start = await cursorRow(page);
    await typeKeys(page, 'def report(scores):');
    await page.keyboard.press('Enter');
    // Twice as many lines as the console has rows: the first ones go above the screen's top while typing goes on.
    for (let i = 0; i < rows * 2; i++) {
      await page.keyboard.type(`total_${i} = scores[${i}] * 2`);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.type('return total_0');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
    const lines = await readLines(page, start);
    expect(lines.filter((line) => line === '>>> def report(scores):')).toHaveLength(1);
    expect(lines.filter((line) => /^\.\.\. +total_0 = scores\[0\] \* 2$/u.test(line))).toHaveLength(1);
  } finally {
    await page.setViewportSize(viewport);
  }
  expect(await runLine(page, 'report(list(range(100)))')).toEqual(['0']);
});

test('history survives a reload of the page', async () => {
  await runLine(page, 'remembered = "across reloads"');
  await openConsole(page, page.url());
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => currentLine(page)).toBe('>>> remembered = "across reloads"');
  await page.keyboard.press('Control+U');
});

import { expect, test, type Page } from '@playwright/test';
import {
  colourAt,
  currentLine,
  cursorRow,
  readLines,
  runLine,
  screenshotAfterEach,
  typeKeys,
  typeLine,
  useSharedConsole,
} from './support/consolePage';

// How the console keeps its prompt whole: output from background work, programs that reset the terminal or leave
// colours on, Stop during input(), repeated Tab, editing keys, and blocks that come back from history.
let page: Page;
useSharedConsole((booted) => (page = booted));

screenshotAfterEach(() => page);

/** The column of the terminal's cursor. */
const cursorColumn = (): Promise<number> => page.evaluate(() => window.term.buffer.active.cursorX);

/** Pastes a block that ends with a line break (so it runs) and waits for the next prompt. */
async function pasteAndRun(code: string): Promise<void> {
  const start = await cursorRow(page);
  await page.evaluate((text) => window.term.paste(text), `${code}\n`);
  await expect.poll(async () => (await readLines(page, start)).slice(1).at(-1)).toBe('>>>');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
}

test('output from a background task is printed above the line being typed, which is drawn again below', async () => {
  await runLine(page, 'import asyncio');
  await pasteAndRun('async def later():\n    await asyncio.sleep(2)\n    print("BG-OUTPUT")\n');
  const start = await cursorRow(page);
  await typeLine(page, 't = asyncio.create_task(later())');
  await typeKeys(page, 'partial');
  await page.keyboard.press('ArrowLeft');
  // Typed well before the task prints (it sleeps 2 s).
  await expect
    .poll(() => readLines(page, start), { intervals: [50] })
    .toEqual(['>>> t = asyncio.create_task(later())', '>>> partial']);
  await expect
    .poll(() => readLines(page, start))
    .toEqual(['>>> t = asyncio.create_task(later())', 'BG-OUTPUT', '>>> partial']);
  expect(await cursorColumn()).toBe('>>> partia'.length); // the cursor is where it was in the text
  await page.keyboard.type('_more');
  await expect.poll(() => currentLine(page)).toBe('>>> partia_morel');
  await page.keyboard.press('Control+U');
  await page.keyboard.press('Control+K');
});

test('a timer that prints while nothing is typed leaves the prompt below its output', async () => {
  await runLine(page, 'import asyncio');
  const start = await cursorRow(page);
  await typeKeys(page, 'asyncio.get_event_loop().call_later(0.3, print, "x")');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, start)).slice(-2)).toEqual(['x', '>>>']);
  expect(await cursorColumn()).toBe(4);
});

test('background stdout and stderr keep their order, and a line printed in pieces stays one line', async () => {
  const start = await cursorRow(page);
  await pasteAndRun(
    'import sys\n' +
      'async def dots():\n' +
      '    for i in range(3):\n' +
      '        print(i, end="", flush=True)\n' +
      '        await asyncio.sleep(0.15)\n' +
      '    print("!", file=sys.stderr)\n' +
      '    print("done")\n',
  );
  await runLine(page, 'd = asyncio.create_task(dots())');
  await expect.poll(async () => (await readLines(page, start)).slice(-3)).toEqual(['012!', 'done', '>>>']);
});

test('after a program resets the terminal (ESC c), a pasted block is still one input and runs as pasted', async () => {
  await typeLine(page, 'print("\\033c", end="")');
  await expect.poll(() => readLines(page)).toEqual(['>>>']); // the reset cleared the screen
  expect(await page.evaluate(() => window.term.modes.bracketedPasteMode)).toBe(true);
  const start = await cursorRow(page);
  await pasteAndRun('def after_reset():\n    b = 1\n    return b\n');
  expect(await readLines(page, start)).toEqual(['>>> def after_reset():', '...     b = 1', '...     return b', '>>>']);
  expect(await runLine(page, 'after_reset()')).toEqual(['1']);
});

test('a block pasted while a program that reset the terminal still runs is one input once it ends', async () => {
  await typeLine(page, 'print("\\033c", end=""); import time; time.sleep(1.5)');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => page.evaluate(() => window.term.modes.bracketedPasteMode)).toBe(false);
  await page.evaluate(() => window.term.paste('def during_reset():\n    b = 2\n    return b\n\n'));
  await expect
    .poll(() => readLines(page))
    .toEqual(['>>> def during_reset():', '...     b = 2', '...     return b', '>>>']);
  expect(await runLine(page, 'during_reset()')).toEqual(['2']);
});

test('Stop while input() waits ends the line with ^C, as Ctrl+C does, before the traceback', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'input("waiting: ")');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await page.locator('#stop').click();
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
  const lines = await readLines(page, start);
  expect(lines.slice(0, 3)).toEqual(['>>> input("waiting: ")', 'waiting: ^C', 'Traceback (most recent call last):']);
  expect(lines.slice(-2)).toEqual(['KeyboardInterrupt', '>>>']);
});

test('a colour a program leaves on does not colour the next prompt or the text typed after it', async () => {
  await runLine(page, 'print("\\x1b[31mred without reset")');
  await typeKeys(page, 'abc');
  await expect.poll(() => currentLine(page)).toBe('>>> abc');
  expect(await colourAt(page, 0)).toBeNull();
  expect(await colourAt(page, 4)).toBeNull();
  await page.keyboard.press('Control+U');
});

test('Tab pressed again with the same candidates does not list them a second time', async () => {
  await runLine(page, 'import collections');
  const start = await cursorRow(page);
  await typeKeys(page, 'collections.');
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await readLines(page, start)).length).toBeGreaterThan(2);
  await expect.poll(() => currentLine(page)).toBe('>>> collections.');
  const listed = await readLines(page, start);
  expect(listed.join('\n')).toContain('collections.namedtuple(');
  await page.keyboard.press('Tab');
  await page.keyboard.type('x'); // waits behind the second completion, so it shows once Tab was handled
  await expect.poll(() => currentLine(page)).toBe('>>> collections.x');
  expect(await readLines(page, start)).toEqual([...listed.slice(0, -1), '>>> collections.x']);
  await page.keyboard.press('Control+U');
});

test('Ctrl+Backspace and Ctrl+Delete delete a word, Ctrl+W back to the whitespace, Alt+Backspace to punctuation', async () => {
  // The terminal draws what the keys did a frame later: the line is polled until it shows the edit.
  const expectAfter = async (typed: string, keys: string[], expected: string): Promise<void> => {
    await typeKeys(page, typed);
    for (const key of keys) await page.keyboard.press(key);
    await expect.poll(() => currentLine(page)).toBe(expected);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+U');
    await expect.poll(() => currentLine(page)).toBe('>>>');
  };
  await expectAfter('one two', ['Control+Backspace'], '>>> one');
  await expectAfter('one two', ['Home', 'Control+Delete'], '>>>  two');
  await expectAfter('x = foo.bar(baz)', ['Control+W'], '>>> x =');
  await expectAfter('x = foo.bar(baz)', ['Alt+Backspace'], '>>> x = foo.bar(');
  await expectAfter('ab', ['Control+T'], '>>> ba');
});

test('Ctrl+_ undoes the last edit, and a run of typing at once', async () => {
  await typeKeys(page, 'undo me');
  await page.keyboard.press('Control+W');
  await expect.poll(() => currentLine(page)).toBe('>>> undo');
  await page.keyboard.press('Control+Shift+Minus'); // Ctrl+_
  await expect.poll(() => currentLine(page)).toBe('>>> undo me');
  await page.keyboard.press('Control+Shift+Minus'); // Ctrl+_
  await expect.poll(() => currentLine(page)).toBe('>>>');
});

test('a block recalled with Up and edited in its middle line runs with one Enter', async () => {
  await pasteAndRun('def recalled():\n    b = 1\n    return b\n');
  const start = await cursorRow(page);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => currentLine(page)).toBe('...     return b');
  await page.keyboard.press('ArrowLeft'); // off the end: Up now moves within the block
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => readLines(page, start))
    .toEqual(['>>> def recalled():', '...     b = 5', '...     return b', '>>>']);
  expect(await runLine(page, 'recalled()')).toEqual(['5']);
});

test('a block found with Ctrl+R runs with one Enter', async () => {
  await pasteAndRun('def searched():\n    return "found"\n');
  await runLine(page, 'other = 2');
  const start = await cursorRow(page);
  await page.keyboard.press('Control+R');
  await page.keyboard.type('return "found');
  await expect.poll(() => currentLine(page)).toContain('(reverse-i-search)');
  await page.keyboard.press('Enter');
  await expect.poll(() => readLines(page, start)).toEqual(['>>> def searched():', '...     return "found"', '>>>']);
  expect(await runLine(page, 'searched()')).toEqual(["'found'"]);
});

test('a pasted block without a final line break waits for Enter, then runs with one', async () => {
  const start = await cursorRow(page);
  await page.evaluate(() => window.term.paste('def pasted_whole():\n    return 3'));
  await expect.poll(() => currentLine(page)).toBe('...     return 3');
  await page.keyboard.press('Enter');
  await expect.poll(() => readLines(page, start)).toEqual(['>>> def pasted_whole():', '...     return 3', '>>>']);
});

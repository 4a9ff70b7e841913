import { expect, test, type Page } from '@playwright/test';
import { currentLine, runLine, typeKeys, typeLine } from './support/consolePage';
import { editorCode, setEditorCode, useSharedWorkbench } from './support/workbench';

let page: Page;
useSharedWorkbench((booted) => (page = booted), './?layout=editor', recordWorkerRequests);

const suggestions = (): ReturnType<Page['locator']> => page.locator('.editor-host .suggest-widget.visible');

/** Puts `code` in the editor with the cursor at the end of its last line, and closes any suggestion list. */
async function editAtEnd(code: string): Promise<void> {
  await setEditorCode(page, code);
  const lines = code.split('\n').length;
  // goToLine focuses the editor (its input is an EditContext element in Chromium, not the textarea).
  await page.evaluate((line) => window.pyriteWorkbench?.editorIfLoaded?.goToLine(line), lines);
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  await expect(suggestions()).toBeHidden();
}

/** The labels the suggestion list shows (the ones rendered: the top of the list). */
function labels(): Promise<string[]> {
  return suggestions().locator('.monaco-list-row .label-name').allInnerTexts();
}

/** The kinds of the requests the page sent its runtime worker (recorded from page load on). */
function sentKinds(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { sentToWorker: string[] }).sentToWorker);
}

/** Records the kind of every request the page sends its runtime worker, from page load on (see sentKinds). */
async function recordWorkerRequests(target: Page): Promise<void> {
  await target.addInitScript(() => {
    const sent: string[] = [];
    (window as unknown as { sentToWorker: string[] }).sentToWorker = sent;
    const post = Object.getOwnPropertyDescriptor(Worker.prototype, 'postMessage')?.value as (
      this: Worker,
      ...args: unknown[]
    ) => void;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const kind = (args[0] as { kind?: unknown } | null)?.kind;
      if (typeof kind === 'string') sent.push(kind);
      post.apply(this, args);
    };
  });
}

test('Ctrl+Space in the editor lists a word of the document', async () => {
  await editAtEnd('hello_world = 1\nprint(hel');
  await page.keyboard.press('Control+Space');
  await expect(suggestions()).toBeVisible();
  await expect.poll(labels).toContain('hello_world');
  // Tab takes the one selected.
  await page.keyboard.press('Tab');
  await expect.poll(() => editorCode(page)).toBe('hello_world = 1\nprint(hello_world');
});

test('the suggestions include Python keywords and builtins', async () => {
  await editAtEnd('whi');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toContain('while');
  await editAtEnd('x = enum');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toContain('enumerate');
  await page.keyboard.press('Escape');
});

test('words in comments and strings are not suggested as names', async () => {
  await editAtEnd('# zebra_in_comment\ntext = "zebra_in_string"\nzebra_name = 1\nzeb');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toEqual(['zebra_name']);
  await page.keyboard.press('Escape');
});

test('suggestions appear while typing a name', async () => {
  await editAtEnd('counter_total = 0\n');
  await page.keyboard.type('counter_t');
  await expect.poll(labels).toContain('counter_total');
  await page.keyboard.press('Escape');
});

test('Enter starts a new line even while the suggestion list is open', async () => {
  await editAtEnd('a = 1\nb_value = 2\ntotal = a + b');
  await page.keyboard.press('Control+Space');
  await expect(suggestions()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => editorCode(page)).toBe('a = 1\nb_value = 2\ntotal = a + b\n');
  await expect(suggestions()).toBeHidden();
});

test('a dot typed in a string or a comment opens no list, a dot after a name does', async () => {
  // `.x` then Tab: Tab takes `x_coord` if the dot opened a list, and otherwise inserts spaces.
  await editAtEnd('point.x_coord = 1\npoint');
  await page.keyboard.type('.x');
  await expect.poll(labels).toEqual(['x_coord']);
  await page.keyboard.press('Tab');
  await expect.poll(() => editorCode(page)).toBe('point.x_coord = 1\npoint.x_coord');
  for (const line of ['print("Hello', '# See the docs']) {
    await editAtEnd(`point.x_coord = 1\n${line}`);
    await page.keyboard.type('.x');
    await page.keyboard.press('Tab');
    await expect.poll(() => editorCode(page)).toMatch(new RegExp(`\\n${line.replace(/[(]/gu, '\\(')}\\.x +$`, 'u'));
  }
});

test('after a run, typing k. in the editor lists the attributes Python knows of k', async () => {
  await setEditorCode(page, 'class K:\n    value = 1\nk = K()\n');
  await page.evaluate(() => window.pyriteWorkbench?.run());
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  // The editor's text no longer says `value`: the suggestion comes from the running Python.
  await editAtEnd('print(k');
  await page.keyboard.type('.');
  await expect.poll(labels).toEqual(['value']);
  await page.keyboard.press('Tab');
  await expect.poll(() => editorCode(page)).toBe('print(k.value');
});

test('names from the running Python are offered with the document words, modules after import', async () => {
  await setEditorCode(page, 'from math import *\n');
  await page.evaluate(() => window.pyriteWorkbench?.run());
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  await editAtEnd('hypot_local = 1\nhypot');
  await page.keyboard.press('Control+Space');
  await expect.poll(async () => (await labels()).sort()).toEqual(['hypot', 'hypot_local']);
  await editAtEnd('import jso');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toEqual(['json']);
  await page.keyboard.press('Escape');
});

/** How many completion requests the page has sent its worker (the editor's and the console's Tab). */
async function completionsAsked(): Promise<number> {
  return (await sentKinds()).filter((kind) => kind === 'complete').length;
}

test('`from json import ` lists what json has once it is imported (dumps); a module not imported is not imported to list its names', async () => {
  expect(await runLine(page, 'import json, sys')).toEqual([]);
  await editAtEnd('from json import ');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toContain('dumps');
  await page.keyboard.press('Escape');

  expect(await runLine(page, "'fractions' in sys.modules")).toEqual(['False']);
  const asked = await completionsAsked();
  await editAtEnd('from fractions import Fr');
  await page.keyboard.press('Control+Space');
  await expect.poll(completionsAsked).toBeGreaterThan(asked);
  await expect(suggestions()).toBeVisible(); // Python has answered
  expect(await labels()).not.toContain('Fraction');
  await page.keyboard.press('Escape');
  expect(await runLine(page, "'fractions' in sys.modules")).toEqual(['False']);

  expect(await runLine(page, 'import fractions')).toEqual([]);
  await editAtEnd('from fractions import Fr');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toContain('Fraction');
  await page.keyboard.press('Escape');
});

test("the console's Tab on a from-import line offers the same, and imports nothing either", async () => {
  expect(await runLine(page, 'import sys')).toEqual([]);
  await typeKeys(page, 'from json import du');
  await page.keyboard.press('Tab');
  await expect.poll(() => currentLine(page)).toBe('>>> from json import dump');
  await page.keyboard.press('Control+U');

  expect(await runLine(page, "'statistics' in sys.modules")).toEqual(['False']);
  const asked = await completionsAsked();
  await typeKeys(page, 'from statistics import me');
  await page.keyboard.press('Tab');
  await expect.poll(completionsAsked).toBeGreaterThan(asked);
  // Typed on while the completion runs, this line runs after it: it sees whatever the completion imported.
  await page.keyboard.press('Control+U');
  expect(await runLine(page, "'statistics' in sys.modules")).toEqual(['False']);
});

test('while a program waits in input(), the editor does not ask Python, and its own suggestions still show', async () => {
  await typeLine(page, 'answer = input("? ")');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  const before = (await sentKinds()).filter((kind) => kind === 'complete').length;
  await editAtEnd('own_name = 1\nown');
  await page.keyboard.press('Control+Space');
  await expect.poll(labels).toEqual(['own_name']);
  await page.keyboard.press('Escape');
  await editAtEnd('print(k');
  await page.keyboard.type('.');
  await page.keyboard.press('Control+Space'); // the list says there is nothing to suggest
  await expect(page.locator('.editor-host .suggest-widget.message.visible')).toBeVisible();
  expect((await sentKinds()).filter((kind) => kind === 'complete').length).toBe(before);
  await page.keyboard.press('Escape');
  await typeLine(page, 'fine');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  // Python is asked again once the program ended.
  await editAtEnd('print(k');
  await page.keyboard.type('.');
  await expect.poll(labels).toEqual(['value']);
  await page.keyboard.press('Escape');
});

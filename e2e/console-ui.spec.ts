import { expect, test, type Page } from '@playwright/test';
import {
  BOOT_TIMEOUT,
  currentLine,
  openConsole,
  readLines,
  runLine,
  screenshotAfterEach,
  typeKeys,
} from './support/consolePage';

// The console's page around the REPL: themes, screen-reader mode, Clear, Find, copy, crash recovery.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  await openConsole(page, './?debug');
});

test.afterAll(async () => {
  await page.context().close();
});

screenshotAfterEach(() => page);

const background = (): Promise<string | undefined> => page.evaluate(() => window.term.options.theme?.background);

test('the theme toggle switches light and dark and is remembered after a reload', async () => {
  await page.locator('#theme').click();
  const light = await page.evaluate(() => document.documentElement.dataset.theme);
  const other = light === 'light' ? 'dark' : 'light';
  const first = await background();
  // The button names the theme it switches to (not a pressed toggle, which a screen reader read as the wrong theme).
  await expect(page.getByRole('button', { name: `${other === 'dark' ? 'Dark' : 'Light'} theme` })).toBeVisible();
  await expect(page.locator('#theme')).not.toHaveAttribute('aria-pressed');
  await page.locator('#theme').click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(other);
  expect(await background()).not.toBe(first);
  await expect(page.getByRole('button', { name: `${light === 'dark' ? 'Dark' : 'Light'} theme` })).toBeVisible();
  await page.locator('#theme').click(); // back to the first choice, then reload
  await openConsole(page, page.url());
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(light);
  expect(await background()).toBe(first);
});

test('the terminal fills its pane edge to edge, with no dark rim in the light theme', async () => {
  // xterm.js's viewport is black under any padding of its own element; only the page's pane is padded.
  const boxes = await page.evaluate(() =>
    ['.xterm', '.xterm-viewport', '.xterm-screen'].map((selector) => {
      const r = document.querySelector(selector)!.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.top)];
    }),
  );
  expect(boxes[1]).toEqual(boxes[0]);
  expect(boxes[2]).toEqual(boxes[0]);
});

test('screen-reader mode is a toggle that the terminal follows', async () => {
  await page.locator('#screen-reader').click();
  await expect(page.locator('#screen-reader')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => window.term.options.screenReaderMode)).toBe(true);
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(1);
  await page.locator('#screen-reader').click();
  expect(await page.evaluate(() => window.term.options.screenReaderMode)).toBe(false);
});

test('Clear empties the screen and leaves a prompt', async () => {
  await runLine(page, 'print("to be cleared")');
  await page.locator('#clear').click();
  await expect.poll(() => readLines(page)).toEqual(['>>>']);
});

test('Ctrl+Shift+F opens a find bar that selects the match', async () => {
  await runLine(page, 'print("findable-" + "word")');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Control+Shift+F');
  const input = page.getByRole('searchbox', { name: 'Find in console' });
  await expect(input).toBeFocused();
  await input.fill('findable-word');
  await input.press('Enter');
  await expect.poll(() => page.evaluate(() => window.term.getSelection())).toBe('findable-word');
  await input.press('Escape');
  await expect(input).toBeHidden();
});

test('Ctrl+C with a selection copies it instead of interrupting', async () => {
  await runLine(page, 'print("copy-me")');
  await typeKeys(page, 'draft');
  await page.evaluate(() => {
    const buffer = window.term.buffer.active;
    for (let row = buffer.length - 1; row >= 0; row--) {
      if (buffer.getLine(row)?.translateToString(true) === 'copy-me') {
        window.term.select(0, row, 7);
        return;
      }
    }
  });
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copy-me');
  expect(await currentLine(page)).toBe('>>> draft'); // no ^C: the line being typed is untouched
  await page.keyboard.press('Control+C'); // without a selection: clears the line, as CPython does
  await expect.poll(async () => (await readLines(page)).slice(-3)).toEqual(['>>> draft^C', 'KeyboardInterrupt', '>>>']);
});

test('a fatal runtime error restarts Python by itself and keeps the history', async () => {
  await runLine(page, 'lost_in_crash = 1');
  await page.evaluate(() => window.pyriteDebug?.trap());
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('Python stopped working');
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('your input history is kept');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
  const output = await runLine(page, 'lost_in_crash');
  expect(output.at(-1)).toBe("NameError: name 'lost_in_crash' is not defined");
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => currentLine(page)).toBe('>>> lost_in_crash = 1');
  await page.keyboard.press('Control+U');
});

test('the console draws with WebGL when available and falls back to the DOM renderer otherwise', async ({
  browser,
}) => {
  const fresh = await browser.newPage();
  try {
    await fresh.goto('./');
    await fresh.waitForFunction(() => typeof window.termRenderer === 'function');
    const renderer = await fresh.evaluate(() => window.termRenderer!());
    const hasWebgl = await fresh.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
    // Either way the terminal draws: with WebGL exactly when the browser offers it.
    expect(renderer).toBe(hasWebgl ? 'webgl' : 'dom');
    const drawn = await fresh.evaluate(() =>
      window.termRenderer!() === 'webgl'
        ? document.querySelector('.xterm canvas') !== null
        : document.querySelector('.xterm-rows')?.textContent?.length !== undefined,
    );
    expect(drawn).toBe(true);
  } finally {
    await fresh.close();
  }
});

import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, readLines, runLine } from './support/consolePage';
import './support/workbench';

// One booted page for the whole file (booting Python is the slow part); the reload test comes last.
test.describe.configure({ mode: 'serial' });

let page: Page;

async function openWorkbench(target: Page, path = './?layout=editor'): Promise<void> {
  await target.goto(path);
  await expect(target.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect(target.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
}

async function setCode(code: string): Promise<void> {
  await page.evaluate((text) => window.pyriteWorkbench?.setCode(text), code);
}

/** Presses keys in the editor (focusing it first). */
async function pressInEditor(keys: string): Promise<void> {
  await page.locator('.editor-host .monaco-editor textarea').focus();
  await page.keyboard.press(keys);
}

/** Resolves once the console is back at an idle prompt. */
async function waitForPrompt(): Promise<void> {
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
}

function markers(): Promise<{ line: number; message: string }[]> {
  return page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.markers() ?? []);
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await openWorkbench(page);
});

test.afterAll(async () => {
  await page.close();
});

test('the editor shows Python beside the console, highlighted', async () => {
  await expect(page.locator('.editor-pane')).toBeVisible();
  await expect(page.locator('#terminal')).toBeVisible();
  await setCode('def greet(name):\n    return "hi " + name\n');
  // Monaco colours tokens with mtkN classes: a keyword and a string get different ones.
  const classes = await page
    .locator('.editor-host .view-line span span')
    .evaluateAll((spans: Element[]) => new Set(spans.map((s) => s.className)).size);
  expect(classes).toBeGreaterThan(2);
});

test('Ctrl+Enter runs the file in the console namespace and its output appears in the console', async () => {
  await setCode('shared_value = 6 * 7\nprint("from the editor:", shared_value)\n');
  await pressInEditor('Control+Enter');
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('from the editor: 42');
  await waitForPrompt();
  expect(await runLine(page, 'shared_value + 1')).toEqual(['43']);
});

test('the Run button runs the file too', async () => {
  await setCode('print("run button", 1 + 1)\n');
  await page.locator('#run-file').click();
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('run button 2');
  await waitForPrompt();
});

test('Shift+Enter runs the current line and echoes its value', async () => {
  await setCode('a = 5\na * 3\n');
  await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.goToLine(1));
  await pressInEditor('Shift+Enter');
  await waitForPrompt();
  await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.goToLine(2));
  await pressInEditor('Shift+Enter');
  await expect.poll(async () => (await readLines(page)).slice(-3)).toContain('15');
  await waitForPrompt();
});

test('an error puts a marker on the line that raised it', async () => {
  await setCode('def f(x):\n    return 10 / x\n\nprint("before")\nf(0)\n');
  await pressInEditor('Control+Enter');
  await expect.poll(markers).toEqual([{ line: 2, message: 'ZeroDivisionError: division by zero' }]);
  await waitForPrompt();
  // A syntax error has no frame: its line comes from the traceback text.
  await setCode('x = 1\ny = = 2\n');
  await pressInEditor('Control+Enter');
  await expect.poll(async () => (await markers()).map((m) => m.line)).toEqual([2]);
  await waitForPrompt();
  // A clean run clears the marker.
  await setCode('x = 1\n');
  await pressInEditor('Control+Enter');
  await waitForPrompt();
  await expect.poll(markers).toEqual([]);
});

test('clicking File "<editor>", line N in the console moves the editor cursor there', async () => {
  await setCode('# padding\n\n\ndef g():\n    raise ValueError("boom")\n\ng()\n');
  await pressInEditor('Control+Enter');
  await waitForPrompt();
  await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.goToLine(1));
  const target = await page.evaluate(() => {
    const buffer = window.term.buffer.active;
    for (let row = buffer.length - 1; row >= 0; row--) {
      const text = buffer.getLine(row)?.translateToString(true) ?? '';
      const column = text.indexOf('File "<editor>", line 5');
      if (column >= 0) return { row: row - buffer.viewportY, column };
    }
    return null;
  });
  expect(target).not.toBeNull();
  const screen = await page.locator('#terminal .xterm-screen').boundingBox();
  const { cols, rows } = await page.evaluate(() => ({ cols: window.term.cols, rows: window.term.rows }));
  if (!target || !screen) throw new Error('no traceback link on screen');
  const x = screen.x + (target.column + 3.5) * (screen.width / cols);
  const y = screen.y + (target.row + 0.5) * (screen.height / rows);
  await page.mouse.move(x, y);
  await page.mouse.move(x + 2, y);
  await page.mouse.click(x + 2, y);
  await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.position?.lineNumber)).toBe(5);
});

test('the split between editor and console can be resized with the keyboard', async () => {
  const before = await page.locator('.editor-pane').boundingBox();
  await page.locator('.splitter').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => (await page.locator('.editor-pane').boundingBox())?.width ?? 0)
    .toBeGreaterThan((before?.width ?? 0) + 20);
});

test('the Editor button switches between console-only and editor+console', async () => {
  await page.locator('#toggle-editor').click();
  await expect(page.locator('.editor-pane')).toBeHidden();
  await expect(page.locator('#toggle-editor')).toHaveAttribute('aria-pressed', 'false');
  await page.locator('#toggle-editor').click();
  await expect(page.locator('.editor-pane')).toBeVisible();
});

test('a runtime crash restarts Python and leaves the editor text as it was', async ({ browser }) => {
  const crashing = await browser.newPage();
  try {
    await openWorkbench(crashing, './?layout=editor&debug');
    const text = 'kept_through_a_crash = 6 * 7\nprint("ran:", kept_through_a_crash)\n';
    await crashing.evaluate((code) => window.pyriteWorkbench?.setCode(code), text);
    await crashing.evaluate(() => window.pyriteDebug?.trap());
    await expect.poll(async () => (await readLines(crashing)).join('\n')).toContain('Python stopped working');
    await expect(crashing.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
    await expect.poll(() => crashing.evaluate(() => window.pyriteWorkbench?.code())).toBe(text);
    // The fresh runtime runs the kept text.
    await crashing.locator('.editor-host .monaco-editor textarea').focus();
    await crashing.keyboard.press('Control+Enter');
    await expect.poll(async () => (await readLines(crashing)).join('\n')).toContain('ran: 42');
  } finally {
    await crashing.close();
  }
});

test('the editor text is kept after a reload', async () => {
  const text = `# kept ${Date.now()}\nprint("still here")\n`;
  await setCode(text);
  await page.reload();
  await expect(page.locator('.editor-pane')).toHaveAttribute('data-ready', 'true', { timeout: BOOT_TIMEOUT });
  await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.code())).toBe(text);
});

/**
 * Drives the console page the way a user does (typing into xterm.js's hidden textarea) and reads what the
 * terminal shows from `window.term.buffer.active`. Everything waits by polling; nothing sleeps.
 */
import { expect, test, type Page } from '@playwright/test';

/** Python can take a while to boot on a busy two-core machine. */
export const BOOT_TIMEOUT = 45_000;

/**
 * One booted console page shared by the tests of a file or a `describe`, in order (booting Python is the slow part):
 * registers the hooks and hands the page to `use` once it is ready. `prepare` runs on the new page before it loads
 * (routes, init scripts).
 */
export const useSharedConsole = sharedPageHooks(openConsole, './');

/** A `useSharedConsole` for pages that `open` loads (and waits for), at `defaultPath` unless told another path. */
export function sharedPageHooks(
  open: (page: Page, path: string) => Promise<void>,
  defaultPath: string,
): (use: (page: Page) => void, path?: string, prepare?: (page: Page) => Promise<void>) => void {
  return (use, path = defaultPath, prepare) => {
    let page: Page | undefined;
    test.describe.configure({ mode: 'serial' });
    test.beforeAll(async ({ browser }) => {
      page = await browser.newPage();
      await prepare?.(page);
      await open(page, path);
      use(page);
    });
    test.afterAll(async () => {
      await page?.close();
    });
  };
}

export async function openConsole(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect.poll(() => lastLine(page)).toBe('>>>');
}

/** The terminal's lines from `from` (absolute buffer row) to the end, right-trimmed. */
export function readLines(page: Page, from = 0): Promise<string[]> {
  return page.evaluate((start) => {
    const buffer = window.term.buffer.active;
    const lines: string[] = [];
    for (let row = start; row < buffer.length; row++)
      lines.push((buffer.getLine(row)?.translateToString(true) ?? '').trimEnd());
    while (lines.length > 0 && lines.at(-1) === '' && buffer.baseY + buffer.cursorY < start + lines.length - 1) {
      lines.pop(); // rows below the cursor are empty screen, not output
    }
    return lines;
  }, from);
}

async function lastLine(page: Page): Promise<string | undefined> {
  return (await readLines(page, await cursorRow(page))).at(0);
}

/** Absolute buffer row of the cursor. */
export function cursorRow(page: Page): Promise<number> {
  return page.evaluate(() => window.term.buffer.active.baseY + window.term.buffer.active.cursorY);
}

/** Types text into the terminal (as keystrokes) and presses Enter. */
export async function typeLine(page: Page, text: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * Types a line, waits until the console's status is `state` (e.g. 'running', 'input'), then presses `key`.
 * Resolves with the buffer row the line was typed on, for reading what followed. Waits first for the console to be
 * idle: while an earlier input still runs, the status would already say 'running', and the key would be its.
 */
export async function typeThenPress(page: Page, line: string, state: string, key: string): Promise<number> {
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  const start = await cursorRow(page);
  await typeLine(page, line);
  await expect(page.locator('#status')).toHaveAttribute('data-state', state);
  await page.keyboard.press(key);
  return start;
}

/**
 * Runs one line at the `>>> ` prompt and returns the lines printed before the next prompt (without the line
 * typed and the new prompt). The typed line is found by searching up from the end, so this works even when the
 * scrollback is full and rows have shifted.
 */
export async function runLine(page: Page, code: string): Promise<string[]> {
  await typeLine(page, code);
  let output: string[] = [];
  await expect
    .poll(async () => {
      const state = await page.locator('#status').getAttribute('data-state');
      const lines = await readLines(page);
      const typed = lines.lastIndexOf(`>>> ${code}`);
      if (state !== 'ready' || typed < 0 || typed === lines.length - 1 || lines.at(-1) !== '>>>') return false;
      output = lines.slice(typed + 1, -1);
      return true;
    })
    .toBe(true);
  return output;
}

/** Whether the text on the row `rowsUp` rows above the cursor starts in the ANSI palette's red. */
export function rowIsRed(page: Page, rowsUp: number): Promise<boolean> {
  return page.evaluate((up) => {
    const buffer = window.term.buffer.active;
    const cell = buffer.getLine(buffer.baseY + buffer.cursorY - up)?.getCell(0);
    return cell?.isFgPalette() === true && cell.getFgColor() === 1;
  }, rowsUp);
}

/** The text of the cursor's row (the line being edited), right-trimmed. */
export async function currentLine(page: Page): Promise<string> {
  return (await readLines(page, await cursorRow(page))).at(0) ?? '';
}

/** Types keys into the terminal without pressing Enter. */
export async function typeKeys(page: Page, text: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

/**
 * Defines an object whose property never returns, types `endless.forever.`, presses Tab (completing evaluates the
 * property, so the worker is stuck in it) and then Ctrl+C. Resolves with the buffer row the line was typed on.
 */
export async function ctrlCDuringEndlessCompletion(page: Page): Promise<number> {
  await page.evaluate(() =>
    window.term.paste(
      'class Endless:\n    @property\n    def forever(self):\n        while True: pass\n\nendless = Endless()\n',
    ),
  );
  await expect.poll(() => currentLine(page)).toBe('>>>');
  const start = await cursorRow(page);
  await typeKeys(page, 'endless.forever.');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+C');
  return start;
}

/** The ANSI palette colour of the cell at `column` on the cursor's row, or null for the default colour. */
export function colourAt(page: Page, column: number): Promise<number | null> {
  return page.evaluate((x) => {
    const buffer = window.term.buffer.active;
    const cell = buffer.getLine(buffer.baseY + buffer.cursorY)?.getCell(x);
    return cell?.isFgPalette() ? cell.getFgColor() : null;
  }, column);
}

/** Saves a screenshot of the page after every test of the file, as an attachment in the report. */
export function screenshotAfterEach(getPage: () => Page): void {
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructured fixtures argument
  test.afterEach(async ({}, testInfo) => {
    await testInfo.attach('console', { body: await getPage().screenshot(), contentType: 'image/png' });
  });
}

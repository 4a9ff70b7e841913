import { expect, test, type Page } from '@playwright/test';
import {
  BOOT_TIMEOUT,
  currentLine,
  cursorRow,
  runLine,
  typeKeys,
  typeLine,
  useSharedConsole,
} from './support/consolePage';

// A loop inside a C function (sum(itertools.count())) never checks for signals: Ctrl+C and Stop cannot interrupt it,
// on the cross-origin isolated page either (native CPython cannot either). The console says so, and a second press
// restarts Python. Each test ends with Python restarted: the spinning worker would keep a core busy.

let page: Page;
useSharedConsole((booted) => (page = booted), './?debug');

const NOTICE = 'Press Stop or Ctrl+C again to restart Python';

/** What the terminal shows from buffer row `from` on, rows the terminal wrapped joined again. */
function shownSince(page: Page, from: number): Promise<string> {
  return page.evaluate((start) => {
    const buffer = window.term.buffer.active;
    let text = '';
    for (let row = start; row < buffer.length; row++) {
      const line = buffer.getLine(row);
      if (!line) break;
      text += (row > start && !line.isWrapped ? '\n' : '') + line.translateToString(true);
    }
    return text;
  }, from);
}

async function startEndlessSum(page: Page): Promise<number> {
  await runLine(page, 'import itertools; kept = 42');
  const start = await cursorRow(page);
  await typeLine(page, 'sum(itertools.count())');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  return start;
}

async function expectRestartedWithoutVariables(page: Page): Promise<void> {
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  expect((await runLine(page, 'kept')).at(-1)).toBe("NameError: name 'kept' is not defined");
}

test('Ctrl+C on a loop inside C says the program cannot be interrupted, and Ctrl+C again restarts Python', async () => {
  const start = await startEndlessSum(page);
  await page.keyboard.press('Control+C');
  await expect.poll(() => shownSince(page, start), { timeout: 10_000 }).toContain(NOTICE);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('Control+C');
  await expect.poll(() => shownSince(page, start)).toContain('Restarted Python, since the program did not stop');
  await expectRestartedWithoutVariables(page);
  // The history is kept across the restart.
  expect(await page.evaluate(() => window.pyriteDebug?.history())).toContain('sum(itertools.count())');
});

test('Stop does the same: a notice, then a second Stop restarts Python', async () => {
  const start = await startEndlessSum(page);
  await page.locator('#stop').click();
  await expect.poll(() => shownSince(page, start), { timeout: 10_000 }).toContain(NOTICE);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.locator('#stop').click();
  await expectRestartedWithoutVariables(page);
});

test('a completion stuck in a loop inside C: Ctrl+C gives the prompt back, the console says so, Ctrl+C again restarts', async () => {
  await page.evaluate(() =>
    window.term.paste(
      'import itertools\nclass Endless:\n    @property\n    def forever(self):\n        return sum(itertools.count())\n\n' +
        'endless = Endless(); kept = 42\n',
    ),
  );
  await expect.poll(() => currentLine(page)).toBe('>>>');
  const start = await cursorRow(page);
  await typeKeys(page, 'endless.forever.');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(500); // the completion is under way
  await page.keyboard.press('Control+C');
  await expect.poll(() => shownSince(page, start)).toContain('KeyboardInterrupt');
  await expect.poll(() => shownSince(page, start), { timeout: 10_000 }).toContain(NOTICE);
  await expect.poll(() => currentLine(page)).toBe('>>>');
  await page.keyboard.press('Control+C');
  await expect.poll(() => shownSince(page, start)).toContain('Restarted Python, since the completion did not stop');
  await expectRestartedWithoutVariables(page);
});

test('a program that catches KeyboardInterrupt and goes on gets no such notice, and a second Ctrl+C interrupts it again', async () => {
  await page.evaluate(() =>
    window.term.paste(
      'import time\ncaught = 0\ndef stubborn():\n    global caught\n    try:\n        time.sleep(30)\n' +
        '    except KeyboardInterrupt:\n        caught += 1\n        print("caught", caught)\n' +
        '        t = time.time()\n        while time.time() - t < 20: pass\n\n',
    ),
  );
  await expect.poll(() => currentLine(page)).toBe('>>>');
  const start = await cursorRow(page);
  await typeLine(page, 'stubborn()');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('Control+C');
  await expect.poll(() => shownSince(page, start)).toContain('caught 1');
  // Busy in Python after taking the interrupt, past the notice's delay: no notice, since the interrupt was taken.
  await page.waitForTimeout(5_000);
  expect(await shownSince(page, start)).not.toContain(NOTICE);
  await page.keyboard.press('Control+C');
  await expect.poll(() => shownSince(page, start)).toContain('KeyboardInterrupt');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  expect(await shownSince(page, start)).not.toContain('Restarted Python');
  expect(await runLine(page, 'caught')).toEqual(['1']); // the same Python, variables kept
});

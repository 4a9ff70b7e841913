import { expect, test, type Page } from '@playwright/test';
import { cursorRow, readLines, rowIsRed, runLine, typeLine, useSharedConsole } from './support/consolePage';

let page: Page;
useSharedConsole((booted) => (page = booted));

test('what is printed before a long computation shows while it runs, not when it ends', async () => {
  const start = await cursorRow(page);
  // One line: print, then 8 s of pure-Python work (no await, no sleep: the worker's timers cannot fire).
  await typeLine(
    page,
    'import time; print("working..."); t = time.time(); n = sum(1 for _ in iter(lambda: time.time() - t < 8, False))',
  );
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => (await readLines(page, start)).includes('working...'), { timeout: 5_000 }).toBe(true);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running'); // still computing
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
});

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

/**
 * Starts watching the status pill: resolves with the terminal's last lines as they were when the console said
 * `ready`, so a test can tell whether the output was on screen by then.
 */
type Watched = Window & { screenWhenReady?: string[] | null };

async function screenWhenReady(page: Page): Promise<() => Promise<string[]>> {
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => {
    const status = document.querySelector('#status');
    const w: Watched = window;
    w.screenWhenReady = null;
    if (!status) return;
    let wasRunning = false;
    const observer = new MutationObserver(() => {
      const state = status.getAttribute('data-state');
      if (state === 'running') wasRunning = true;
      if (state !== 'ready' || !wasRunning) return;
      observer.disconnect();
      const buffer = window.term.buffer.active;
      const lines: string[] = [];
      for (let row = Math.max(0, buffer.length - 12); row < buffer.length; row++)
        lines.push((buffer.getLine(row)?.translateToString(true) ?? '').trimEnd());
      w.screenWhenReady = lines;
    });
    observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
  });
  return async () => {
    let screen: string[] = [];
    await expect
      .poll(
        async () => {
          screen = (await page.evaluate(() => (window as Watched).screenWhenReady)) ?? [];
          return screen.length > 0;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    return screen;
  };
}

test('the error that ends a print flood is shown after the cut notice, and the console is ready only then', async () => {
  const whenReady = await screenWhenReady(page);
  await page.evaluate(() =>
    window.term.paste(
      'def flood():\n    for i in range(100_000): print(i, "x" * 100)\n    raise ValueError("the end")\n\nflood()\n',
    ),
  );
  const screen = (await whenReady()).join('\n');
  expect(screen).toMatch(/output cut: [\d,]+ characters were not shown …\]\n[^]*Traceback[^]*ValueError: the end/u);
  await expect.poll(async () => (await readLines(page)).slice(-2)).toEqual(['ValueError: the end', '>>>']);
});

test('Ctrl+C during a print flood shows KeyboardInterrupt after the cut notice, and the console is ready only then', async () => {
  expect(await runLine(page, 'i = 0')).toEqual([]);
  const whenReady = await screenWhenReady(page);
  await typeLine(page, 'while True: i += 1; print(i, "x" * 10_000)');
  await page.keyboard.press('Enter'); // the blank line that ends the block
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  // Python prints lines of 10 kB many times faster than the terminal parses them: within 2 s output is being
  // dropped, and still is at Ctrl+C (with short lines a loaded machine's terminal could catch up in between, print
  // the cut notice and scroll it off the screen before the interrupt).
  await page.waitForTimeout(2_000);
  await page.keyboard.press('Control+C');
  const screen = (await whenReady()).join('\n');
  expect(screen).toMatch(/output cut: [\d,]+ characters were not shown …\]\n[^]*KeyboardInterrupt/u);
  await expect.poll(async () => (await readLines(page)).slice(-2)).toEqual(['KeyboardInterrupt', '>>>']);
});

import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, currentLine, typeKeys, useSharedConsole } from './support/consolePage';

// Keyboard-only users can leave the console (WCAG 2.1.2, no keyboard trap), where Tab completes and indents: by the
// editor's convention, Escape then Tab (or Shift+Tab) moves the focus out once, and Ctrl+M switches Tab to moving it.

const TEXTAREA = '.xterm-helper-textarea';

function consoleHasFocus(page: Page): Promise<boolean> {
  return page.evaluate((selector) => document.activeElement === document.querySelector(selector), TEXTAREA);
}

/** Where the focused element is relative to the console's input: 'before' or 'after' it in the page, or 'none'. */
function focusPlace(page: Page): Promise<'before' | 'after' | 'console' | 'none'> {
  return page.evaluate((selector) => {
    const input = document.querySelector(selector);
    const active = document.activeElement;
    if (!input || !active || active === document.body) return 'none';
    if (active === input) return 'console';
    return input.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING ? 'before' : 'after';
  }, TEXTAREA);
}

/** The column of the terminal's cursor: 8 after Tab indented at the `>>> ` prompt. */
function cursorColumn(page: Page): Promise<number> {
  return page.evaluate(() => window.term.buffer.active.cursorX);
}

async function focusConsole(page: Page): Promise<void> {
  await page.locator(TEXTAREA).focus();
  await expect.poll(() => consoleHasFocus(page)).toBe(true);
}

test.describe('leaving the console by keyboard', () => {
  let page: Page;
  useSharedConsole((booted) => (page = booted), './?layout=console');

  test('Tab indents at the prompt and keeps the focus; Escape then Tab moves the focus forward out of the console', async () => {
    await focusConsole(page);
    await page.keyboard.press('Tab');
    await expect.poll(() => cursorColumn(page)).toBe(8);
    expect(await consoleHasFocus(page)).toBe(true);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusPlace(page)).not.toBe('console');
    expect(await focusPlace(page)).not.toBe('before');
    expect(await cursorColumn(page)).toBe(8);
  });

  test('Escape then Shift+Tab moves the focus backward out of the console, to the toolbar', async () => {
    await focusConsole(page);
    await page.keyboard.press('Shift+Tab');
    expect(await consoleHasFocus(page)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusPlace(page)).toBe('before');
    // And back in, by keyboard alone: Tab from the toolbar's last button reaches the console again.
    await page.keyboard.press('Tab');
    await expect.poll(() => consoleHasFocus(page)).toBe(true);
    await page.keyboard.press('Control+U');
    await expect.poll(() => currentLine(page)).toBe('>>>');
  });

  test('only the Tab right after Escape leaves: an Escape followed by typing leaves Tab completing', async () => {
    await focusConsole(page);
    await page.keyboard.press('Escape');
    await typeKeys(page, 'pri');
    await page.keyboard.press('Tab');
    await expect.poll(() => currentLine(page)).toBe('>>> print(');
    expect(await consoleHasFocus(page)).toBe(true);
    await page.keyboard.press('Control+U');
  });

  test('an Escape that ends a history search (Ctrl+R) does not make Tab leave', async () => {
    await focusConsole(page);
    await page.keyboard.press('Control+R');
    await expect.poll(() => currentLine(page)).toContain('reverse-i-search');
    await page.keyboard.press('Escape');
    await expect.poll(() => currentLine(page)).toBe('>>>');
    await page.keyboard.press('Tab');
    await expect.poll(() => cursorColumn(page)).toBe(8);
    expect(await consoleHasFocus(page)).toBe(true);
    await page.keyboard.press('Control+U');
  });

  test('Ctrl+M switches Tab to moving the focus, both ways, and back to completing', async () => {
    await focusConsole(page);
    await page.keyboard.press('Control+m');
    await expect(page.locator('.console-hint')).toContainText('Tab moves the focus');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusPlace(page)).not.toBe('console');
    await focusConsole(page);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusPlace(page)).toBe('before');
    await focusConsole(page);
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    await expect.poll(() => cursorColumn(page)).toBe(8);
    expect(await consoleHasFocus(page)).toBe(true);
    await page.keyboard.press('Control+U');
  });

  test('Escape then Tab leaves while a program runs too, and the program is not disturbed', async () => {
    await focusConsole(page);
    await page.keyboard.type('import time; time.sleep(0.5); print("slept")');
    await page.keyboard.press('Enter');
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusPlace(page)).not.toBe('console');
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
    await focusConsole(page);
    await page.keyboard.type('6 * 7');
    await page.keyboard.press('Enter');
    await expect.poll(() => currentLine(page)).toBe('>>>');
    const lines = await page.evaluate(() => {
      const buffer = window.term.buffer.active;
      const row = buffer.baseY + buffer.cursorY;
      return [row - 3, row - 2, row - 1].map((y) => buffer.getLine(y)?.translateToString(true).trimEnd());
    });
    expect(lines).toEqual(['slept', '>>> 6 * 7', '42']);
  });

  test("the console says how to leave it in its input's accessible description", async () => {
    const description = await page.evaluate((selector) => {
      const input = document.querySelector(selector);
      const ids = input?.getAttribute('aria-describedby')?.split(/\s+/u) ?? [];
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    }, TEXTAREA);
    expect(description).toContain('Esc then Tab leaves the console');
    expect(description).toContain('Ctrl+M');
  });

  test('a hint shows while keyboard users are in the console: come by Tab, or after Tab or Escape; typing or a click hides it', async () => {
    const hint = page.locator('.console-hint');
    await focusConsole(page);
    await page.keyboard.press('Escape');
    await expect(hint).toBeVisible();
    await expect(hint).toContainText('Esc then Tab leaves the console');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusPlace(page)).toBe('before');
    await expect(hint).toBeHidden();
    await page.keyboard.press('Tab');
    await expect.poll(() => consoleHasFocus(page)).toBe(true);
    await expect(hint).toBeVisible();
    await page.keyboard.type('x');
    await expect(hint).toBeHidden();
    await page.keyboard.press('Tab');
    await expect(hint).toBeVisible();
    await page.locator('#terminal').click();
    await expect(hint).toBeHidden();
    expect(await consoleHasFocus(page)).toBe(true);
    await page.keyboard.press('Control+U');
    await expect.poll(() => currentLine(page)).toBe('>>>');
  });
});

test('in the embed too, Escape then Tab and Escape then Shift+Tab move the focus out of the console', async ({
  page,
}) => {
  await page.goto('./embed.html#code=');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await focusConsole(page);
  await page.keyboard.press('Tab');
  await expect.poll(() => cursorColumn(page)).toBe(8);
  expect(await consoleHasFocus(page)).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusPlace(page)).toBe('before');

  await focusConsole(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusPlace(page)).not.toBe('console');
  expect(await focusPlace(page)).not.toBe('before');
});

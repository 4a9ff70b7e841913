import { expect, test, type Page } from '@playwright/test';
import { editorCode, openWorkbench, setEditorCode, useSharedWorkbench } from './support/workbench';

// Keyboard and visual accessibility of the editor and the page around it.

function editorHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.querySelector('.editor-host')?.contains(document.activeElement) ?? false);
}

/** Puts `code` in the editor and the cursor at the end of its first line, with the editor focused. */
async function focusEditor(page: Page, code: string): Promise<void> {
  await setEditorCode(page, code);
  await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.goToLine(1));
  await page.keyboard.press('End');
  await expect.poll(() => editorHasFocus(page)).toBe(true);
}

test.describe('leaving the editor by keyboard', () => {
  let page: Page;
  useSharedWorkbench((booted) => (page = booted));

  test('Tab indents in the editor; Escape then Tab moves the focus out, and so does Escape then Shift+Tab', async () => {
    await focusEditor(page, 'x = 1');
    await page.keyboard.press('Tab');
    await expect.poll(() => editorCode(page)).toBe('x = 1   ');
    expect(await editorHasFocus(page)).toBe(true);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect.poll(() => editorHasFocus(page)).toBe(false);
    expect(await editorCode(page)).toBe('x = 1   ');

    await focusEditor(page, 'y = 2');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => editorHasFocus(page)).toBe(false);
    expect(await editorCode(page)).toBe('y = 2');
  });

  test('an Escape followed by typing, or one that closes the find box, leaves Tab indenting', async () => {
    await focusEditor(page, 'z = 3');
    await page.keyboard.press('Escape');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await expect.poll(() => editorCode(page)).toBe('z = 34  ');
    expect(await editorHasFocus(page)).toBe(true);

    await focusEditor(page, 'zeta = 1');
    await page.keyboard.press('Control+f');
    await expect(page.locator('.editor-host .find-widget.visible')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.editor-host .find-widget.visible')).toBeHidden();
    await expect.poll(() => editorHasFocus(page)).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => editorCode(page)).toBe('zeta = 1    ');
    expect(await editorHasFocus(page)).toBe(true);
  });

  test('Ctrl+M switches Tab to moving the focus out of the editor, and back to indenting', async () => {
    await focusEditor(page, 'a = 1');
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    await expect.poll(() => editorHasFocus(page)).toBe(false);
    expect(await editorCode(page)).toBe('a = 1');

    await focusEditor(page, 'b = 2');
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    await expect.poll(() => editorCode(page)).toBe('b = 2   ');
    expect(await editorHasFocus(page)).toBe(true);
  });

  test('the editor tells how to leave it: in its accessible name, and on screen while it has the focus', async () => {
    const label = await page.locator('.editor-host [role="textbox"]').first().getAttribute('aria-label');
    expect(label).toContain('Esc then Tab leaves the editor');
    expect(label).toContain('Ctrl+M');
    await focusEditor(page, 'c = 3');
    await expect(page.locator('.editor-hint')).toBeVisible();
    await page.locator('.xterm-helper-textarea').focus();
    await expect(page.locator('.editor-hint')).toBeHidden();
  });
});

test('in the embed too, Escape then Tab moves the focus out of the editor', async ({ page }) => {
  await openWorkbench(page, './embed.html#code=');
  await focusEditor(page, 'print(1)');
  await page.keyboard.press('Tab');
  expect(await editorHasFocus(page)).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => editorHasFocus(page)).toBe(false);
  expect(await editorCode(page)).toBe('print(1)    ');
});

/** WCAG 2 contrast ratio of two computed CSS colours (`rgb(r, g, b)`). */
function contrast(foreground: string, background: string): number {
  const luminance = (css: string): number => {
    const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/gu) ?? []).map(Number).map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

test("the status pill's text has a contrast of at least 4.5:1 in every state, in both themes", async ({ page }) => {
  await page.goto('./?layout=console');
  await expect(page.locator('#status')).toBeVisible();
  const failures: string[] = [];
  for (const theme of ['dark', 'light']) {
    for (const state of ['loading', 'ready', 'running', 'input', 'restarting', 'crashed']) {
      const colours = await page.evaluate(
        ({ theme, state }) => {
          document.documentElement.dataset.theme = theme;
          // A copy of the pill, so the page's own status is left alone.
          const pill = document.createElement('span');
          pill.className = 'status';
          pill.dataset.state = state;
          pill.textContent = state;
          document.querySelector('#status')?.after(pill);
          const style = getComputedStyle(pill);
          const result = { color: style.color, background: style.backgroundColor };
          pill.remove();
          return result;
        },
        { theme, state },
      );
      const ratio = contrast(colours.color, colours.background);
      if (ratio < 4.5)
        failures.push(`${theme} ${state}: ${colours.color} on ${colours.background} is ${ratio.toFixed(2)}:1`);
    }
  }
  expect(failures).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';
import {
  currentLine,
  cursorRow,
  openConsole,
  readLines,
  runLine,
  screenshotAfterEach,
  typeKeys,
} from './support/consolePage';

// The console on a phone: a touch screen 390 px wide, where the keyboard has no Tab, arrows or Ctrl.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  page = await context.newPage();
  await openConsole(page);
});

test.afterAll(async () => {
  await page.context().close();
});

screenshotAfterEach(() => page);

const key = (label: string) => page.locator(`.touch-keys button[data-key="${label}"]`);

test('the page fits the phone screen: nothing sticks out sideways', async () => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const id of ['#stop', '#restart']) {
    const box = await page.locator(id).boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  }
});

test('a bar of extra keys shows under the console on a touch screen', async () => {
  await expect(page.locator('.touch-keys')).toBeVisible();
  const bar = await page.locator('.touch-keys').boundingBox();
  const terminal = await page.locator('#terminal').boundingBox();
  expect(bar && terminal && bar.y >= terminal.y + terminal.height - 1).toBe(true);
});

test('tapping Tab completes a name and tapping ↑ recalls the previous line', async () => {
  await runLine(page, 'phone_value = 6 * 7');
  await typeKeys(page, 'phone_v');
  await key('Tab').tap();
  await expect.poll(() => currentLine(page)).toBe('>>> phone_value');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readLines(page, (await cursorRow(page)) - 1)).at(0)).toBe('42');
  await key('↑').tap();
  await expect.poll(() => currentLine(page)).toBe('>>> phone_value');
});

test('tapping a symbol key types it where the cursor is', async () => {
  await key('←').tap(); // cursor before the last "e"
  await key('(').tap();
  await expect.poll(() => currentLine(page)).toBe('>>> phone_valu(e');
});

test('tapping ^C abandons the line, and interrupts running code keeping the variables', async () => {
  await key('^C').tap();
  await expect.poll(() => currentLine(page)).toBe('>>>');
  const start = await cursorRow(page);
  await typeKeys(page, 'while True: pass');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
  await key('^C').tap();
  await expect.poll(async () => (await readLines(page, start)).at(-2)).toBe('KeyboardInterrupt');
  expect(await runLine(page, 'phone_value')).toEqual(['42']);
});

test('a tap on the bar leaves the focus in the console, so the on-screen keyboard stays open', async () => {
  await page.locator('.xterm-helper-textarea').focus();
  await key(':').tap();
  expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
  await key('^C').tap();
});

test('with a mouse the bar is not shown', async ({ browser }) => {
  const desktop = await browser.newPage();
  try {
    await openConsole(desktop);
    await expect(desktop.locator('.touch-keys')).toBeHidden();
  } finally {
    await desktop.close();
  }
});

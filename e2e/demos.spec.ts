import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, readLines, runLine } from './support/consolePage';
import './support/workbench';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('./');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
});

test.afterAll(async () => {
  await page.close();
});

const consoleText = async (): Promise<string> => (await readLines(page)).join('');

test('the gallery lists at least eight demos and one click opens a demo in the editor', async () => {
  await page.locator('#demos').click();
  const cards = page.locator('.demo-gallery .demo-card');
  expect(await cards.count()).toBeGreaterThanOrEqual(8);
  await page.locator('.demo-card[data-demo="sqlite"]').click();
  await expect(page.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
  await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.code())).toContain('import sqlite3');
  await page.locator('#run-file').click();
  await expect.poll(consoleText).toContain('Moons in all: 288');
});

for (const [demo, expected] of [
  ['basics', 'Grace is the oldest, at 85.'],
  ['recursion', 'Hanoi with 3 disks takes 7 moves'],
  ['classes', 'Refused: Grace cannot withdraw 1000'],
  ['asyncio', "['tea', 'coffee', 'cocoa']"],
  ['javascript', 'Math.PI = 3.14159'],
] as const) {
  test(`the ${demo} demo runs`, async () => {
    await page.locator('#demos').click();
    await page.locator(`.demo-card[data-demo="${demo}"]`).click();
    await page.locator('#run-file').click();
    await expect.poll(consoleText, { timeout: 30_000 }).toContain(expected);
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  });
}

test('the quiz demo reads answers typed in the console', async () => {
  await page.locator('#demos').click();
  await page.locator('.demo-card[data-demo="quiz"]').click();
  await page.locator('#run-file').click();
  for (const answer of ['Ada', '42', 'def', '5']) {
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(answer);
    await page.keyboard.press('Enter');
  }
  await expect.poll(consoleText).toContain('Well done, Ada: 3 out of 3.');
});

test('the turtle demo draws on the canvas', async () => {
  await page.locator('#demos').click();
  await page.locator('.demo-card[data-demo="turtle"]').click();
  await page.locator('#run-file').click();
  await expect(page.locator('.turtle-pane')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => window.pyriteWorkbench?.turtle.canvas.busy), { timeout: 30_000 })
    .toBe(false);
  const coloured = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.turtle-canvas');
    const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) count++;
    return count;
  });
  expect(coloured).toBeGreaterThan(5_000);
});

test('the steer-a-turtle demo moves the turtle with arrow keys and clicks', async () => {
  await page.locator('#demos').click();
  await page.locator('.demo-card[data-demo="turtle-keys"]').click();
  await page.locator('#run-file').click();
  await expect.poll(consoleText).toContain('Arrow keys move the turtle');
  await expect(page.locator('.turtle-stage')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await runLine(page, 'moves, pen.pos()')).at(-1)).toBe('(3, (20.00,40.00))');
  const box = await page.locator('.turtle-stage').boundingBox();
  if (!box) throw new Error('no turtle stage');
  await page.mouse.click(box.x + box.width / 4, box.y + box.height / 2); // turtle coordinates (-160, 0)
  await expect
    .poll(async () => (await runLine(page, 'round(pen.xcor() / 10), round(pen.ycor() / 10)')).at(-1))
    .toBe('(-16, 0)');
});

test('a share link reproduces the code, and with autorun runs it', async ({ browser }) => {
  const code = `# shared ${Date.now()}\nprint("shared says", 6 * 7)\n`;
  await page.evaluate((text) => window.pyriteWorkbench?.setCode(text), code);
  await page.locator('#share').click();
  await page.locator('.share-autorun').check();
  await expect(page.locator('.share-link')).toHaveValue(/autorun=1.*#code=/u);
  const link = await page.locator('.share-link').inputValue();
  await page.keyboard.press('Escape');

  const other = await browser.newPage(); // a fresh context: nothing in storage
  await other.goto(link);
  await expect(other.locator('.editor-pane')).toHaveAttribute('data-ready', 'true', { timeout: BOOT_TIMEOUT });
  await expect.poll(() => other.evaluate(() => window.pyriteWorkbench?.code())).toBe(code);
  await expect
    .poll(async () => (await readLines(other)).join(''), { timeout: BOOT_TIMEOUT })
    .toContain('shared says 42');
  await other.close();
});

test('a share link cut short says its code could not be read, and the editor keeps its own code', async () => {
  const own = `# my own work ${Date.now()}\n`;
  await page.evaluate((text) => window.pyriteWorkbench?.setCode(text), own);
  await page.locator('#share').click();
  const link = await page.locator('.share-link').inputValue();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.code())).toBe(own);

  // The same browser profile (the editor's text is in its storage), the link missing its last characters.
  await page.goto(link.slice(0, -6));
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect.poll(consoleText).toContain('The code in this link could not be read');
  await expect(page.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
  await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.code())).toBe(own);
});

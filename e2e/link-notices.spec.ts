import { expect, test, type Page } from '@playwright/test';
import { encodeCode } from '../app/share/codec';
import { BOOT_TIMEOUT, readLines } from './support/consolePage';
import { workbenchReady } from './support/workbench';

// What a link's code makes the console say (the user's previous code kept, a link that cannot be read) is known while
// Python still loads: it comes after Python's banner, right above the first prompt, not above the banner.

/** The rows of the first line that starts with each of `starts`, once the console shows its prompt after them all. */
async function rowsOf(page: Page, starts: readonly string[]): Promise<number[]> {
  let rows: number[] = [];
  await expect
    .poll(async () => {
      const lines = await readLines(page);
      rows = starts.map((start) => lines.findIndex((line) => line.startsWith(start)));
      return rows.every((row) => row >= 0) && lines.at(-1) === '>>>';
    })
    .toBe(true);
  return rows;
}

test("a share link opened over the user's code says it was kept after Python's banner, above the first prompt", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto('./?layout=editor');
    await workbenchReady(page);
    await page.evaluate(() => window.pyriteWorkbench?.setCode('# my own work\nmine = 1\n'));
    const link = `./?layout=editor#code=${await encodeCode('print("from the link")\n')}`;
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
    const [banner, notice] = await rowsOf(page, ['Python 3.', "The editor now shows the link's code."]);
    expect(notice).toBeGreaterThan(banner ?? Infinity);
  } finally {
    await context.close();
  }
});

test("the embed says a link's code could not be read after Python's banner, above the first prompt", async ({
  page,
}) => {
  await page.goto('about:blank'); // only to compress the code with the browser's CompressionStream
  const cut = (await encodeCode('print("a program long enough to be cut short")\n')).slice(0, -6);
  await page.goto(`./embed.html#code=${cut}`);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  const [banner, notice] = await rowsOf(page, ['Python 3.', 'The code in this link could not be read']);
  expect(notice).toBeGreaterThan(banner ?? Infinity);
});

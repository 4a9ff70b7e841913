import { expect, test, type Frame } from '@playwright/test';
import { BOOT_TIMEOUT } from './support/consolePage';
import './support/workbench';

// An embed given a fixed height (`?height=<pixels>`, at least 120) in an iframe taller than that: the page is that
// high, and the console must fit in it, fitted to what can be seen of it. Its minimum height (about seven rows) came
// from the viewport's height, so in a tall iframe it ran past the page's bottom edge at the smaller heights.

interface Geometry {
  /** The page's height (the embed's fixed height). */
  readonly page: number;
  /** The bottom edges of the tool bar, the editor, the console's box and xterm's rows, in CSS pixels. */
  readonly bottoms: Readonly<Record<string, number>>;
  /** The height xterm's rows take, and the height of the console's box inside its padding. */
  readonly rowsHeight: number;
  readonly boxHeight: number;
  readonly rows: number;
  /** How far the page can scroll (0: not at all). */
  readonly scroll: number;
}

function geometry(frame: Frame): Promise<Geometry> {
  return frame.evaluate(() => {
    const bottom = (selector: string): number => document.querySelector(selector)?.getBoundingClientRect().bottom ?? 0;
    const box = document.getElementById('terminal');
    const style = box ? getComputedStyle(box) : null;
    const boxHeight =
      box && style ? box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) : 0;
    const root = document.documentElement;
    return {
      page: document.body.getBoundingClientRect().height,
      bottoms: {
        toolbar: bottom('.embed-toolbar'),
        editor: bottom('.editor-pane'),
        console: bottom('#terminal'),
        rows: bottom('.xterm-screen'),
      },
      rowsHeight: document.querySelector('.xterm-screen')?.getBoundingClientRect().height ?? 0,
      boxHeight,
      rows: window.term.rows,
      scroll: Math.max(root.scrollHeight - root.clientHeight, document.body.scrollHeight - document.body.clientHeight),
    };
  });
}

for (const height of [120, 160, 200, 240, 420]) {
  test(`with height=${height} in a taller iframe, the console fits inside the page and xterm's rows fit the console`, async ({
    page,
    baseURL,
  }) => {
    const host = new URL('embed-height-host.html', baseURL).href;
    await page.route(host, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><body style="margin:0"><iframe title="Pyrite" src="embed.html?height=${height}#code="
          style="width:640px;height:${height + 200}px;border:0"></iframe></body>`,
      }),
    );
    await page.goto(host);
    await expect.poll(() => page.frames().some((f) => f.url().includes('/embed.html'))).toBe(true);
    const frame = page.frames().find((f) => f.url().includes('/embed.html')) as Frame;
    await expect(frame.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
    await expect(frame.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');

    const measured = await geometry(frame);
    expect(measured.page).toBe(height);
    for (const [part, bottom] of Object.entries(measured.bottoms)) {
      expect(bottom, `the bottom of the ${part}`).toBeLessThanOrEqual(height);
    }
    // Fitted to the box: as many rows as fit in it, so none is hidden and no more than one row is left empty.
    expect(measured.rows).toBeGreaterThanOrEqual(1);
    expect(measured.rowsHeight).toBeLessThanOrEqual(measured.boxHeight);
    expect(measured.boxHeight - measured.rowsHeight).toBeLessThan(measured.rowsHeight / measured.rows);
    expect(measured.scroll).toBe(0);
  });
}

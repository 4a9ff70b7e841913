import { expect, test, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeCode } from '../app/share/codec';
import { BOOT_TIMEOUT, openConsole, readLines, runLine } from './support/consolePage';
import { editorCode, openWorkbench, setEditorCode, useSharedWorkbench, workbenchReady } from './support/workbench';

// The editor's behaviour around share links, runs, Stop and the console's size. Each test opens its own page
// (most need a fresh storage or a viewport of their own).

/** A share link to the app's page (as the Share dialog makes them). */
async function shareLink(page: Page, code: string, query = 'layout=editor'): Promise<string> {
  return `${new URL(page.url()).origin}/?${query}#code=${await encodeCode(code)}`;
}

async function consoleText(page: Page): Promise<string> {
  return (await readLines(page)).join('\n');
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

test.describe('share links', () => {
  test('a share link is opened once: the address drops it, a reload keeps the edits and does not run it again', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await openWorkbench(page);
      const own = '# my own work\nmine = 1\n';
      await setEditorCode(page, own);
      const link = await shareLink(page, 'print("shared", 6 * 7)\n', 'layout=editor&autorun=1');

      await page.goto('about:blank');
      await openWorkbench(page, link);
      await expect.poll(() => consoleText(page)).toContain('shared 42');
      expect(page.url()).not.toContain('#code=');
      expect(page.url()).not.toContain('autorun');
      await expect.poll(() => consoleText(page)).toContain('Your previous code was kept');

      // The student's edit survives a reload, which runs nothing.
      await setEditorCode(page, 'print("shared", 6 * 7)\nprint("my answer")\n');
      await page.reload();
      await workbenchReady(page);
      await expect.poll(() => editorCode(page)).toBe('print("shared", 6 * 7)\nprint("my answer")\n');
      // An autorun would come before a line typed now (it starts as soon as the editor has its code).
      expect(await runLine(page, '"after the reload"')).toEqual(["'after the reload'"]);
      expect(count(await consoleText(page), 'shared 42')).toBe(0);
    } finally {
      await context.close();
    }
  });

  test("Undo in the editor brings back the user's code that a share link replaced", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await openWorkbench(page);
      const own = '# my own work\nmine = 2\n';
      await setEditorCode(page, own);
      const link = await shareLink(page, 'print("from the link")\n');
      await page.goto('about:blank');
      await openWorkbench(page, link);
      await expect.poll(() => editorCode(page)).toBe('print("from the link")\n');
      await page.locator('.editor-host .view-lines').click();
      await page.keyboard.press('Control+z');
      await expect.poll(() => editorCode(page)).toBe(own);
    } finally {
      await context.close();
    }
  });

  test('following a share link in the same tab (only the fragment changes) opens its code', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await openWorkbench(page);
      await setEditorCode(page, '# before the link\n');
      const link = await shareLink(page, 'print("followed in the same tab")\n');
      await page.goto(link);
      await expect.poll(() => editorCode(page)).toBe('print("followed in the same tab")\n');
      await expect.poll(() => page.url()).not.toContain('#code=');
    } finally {
      await context.close();
    }
  });
  test('the Share dialog\'s Copy link says "Copied" for a moment, and not again when the dialog is reopened', async ({
    browser,
  }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    try {
      await openWorkbench(page);
      const copy = page.locator('.share-dialog button', { hasText: /^Cop/u });
      await page.locator('#share').click();
      await copy.click();
      await expect(copy).toHaveText('Copied');
      await expect(copy).toHaveText('Copy link', { timeout: 5_000 });
      await copy.click();
      await expect(copy).toHaveText('Copied');
      await page.keyboard.press('Escape');
      await page.locator('#share').click();
      await expect(copy).toHaveText('Copy link', { timeout: 1_000 });
    } finally {
      await context.close();
    }
  });
});

test("opening a demo over the user's own code says it was kept, and Undo in the editor brings it back", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const notice = 'Your previous code was kept';
  let before: string | undefined = '';
  const openDemo = async (id: string): Promise<void> => {
    await page.locator('#demos').click();
    await page.locator(`.demo-card[data-demo="${id}"]`).click();
    await expect.poll(() => editorCode(page)).not.toBe(before);
  };
  try {
    await openWorkbench(page);
    // Over the starter code, nothing of the user's is replaced: nothing to say.
    before = await editorCode(page);
    await openDemo('basics');
    const own = '# my homework\nanswer = 42\n';
    await setEditorCode(page, own);
    expect(count(await consoleText(page), notice)).toBe(0);

    before = own;
    await openDemo('recursion');
    await expect.poll(async () => count(await consoleText(page), notice)).toBe(1);
    // A demo as it came is not the user's work either.
    before = await editorCode(page);
    await openDemo('classes');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorCode(page)).toBe(own);
    expect(count(await consoleText(page), notice)).toBe(1);
  } finally {
    await context.close();
  }
});

test.describe('the console beside a turtle drawing', () => {
  const program = 'import turtle\nt = turtle.Turtle()\nt.forward(50)\nname = input("Your name? ")\nprint("hi", name)\n';

  /** Runs a turtle program that then waits in input(), and checks the console can be seen and answered. */
  async function answerBesideTurtle(page: Page): Promise<void> {
    await openWorkbench(page);
    await page.evaluate((code) => {
      void window.pyriteWorkbench?.setCode(code).then(() => window.pyriteWorkbench?.run());
    }, program);
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
    await expect(page.locator('.turtle-pane')).toBeVisible();
    const viewport = page.viewportSize();
    await expect.poll(() => page.evaluate(() => window.term.rows)).toBeGreaterThanOrEqual(6);
    const box = await page.locator('#terminal').boundingBox();
    expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await expect.poll(() => consoleText(page)).toContain('hi Ada');
  }

  test('on a narrow window the console keeps six rows on screen, so input() can be answered', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 680, height: 800 } });
    try {
      await answerBesideTurtle(await context.newPage());
    } finally {
      await context.close();
    }
  });

  test('on a phone the console and its key bar stay on screen under the drawing', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    try {
      const page = await context.newPage();
      await answerBesideTurtle(page);
      const bar = await page.locator('.touch-keys').boundingBox();
      expect(bar && bar.y + bar.height <= 844 && bar.height >= 44).toBe(true);
    } finally {
      await context.close();
    }
  });
});

test('a window narrowed after the editor was shown stacks editor, drawing and console within the screen', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await openWorkbench(page);
    // Narrowed (a phone rotated to portrait, a window made smaller): Monaco's element is still as tall as before.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.evaluate(() => {
      const code = 'import turtle\nt = turtle.Turtle()\nt.speed(0)\nt.circle(80)\n';
      void window.pyriteWorkbench?.setCode(code).then(() => window.pyriteWorkbench?.run());
    });
    await expect(page.locator('.turtle-pane')).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.turtle.canvas.busy)).toBe(false);
    const height = async (selector: string): Promise<number> =>
      (await page.locator(selector).boundingBox())?.height ?? 0;
    const workbench = await height('.workbench');
    await expect.poll(() => height('.editor-pane')).toBeLessThanOrEqual(workbench * 0.55);
    await expect.poll(() => height('.turtle-stage')).toBeGreaterThanOrEqual(100);
    await expect.poll(() => page.evaluate(() => window.term.rows)).toBeGreaterThanOrEqual(6);
    const terminal = await page.locator('#terminal').boundingBox();
    expect(terminal && terminal.y + terminal.height).toBeLessThanOrEqual(800);
  } finally {
    await context.close();
  }
});

test.describe('the embed', () => {
  /** Opens embed.html itself (its own origin may command it) with `query` and the code in the fragment. */
  async function openEmbed(page: Page, query: string, code: string): Promise<void> {
    await page.goto('./?layout=console');
    const link = await shareLink(page, code, query);
    await openWorkbench(page, link.replace(/\/\?/u, '/embed.html?'));
  }

  /** Sends a request through the postMessage API (from the embed's own window) and resolves with the reply. */
  function request(page: Page, type: string, fields: object = {}): Promise<{ ok: boolean; result?: unknown }> {
    return page.evaluate(
      ({ type, fields }) =>
        new Promise<{ ok: boolean; result?: unknown }>((resolve) => {
          const id = `${type}-${Math.random()}`;
          const onMessage = (event: MessageEvent<{ type?: string; id?: string; ok: boolean; result?: unknown }>) => {
            if (event.data?.type !== 'reply' || event.data.id !== id) return;
            removeEventListener('message', onMessage);
            resolve(event.data);
          };
          addEventListener('message', onMessage);
          postMessage({ pyrite: 1, type, id, ...fields }, location.origin);
        }),
      { type, fields },
    );
  }

  test("a read-only embed takes the host's code from setCode and run, while the reader cannot type", async ({
    page,
  }) => {
    await openEmbed(page, 'readonly=1', 'print("original")\n');
    expect(await request(page, 'setCode', { code: 'print("from the host")\n' })).toMatchObject({ ok: true });
    expect(await request(page, 'getCode')).toMatchObject({ result: { code: 'print("from the host")\n' } });
    expect(await request(page, 'run', { code: 'print("run by the host")\n' })).toMatchObject({
      ok: true,
      result: { ok: true },
    });
    await expect.poll(() => consoleText(page)).toContain('run by the host');
    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.type('XYZ');
    expect(await editorCode(page)).toBe('print("run by the host")\n');
  });
  test("the embed's Stop is enabled only while code runs", async ({ page }) => {
    await openEmbed(page, '', 'import time\nwhile True:\n    time.sleep(0.05)\n');
    await expect(page.locator('#stop')).toBeDisabled();
    const reply = request(page, 'run');
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
    await expect(page.locator('#stop')).toBeEnabled();
    await page.locator('#stop').click();
    expect(await reply).toMatchObject({ ok: true, result: { ok: false } });
    await expect(page.locator('#stop')).toBeDisabled();
  });
  test('reset stops the running program first, then puts the code back, empties the namespace and replies', async ({
    page,
  }) => {
    const original = 'print("original")\n';
    await openEmbed(page, '', original);
    const run = request(page, 'run', {
      code: 'import time\nbefore_reset = 1\nwhile True:\n    time.sleep(0.05)\n',
    });
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
    const reply = await Promise.race([
      request(page, 'reset'),
      new Promise<string>((resolve) => setTimeout(() => resolve('no reply'), 10_000)),
    ]);
    expect(reply).toMatchObject({ ok: true });
    expect(await run).toMatchObject({ ok: true, result: { ok: false } });
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
    expect(await editorCode(page)).toBe(original);
    await request(page, 'run', { code: 'print("left:", "before_reset" in globals())\n' });
    await expect.poll(() => consoleText(page)).toContain('left: False');
  });

  test('the Reset button stops a program waiting in input() and puts the code back', async ({ page }) => {
    const original = 'name = input("Name? ")\n';
    await openEmbed(page, '', original);
    void request(page, 'run', { code: 'answer = input("Waiting: ")\n' });
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
    await page.locator('#reset').click();
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
    await expect.poll(() => editorCode(page)).toBe(original);
  });
  test('narrowed (a phone rotated to portrait) while its console is scrolled back, the embed does not scroll sideways', async ({
    page,
  }) => {
    await openEmbed(page, '', '');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('for i in range(100): print(i)');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => consoleText(page)).toContain('99');
    const typed = `total = 1 + ${'2'.repeat(90)}`;
    await page.keyboard.type(typed);
    await expect.poll(() => consoleText(page)).toContain(typed);
    // Scrolled back, xterm.js leaves its input element where the cursor was, far to the right.
    const inputLeft = (): Promise<number> =>
      page.evaluate(() => document.querySelector('.xterm-helper-textarea')?.getBoundingClientRect().left ?? 0);
    await expect.poll(inputLeft).toBeGreaterThan(600);
    await page.evaluate(() => window.term.scrollLines(-60));
    await page.setViewportSize({ width: 329, height: 700 });
    await expect.poll(() => page.evaluate(() => window.term.cols)).toBeLessThan(40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  });

  test("an embed on another origin's page posts ready to that page's origin only, so the browser warns of no mismatch", async ({
    page,
    baseURL,
  }) => {
    const embedOrigin = new URL(baseURL ?? 'http://127.0.0.1:4173/').origin;
    let hostOrigin = '';
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script>
        window.received = [];
        addEventListener('message', (event) => window.received.push(event.data?.type));
      </script><iframe src="${embedOrigin}/embed.html?origins=${encodeURIComponent(hostOrigin)},https://other.example#code="
        style="width:800px;height:400px"></iframe>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('postMessage')) warnings.push(message.text());
    });
    try {
      await page.goto(`${hostOrigin}/`);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received), {
          timeout: BOOT_TIMEOUT,
        })
        .toContain('ready');
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received))
        .toContain('resize');
      expect(warnings).toEqual([]);
    } finally {
      server.close();
    }
  });
});

test.describe('runs from the editor', () => {
  let page: Page;
  useSharedWorkbench((booted) => (page = booted));

  async function waitForPrompt(): Promise<void> {
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
    await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
  }

  test('a run from the editor that waits for input() moves the focus to the console, so the answer is not typed into the code', async () => {
    const code = 'n = input("Name? ")\nprint("Hi", n)\n';
    await setEditorCode(page, code);
    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')))
      .toBe(true);
    await page.keyboard.type('Bob');
    await page.keyboard.press('Enter');
    await expect.poll(() => consoleText(page)).toContain('Hi Bob');
    expect(await editorCode(page)).toBe(code);
    await waitForPrompt();
  });

  test('one run at a time: while a run from the editor goes, Run is disabled and Ctrl+Enter is ignored; Stop is enabled only then and marks no error', async () => {
    await expect(page.locator('#stop')).toBeDisabled();
    await setEditorCode(page, 'import time\nprint("started")\nwhile True:\n    time.sleep(0.05)\n');
    const start = (await readLines(page)).length;
    await page.locator('#run-file').click();
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'running');
    await expect(page.locator('#run-file')).toBeDisabled();
    await expect(page.locator('#run-selection')).toBeDisabled();
    await expect(page.locator('#stop')).toBeEnabled();
    await page.locator('.editor-host .view-lines').click();
    await page.keyboard.press('Control+Enter');
    await page.locator('#stop').click();
    await waitForPrompt();
    // Nothing was queued behind the run: the console stays at its prompt, and a line typed now runs at once.
    expect(await runLine(page, '"only one run"')).toEqual(["'only one run'"]);
    const after = (await readLines(page)).slice(start).join('\n');
    expect(count(after, 'started')).toBe(1);
    // Stopping is not an error in the code: no marker on the line that was running.
    expect(await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.markers())).toEqual([]);
    await expect(page.locator('#run-file')).toBeEnabled();
    await expect(page.locator('#stop')).toBeDisabled();
  });

  test('Stop also ends a turtle animation still playing after Python finished', async () => {
    await setEditorCode(
      page,
      'import turtle\nt = turtle.Turtle()\nt.speed(1)\nfor i in range(20):\n    t.circle(100)\n',
    );
    await page.locator('#run-file').click();
    await waitForPrompt();
    expect(await page.evaluate(() => window.pyriteWorkbench?.turtle.canvas.busy)).toBe(true);
    await expect(page.locator('#stop')).toBeEnabled();
    await page.locator('#stop').click();
    await expect.poll(() => page.evaluate(() => window.pyriteWorkbench?.turtle.canvas.busy)).toBe(false);
    await expect(page.locator('#stop')).toBeDisabled();
  });

  test("Run line of a call into a function of the earlier full run quotes the function's line in its traceback", async () => {
    await setEditorCode(page, 'def g():\n    return 1 / 0\n\ng()\n');
    await page.locator('#run-file').click();
    await waitForPrompt();
    await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.goToLine(4));
    await page.keyboard.press('Shift+Enter');
    await waitForPrompt();
    const screen = (await readLines(page)).join('\n');
    const last = screen.lastIndexOf('Traceback (most recent call last):');
    expect(screen.slice(last)).toContain('  File "<editor>", line 2, in g\n    return 1 / 0\n');
  });

  test('after Run line, tracebacks through functions of the earlier full run still quote their lines', async () => {
    await setEditorCode(page, 'def f():\n    return "é\\\\" + 1 / 0\n\nx = 1\ny = x + 1\n');
    await page.locator('#run-file').click();
    await waitForPrompt();
    await page.evaluate(() => window.pyriteWorkbench?.editorIfLoaded?.goToLine(4));
    await page.keyboard.press('Shift+Enter');
    await waitForPrompt();
    const output = await runLine(page, 'f()');
    expect(output).toContain('  File "<editor>", line 2, in f');
    expect(output).toContain('    return "é\\\\" + 1 / 0');
    // The registration leaves nothing behind in the user's namespace.
    expect(await runLine(page, '"linecache" in globals()')).toEqual(['False']);
  });
});

test('sys.exit(3) gives its exit status in the notice, before the fresh Python starts', async ({ page }) => {
  await openConsole(page, './?layout=console');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('import sys; sys.exit(3)');
  await page.keyboard.press('Enter');
  await expect.poll(() => consoleText(page)).toContain('The session ended (SystemExit, exit status 3)');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
});

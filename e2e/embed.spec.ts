import { expect, test, type Frame, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOOT_TIMEOUT } from './support/consolePage';
import './support/workbench';

// Two more local origins (the same host, other ports): tiny servers started here serve the host pages, which embed
// the real embed.html from the preview server (the test's baseURL). The allowed one serves the example host page;
// the refused one a page whose origin the embed does not list. (Routed fake origins would count as public pages,
// which Chromium forbids to frame local servers.)
let EMBED_ORIGIN = 'http://127.0.0.1:4173';
let ALLOWED = '';
let REFUSED = '';
const servers: Server[] = [];

function serve(body: () => Promise<string>): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      void body().then((html) => response.writeHead(200, { 'content-type': 'text/html' }).end(html));
    });
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

// eslint-disable-next-line no-empty-pattern -- Playwright requires a destructured fixtures argument
test.beforeAll(async ({}, testInfo) => {
  EMBED_ORIGIN = new URL(testInfo.project.use.baseURL ?? EMBED_ORIGIN).origin;
  ALLOWED = await serve(async () => (await fetch(`${EMBED_ORIGIN}/embed-example.html`)).text());
  REFUSED = await serve(() =>
    Promise.resolve(
      `<!doctype html><iframe src="${EMBED_ORIGIN}/embed.html#code=" style="width:800px;height:500px"></iframe>`,
    ),
  );
});

test.afterAll(() => {
  for (const server of servers.splice(0)) server.close();
});

interface HostWindow {
  embedExample: { request(type: string, fields?: object): Promise<unknown> };
  received: unknown[];
}

async function embedFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/embed.html'))).toBe(true);
  const frame = page.frames().find((f) => f.url().includes('/embed.html'));
  if (!frame) throw new Error('no embed frame');
  await expect(frame.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect(frame.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
  return frame;
}

function frameText(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const buffer = window.term.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < buffer.length; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

test.describe('from an allowed origin', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  let frame: Frame;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await page.addInitScript(() => {
      const host = window as unknown as HostWindow;
      host.received = [];
      addEventListener('message', (event) => host.received.push(event.data));
    });
    await page.goto(`${ALLOWED}/host.html?embed=${encodeURIComponent(`${EMBED_ORIGIN}/embed.html`)}`);
    frame = await embedFrame(page);
  });

  test.afterAll(async () => {
    await page.close();
  });

  const received = (type: string): Promise<unknown[]> =>
    page.evaluate(
      (t) => (window as unknown as HostWindow).received.filter((m) => (m as { type?: string }).type === t),
      type,
    );

  test('announces itself with a ready message and starts with the code from the fragment', async () => {
    await expect.poll(() => received('ready')).toEqual([{ pyrite: 1, type: 'ready', version: 1 }]);
    await expect(page.locator('#state')).toHaveText('ready');
    expect(await frame.evaluate(() => window.pyriteWorkbench?.code())).toBe(
      'print("Hello from an embedded Python!")\n',
    );
  });

  test('runs code sent by the host, streams output events and answers with a reply', async () => {
    const reply = await page.evaluate(() =>
      (window as unknown as HostWindow).embedExample.request('run', { code: 'print("sum is", 2 + 3)' }),
    );
    expect(reply).toEqual({ ok: true });
    await expect.poll(() => frameText(frame)).toContain('sum is 5');
    await expect
      .poll(() => received('output'))
      .toContainEqual({ pyrite: 1, type: 'output', stream: 'stdout', text: 'sum is 5\n' });
    await expect.poll(() => received('done')).toContainEqual({ pyrite: 1, type: 'done', ok: true });
  });

  test('setCode and getCode round-trip, and errors are reported with their line', async () => {
    const host = (type: string, fields?: object): Promise<unknown> =>
      page.evaluate(
        ([t, f]) => (window as unknown as HostWindow).embedExample.request(t as string, f as object),
        [type, fields],
      );
    expect(await host('setCode', { code: 'x = 1\nraise ValueError("bad")\n' })).toBeNull();
    expect(await host('getCode')).toEqual({ code: 'x = 1\nraise ValueError("bad")\n' });
    expect(await host('run')).toEqual({ ok: false });
    await expect
      .poll(async () => (await received('error')).map((m) => (m as { error: { line: number } }).error.line))
      .toContain(2);
    expect(await host('reset')).toBeNull();
    expect(await host('getCode')).toEqual({ code: 'print("Hello from an embedded Python!")\n' });
  });

  test('a malformed request gets an error reply saying what is wrong, and changes nothing', async () => {
    const before = await frame.evaluate(() => window.pyriteWorkbench?.code());
    const refusal = (type: string, fields: object): Promise<string> =>
      page.evaluate(
        ([t, f]) =>
          (window as unknown as HostWindow).embedExample.request(t, f).then(
            () => 'accepted',
            (error: Error) => error.message,
          ),
        [type, fields] as const,
      );
    expect(await refusal('setCode', { code: 42 })).toBe('code must be a string, not number');
    expect(await refusal('runCode', { code: 'print(1)' })).toBe(
      'unknown request type "runCode": expected hello, run, setCode, getCode or reset',
    );
    expect(await frame.evaluate(() => window.pyriteWorkbench?.code())).toBe(before);
  });

  test('run, run, reset, run sent at once are served in order: the first run is stopped, the second cancelled, the last runs alone after the reset', async () => {
    const last = 'print("C sees", [name for name in ("first", "second") if name in globals()])\n';
    const { replies, order } = await page.evaluate(async (lastCode) => {
      const host = (window as unknown as HostWindow).embedExample;
      const answered: string[] = [];
      const track = (name: string, reply: Promise<unknown>): Promise<unknown> =>
        reply
          .then(
            (result) => ({ result }),
            (error: Error) => ({ error: error.message }),
          )
          .finally(() => answered.push(name));
      const all = [
        track('A', host.request('run', { code: 'import time\nfirst = 1\ntime.sleep(20)\nprint("A finished")\n' })),
        track('B', host.request('run', { code: 'second = 2\nprint("B ran")\n' })),
        track('reset', host.request('reset')),
        track('C', host.request('run', { code: lastCode })),
      ];
      return { replies: await Promise.all(all), order: answered };
    }, last);
    expect(replies).toEqual([
      { result: { ok: false } },
      { error: 'cancelled by a reset before it started' },
      { result: null },
      { result: { ok: true } },
    ]);
    expect(order).toEqual(['B', 'A', 'reset', 'C']);
    // C ran after the reset had emptied the namespace; B never ran, and A did not go on.
    await expect.poll(() => frameText(frame)).toContain('C sees []');
    const text = await frameText(frame);
    expect(text).not.toContain('B ran');
    expect(text).not.toContain('A finished');
    expect(await frame.evaluate(() => window.pyriteWorkbench?.code())).toBe(last);
  });

  test('in a host page that is not cross-origin isolated, the learner answers input() inside the embed', async () => {
    expect(await frame.evaluate(() => window.crossOriginIsolated)).toBe(false);
    await page.evaluate(() => {
      const host = window as unknown as HostWindow & { pending?: Promise<unknown> };
      host.pending = host.embedExample.request('run', { code: 'name = input("Your name? ")\nprint("Hi", name)' });
    });
    await expect(frame.locator('#status')).toHaveAttribute('data-state', 'input');
    await expect.poll(() => frameText(frame)).toContain('Your name? ');
    await frame.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { pending: Promise<unknown> }).pending)).toEqual({
      ok: true,
    });
    await expect.poll(() => frameText(frame)).toContain('Hi Ada');
  });

  test('"Open in Pyrite" is a link, reached with Tab, whose address carries the code as it is edited', async () => {
    const link = frame.getByRole('link', { name: 'Open in Pyrite' });
    const linkedCode = (): Promise<string | null> =>
      link.evaluate(async (anchor: HTMLAnchorElement) => {
        const encoded = new URLSearchParams(new URL(anchor.href).hash.slice(1)).get('code');
        if (encoded === null) return null;
        const bytes = Uint8Array.from(atob(encoded.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        return new Response(stream).text();
      });
    await expect.poll(linkedCode).toBe(await frame.evaluate(() => window.pyriteWorkbench?.code()));
    await frame.evaluate(() => window.pyriteWorkbench?.setCode('print("edited in the embed")\n'));
    await expect.poll(linkedCode).toBe('print("edited in the embed")\n');
    await frame.locator('#reset').focus();
    for (let i = 0; i < 5 && !(await link.evaluate((a) => a === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(link).toBeFocused();
  });

  test('"Open in Pyrite" opens the full app from the example\'s sandboxed iframe (escaping the sandbox)', async () => {
    // A sandboxed popup could not load the app, which is sent with COOP same-origin.
    expect(await page.locator('iframe').getAttribute('sandbox')).toContain('allow-popups-to-escape-sandbox');
    // Clicked at once after an edit, before the link's address caught up: the app opens the edited code all the same.
    await frame.evaluate(() => window.pyriteWorkbench?.setCode('print("opened in the app")\n'));
    const [popup] = await Promise.all([page.waitForEvent('popup'), frame.locator('#open-full').click()]);
    await expect(popup.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
    expect(new URL(popup.url()).origin).toBe(EMBED_ORIGIN);
    await expect(popup.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
    expect(await popup.evaluate(() => window.pyriteWorkbench?.code())).toBe('print("opened in the app")\n');
    await popup.close();
  });

  test('reports its height so the host can size the iframe', async () => {
    await expect.poll(async () => (await received('resize')).length).toBeGreaterThan(0);
    const last = (await received('resize')).at(-1) as { height: number };
    expect(last.height).toBeGreaterThan(200);
    await expect.poll(() => page.locator('#pyrite').evaluate((iframe) => iframe.clientHeight)).toBe(last.height);
  });
});

test('ignores commands from an origin that is not on its allowlist', async ({ browser }) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const host = window as unknown as HostWindow;
    host.received = [];
    addEventListener('message', (event) => host.received.push(event.data));
  });
  await page.goto(`${REFUSED}/host.html`);
  const frame = await embedFrame(page);
  await frame.evaluate(() => window.pyriteWorkbench?.setCode('original = True\n'));
  await page.evaluate((origin) => {
    const target = document.querySelector('iframe')?.contentWindow;
    target?.postMessage({ pyrite: 1, type: 'setCode', id: 1, code: 'import os  # injected' }, origin);
    target?.postMessage({ pyrite: 1, type: 'run', id: 2, code: 'print("injected run")' }, origin);
    target?.postMessage({ pyrite: 1, type: 'getCode', id: 3 }, origin);
  }, EMBED_ORIGIN);
  // Give the embed time to (wrongly) act, then check that nothing happened and nothing was sent back.
  await page.waitForTimeout(1500);
  expect(await frame.evaluate(() => window.pyriteWorkbench?.code())).toBe('original = True\n');
  expect(await frameText(frame)).not.toContain('injected run');
  expect(await page.evaluate(() => (window as unknown as HostWindow).received)).toEqual([]);
  await page.close();
});

test("in Chromium ready goes to the parent's origin from location.ancestorOrigins, with no referrer needed and no mismatch warnings", async ({
  browser,
}) => {
  // The host page sends no referrer, and lists another allowed origin: only ancestorOrigins can name the parent.
  let hostOrigin = '';
  hostOrigin = await serve(() =>
    Promise.resolve(
      `<!doctype html><meta name="referrer" content="no-referrer"><script>
        window.received = [];
        addEventListener('message', (event) => window.received.push(event.data?.type));
      </script><iframe src="${EMBED_ORIGIN}/embed.html?origins=${encodeURIComponent(`https://other.example,${hostOrigin}`)}#code="
        style="width:800px;height:400px"></iframe>`,
    ),
  );
  const page = await browser.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('postMessage')) warnings.push(message.text());
  });
  await page.goto(`${hostOrigin}/`);
  const frame = await embedFrame(page);
  expect(await frame.evaluate(() => [document.referrer, location.ancestorOrigins[0]])).toEqual(['', hostOrigin]);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received))
    .toContain('ready');
  expect(
    (await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).filter((t) => t === 'ready'),
  ).toEqual(['ready']);
  expect(warnings).toEqual([]);
  await page.close();
});

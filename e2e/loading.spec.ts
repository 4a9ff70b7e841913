import { expect, test, type Page, type Request } from '@playwright/test';
import { PROTOCOL_VERSION, type FromWorker, type ToWorker } from '../webworker/protocol';
import { openConsole } from './support/consolePage';

// Booting the runtime: the load progress the worker reports, and the init handshake that starts it. Each test opens
// its own page, because each watches a boot from its start.

/** The runtime's own files in public/pyrite/ (the worker's bundle is in assets/). */
const isRuntimeFile = (request: Request): boolean => /\/pyrite\/(pyrite_core|python_stdlib)/.test(request.url());

/** What the #load-progress bar shows; `position` is -1 while it is indeterminate. */
function progressBar(page: Page) {
  return page.locator('#load-progress').evaluate((bar: HTMLProgressElement) => ({
    shown: !bar.hidden,
    determinate: bar.position >= 0,
    value: bar.value,
    max: bar.max,
  }));
}

test('the load progress bar shows how much of the runtime has downloaded, then hides when the console is ready', async ({
  page,
}) => {
  // The wasm is held back until the bar has been seen; the stdlib streams meanwhile and is reported. Continuing
  // the request keeps the server's response (application/wasm), which the runtime compiles as it streams.
  let releaseWasm = (): void => {};
  const wasmHeld = new Promise<void>((resolve) => (releaseWasm = resolve));
  let wasmAsked = false;
  await page.route('**/pyrite/pyrite_core.wasm', async (route) => {
    wasmAsked = true;
    await wasmHeld;
    await route.continue();
  });
  const booted = openConsole(page);
  try {
    await expect.poll(async () => (await progressBar(page)).determinate).toBe(true);
    expect(wasmAsked).toBe(true); // so what is seen is the middle of the download
    const seen = await progressBar(page);
    expect(seen.shown).toBe(true);
    expect(seen.max).toBeGreaterThan(0);
    expect(seen.value).toBeGreaterThan(0);
    expect(seen.value).toBeLessThanOrEqual(seen.max);
    await expect(page.locator('#load-phase')).toHaveText(/^download \d+%$/);
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'loading');
  } finally {
    releaseWasm();
  }
  await booted;
  await expect(page.locator('#load-progress')).toBeHidden();
  await expect(page.locator('#load-phase')).toBeHidden();
});

test('a worker refuses an init in another protocol version and does not load the runtime', async ({ page }) => {
  await openConsole(page); // the console's own worker has booted: from here on, runtime downloads are ours
  const workerURL = page
    .workers()
    .find((worker) => /\/assets\/worker-[\w-]+\.js$/.test(worker.url()))
    ?.url();
  expect(workerURL).toBeDefined();
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (isRuntimeFile(request)) downloads.push(request.url());
  });
  const otherVersion = PROTOCOL_VERSION + 1;
  // A second worker from the same script, driven by hand: an init in another version, then a request that shows
  // what the worker made of it.
  const received = await page.evaluate(
    async ({ url, messages, lastId }) => {
      const worker = new Worker(url, { type: 'module' });
      const replies: unknown[] = [];
      await new Promise<void>((done) => {
        worker.addEventListener('message', (event: MessageEvent<{ id?: unknown }>) => {
          replies.push(event.data);
          if (event.data.id === lastId) done();
        });
        for (const message of messages) worker.postMessage(message);
      });
      worker.terminate();
      return replies;
    },
    {
      url: workerURL ?? '',
      messages: [
        {
          kind: 'init',
          id: 1,
          protocolVersion: otherVersion,
          indexURL: new URL('pyrite/', page.url()).href,
          interruptBuffer: null,
          stdinBuffer: null,
          stdinURL: null,
          jspi: true,
        },
        { kind: 'check', id: 2, source: '1 + 1' },
      ] satisfies ToWorker[],
      lastId: 2,
    },
  );
  // No progress event and no ready: the refusal, then a worker still waiting for its init.
  expect(received).toEqual([
    {
      kind: 'error',
      id: 1,
      error: { kind: 'protocol', message: `page speaks protocol ${otherVersion}, worker speaks ${PROTOCOL_VERSION}` },
    },
    { kind: 'error', id: 2, error: { kind: 'protocol', message: 'send init first' } },
  ] satisfies FromWorker[]);
  expect(downloads).toEqual([]);
});

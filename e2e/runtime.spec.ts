import { expect, test, type Page } from '@playwright/test';

// The runtime's API in the browser itself: the same module users import (public/pyrite/pyodide.mjs, served
// by the production preview), on a page's main thread and in a module Web Worker.

// Runs in the browser: loads the runtime and checks the seed API's main behaviours; returns what it saw.
const CHECKS = `
  const { loadPyodide } = await import(new URL('pyrite/pyodide.mjs', location.href).href);
  const out = [];
  const py = await loadPyodide({ indexURL: new URL('pyrite/', location.href).href, stdout: (t) => out.push(t) });
  const r = {};
  // The first import of asyncio sets up the event loop for good (see runtime/test/harness.mjs).
  py.runPython('import asyncio');
  const before = py.debugCounters();
  r.sum = py.runPython('1+1');
  py.runPython('print("hi")');
  r.stdout = out.join('');
  try { py.runPython('1/0'); } catch (e) { r.errorName = e.name; r.errorType = e.type; }
  r.awaited = await py.runPythonAsync('from js import Promise\\nawait Promise.resolve(41) + 1');
  py.runPython('del Promise');
  const obj = {};
  py.globals.set('o', obj);
  r.identity = py.globals.get('o') === obj;
  py.runPython('del o');
  const list = py.runPython('[1, [2, 3], {"k": b"x"}]');
  const js = list.toJs();
  r.converted = [js[0], js[1], js[2] instanceof Map, js[2].get('k') instanceof Uint8Array];
  list.destroy();
  const buf = py.runPython('import array\\narray.array("d", [1.5, 2.5])');
  const view = buf.getBuffer();
  r.buffer = [view.format, view.itemsize, Array.from(view.data), view.readonly];
  view.release();
  buf.destroy();
  r.modules = py.runPython('import zlib, bz2, lzma, sqlite3, json, decimal; "ok"');
  // The seed's pyodide.open_url: a synchronous fetch, relative to the page.
  const readme = new URL('README.md', location.href).href;
  py.globals.set('readme', readme);
  r.openUrl = py.runPython('import pyodide\\npyodide.open_url(readme).read()') === (await (await fetch(readme)).text());
  // (The preview server answers every path, so the failure is a refused connection.)
  py.globals.set('missing', 'http://127.0.0.1:1/none.txt');
  r.openUrlMissing = py.runPython('try:\\n  pyodide.open_url(missing)\\nexcept OSError as e:\\n  r = str(e)\\nr');
  // urllib over the browser's HTTP (runtime/python/_pyrite/browserhttp.py), on the page's thread and in a worker.
  r.urlopen = py.runPython('import urllib.request\\nurllib.request.urlopen(readme).read().decode()') === (await (await fetch(readme)).text());
  py.runPython('del readme, missing, r, urllib');
  py.runPython('import gc, sys\\nsys.last_value = sys.last_type = sys.last_traceback = None\\ngc.collect()');
  const after = py.debugCounters();
  r.grown = Object.keys(before).filter((k) => after[k] > before[k]);
  return r;
`;

async function checksOnMainThread(page: Page) {
  return page.evaluate(`(async () => { ${CHECKS} })()`);
}

async function checksInWorker(page: Page) {
  return page.evaluate(`new Promise((resolve, reject) => {
    const source = "onmessage = async () => { try { postMessage({ ok: await (async () => { " +
      ${JSON.stringify(CHECKS)} + " })() }); } catch (e) { postMessage({ error: String(e && e.stack || e) }); } };";
    const url = URL.createObjectURL(new Blob([source.replaceAll('location.href', JSON.stringify(location.href))], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    worker.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data.ok));
    worker.postMessage(null);
  })`);
}

const expected = {
  sum: 2,
  stdout: 'hi\n',
  errorName: 'PythonError',
  errorType: 'ZeroDivisionError',
  awaited: 42,
  identity: true,
  converted: [1, [2, 3], true, true],
  buffer: ['d', 8, [1.5, 2.5], false],
  modules: 'ok',
  openUrl: true,
  urlopen: true,
  openUrlMissing: expect.stringMatching(/^could not fetch http:\/\/127\.0\.0\.1:1\/none\.txt: \S/),
  grown: [],
};

for (const [where, run] of [
  ['on the main thread', checksOnMainThread],
  ['in a module worker', checksInWorker],
] as const) {
  test(`the runtime API works ${where}`, async ({ page }) => {
    await page.goto('./');
    const result = (await run(page)) as Record<string, unknown>;
    expect(result).toMatchObject(expected);
  });
}

test("Python's time zone is the browser's, with short names as on POSIX systems", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  try {
    const page = await context.newPage();
    await page.goto('./');
    const zone = await page.evaluate(`(async () => {
      const { loadPyodide } = await import(new URL('pyrite/pyodide.mjs', location.href).href);
      const py = await loadPyodide({ indexURL: new URL('pyrite/', location.href).href });
      return py.runPython('import time\\nstr((time.tzname, time.timezone, time.daylight))');
    })()`);
    expect(zone).toBe("(('-05', '-04'), 18000, 1)");
  } finally {
    await context.close();
  }
});

test('a relative indexURL is resolved against the page, as the seed resolved it', async ({ page }) => {
  await page.goto('./');
  const sum = await page.evaluate(`(async () => {
    const { loadPyodide } = await import(new URL('pyrite/pyodide.mjs', location.href).href);
    const py = await loadPyodide({ indexURL: './pyrite/' });
    return py.runPython('1 + 1');
  })()`);
  expect(sum).toBe(2);
});

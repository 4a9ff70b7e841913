/* global Worker, URL, URLSearchParams, location, performance */
// The benchmark page: starts the runtime worker (bench/page/worker.js) and
// relays commands to it. bench/run.js drives it through Playwright.
let worker = null;
let nextId = 1;
const pending = new Map();

/**
 * Starts a fresh worker; resolves when Python has evaluated 1+1 in it.
 * runtime: the folder of the build to load (default /pyrite/; /pyodide/ is
 * Pyodide 0.25.1 when the bench server has it).
 */
function spawnWorker(runtime) {
  stopWorker('worker replaced');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const url = new URL('./worker.js', import.meta.url);
    if (runtime) url.searchParams.set('runtime', runtime);
    const w = new Worker(url, { type: 'module' });
    worker = w;
    w.onmessage = (event) => {
      const msg = event.data;
      const now = performance.now();
      if (msg.type === 'ready') {
        // The load ends when the worker evaluated 1+1 (msg.evaluatedAtMs, on the page's clock once the two time
        // origins are taken into account), not when its ready message arrives: before sending it, the worker
        // lists sys.modules and scans wasm memory for the report (~35-50 ms that are not the load's).
        const evaluatedAt = msg.evaluatedAtMs - performance.timeOrigin;
        resolve({
          ...msg,
          spawnToReadyMs: evaluatedAt - t0,
          navToReadyMs: evaluatedAt,
          spawnToMessageMs: now - t0,
          crossOriginIsolated: globalThis.crossOriginIsolated === true,
        });
      } else if (msg.type === 'load-error') {
        reject(new Error(`runtime failed to load in the worker: ${msg.message}`));
      } else if (msg.type === 'reply') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (!p) return;
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(msg.result);
      }
    };
    w.onerror = (event) => {
      const error = new Error(`worker error: ${event.message || '(no message; failed to load the worker script?)'}`);
      reject(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
  });
}

/** Sends a command to the current worker; resolves with its result. */
function call(command) {
  if (!worker) return Promise.reject(new Error('no worker: call spawnWorker() first'));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...command, id });
  });
}

/**
 * Ends the worker, so that V8's background work for it (tier-up compiles, code
 * caching, GC) does not share the cores with the next side of a round.
 */
function stopWorker(why = 'worker stopped') {
  if (worker) worker.terminate();
  worker = null;
  for (const { reject } of pending.values()) reject(new Error(why));
  pending.clear();
}

Object.assign(globalThis, { spawnWorker, call, stopWorker });
// ?autoload=1[&runtime=/pyodide/]: start a worker at once (the load-time test).
const params = new URLSearchParams(location.search);
if (params.has('autoload')) {
  globalThis.ready = spawnWorker(params.get('runtime') ?? undefined);
  // Keep an unobserved rejection from being reported before the driver awaits it.
  globalThis.ready.catch(() => {});
}

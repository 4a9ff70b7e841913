/* global process, console, Worker */
// How soon a fresh worker reaches full speed, and whether a program that is already running gets there too:
// fib(18) over and over for a few seconds right after load, timed one by one, either inside one Python call (one
// activation of the interpreter loop, as a long computation typed into the console) or as one call from JS each.
// Prints the median µs per fib(18) in each 250 ms window; the build that reaches native-like steps sooner wins.
// V8 has no on-stack replacement for wasm, so without cmake/patches/cpython-ceval-reentry.patch the "one" row
// stays at its first speed (bench/LEVERS.md, session 9). --delay-ms waits that long after load before fib (a user
// who types their first line later); --warm-ms 0,10 runs each build without and with a 10 ms mixed Python loop right
// after the load (what a warm-up at load would give).
//
//   node bench/warmup.js [--seconds N] [--rounds N] [--delay-ms N] [--warm-ms N,...] DIR [DIR ...]
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT, median } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { seconds: 3, rounds: 1, delayMs: 0, warmMs: [0], dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seconds') o.seconds = Number(argv[++i]);
    else if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--delay-ms') o.delayMs = Number(argv[++i]);
    else if (argv[i] === '--warm-ms') o.warmMs = argv[++i].split(',').map(Number);
    else o.dirs.push(resolve(argv[i]));
  }
  const bad = !(o.seconds > 0) || !(o.delayMs >= 0) || o.warmMs.some((ms) => !(ms >= 0));
  if (!o.dirs.length || o.dirs.some((d) => !existsSync(`${d}/pyrite_core.wasm`)) || bad) {
    throw new Error(
      'usage: node bench/warmup.js [--seconds N] [--rounds N] [--delay-ms N] [--warm-ms N,...] DIR [DIR ...] (DIR: a built runtime)',
    );
  }
  return o;
}

const WINDOW_MS = 250;

/** Runs one warmup worker in the page; resolves with its [[ms since start, µs of one fib(18)], ...]. */
function workerSamples(page, url) {
  return page.evaluate(
    (u) =>
      new Promise((done, fail) => {
        const worker = new Worker(u, { type: 'module' });
        worker.onmessage = (e) => (worker.terminate(), done(e.data));
        worker.onerror = (e) => (worker.terminate(), fail(new Error(e.message)));
      }),
    url,
  );
}

/** The median µs of each WINDOW_MS window ('-' for a window with no sample). */
function windowMedians(samples) {
  const windows = [];
  for (const [ms, us] of samples) (windows[Math.floor(ms / WINDOW_MS)] ??= []).push(us);
  return windows.map((w) => (w ? Math.round(median(w)) : '-'));
}

async function main() {
  const { seconds, rounds, delayMs, warmMs, dirs } = parseArgs(process.argv.slice(2));
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [['/bench/', `${ROOT}/bench`], ...dirs.map((d, i) => [`/build-${i}/`, d])],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/page/`);
    const after = delayMs ? `from ${delayMs} ms after load` : 'after load';
    console.log(`median µs per fib(18) in each ${WINDOW_MS} ms window ${after} (${seconds} s)\n`);
    for (let r = 0; r < rounds; r++) {
      for (const mode of ['one', 'calls']) {
        for (const [i, dir] of dirs.entries()) {
          for (const warm of warmMs) {
            const query = `runtime=/build-${i}/&mode=${mode}&seconds=${seconds}&delay=${delayMs}&warm=${warm}`;
            const url = `${server.url}/bench/page/warmup-worker.js?${query}`;
            const row = windowMedians(await workerSamples(page, url));
            const label = basename(dir) + (warmMs.length > 1 ? ` warm ${warm}` : '');
            console.log(`${mode.padEnd(5)} ${label.padEnd(16)} ${row.join(' ')}`);
          }
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/* global process, console */
// Whether Chromium keeps V8's optimised code of the runtime's wasm for the next visit (its wasm code cache), and what
// a visit that finds it gains. Each visit is a new browser on one persistent profile: the bench page loads the build,
// runs the workloads (3 passes), idles, and reads Chromium's own counters from chrome://histograms:
// V8.WasmCodeCaching (0 = miss, 1 = hit, 3 = no cache handler) and V8.WasmSerializationTimeMilliSeconds (one sample
// per time V8 handed its code to the cache). V8 flags (which a page cannot set) go after "::", for example
// "::--wasm-caching-timeout-ms=0" (bench/LEVERS.md, session 16).
//
// --fresh-too follows each visit after the first with one on a new profile, which cannot find a cache: the same
// visit without the cache, next to it.
//
//   node bench/codecache.js [--visits N] [--idle-ms N] [--fresh-too] DIR[::V8 flags]
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { visits: 3, idleMs: 8000, freshToo: false, dir: null, jsFlags: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--visits') o.visits = Number(argv[++i]);
    else if (argv[i] === '--idle-ms') o.idleMs = Number(argv[++i]);
    else if (argv[i] === '--fresh-too') o.freshToo = true;
    else [o.dir, o.jsFlags = ''] = argv[i].split('::');
  }
  if (!o.dir || !existsSync(`${resolve(o.dir)}/pyrite_core.wasm`) || !(o.visits >= 1) || !(o.idleMs >= 0)) {
    throw new Error(
      'usage: node bench/codecache.js [--visits N] [--idle-ms N] [--fresh-too] DIR[::V8 flags] (DIR: a built runtime)',
    );
  }
  o.dir = resolve(o.dir);
  return o;
}

const COUNTERS = ['V8.WasmCodeCaching', 'V8.WasmSerializationTimeMilliSeconds'];

/**
 * Each counter's buckets ("value: count"). Opening chrome://histograms makes the browser collect the renderers'
 * samples (the first tab still lives); Browser.getHistogram then has them.
 */
async function readCounters(context, page) {
  const tab = await context.newPage();
  await tab.goto('chrome://histograms/');
  await tab.waitForTimeout(1000);
  await tab.close();
  const cdp = await context.newCDPSession(page);
  const lines = [];
  for (const name of COUNTERS) {
    try {
      const { histogram } = await cdp.send('Browser.getHistogram', { name });
      lines.push(`${name}: ${histogram.buckets.map((b) => `${b.low}: ${b.count}`).join(', ')}`);
    } catch {
      lines.push(`${name}: no samples`);
    }
  }
  await cdp.detach();
  return lines;
}

/** One visit: a new browser on `profile` loads the build, runs the workloads, idles; prints times and counters. */
async function visit(chromium, server, profile, args, idleMs, label) {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/bench/page/`);
    const ready = await page.evaluate(() => globalThis.spawnWorker('/pyrite/'));
    const work = await page.evaluate(() => globalThis.call({ cmd: 'workloads', passes: 3 }));
    const passes = Object.entries(work.results).map(
      ([name, runs]) => `${name} ${runs.map((run) => Math.round(run.seconds * 1000)).join('/')}`,
    );
    await page.waitForTimeout(idleMs);
    console.log(`${label}: load ${Math.round(ready.spawnToReadyMs)} ms; ms per pass: ${passes.join(', ')}`);
    for (const line of await readCounters(context, page)) console.log(`  ${line}`);
  } finally {
    await context.close();
  }
}

async function main() {
  const { visits, idleMs, freshToo, dir, jsFlags } = parseArgs(process.argv.slice(2));
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [
      ['/bench/', `${ROOT}/bench`],
      ['/pyrite/', dir],
    ],
  });
  const profile = await mkdtemp(join(tmpdir(), 'pyrite-codecache-'));
  const args = jsFlags ? [...CHROMIUM_ARGS, `--js-flags=${jsFlags}`] : CHROMIUM_ARGS;
  try {
    for (let v = 1; v <= visits; v++) {
      await visit(chromium, server, profile, args, idleMs, `visit ${v}`);
      if (freshToo && v > 1) {
        // The same visit without anything cached, next to the one above (the machine drifts).
        const fresh = await mkdtemp(join(tmpdir(), 'pyrite-codecache-'));
        try {
          await visit(chromium, server, fresh, args, idleMs, `visit ${v}, fresh profile`);
        } finally {
          await rm(fresh, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

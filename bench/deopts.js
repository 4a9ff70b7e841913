/* global process, console, TextDecoder */
// Which wasm functions V8 deoptimises while the workloads run, and where: the tool behind bench/LEVERS.md's
// "why the first pass is slow". Each workload runs twice in a fresh worker of headless Chromium started with
// --js-flags=--trace-deopt-verbose; every "[bailout ... type: Wasm]" line is reported with the function that was
// deoptimised and the function whose code the deopt point came from (a callee V8 had inlined), the innermost of the
// frames V8 rebuilds for it.
//
// --timeline also traces V8's wasm compilations (--trace-wasm-compilation-times) and prints, in the order they
// happened (ms from the worker's start, as the trace lines arrived): the load, each workload's start and end, each
// compilation of a function of at least --min-bytes wasm bytes (default 10,000: the interpreter loop and a few
// others) with how long it took, each deopt with the chain of inlined functions it came from, and per workload the
// TurboFan time of all functions compiled meanwhile (V8's background compiles share the cores with Python).
//
//   node bench/deopts.js DIR [--workloads fib,objects] [--passes N] [--timeline [--min-bytes N]] [--js-flags "..."]
//
// DIR holds a built runtime (a copy of public/pyrite/). For function names, link one with --profiling-funcs
// (see bench/README.md for the two commands).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT, log, nativeWorkloads } from './common.js';
import { startServer } from './server.js';

const USAGE =
  'usage: node bench/deopts.js DIR [--workloads a,b] [--passes N] [--timeline [--min-bytes N]] [--js-flags "..."] ' +
  '(DIR: a built runtime)';

function parseArgs(argv) {
  const o = { dir: null, workloads: null, passes: 2, timeline: false, minBytes: 10_000, jsFlags: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workloads') o.workloads = argv[++i].split(',');
    else if (argv[i] === '--passes') o.passes = Number(argv[++i]);
    else if (argv[i] === '--timeline') o.timeline = true;
    else if (argv[i] === '--min-bytes') o.minBytes = Number(argv[++i]);
    else if (argv[i] === '--js-flags') o.jsFlags = argv[++i];
    else o.dir = resolve(argv[i]);
  }
  const bad = !(o.passes >= 1) || !(o.minBytes >= 0);
  if (!o.dir || !existsSync(`${o.dir}/pyrite_core.wasm`) || bad) throw new Error(USAGE);
  return o;
}

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** Reads a length-prefixed byte string at `at`; returns [its bytes, next offset]. */
function bytesAt(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [bytes.subarray(start, start + length), start + length];
}
const text = (b) => new TextDecoder().decode(b);

/** The function names of the "name" section (a build linked with --profiling-funcs), by function index. */
function wasmFunctionNames(bytes) {
  const names = new Map();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (id === 0) {
      let [name, p] = bytesAt(bytes, at);
      while (text(name) === 'name' && p < end) {
        const sub = bytes[p++];
        let subSize;
        [subSize, p] = leb(bytes, p);
        const subEnd = p + subSize;
        if (sub === 1) {
          let [count, q] = leb(bytes, p);
          for (; count > 0; count--) {
            let index, functionName;
            [index, q] = leb(bytes, q);
            [functionName, q] = bytesAt(bytes, q);
            names.set(index, text(functionName));
          }
        }
        p = subEnd;
      }
    }
    at = end;
  }
  return names;
}

/**
 * Reads V8's trace lines (Chromium's stdout) into events stamped with their arrival time: wasm deopts (with the
 * chain of functions V8 had inlined, outermost first, from the Liftoff frames it rebuilds) and compilations.
 */
function traceReader(names) {
  const events = [];
  const nameOf = (index) => names.get(index) ?? `function ${index}`;
  let deopt = null; // the bailout being read: its frames are on the lines after its "begin"
  function read(line, at) {
    let m = /\[bailout \(kind: ([^,]+), reason: ([^,)]+)[^)]*\): begin\. deoptimizing ([^,]+),/.exec(line);
    if (m) {
      deopt = line.includes('type: Wasm') ? { at, kind: 'deopt', reason: m[2], function: m[3], frames: [] } : null;
      if (deopt) events.push(deopt);
      return;
    }
    if (deopt) {
      m = /reading input for liftoff frame => .*function_id=(\d+)/.exec(line);
      if (m) deopt.frames.push(nameOf(Number(m[1])));
      else if (line.includes('[bailout end')) deopt = null;
      return;
    }
    m = /Compiled function \S+#(\d+) using (TurboFan|Liftoff), took (\d+) \S+ .*bodysize (\d+)/.exec(line);
    if (m) {
      const index = Number(m[1]);
      events.push({
        at,
        kind: 'compile',
        tier: m[2],
        name: nameOf(index),
        ms: Number(m[3]) / 1000,
        bytes: Number(m[4]),
      });
    }
  }
  return { events, read };
}

/** The deopts after load, one line each: the function deoptimised and the callee the deopt point came from. */
async function reportDeopts(page, o, trace) {
  await page.evaluate(() => globalThis.spawnWorker('/build-0/'));
  const loadedAt = Date.now();
  const work = await page.evaluate(
    ([names, passes]) => globalThis.call({ cmd: 'workloads', names, passes }),
    [o.workloads, o.passes],
  );
  await page.waitForTimeout(300); // let the last trace lines arrive
  const ms = Object.entries(work.results).map(
    ([name, runs]) => `${name} ${runs.map((r) => (r.seconds * 1000).toFixed(0)).join(' / ')}`,
  );
  console.log(`workloads, run by run (ms): ${ms.join(', ')}`);
  console.log(`wasm deopts after the runtime loaded:`);
  const after = trace.events.filter((e) => e.kind === 'deopt' && e.at >= loadedAt);
  for (const e of after) {
    // The innermost frame is the function whose code the deopt point is in (a callee V8 had inlined, or itself).
    console.log(`  ${e.function} deoptimised (${e.reason}) at a call from ${e.frames.at(-1) ?? e.function}`);
  }
  if (!after.length) console.log('  none');
}

/** Prints load, workloads, large compilations and deopts in the order they happened. */
async function reportTimeline(page, o, trace) {
  const marks = [];
  // A mark that ends a stretch (the load, a run) also reports the TurboFan work done during it.
  const mark = (text, endsStretch = true) => marks.push({ at: Date.now(), kind: 'mark', text, endsStretch });
  // All of workloads.py's by default, in its order: native Python lists them (zero passes run none).
  const names = o.workloads ?? Object.keys(await nativeWorkloads(0));
  const start = Date.now();
  const info = await page.evaluate(() => globalThis.spawnWorker('/build-0/'));
  mark(`loaded (load ${info.spawnToReadyMs.toFixed(0)} ms)`);
  for (let pass = 1; pass <= o.passes; pass++) {
    for (const name of names) {
      mark(`${name}, run ${pass}: starts`, false);
      const work = await page.evaluate((n) => globalThis.call({ cmd: 'workloads', names: [n], passes: 1 }), name);
      mark(`${name}, run ${pass}: ${(work.results[name][0].seconds * 1000).toFixed(0)} ms`);
    }
  }
  await page.waitForTimeout(300); // let the last trace lines arrive
  const timeline = [...trace.events.filter((e) => e.at >= start), ...marks].sort((a, b) => a.at - b.at);
  const stamp = (at) => String(at - start).padStart(6);
  let turbofan = { count: 0, ms: 0 }; // every TurboFan compilation since the last mark
  console.log("    ms  (from the worker's start; compilations as they finished, with when they started)");
  for (const e of timeline) {
    if (e.kind === 'mark') {
      const background = turbofan.count
        ? `; meanwhile TurboFan: ${turbofan.count} functions, ${turbofan.ms.toFixed(0)} ms`
        : '';
      console.log(`${stamp(e.at)}  ${e.text}${e.endsStretch ? background : ''}`);
      turbofan = { count: 0, ms: 0 };
    } else if (e.kind === 'deopt') {
      const chain = e.frames.length ? e.frames.join(' > ') : e.function;
      console.log(`${stamp(e.at)}    deopt (${e.reason}): ${chain}`);
    } else {
      if (e.tier === 'TurboFan') turbofan = { count: turbofan.count + 1, ms: turbofan.ms + e.ms };
      if (e.bytes >= o.minBytes) {
        const took = `${e.ms.toFixed(0)} ms (from ${stamp(Math.round(e.at - e.ms)).trim()})`;
        console.log(`${stamp(e.at)}    ${e.tier} ${e.name} (${e.bytes} bytes): ${took}`);
      }
    }
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const names = wasmFunctionNames(readFileSync(`${o.dir}/pyrite_core.wasm`));
  if (!names.size) log('no name section: link the runtime with --profiling-funcs for function names');
  const trace = traceReader(names);
  // Chromium's stdout reaches us only through Playwright's browser log (DEBUG=pw:browser, written to stderr).
  const writeStderr = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const text = String(chunk);
    if (!text.includes('pw:browser')) return writeStderr(chunk, ...rest);
    const at = Date.now();
    for (const line of text.split('\n')) trace.read(line, at);
    return true;
  };
  process.env.DEBUG = 'pw:browser';
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [
      ['/bench/', `${ROOT}/bench`],
      ['/build-0/', o.dir],
    ],
  });
  const traced = o.timeline ? '--trace-deopt-verbose --trace-wasm-compilation-times' : '--trace-deopt-verbose';
  const flags = `--js-flags=${traced} ${o.jsFlags}`.trim();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, flags], headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/page/`);
    await (o.timeline ? reportTimeline : reportDeopts)(page, o, trace);
  } finally {
    await browser.close();
    await server.close();
    process.stderr.write = writeStderr;
  }
}

main().catch((e) => {
  console.error(`deopts: failed: ${e?.stack ?? e}`);
  process.exit(1);
});

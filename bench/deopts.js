/* global process, console, TextDecoder */
// Which wasm functions V8 deoptimises while the workloads run, and where: the tool behind bench/LEVERS.md's
// "why the first pass is slow". Each workload runs twice in a fresh worker of headless Chromium started with
// --js-flags=--trace-deopt-verbose; every "[bailout ... type: Wasm]" line is reported with the function that was
// deoptimised and the function whose code the deopt point came from (a callee V8 had inlined), found from the
// module offset V8 prints.
//
//   node bench/deopts.js DIR [--workloads fib,objects] [--js-flags "--no-wasm-deopt ..."]
//
// DIR holds a built runtime (a copy of public/pyrite/). For function names, link one with --profiling-funcs
// (see bench/README.md for the two commands).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT, log } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { dir: null, workloads: null, jsFlags: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workloads') o.workloads = argv[++i].split(',');
    else if (argv[i] === '--js-flags') o.jsFlags = argv[++i];
    else o.dir = resolve(argv[i]);
  }
  if (!o.dir || !existsSync(`${o.dir}/pyrite_core.wasm`)) {
    throw new Error('usage: node bench/deopts.js DIR [--workloads a,b] [--js-flags "..."] (DIR: a built runtime)');
  }
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

/** The code section's function bodies as { start, end, index } and the names from the "name" section. */
function wasmFunctions(bytes) {
  const bodies = [];
  const names = new Map();
  let imported = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (id === 2) {
      // imports: count the functions (kind 0); skip tables, memories and globals
      let [n, p] = leb(bytes, at);
      for (; n > 0; n--) {
        [, p] = bytesAt(bytes, p); // module
        [, p] = bytesAt(bytes, p); // field
        const kind = bytes[p++];
        if (kind === 0) {
          [, p] = leb(bytes, p);
          imported++;
        } else if (kind === 1 || kind === 2) {
          if (kind === 1) p++; // element type
          let flags;
          [flags, p] = leb(bytes, p);
          [, p] = leb(bytes, p);
          if (flags & 1) [, p] = leb(bytes, p);
        } else if (kind === 3) p += 2;
      }
    } else if (id === 10) {
      let [n, p] = leb(bytes, at);
      for (let i = 0; i < n; i++) {
        let body;
        [body, p] = bytesAt(bytes, p);
        bodies.push({ start: p - body.length, end: p, index: imported + i });
      }
    } else if (id === 0) {
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
  return { bodies, names };
}

function functionAt(functions, offset) {
  const body = functions.bodies.find((b) => b.start <= offset && offset < b.end);
  if (!body) return `offset ${offset}`;
  return functions.names.get(body.index) ?? `function ${body.index}`;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const functions = wasmFunctions(readFileSync(`${o.dir}/pyrite_core.wasm`));
  if (!functions.names.size) log('no name section: link the runtime with --profiling-funcs for function names');
  // Chromium's stdout reaches us only through Playwright's browser log (DEBUG=pw:browser, written to stderr).
  const events = [];
  const writeStderr = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const text = String(chunk);
    if (!text.includes('pw:browser')) return writeStderr(chunk, ...rest);
    for (const line of text.split('\n')) {
      const m =
        /\[bailout \(kind: ([^,]+), reason: ([^,)]+)[^)]*\): begin\. deoptimizing ([^,]+), .*?offset (\d+)/.exec(line);
      if (m && line.includes('type: Wasm')) {
        events.push(`  ${m[3]} deoptimised (${m[2]}) at a call from ${functionAt(functions, Number(m[4]))}`);
      }
    }
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
  const flags = `--js-flags=--trace-deopt-verbose ${o.jsFlags}`.trim();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, flags], headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/page/`);
    await page.evaluate(() => globalThis.spawnWorker('/build-0/'));
    events.push('(runtime loaded)');
    const work = await page.evaluate((names) => globalThis.call({ cmd: 'workloads', names, passes: 2 }), o.workloads);
    await page.waitForTimeout(300); // let the last trace lines arrive
    const ms = Object.entries(work.results).map(
      ([name, runs]) => `${name} ${runs.map((r) => (r.seconds * 1000).toFixed(0)).join(' / ')}`,
    );
    console.log(`workloads, first / second run (ms): ${ms.join(', ')}`);
    console.log(`wasm deopts after the runtime loaded:`);
    const after = events.slice(events.indexOf('(runtime loaded)') + 1);
    console.log(after.length ? after.join('\n') : '  none');
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

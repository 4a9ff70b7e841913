/* global process, console, URL, Buffer, setTimeout, clearTimeout */
// Helpers shared by the benchmark (run.js) and its diagnostic tools (compare.js, micro.js, loopcode.js, ...).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PYTHON = process.env.PYRITE_BENCH_PYTHON ?? '/usr/bin/python3.11';

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const geomean = (xs) => (xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : null);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...args) => console.error('bench:', ...args);

/**
 * Loads the runtime at `url` in `page`, runs a micro.py-style file (`source`, with `modules` importable beside it)
 * in a namespace of its own, and runs its operations once so that V8 has optimised the interpreter loop; the page
 * keeps the runtime and the namespace as globalThis.py and globalThis.ns (bench/micro.js, bench/loopcode.js).
 */
export function loadMicroInPage(page, url, source, modules = {}) {
  return page.evaluate(
    async ({ url, source, modules }) => {
      const { loadPyodide } = await import(url + 'pyodide.mjs');
      const py = await loadPyodide({ indexURL: url });
      for (const [name, text] of Object.entries(modules)) {
        // A JSON string is a Python string literal too.
        py.runPython(
          `import sys, types\nm = sys.modules[${JSON.stringify(name)}] = types.ModuleType(${JSON.stringify(name)})\n` +
            `exec(${JSON.stringify(text)}, m.__dict__)\ndel m`,
        );
      }
      const ns = py.runPython("{'__name__': 'pyrite_micro'}");
      py.runPython(source, { globals: ns });
      // Long enough for V8 to optimise the interpreter loop for all of them before timing.
      py.runPython('run(100_000, 3)', { globals: ns });
      Object.assign(globalThis, { py, ns });
    },
    { url, source, modules },
  );
}

/** Runs a command; resolves with { code, stdout (Buffer), stderr, ms }. */
export function run(cmd, args, { input, timeoutMs = 120_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'], cwd });
    const out = [];
    const err = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      });
    });
    if (input) child.stdin.end(input);
  });
}

/** Rejects if the promise does not settle in time (the page can hang). */
export function within(ms, what, promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Every workload `passes` times (all once, then all again, ...) in one native python3.11 process. */
export async function nativeWorkloads(passes = 2) {
  const r = await run(PYTHON, [join(ROOT, 'bench', 'workloads.py'), '--passes', String(passes)], {
    timeoutMs: 300_000,
  });
  if (r.code !== 0) throw new Error(`native workloads failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.toString()).results;
}

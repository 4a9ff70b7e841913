/* global process, console */
// Single Python operations (bench/micro.py) natively and in each build, side by side: ns per iteration and the
// ratio to native, best of the rounds. Each round loads every build afresh in a page of one Chromium, runs the set
// once to warm up (long enough for V8 to optimise the loop) and once to measure. Where the workloads of compare.js give one ratio per program, this shows
// which kinds of operation a change speeds up (bench/LEVERS.md, session 10).
//
//   node bench/micro.js [--rounds N] [--file OPS.py] DIR [DIR ...]
// (--file: another set of operations with micro.py's interface, run() returning {name: ns per iteration}.)
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { PYTHON, ROOT, loadMicroInPage, log, run } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { rounds: 3, file: join(ROOT, 'bench', 'micro.py'), dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--file') o.file = resolve(argv[++i]);
    else o.dirs.push(resolve(argv[i]));
  }
  if (!o.dirs.length || o.dirs.some((d) => !existsSync(`${d}/pyodide.mjs`)) || !(o.rounds >= 1)) {
    throw new Error('usage: node bench/micro.js [--rounds N] [--file OPS.py] DIR [DIR ...] (DIR: a built runtime)');
  }
  return o;
}

const best = (xs) => Math.min(...xs);

async function main() {
  const { rounds, file, dirs } = parseArgs(process.argv.slice(2));
  const source = readFileSync(file, 'utf8');
  // Importable in the page as natively from bench/ (micro_strings.py imports both).
  const modules = Object.fromEntries(
    ['micro', 'workloads'].map((name) => [name, readFileSync(join(ROOT, 'bench', `${name}.py`), 'utf8')]),
  );
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [['/bench/', `${ROOT}/bench`], ...dirs.map((d, i) => [`/build-${i}/`, d])],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const native = [];
  const wasm = dirs.map(() => []);
  try {
    for (let r = 0; r < rounds; r++) {
      log(`round ${r + 1}/${rounds}`);
      const n = await run(PYTHON, [file]);
      if (n.code !== 0) throw new Error(`native ${basename(file)} failed:\n${n.stderr}`);
      native.push(JSON.parse(n.stdout.toString()));
      for (const [i] of dirs.entries()) {
        const page = await browser.newPage();
        try {
          await page.goto(`${server.url}/bench/page/`);
          await loadMicroInPage(page, `/build-${i}/`, source, modules);
          wasm[i].push(
            await page.evaluate(() =>
              JSON.parse(globalThis.py.runPython('json.dumps(run())', { globals: globalThis.ns })),
            ),
          );
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const names = Object.keys(native[0]);
  const head = ['operation', 'native', ...dirs.map((d) => basename(d))];
  console.log(`ns per iteration, best of ${rounds} rounds (ratio to native)\n`);
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' --- |').join('')}`);
  for (const name of names) {
    const nativeNs = best(native.map((x) => x[name]));
    const cells = wasm.map((runs) => {
      const ns = best(runs.map((x) => x[name]));
      return `${ns.toFixed(1)} (${(ns / nativeNs).toFixed(2)}×)`;
    });
    console.log(`| ${name} | ${nativeNs.toFixed(1)} | ${cells.join(' | ')} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

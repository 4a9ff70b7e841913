/* global process, console */
// Compares builds of the runtime on the Python workloads, for measuring one
// lever at a time: each round runs native python3.11 and every build (a new
// worker each, in alternating order), so that drift on a shared machine hits
// all sides alike. Reports the best and the median of the rounds; on a noisy
// machine the best is the steadier figure for a before/after.
//
//   node bench/compare.js [--rounds N] [--passes N] SIDE_A [SIDE_B ...]
//
// A SIDE is a folder holding a built runtime (a copy of public/pyrite/),
// optionally followed by "::" and V8 flags for the browser that runs it
// ("/tmp/a::--no-wasm-trap-handler"): each distinct set of flags gets a
// browser of its own, for checking what a flag (which a page cannot set) would
// change, against the same build without it.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT, geomean, log, median, nativeWorkloads, within } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { rounds: 9, passes: 2, builds: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--passes') o.passes = Number(argv[++i]);
    else {
      const [dir, flags = ''] = argv[i].split('::');
      const jsFlags = flags.trim();
      o.builds.push({ dir: resolve(dir), jsFlags, label: basename(dir) + (jsFlags ? ` ${jsFlags}` : '') });
    }
  }
  const usage = 'usage: node bench/compare.js [--rounds N] [--passes N] DIR_A[::V8 flags] [DIR_B[::V8 flags] ...]';
  if (!(o.rounds >= 1) || !(o.passes >= 1) || !o.builds.length) throw new Error(usage);
  for (const { dir } of o.builds) {
    if (!existsSync(`${dir}/pyodide.mjs`)) throw new Error(`${dir} holds no built runtime (no pyodide.mjs)`);
  }
  return o;
}

async function buildRound(page, runtime, passes) {
  await within(
    120_000,
    `load of ${runtime}`,
    page.evaluate((r) => globalThis.spawnWorker(r), runtime),
  );
  const work = await within(
    300_000,
    `workloads with ${runtime}`,
    page.evaluate((n) => globalThis.call({ cmd: 'workloads', passes: n }), passes),
  );
  await page.evaluate(() => globalThis.stopWorker());
  return work;
}

async function main() {
  const { rounds, passes, builds } = parseArgs(process.argv.slice(2));
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [['/bench/', `${ROOT}/bench`], ...builds.map((b, i) => [`/build-${i}/`, b.dir])],
  });
  // One browser, and one page in it, per distinct set of V8 flags.
  const pages = new Map();
  const browsers = [];
  // samples[side][workload][pass] = [ms per round]; side 0 is native.
  const samples = [{}, ...builds.map(() => ({}))];
  const add = (side, name, pass, seconds) => {
    const s = (samples[side][name] ??= Array.from({ length: passes }, () => []));
    s[pass].push(seconds * 1000);
  };
  let info = {};
  try {
    for (const { jsFlags } of builds) {
      if (pages.has(jsFlags)) continue;
      const args = jsFlags ? [...CHROMIUM_ARGS, `--js-flags=${jsFlags}`] : CHROMIUM_ARGS;
      const browser = await chromium.launch({ executablePath: CHROMIUM, args, headless: true });
      browsers.push(browser);
      const page = await browser.newPage();
      await page.goto(`${server.url}/bench/page/`);
      pages.set(jsFlags, page);
    }
    for (let r = 0; r < rounds; r++) {
      const sides = [0, ...builds.map((_, i) => i + 1)];
      if (r % 2) sides.reverse();
      for (const side of sides) {
        if (side === 0) {
          for (const [name, runs] of Object.entries(await nativeWorkloads(passes))) {
            runs.forEach((x, pass) => add(0, name, pass, x.seconds));
          }
        } else {
          const page = pages.get(builds[side - 1].jsFlags);
          const work = await buildRound(page, `/build-${side - 1}/`, passes);
          info = work.info;
          for (const [name, runs] of Object.entries(work.results)) {
            runs.forEach((x, pass) => add(side, name, pass, x.seconds));
          }
        }
      }
      log(`round ${r + 1}/${rounds}: ${roundSummary(samples, info, builds)}`);
    }
  } finally {
    for (const browser of browsers) await browser.close();
    await server.close();
  }
  console.log(report(samples, info, builds, rounds, passes));
}

/** Each build's pure-Python geomean per pass in the round just run (against that round's native), to see the spread. */
function roundSummary(samples, info, builds) {
  const pure = Object.keys(samples[0]).filter((name) => info[name]?.group === 'pure');
  const passes = samples[0][pure[0]]?.length ?? 0;
  return builds
    .map((b, i) => {
      const gm = [...Array(passes).keys()].map((p) =>
        geomean(pure.map((name) => samples[i + 1][name][p].at(-1) / samples[0][name][p].at(-1))).toFixed(2),
      );
      return `${b.label} ${gm.join(' / ')}`;
    })
    .join(', ');
}

function report(samples, info, builds, rounds, passes) {
  const names = Object.keys(samples[0]);
  const best = (xs) => Math.min(...xs);
  const passLabel = (p) => (p === 0 ? 'first' : p === 1 ? 'warmed' : `pass ${p + 1}`);
  const lines = [
    `Workloads, ${rounds} rounds, ${passes} passes; ms per pass (${[...Array(passes).keys()].map(passLabel).join(' / ')}),`,
    'then the last pass as a ratio to native.',
  ];
  for (const [label, stat] of [
    ['best', best],
    ['median', median],
  ]) {
    lines.push('', `| ${label} | native | ${builds.map((b) => b.label).join(' | ')} |`);
    lines.push(`| --- | --- |${builds.map(() => ' --- |').join('')}`);
    // ratios[build][pass] = wasm/native of each pure-Python workload
    const ratios = builds.map(() => Array.from({ length: passes }, () => []));
    for (const name of names) {
      const native = samples[0][name].map(stat);
      const cells = builds.map((_, i) => {
        const wasm = samples[i + 1][name].map(stat);
        if (info[name]?.group === 'pure') wasm.forEach((ms, p) => ratios[i][p].push(ms / native[p]));
        const last = passes - 1;
        return `${wasm.map((ms) => ms.toFixed(0)).join(' / ')} (${(wasm[last] / native[last]).toFixed(2)}×)`;
      });
      lines.push(`| ${name} | ${native[passes - 1].toFixed(0)} | ${cells.join(' | ')} |`);
    }
    const gm = ratios.map((r) =>
      r.map((xs, p) => (p === 1 ? `**${geomean(xs).toFixed(2)}×**` : `${geomean(xs).toFixed(2)}×`)).join(' / '),
    );
    lines.push(`| pure-Python geomean per pass | | ${gm.join(' | ')} |`);
  }
  return lines.join('\n');
}

main().catch((e) => {
  console.error(`compare: failed: ${e?.stack ?? e}`);
  process.exit(1);
});

/* global process, console */
// Compares builds of the runtime on the Python workloads, for measuring one
// lever at a time: each round runs native python3.11 and every build (a new
// worker each, in alternating order), so that drift on a shared machine hits
// all sides alike. Reports the best and the median of the rounds; on a noisy
// machine the best is the steadier figure for a before/after.
//
//   node bench/compare.js [--rounds N] DIR_A [DIR_B ...]
//
// A DIR is a folder holding a built runtime (a copy of public/pyrite/).
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT, geomean, log, median, nativeWorkloads, within } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { rounds: 9, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else o.dirs.push(resolve(argv[i]));
  }
  const usage = 'usage: node bench/compare.js [--rounds N] DIR_A [DIR_B ...]';
  if (!(o.rounds >= 1) || !o.dirs.length) throw new Error(usage);
  for (const d of o.dirs) {
    if (!existsSync(`${d}/pyodide.mjs`)) throw new Error(`${d} holds no built runtime (no pyodide.mjs)`);
  }
  return o;
}

async function buildRound(page, runtime) {
  await within(
    120_000,
    `load of ${runtime}`,
    page.evaluate((r) => globalThis.spawnWorker(r), runtime),
  );
  const work = await within(
    300_000,
    `workloads with ${runtime}`,
    page.evaluate(() => globalThis.call({ cmd: 'workloads', passes: 2 })),
  );
  return work;
}

async function main() {
  const { rounds, dirs } = parseArgs(process.argv.slice(2));
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [['/bench/', `${ROOT}/bench`], ...dirs.map((d, i) => [`/build-${i}/`, d])],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  // samples[side][workload] = [[first pass ms...], [warmed ms...]]; side 0 is native.
  const samples = [{}, ...dirs.map(() => ({}))];
  const add = (side, name, pass, seconds) => {
    const s = (samples[side][name] ??= [[], []]);
    s[pass].push(seconds * 1000);
  };
  let info = {};
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/page/`);
    for (let r = 0; r < rounds; r++) {
      const sides = [0, ...dirs.map((_, i) => i + 1)];
      if (r % 2) sides.reverse();
      for (const side of sides) {
        if (side === 0) {
          for (const [name, runs] of Object.entries(await nativeWorkloads())) {
            runs.forEach((x, pass) => add(0, name, pass, x.seconds));
          }
        } else {
          const work = await buildRound(page, `/build-${side - 1}/`);
          info = work.info;
          for (const [name, runs] of Object.entries(work.results)) {
            runs.forEach((x, pass) => add(side, name, pass, x.seconds));
          }
        }
      }
      log(`round ${r + 1}/${rounds}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(report(samples, info, dirs, rounds));
}

function report(samples, info, dirs, rounds) {
  const names = Object.keys(samples[0]);
  const best = (xs) => Math.min(...xs);
  const lines = [`Workloads, ${rounds} rounds; ms as first pass / warmed, (warmed ratio to native).`];
  for (const [label, stat] of [
    ['best', best],
    ['median', median],
  ]) {
    lines.push('', `| ${label} | native | ${dirs.map((d) => basename(d)).join(' | ')} |`);
    lines.push(`| --- | --- |${dirs.map(() => ' --- |').join('')}`);
    const ratios = dirs.map(() => ({ first: [], warmed: [] }));
    for (const name of names) {
      const [nFirst, nWarm] = samples[0][name].map(stat);
      const cells = dirs.map((_, i) => {
        const [first, warm] = samples[i + 1][name].map(stat);
        if (info[name]?.group === 'pure') {
          ratios[i].first.push(first / nFirst);
          ratios[i].warmed.push(warm / nWarm);
        }
        return `${first.toFixed(0)} / ${warm.toFixed(0)} (${(warm / nWarm).toFixed(2)}×)`;
      });
      lines.push(`| ${name} | ${nWarm.toFixed(0)} | ${cells.join(' | ')} |`);
    }
    const gm = ratios.map((r) => `${geomean(r.first).toFixed(2)}× / **${geomean(r.warmed).toFixed(2)}×**`);
    lines.push(`| pure-Python geomean (first / warmed) | | ${gm.join(' | ')} |`);
  }
  return lines.join('\n');
}

main().catch((e) => {
  console.error(`compare: failed: ${e?.stack ?? e}`);
  process.exit(1);
});

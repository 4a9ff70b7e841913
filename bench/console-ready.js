/* global process, console, document, performance */
// How long the console page takes from navigation to its prompt (the status pill's `ready`): what a console user
// waits for, where the benchmark's load figure (scripts/bench.sh) is the runtime alone, `loadPyodide()` to `1+1`
// in a bare worker. Serves each built app (a `dist/` of `npm run build`, runtime included) from bench/server.js,
// with the deployment's headers (COOP/COEP; `pyrite/` cached for an hour, the rest revalidated). Each round
// opens a fresh profile per app and loads the page three times in it: the first load is cold, the other two
// warm; the apps alternate which goes first. Prints the medians of the rounds.
//
//   node bench/console-ready.js [--rounds N] DIST [DIST ...]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { log, median } from './common.js';
import { startServer } from './server.js';

const LOADS_PER_PROFILE = 3;

function parseArgs(argv) {
  const o = { rounds: 5, dists: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else o.dists.push(resolve(argv[i]));
  }
  const built = (d) => existsSync(`${d}/index.html`) && existsSync(`${d}/pyrite/pyrite_core.wasm`);
  if (!o.dists.length || !o.dists.every(built) || !(o.rounds >= 1)) {
    throw new Error(
      'usage: node bench/console-ready.js [--rounds N] DIST [DIST ...] (DIST: a built app, npm run build)',
    );
  }
  return o;
}

/** ms from navigation start to the prompt, for each load in one fresh profile. */
async function loadsInFreshProfile(chromium, url) {
  const profile = mkdtempSync(join(tmpdir(), 'pyrite-ready-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const times = [];
    for (let n = 0; n < LOADS_PER_PROFILE; n++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById('status')?.dataset.state === 'ready', null, {
        timeout: 120_000,
      });
      times.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    return times;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const { rounds, dists } = parseArgs(process.argv.slice(2));
  const { chromium } = await import('playwright-core');
  const server = await startServer({ mounts: dists.map((d, i) => [`/app-${i}/`, d]) });
  const samples = dists.map(() => ({ cold: [], warm: [] }));
  try {
    for (let r = 0; r < rounds; r++) {
      log(`round ${r + 1}/${rounds}`);
      const order = dists.map((_, i) => i);
      if (r % 2) order.reverse();
      for (const i of order) {
        const [cold, ...warm] = await loadsInFreshProfile(chromium, `${server.url}/app-${i}/`);
        samples[i].cold.push(cold);
        samples[i].warm.push(...warm);
      }
    }
  } finally {
    await server.close();
  }
  console.log(`navigation to the console's prompt, ms: median (min–max) over ${rounds} fresh profiles\n`);
  console.log('| app | cold | warm |\n| --- | --- | --- |');
  const cell = (xs) => `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
  for (const [i, dist] of dists.entries()) {
    console.log(
      `| ${basename(resolve(dist, '..'))}/${basename(dist)} | ${cell(samples[i].cold)} | ${cell(samples[i].warm)} |`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/* global process, console */
// The benchmark driver (scripts/bench.sh runs it): native CPython vs the wasm
// build in a module Web Worker of headless Chromium, load time, download
// size, wasm memory, and FFI costs. Writes bench/results/latest.{json,md}.
//
//   node bench/run.js [--rounds N] [--load-reps N] [--out DIR] [--quick]
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { PYTHON, ROOT, geomean, log, median, nativeWorkloads, run, sleep, within } from './common.js';
import { startServer } from './server.js';

const PUBLIC = join(ROOT, 'public');
const RUNTIME_DIR = join(PUBLIC, 'pyrite');
const RUNTIME_FILES = ['pyrite_core.wasm', 'python_stdlib.zip', 'pyrite_core.mjs', 'pyodide.mjs'];
// Fetched on the first import of one of its modules, not at load: reported, not in the total.
const ON_DEMAND_FILES = ['python_stdlib_extra.zip'];
// Targets from the project brief. MB = 10^6 bytes for downloads; the wasm
// memory target is 16 MiB (Emscripten's default initial memory).
const TARGETS = {
  pureGeomean: 1.6,
  coldLoadMs: 650,
  warmLoadMs: 500,
  brotliBytes: 3.0e6,
  wasmMemoryBytes: 16 * 1024 * 1024,
  boundaryCallNs: 100,
  awaitUs: 20,
};

// ------------------------------------------------------------------ options

function parseArgs(argv) {
  const o = { rounds: 7, loadReps: 7, out: join(ROOT, 'bench', 'results'), settleMs: 1500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--rounds') o.rounds = Number(next());
    else if (a === '--load-reps') o.loadReps = Number(next());
    else if (a === '--out') o.out = next();
    else if (a === '--quick') Object.assign(o, { rounds: 1, loadReps: 1, quick: true });
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/run.js [--rounds N] [--load-reps N] [--out DIR] [--quick]');
      process.exit(0);
    } else fail(`unknown argument ${a} (try --help)`);
  }
  if (!(o.rounds >= 1 && o.loadReps >= 1)) fail('--rounds and --load-reps must be >= 1');
  return o;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

// ------------------------------------------------------------------ preflight

async function preflight() {
  const missing = RUNTIME_FILES.filter((f) => !existsSync(join(RUNTIME_DIR, f)));
  if (missing.length) {
    fail(
      `the runtime is not built: ${missing.map((f) => 'public/pyrite/' + f).join(', ')} missing.\n` +
        'Run ./scripts/build.sh first.',
    );
  }
  if (!existsSync(PYTHON)) fail(`native CPython not found at ${PYTHON} (set PYRITE_BENCH_PYTHON)`);
  if (!existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM} (set PYRITE_CHROMIUM)`);
  for (const tool of ['gzip', 'brotli']) {
    const r = await run(tool, ['--version']).catch(() => null);
    if (!r || r.code !== 0) fail(`${tool} is needed for the compressed sizes (apt-get install ${tool})`);
  }
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    fail('playwright-core is missing: run npm ci');
  }
}

async function environment(browserVersion) {
  const git = async (...args) => {
    const r = await run('git', ['-C', ROOT, ...args]).catch(() => null);
    return r && r.code === 0 ? r.stdout.toString().trim() : null;
  };
  const status = await git('status', '--porcelain');
  const py = await run(PYTHON, ['-c', 'import sys; print(sys.version.split()[0])']);
  const mods = await run(PYTHON, ['-c', "import sys; print(' '.join(sorted(sys.modules)))"]);
  return {
    nativeStartupModules: mods.stdout.toString().trim().split(' '),
    date: new Date().toISOString(),
    host: os.hostname(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    debian: (await readFile('/etc/debian_version', 'utf8').catch(() => '')).trim() || null,
    node: process.version,
    chromium: browserVersion,
    nativePython: `${PYTHON} ${py.stdout.toString().trim()}`,
    gitCommit: await git('rev-parse', '--short', 'HEAD'),
    gitDirty: status === null ? null : status.length > 0,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

// ------------------------------------------------------------------ sizes

/** raw / gzip -9 / brotli -q 11 sizes of the runtime files (cached by content hash). */
async function sizes() {
  const cacheFile = join(ROOT, '.cache', 'bench', 'sizes.json');
  const cache = JSON.parse(await readFile(cacheFile, 'utf8').catch(() => '{}'));
  const files = [];
  for (const name of [...RUNTIME_FILES, ...ON_DEMAND_FILES]) {
    const data = await readFile(join(RUNTIME_DIR, name));
    const key = createHash('sha256').update(data).digest('hex');
    let entry = cache[key];
    if (!entry) {
      log(`compressing ${name} (gzip -9, brotli -q 11)...`);
      const gz = await run('gzip', ['-9', '-c'], { input: data });
      const br = await run('brotli', ['-q', '11', '-c'], { input: data, timeoutMs: 300_000 });
      if (gz.code !== 0 || br.code !== 0) throw new Error(`compressing ${name} failed: ${gz.stderr}${br.stderr}`);
      entry = { gzip: gz.stdout.length, brotli: br.stdout.length };
      cache[key] = entry;
    }
    files.push({
      file: name,
      raw: data.length,
      gzip: entry.gzip,
      brotli: entry.brotli,
      onDemand: ON_DEMAND_FILES.includes(name),
    });
  }
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify(cache, null, 1));
  const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) if (!f.onDemand) for (const k of ['raw', 'gzip', 'brotli']) total[k] += f[k];
  return { files, total };
}

// ------------------------------------------------------------------ load time

async function loadPhase(chromium, server, reps, settleMs) {
  const samples = [];
  const pageUrl = `${server.url}/bench/page/?autoload=1`;
  for (let rep = 0; rep < reps; rep++) {
    // Native reference, interleaved: a python3.11 process evaluating 1+1.
    const native = await run(PYTHON, ['-c', '1+1']);
    if (native.code !== 0) throw new Error(`native python failed: ${native.stderr}`);

    const profile = await mkdtemp(join(os.tmpdir(), 'pyrite-bench-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const loads = [];
      // 1st load: fresh profile (cold); 2nd: same profile (warm HTTP cache);
      // 3rd: warm again (reported in the JSON: V8's wasm code cache can need
      // a load to be written).
      for (let k = 0; k < 3; k++) {
        if (k > 0) await sleep(settleMs); // let the first load's caches settle
        server.resetStats();
        await within(60_000, 'page navigation', page.goto(pageUrl));
        const info = await within(
          120_000,
          'runtime load in the worker',
          page.evaluate(() => globalThis.ready),
        );
        if (!info.crossOriginIsolated) throw new Error('the bench page is not cross-origin isolated');
        loads.push({
          ...info,
          requests: server.stats.requests,
          bytesServed: server.stats.bytes,
          runtimeBytesServed: Object.entries(server.stats.byPath)
            .filter(([p]) => p.startsWith('/pyrite/'))
            .reduce((a, [, b]) => a + b, 0),
        });
      }
      samples.push({ nativeStartMs: native.ms, cold: loads[0], warm: loads[1], warm3: loads[2] });
      log(
        `load ${rep + 1}/${reps}: cold ${loads[0].spawnToReadyMs.toFixed(0)} ms, ` +
          `warm ${loads[1].spawnToReadyMs.toFixed(0)} ms, 3rd ${loads[2].spawnToReadyMs.toFixed(0)} ms ` +
          `(native ${native.ms.toFixed(0)} ms)`,
      );
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  }
  return samples;
}

// ------------------------------------------------------------------ workloads + FFI

async function wasmRound(page) {
  const ready = await within(
    120_000,
    'runtime load in the worker',
    page.evaluate(() => globalThis.spawnWorker()),
  );
  const work = await within(
    300_000,
    'workloads in the worker',
    page.evaluate(() => globalThis.call({ cmd: 'workloads', passes: 2 })),
  );
  const ffi = await within(
    120_000,
    'FFI measurements',
    page.evaluate(() => globalThis.call({ cmd: 'ffi', passes: 2 })),
  );
  return { ready, info: work.info, results: work.results, memoryAfterWorkloads: work.wasmMemoryBytes, ffi };
}

async function workloadPhase(browser, server, rounds) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`${server.url}/bench/page/`);
  const native = [];
  const wasm = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first, so that slow drift on a shared machine
    // does not favour one side.
    const order = r % 2 === 0 ? ['native', 'wasm'] : ['wasm', 'native'];
    for (const side of order) {
      if (side === 'native') native.push(await nativeWorkloads());
      else wasm.push(await wasmRound(page));
    }
    const w = wasm.at(-1).results;
    const n = native.at(-1);
    const summary = Object.keys(n)
      .map((k) => `${k} ${(w[k][1].seconds / n[k][1].seconds).toFixed(2)}x`)
      .join(', ');
    log(`round ${r + 1}/${rounds} (warmed ratios): ${summary}`);
  }
  await page.close();
  return { native, wasm };
}

// ------------------------------------------------------------------ aggregation

function aggregate({ env, sizeInfo, loads, work, options }) {
  const info = work.wasm[0].info;
  const names = Object.keys(info);
  const problems = [];

  const workloads = names.map((name) => {
    const nat = [0, 1].map((p) => median(work.native.map((run) => run[name][p].seconds)));
    const was = [0, 1].map((p) => median(work.wasm.map((run) => run.results[name][p].seconds)));
    const sums = new Set([
      ...work.native.flatMap((run) => run[name].map((x) => x.checksum)),
      ...work.wasm.flatMap((run) => run.results[name].map((x) => x.checksum)),
    ]);
    if (sums.size !== 1) problems.push(`checksum mismatch in ${name}: ${[...sums].join(' / ')}`);
    return {
      name,
      group: info[name].group,
      description: info[name].description,
      nativeMs: { first: nat[0] * 1e3, warmed: nat[1] * 1e3 },
      wasmMs: { first: was[0] * 1e3, warmed: was[1] * 1e3 },
      ratio: { first: was[0] / nat[0], warmed: was[1] / nat[1] },
      samples: {
        native: work.native.map((run) => run[name].map((x) => x.seconds * 1e3)),
        wasm: work.wasm.map((run) => run.results[name].map((x) => x.seconds * 1e3)),
      },
    };
  });
  const gm = (group, pass) => geomean(workloads.filter((w) => !group || w.group === group).map((w) => w.ratio[pass]));
  const geomeans = {};
  for (const pass of ['first', 'warmed']) {
    geomeans[pass] = { pure: gm('pure', pass), c: gm('c', pass), all: gm(null, pass) };
  }

  const pick = (which, key) => median(loads.map((s) => s[which][key]));
  const load = {};
  for (const which of ['cold', 'warm', 'warm3']) {
    load[which] = {
      spawnToReadyMs: pick(which, 'spawnToReadyMs'),
      // The least disturbed sample (the machine is shared): for reference only.
      bestSpawnToReadyMs: Math.min(...loads.map((s) => s[which].spawnToReadyMs)),
      navToReadyMs: pick(which, 'navToReadyMs'),
      importMs: pick(which, 'importMs'),
      loadPyodideMs: pick(which, 'loadPyodideMs'),
      fetchCompileMs: pick(which, 'fetchCompileMs'),
      pythonInitMs: pick(which, 'pythonInitMs'),
      runtimeBytesServed: pick(which, 'runtimeBytesServed'),
      bytesServed: pick(which, 'bytesServed'),
    };
  }
  load.nativeStartMs = median(loads.map((s) => s.nativeStartMs));
  load.samples = loads;

  const wasmModules = loads[0].cold.startupModules ?? [];
  const nativeModules = new Set(env.nativeStartupModules);
  const startup = {
    wasmModuleCount: wasmModules.length,
    nativeModuleCount: nativeModules.size,
    wasmOnly: wasmModules.filter((m) => !nativeModules.has(m)),
  };
  for (const s of loads) for (const l of [s.cold, s.warm, s.warm3]) delete l.startupModules;
  delete env.nativeStartupModules;

  const memory = {
    afterStartBytes: median(loads.map((s) => s.cold.wasmMemoryBytes)),
    touchedAfterStartBytes: median(loads.map((s) => s.cold.touchedBytes)),
    afterWorkloadsBytes: median(work.wasm.map((r) => r.memoryAfterWorkloads)),
    method: 'HEAPU8.length of the Emscripten module (py._runtime.core, not public API) after loadPyodide + 1+1',
  };
  if (memory.afterStartBytes === null) problems.push('wasm memory could not be read (py._runtime.core.HEAPU8)');

  const ffiKeys = Object.keys(work.wasm[0].ffi.runs[0]);
  const ffi = {};
  for (const key of ffiKeys) {
    ffi[key] = {
      first: median(work.wasm.map((r) => r.ffi.runs[0][key])),
      warmed: median(work.wasm.map((r) => r.ffi.runs[1][key])),
    };
  }
  ffi.calls = work.wasm[0].ffi.calls;
  ffi.awaits = work.wasm[0].ffi.awaits;
  ffi.big = work.wasm[0].ffi.big;

  return {
    env: { ...env, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    options: { rounds: options.rounds, loadReps: options.loadReps },
    targets: TARGETS,
    workloads,
    geomeans,
    load,
    sizes: sizeInfo,
    memory,
    startup,
    ffi,
    problems,
  };
}

// ------------------------------------------------------------------ markdown

const f0 = (x) => (x === null || x === undefined ? '–' : x.toFixed(0));
const f1 = (x) => (x === null || x === undefined ? '–' : x.toFixed(1));
const f2 = (x) => (x === null || x === undefined ? '–' : x.toFixed(2));
const mb = (b) => (b / 1e6).toFixed(2) + ' MB';
const mib = (b) => (b / 2 ** 20).toFixed(1) + ' MiB';
const verdict = (value, target) => (value === null ? '?' : value <= target ? '✅ met' : '❌ missed');

function markdown(r) {
  const L = [];
  const e = r.env;
  L.push(`# Pyrite benchmark results`);
  L.push('');
  L.push(
    `${e.date} · ${e.cpu}, ${e.cores} cores, ${e.memoryGiB} GiB · ${e.os}${e.debian ? ` (Debian ${e.debian})` : ''} · ` +
      `Node ${e.node} · Chromium ${e.chromium} · native ${e.nativePython} · commit ${e.gitCommit}${e.gitDirty ? ' (dirty)' : ''} · ` +
      `load average ${e.loadAverageAtStart.join('/')} at start, ${e.loadAverageAtEnd.join('/')} at end`,
  );
  L.push('');
  L.push(
    `Medians over ${r.options.rounds} rounds (workloads, FFI) and ${r.options.loadReps} browser launches (load). ` +
      "Each round starts a new worker; **first pass** = the workload's first run right after load, " +
      '**warmed** = its second run in the same worker (native: the same two passes in one process).',
  );
  L.push('');

  L.push('## Targets');
  L.push('');
  L.push('| measure | value | target | |');
  L.push('|---|---|---|---|');
  const g = r.geomeans;
  L.push(
    `| pure-Python geomean, wasm/native (warmed) | ${f2(g.warmed.pure)}× | ≤ ${r.targets.pureGeomean}× | ${verdict(g.warmed.pure, r.targets.pureGeomean)} |`,
  );
  L.push(
    `| pure-Python geomean, wasm/native (first pass) | ${f2(g.first.pure)}× | ≤ ${r.targets.pureGeomean}× | ${verdict(g.first.pure, r.targets.pureGeomean)} |`,
  );
  L.push(
    `| load to \`1+1\` in the worker, cold | ${f0(r.load.cold.spawnToReadyMs)} ms | ≤ ${r.targets.coldLoadMs} ms | ${verdict(r.load.cold.spawnToReadyMs, r.targets.coldLoadMs)} |`,
  );
  L.push(
    `| load to \`1+1\` in the worker, warm | ${f0(r.load.warm.spawnToReadyMs)} ms | ≤ ${r.targets.warmLoadMs} ms | ${verdict(r.load.warm.spawnToReadyMs, r.targets.warmLoadMs)} |`,
  );
  L.push(
    `| runtime download, brotli -q 11 | ${mb(r.sizes.total.brotli)} | ≤ ${mb(r.targets.brotliBytes)} | ${verdict(r.sizes.total.brotli, r.targets.brotliBytes)} |`,
  );
  L.push(
    `| wasm memory after start | ${mib(r.memory.afterStartBytes ?? 0)} | ≤ ${mib(r.targets.wasmMemoryBytes)} | ${verdict(r.memory.afterStartBytes, r.targets.wasmMemoryBytes)} |`,
  );
  const ff = r.ffi;
  L.push(
    `| Python → JS call (warmed) | ${f1(ff.pyToJsCallNs.warmed)} ns | ≤ ${r.targets.boundaryCallNs} ns | ${verdict(ff.pyToJsCallNs.warmed, r.targets.boundaryCallNs)} |`,
  );
  L.push(
    `| JS → Python call (warmed) | ${f1(ff.jsToPyCallNs.warmed)} ns | ≤ ${r.targets.boundaryCallNs} ns | ${verdict(ff.jsToPyCallNs.warmed, r.targets.boundaryCallNs)} |`,
  );
  L.push(
    `| await of a resolved JS Promise (warmed) | ${f1(ff.awaitResolvedUs.warmed)} µs | ≤ ${r.targets.awaitUs} µs | ${verdict(ff.awaitResolvedUs.warmed, r.targets.awaitUs)} |`,
  );
  L.push('');

  L.push('## Python workloads (ms; ratio = wasm / native)');
  L.push('');
  L.push('| workload | group | native | wasm first pass | ratio | wasm warmed | ratio | what |');
  L.push('|---|---|---|---|---|---|---|---|');
  for (const w of r.workloads) {
    L.push(
      `| ${w.name} | ${w.group === 'pure' ? 'pure Python' : 'C-heavy'} | ${f1(w.nativeMs.warmed)} | ${f1(w.wasmMs.first)} | ${f2(w.ratio.first)}× | ` +
        `${f1(w.wasmMs.warmed)} | ${f2(w.ratio.warmed)}× | ${w.description} |`,
    );
  }
  L.push(
    `| **geomean, pure Python** | | | | **${f2(g.first.pure)}×** | | **${f2(g.warmed.pure)}×** | target ≤ ${r.targets.pureGeomean}× |`,
  );
  L.push(`| geomean, C-heavy | | | | ${f2(g.first.c)}× | | ${f2(g.warmed.c)}× | |`);
  L.push(`| geomean, all | | | | ${f2(g.first.all)}× | | ${f2(g.warmed.all)}× | |`);
  L.push('');
  L.push(
    'Native column: second pass (the first pass differs by a few %; both are in the JSON). First-pass ratios use the native first pass.',
  );
  L.push('');

  L.push('## Load time to `1+1` in the worker (ms)');
  L.push('');
  L.push(
    '| | worker created → `1+1` (median) | best of the runs | navigation start → `1+1` | `import(pyodide.mjs)` | `loadPyodide()` | of which fetch + compile + instantiate | of which Python init | runtime bytes sent by the server |',
  );
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const [label, key] of [
    ['cold (fresh profile)', 'cold'],
    ['warm (same profile, 2nd load)', 'warm'],
    ['warm (3rd load)', 'warm3'],
  ]) {
    const l = r.load[key];
    L.push(
      `| ${label} | **${f0(l.spawnToReadyMs)}** | ${f0(l.bestSpawnToReadyMs)} | ${f0(l.navToReadyMs)} | ${f1(l.importMs)} | ${f0(l.loadPyodideMs)} | ` +
        `${f0(l.fetchCompileMs)} | ${f0(l.pythonInitMs)} | ${l.runtimeBytesServed} |`,
    );
  }
  L.push(`| native \`python3.11 -c 1+1\` process (reference) | ${f0(r.load.nativeStartMs)} | | | | | | | |`);
  L.push('');
  L.push(
    'Served from 127.0.0.1 without compression (so transfer time is ~0; on a real network add the download). ' +
      '`/pyrite/*` is sent with `Cache-Control: max-age=3600`, so a warm load makes no request for it.',
  );
  L.push('');

  L.push('## Download size of the runtime');
  L.push('');
  L.push('| file | raw | gzip -9 | brotli -q 11 |');
  L.push('|---|---|---|---|');
  const atLoad = r.sizes.files.filter((s) => !s.onDemand);
  const onDemand = r.sizes.files.filter((s) => s.onDemand);
  for (const s of [...atLoad, { ...r.sizes.total, file: 'total at load' }, ...onDemand]) {
    const name = s.file === 'total at load' ? '**total at load**' : `\`${s.file}\`${s.onDemand ? ' (on demand)' : ''}`;
    L.push(`| ${name} | ${mb(s.raw)} | ${mb(s.gzip)} | ${mb(s.brotli)} |`);
  }
  L.push('');
  L.push(
    "MB = 10^6 bytes. The page downloads the files above the total when it loads the runtime; the stdlib's " +
      'second part is fetched on the first import of one of its modules (e.g. `email`, `xml`, `unittest`).',
  );
  L.push('');

  L.push('## Memory');
  L.push('');
  L.push(`- wasm memory after start: **${mib(r.memory.afterStartBytes ?? 0)}** (${r.memory.afterStartBytes} bytes)`);
  L.push(
    `- of which touched: ${mib(r.memory.touchedAfterStartBytes ?? 0)} (offset past the highest non-zero byte of linear ` +
      'memory, which starts zeroed: an upper bound of what data, stack and heap use)',
  );
  L.push(`- after the workloads and FFI tests: ${mib(r.memory.afterWorkloadsBytes ?? 0)} (wasm memory never shrinks)`);
  L.push(`- measured as: ${r.memory.method}`);
  L.push('');
  L.push('## Modules imported at start-up');
  L.push('');
  L.push(
    `${r.startup.wasmModuleCount} modules in \`sys.modules\` after \`loadPyodide()\` + \`1+1\` ` +
      `(native \`python3.11 -c\`: ${r.startup.nativeModuleCount}). Imported by the wasm start-up but not natively: ` +
      (r.startup.wasmOnly.length ? r.startup.wasmOnly.map((m) => `\`${m}\``).join(', ') : 'none') +
      '.',
  );
  L.push('');

  L.push('## FFI (per operation)');
  L.push('');
  L.push('| operation | first | warmed | target |');
  L.push('|---|---|---|---|');
  const row = (label, key, unit, target, fmt = f0) =>
    L.push(`| ${label} | ${fmt(ff[key].first)} ${unit} | ${fmt(ff[key].warmed)} ${unit} | ${target} |`);
  row('Python → JS call `f()`', 'pyToJsCallNs', 'ns', `≤ ${r.targets.boundaryCallNs} ns`);
  row('Python → JS call `f(i)`', 'pyToJsCallArgNs', 'ns', '');
  row('JS → Python call `f()`', 'jsToPyCallNs', 'ns', `≤ ${r.targets.boundaryCallNs} ns`);
  row('JS → Python call `f(i)`', 'jsToPyCallArgNs', 'ns', '');
  row('read a JS attribute from Python `o.x`', 'jsAttrFromPyNs', 'ns', '');
  row('(reference) Python → Python call', 'pyToPyCallNs', 'ns', '');
  row('(reference) Python attribute read', 'pyAttrNs', 'ns', '');
  row(`\`toJs()\` of a list of ${ff.big} ints`, 'toJsListMs', 'ms', '', f1);
  row(`\`to_py()\` of a JS array of ${ff.big} numbers`, 'toPyArrayMs', 'ms', '', f1);
  row(
    `await an already-resolved JS Promise (${ff.awaits} in a loop)`,
    'awaitResolvedUs',
    'µs',
    `≤ ${r.targets.awaitUs} µs`,
    f1,
  );
  L.push('');
  L.push(
    `Python-side loops: ${ff.calls} iterations, minus an empty \`for\` loop of the same length timed just before ` +
      `(${f0(ff.pyEmptyLoopNs.warmed)} ns per iteration); JS → Python: a JS loop of ${ff.calls} calls through the PyProxy. ` +
      'First = first FFI run in the worker (after the workloads), warmed = second.',
  );
  if (r.problems.length) {
    L.push('');
    L.push('## Problems');
    L.push('');
    for (const p of r.problems) L.push(`- ${p}`);
  }
  L.push('');
  return L.join('\n');
}

/**
 * Formats like the repository's `prettier --check .` expects (tables padded).
 * `name` only picks the settings (it is resolved under bench/).
 */
async function pretty(text, name, parser) {
  try {
    const prettier = await import('prettier');
    // The repository's settings, wherever the file goes (--out).
    const config = (await prettier.resolveConfig(join(ROOT, 'bench', name))) ?? {};
    return await prettier.format(text, { ...config, parser });
  } catch {
    return text; // prettier is a devDependency; the unformatted text is as good
  }
}

// ------------------------------------------------------------------ main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const chromium = await preflight();
  const t0 = Date.now();
  const server = await startServer({
    mounts: [
      ['/bench/', join(ROOT, 'bench')],
      ['/', PUBLIC],
    ],
  });
  let browser;
  try {
    const sizeInfo = await sizes();
    log(`runtime: ${mb(sizeInfo.total.raw)} raw, ${mb(sizeInfo.total.brotli)} brotli`);
    log(`load time: ${options.loadReps} fresh browser profiles, 3 loads each...`);
    const loads = await loadPhase(chromium, server, options.loadReps, options.settleMs);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const env = await environment(browser.version());
    log(`workloads + FFI: ${options.rounds} rounds, native and wasm interleaved...`);
    const work = await workloadPhase(browser, server, options.rounds);
    const result = aggregate({ env, sizeInfo, loads, work, options });
    result.env.benchSeconds = Math.round((Date.now() - t0) / 1000);
    await mkdir(options.out, { recursive: true });
    const md = await pretty(markdown(result), 'latest.md', 'markdown');
    await writeFile(
      join(options.out, 'latest.json'),
      await pretty(JSON.stringify(result, null, 2) + '\n', 'latest.json', 'json'),
    );
    await writeFile(join(options.out, 'latest.md'), md);
    console.log(md);
    log(`wrote ${join(options.out, 'latest.json')} and latest.md in ${result.env.benchSeconds} s`);
    if (result.problems.length) {
      log(`problems: ${result.problems.join('; ')}`);
      process.exitCode = 2;
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`bench: failed: ${e?.stack ?? e}`);
  process.exit(1);
});

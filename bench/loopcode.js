/* global process, console, performance */
// Where the time goes inside V8's optimised code for the interpreter loop, instruction by instruction: the tool
// behind bench/LEVERS.md's session 17 finding that one compile of the loop passes the opcode through a stack slot
// on its way to the jump table and another keeps it in a register. It runs one operation of bench/micro.py (after
// micro.py's own warm-up, so that V8 has optimised the loop) in headless Chromium started with
// --js-flags=--perf-prof, samples the whole machine with `perf record` meanwhile, reads the machine code of the
// loop's newest TurboFan compile from V8's jitdump file, and prints the jump-table dispatch block and the hottest
// instructions with their sample counts (objdump disassembles them).
//
//   node bench/loopcode.js DIR [--op op_global_read] [--n 80000000] [--function INDEX] [--top 30]
//
// DIR holds a built runtime. INDEX is the loop's wasm function index (default: the function whose TurboFan code
// is largest, which is the interpreter loop). Needs `perf` (Debian: linux-perf) and `objdump` (binutils), run as
// root or with perf_event_paranoid <= 0 for -a.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { ROOT, loadMicroInPage, run, sleep } from './common.js';
import { startServer } from './server.js';

function parseArgs(argv) {
  const o = { dir: null, op: 'op_global_read', n: 80_000_000, fn: null, top: 30 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--op') o.op = argv[++i];
    else if (argv[i] === '--n') o.n = Number(argv[++i]);
    else if (argv[i] === '--function') o.fn = Number(argv[++i]);
    else if (argv[i] === '--top') o.top = Number(argv[++i]);
    else o.dir = resolve(argv[i]);
  }
  if (!o.dir || !/^op_\w+$/.test(o.op) || !(o.n > 0) || !(o.top > 0)) {
    throw new Error('usage: node bench/loopcode.js DIR [--op op_NAME] [--n N] [--function INDEX] [--top N]');
  }
  return o;
}

/** The code-load records of a jitdump file (the format perf's `inject --jit` reads): { pid, name, addr, code }. */
function jitdumpRecords(path) {
  const b = readFileSync(path);
  const headerSize = b.readUInt32LE(8);
  const out = [];
  for (let at = headerSize; at + 16 <= b.length;) {
    const id = b.readUInt32LE(at);
    const size = b.readUInt32LE(at + 4);
    if (size === 0) break;
    if (id === 0) {
      // JIT_CODE_LOAD: pid, tid, vma, code_addr, code_size, code_index, name\0, code
      const pid = b.readUInt32LE(at + 16);
      const addr = b.readBigUInt64LE(at + 32);
      const codeSize = Number(b.readBigUInt64LE(at + 40));
      const nameStart = at + 56;
      const nameEnd = b.indexOf(0, nameStart);
      const name = b.toString('utf8', nameStart, nameEnd);
      out.push({ pid, name, addr, code: b.subarray(nameEnd + 1, nameEnd + 1 + codeSize) });
    }
    at += size;
  }
  return out;
}

/** The newest TurboFan code of function `fn`, or of the function with the largest TurboFan code. */
function loopCode(records, fn) {
  const turbofan = records
    .map((r) => ({ ...r, m: /wasm-function\[(\d+)\]-\d+-turbofan/.exec(r.name) }))
    .filter((r) => r.m);
  if (!turbofan.length) throw new Error('no TurboFan wasm code in the jitdump files');
  const index = fn ?? Number(turbofan.reduce((a, r) => (r.code.length > a.code.length ? r : a)).m[1]);
  const compiles = turbofan.filter((r) => Number(r.m[1]) === index);
  if (!compiles.length) throw new Error(`function ${index} was never compiled with TurboFan`);
  return { index, compiles: compiles.length, ...compiles.at(-1) };
}

async function disassemble(code, dir) {
  const path = join(dir, 'loop.bin');
  writeFileSync(path, code);
  const r = await run('objdump', ['-D', '-b', 'binary', '-mi386:x86-64', path]);
  if (r.code !== 0) throw new Error(`objdump failed: ${r.stderr}`);
  const instructions = [];
  for (const line of r.stdout.toString().split('\n')) {
    const m = /^\s+([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(line);
    if (m) instructions.push({ offset: parseInt(m[1], 16), text: m[2].trim() });
  }
  return instructions;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'pyrite-loopcode-'));
  // V8 writes jit-PID.dump into the browser's working directory.
  const cwd = process.cwd();
  process.chdir(work);
  const { chromium } = await import('playwright-core');
  const server = await startServer({
    mounts: [
      ['/bench/', `${ROOT}/bench`],
      ['/build-0/', o.dir],
    ],
  });
  const args = [...CHROMIUM_ARGS, '--js-flags=--perf-prof --no-write-protect-code-memory'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args, headless: true });
  let ms;
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench/page/`);
    const source = readFileSync(join(ROOT, 'bench', 'micro.py'), 'utf8');
    await loadMicroInPage(page, '/build-0/', source);
    const perf = spawn('perf', ['record', '-a', '-k', '1', '-F', '4999', '-q', '-o', join(work, 'perf.data')], {
      stdio: 'ignore',
    });
    const perfDone = new Promise((done, fail) => {
      perf.on('exit', done);
      perf.on('error', (e) => fail(new Error(`cannot run perf (Debian: apt install linux-perf): ${e.message}`)));
    });
    await sleep(300); // perf is sampling by then
    ms = await page.evaluate(
      ({ op, n }) => {
        const t0 = performance.now();
        globalThis.py.runPython(`${op}(${n})`, { globals: globalThis.ns });
        return performance.now() - t0;
      },
      { op: o.op, n: o.n },
    );
    perf.kill('SIGINT');
    await perfDone;
  } finally {
    await browser.close();
    await server.close();
    process.chdir(cwd);
  }
  try {
    const records = readdirSync(work)
      .filter((f) => /^jit-\d+\.dump$/.test(f))
      .flatMap((f) => jitdumpRecords(join(work, f)));
    const loop = loopCode(records, o.fn);
    const start = loop.addr;
    const end = start + BigInt(loop.code.length);
    const script = await run('perf', ['script', '-i', join(work, 'perf.data'), '-F', 'pid,ip'], { timeoutMs: 300_000 });
    if (script.code !== 0) throw new Error(`perf script failed: ${script.stderr}`);
    const samples = new Map();
    let inProcess = 0;
    let inLoop = 0;
    for (const line of script.stdout.toString().split('\n')) {
      const [pid, ip] = line.trim().split(/\s+/);
      if (Number(pid) !== loop.pid || !ip) continue;
      inProcess++;
      const at = BigInt(`0x${ip}`);
      if (at < start || at >= end) continue;
      inLoop++;
      const offset = Number(at - start);
      samples.set(offset, (samples.get(offset) ?? 0) + 1);
    }
    const instructions = await disassemble(loop.code, work);
    const row = ({ offset, text }) =>
      `${offset.toString(16).padStart(6)} ${String(samples.get(offset) ?? 0).padStart(5)}  ${text}`;
    console.log(`${o.op}(${o.n}): ${((ms * 1e6) / o.n).toFixed(2)} ns per iteration`);
    console.log(
      `wasm function ${loop.index}, the newest of ${loop.compiles} TurboFan compiles (${loop.code.length} bytes): ` +
        `${inLoop} of the renderer's ${inProcess} samples`,
    );
    // The dispatch: the jump-table jump (`jmp *(%reg,%reg,8)`) with the most samples in the block before it.
    const jumps = instructions.flatMap((ins, i) => (/^jmp\s+\*\(%\w+,%\w+,8\)/.test(ins.text) ? [i] : []));
    const weight = (i) =>
      instructions.slice(Math.max(0, i - 12), i + 1).reduce((a, x) => a + (samples.get(x.offset) ?? 0), 0);
    const dispatch = jumps.sort((a, b) => weight(b) - weight(a))[0];
    if (dispatch !== undefined) {
      console.log('\nthe dispatch (offset, samples, instruction):');
      for (const ins of instructions.slice(Math.max(0, dispatch - 16), dispatch + 1)) console.log(row(ins));
    }
    console.log(`\nthe ${o.top} hottest instructions, in address order:`);
    const hottest = [...samples.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, o.top)
      .map(([offset]) => offset);
    for (const ins of instructions.filter((x) => hottest.includes(x.offset))) console.log(row(ins));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`loopcode: failed: ${e?.stack ?? e}`);
  process.exit(1);
});

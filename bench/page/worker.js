/* global self, fetch, performance, postMessage, URL */
// The benchmark's module Web Worker: loads the runtime from /pyrite/ as soon as
// it starts, reports how long that took (to the value of `1+1`), then answers
// commands from page.js: { cmd: "workloads" | "ffi" | "memory", id, ... }.
// ?runtime=/some/dir/ loads another build (bench/compare.js serves several) or
// Pyodide itself (?runtime=/pyodide/, the comparison target of run.js --pyodide).
const INDEX_URL = new URL(self.location.href).searchParams.get('runtime') ?? '/pyrite/';
const stderr = [];
let py = null;
let workloadNs = null; // the namespace bench/workloads.py runs in
let ffiNs = null;

/**
 * The Emscripten module's HEAPU8 (wasm linear memory). Not part of the public
 * API: Pyrite keeps the module as py._runtime.core (see runtime/js/api.ts,
 * index.ts), Pyodide as py._module.
 */
function heapU8() {
  return py?._runtime?.core?.HEAPU8 ?? py?._module?.HEAPU8 ?? null;
}

/** Bytes of wasm linear memory. */
function wasmMemoryBytes() {
  const heap = heapU8();
  return heap ? heap.length : null;
}

/**
 * An estimate of the memory actually used: the offset just past the highest
 * non-zero byte of linear memory (fresh wasm memory is zeroed; data, stack and
 * heap grow upwards from the bottom in this build).
 */
function touchedBytes() {
  const heap = heapU8();
  if (!heap) return null;
  const words = new Uint32Array(heap.buffer, 0, heap.length >>> 2);
  let i = words.length - 1;
  while (i >= 0 && words[i] === 0) i--;
  return (i + 1) * 4;
}

const ready = (async () => {
  const t0 = performance.now();
  const { loadPyodide } = await import(INDEX_URL + 'pyodide.mjs');
  const t1 = performance.now();
  // onProgress reports "start" once the wasm is compiled and instantiated and
  // "ready" once Python is initialised: the split of loadPyodide()'s time.
  // Pyodide has no such option (it ignores it): its split stays null.
  const phaseAt = {};
  const onProgress = ({ phase }) => {
    phaseAt[phase] ??= performance.now();
  };
  py = await loadPyodide({ indexURL: INDEX_URL, stdout: () => {}, stderr: (t) => stderr.push(t), onProgress });
  const t2 = performance.now();
  const two = py.runPython('1+1');
  const t3 = performance.now();
  if (two !== 2) throw new Error(`1+1 gave ${two}`);
  // After the timing: which modules start-up imported (a lever: fewer imports).
  const startupModules = String(py.runPython("import sys as _s; ' '.join(sorted(_s.modules))")).split(' ');
  py.runPython('del _s');
  return {
    runtime: INDEX_URL,
    importMs: t1 - t0,
    loadPyodideMs: t2 - t1,
    // fetch + compile + instantiate (until the "start" progress event)
    fetchCompileMs: phaseAt.start !== undefined ? phaseAt.start - t1 : null,
    // Python initialisation + API setup (from "start" to loadPyodide's return)
    pythonInitMs: phaseAt.start !== undefined ? t2 - phaseAt.start : null,
    firstEvalMs: t3 - t2,
    // From the worker's own time origin (its creation) to 1+1.
    workerTotalMs: t3,
    // When 1+1 was evaluated, on the clock performance.timeOrigin is on (ms since the epoch, as in the page): the
    // page measures the load to this moment, not to the ready message, which comes after the diagnostics below.
    evaluatedAtMs: performance.timeOrigin + t3,
    wasmMemoryBytes: wasmMemoryBytes(),
    touchedBytes: touchedBytes(),
    startupModules,
    // Whether Pyrite copied in its snapshot instead of starting Python (runtime/js/snapshot.ts); null for Pyodide.
    fromSnapshot: py._fromSnapshot ?? null,
    // Per file: when its request started and its last byte arrived (ms from the worker's creation).
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name.replace(/^.*\//, ''),
      startMs: e.startTime,
      firstByteMs: e.responseStart,
      endMs: e.responseEnd,
      transferBytes: e.transferSize,
    })),
  };
})();

ready.then(
  (info) => postMessage({ type: 'ready', ...info }),
  (e) => postMessage({ type: 'load-error', message: `${e?.stack ?? e}\n${stderr.join('')}` }),
);

async function workloads({ names, passes = 2 }) {
  if (!workloadNs) {
    const response = await fetch('/bench/workloads.py', { cache: 'no-store' });
    if (!response.ok) throw new Error(`could not fetch workloads.py (HTTP ${response.status})`);
    const source = await response.text();
    workloadNs = py.runPython("{'__name__': 'pyrite_bench'}");
    py.runPython(source, { globals: workloadNs });
  }
  const runOne = workloadNs.get('run_one');
  const describe = workloadNs.get('describe');
  try {
    const info = JSON.parse(describe());
    const list = names ?? Object.keys(info);
    const results = Object.fromEntries(list.map((n) => [n, []]));
    for (let p = 0; p < passes; p++) {
      for (const name of list) results[name].push(JSON.parse(runOne(name)));
    }
    return { info, results, wasmMemoryBytes: wasmMemoryBytes() };
  } finally {
    runOne.destroy();
    describe.destroy();
  }
}

const FFI_PY = `
import time
from js import benchNoop, benchIdent, benchObj, benchResolved, benchArray
perf = time.perf_counter

class Plain:
    x = 1

def py_noop():
    return 0

def py_ident(x):
    return x

def loop_empty(n):
    r = range(n)
    t0 = perf()
    for _ in r:
        pass
    return perf() - t0

def loop_py_call(n):
    f = py_noop
    r = range(n)
    t0 = perf()
    for _ in r:
        f()
    return perf() - t0

def loop_js_call(n):
    f = benchNoop
    r = range(n)
    t0 = perf()
    for _ in r:
        f()
    return perf() - t0

def loop_js_call_arg(n):
    f = benchIdent
    r = range(n)
    t0 = perf()
    for i in r:
        f(i)
    return perf() - t0

def loop_js_call_obj(n):
    f = benchNoop
    o = [1, 2]
    r = range(n)
    t0 = perf()
    for _ in r:
        f(o)
    return perf() - t0

def loop_py_attr(n):
    o = Plain()
    r = range(n)
    t0 = perf()
    for _ in r:
        o.x
    return perf() - t0

def loop_js_attr(n):
    o = benchObj
    r = range(n)
    t0 = perf()
    for _ in r:
        o.x
    return perf() - t0

def to_py_once():
    t0 = perf()
    v = benchArray.to_py()
    dt = perf() - t0
    assert len(v) == 1000000 and v[-1] == 999999, (len(v), v[-1])
    return dt

async def await_loop(n):
    p = benchResolved
    t0 = perf()
    for _ in range(n):
        await p
    return perf() - t0
`;

const CALLS = 200_000;
// JS-side loops are cheap per iteration, so they run longer: a 20 ms sample
// would mostly time V8 optimising the loop itself.
const JS_CALLS = 1_000_000;
const AWAITS = 2000;
const BIG = 1_000_000;

// One function per JS-side loop, so that each call site stays monomorphic: a
// shared loop calling a callback would also time a polymorphic call.
function timeCalls(f, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return performance.now() - t0;
}

function timeCallsWithArg(f, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f(i);
  return performance.now() - t0;
}

// A 300-line program for the runPython row: 100 small functions, then a call of the last one.
const PROGRAM_300_LINES =
  Array.from(
    { length: 100 },
    (_, i) => `def f${i}(a, b=2):\n    x = [a * k for k in range(b)]\n    return {"k": x, "s": str(a) + "${i}"}`,
  ).join('\n') + '\nf99(3)["s"]';

async function ffiOnce() {
  if (!ffiNs) {
    Object.assign(globalThis, {
      benchNoop: () => 0,
      benchIdent: (x) => x,
      benchObj: { x: 1 },
      benchResolved: Promise.resolve(1),
      benchArray: Array.from({ length: BIG }, (_, i) => i),
    });
    ffiNs = py.runPython("{'__name__': 'pyrite_ffi'}");
    py.runPython(FFI_PY, { globals: ffiNs });
  }
  const ns = ffiNs;
  const py1 = (expr) => py.runPython(expr, { globals: ns });
  const perCallNs = (seconds, n) => (seconds / n) * 1e9;
  const out = {};
  // Each Python-side loop is timed INNER times, each right after an empty loop
  // of the same length; the per-iteration difference is the cost of the body.
  const INNER = 3;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const netNs = (loop) => {
    const samples = [];
    for (let k = 0; k < INNER; k++) {
      const empty = py1(`loop_empty(${CALLS})`);
      samples.push(perCallNs(py1(`${loop}(${CALLS})`) - empty, CALLS));
    }
    return median(samples);
  };
  out.pyEmptyLoopNs = median([0, 1, 2].map(() => perCallNs(py1(`loop_empty(${CALLS})`), CALLS)));
  out.pyToPyCallNs = netNs('loop_py_call');
  out.pyToJsCallNs = netNs('loop_js_call');
  out.pyToJsCallArgNs = netNs('loop_js_call_arg');
  out.pyToJsCallObjNs = netNs('loop_js_call_obj');
  out.pyAttrNs = netNs('loop_py_attr');
  out.jsAttrFromPyNs = netNs('loop_js_attr');

  const noop = ns.get('py_noop');
  const ident = ns.get('py_ident');
  const jsLoopNs = (loop, f) => {
    const samples = [];
    for (let k = 0; k < INNER; k++) samples.push((loop(f, JS_CALLS) / JS_CALLS) * 1e6);
    return median(samples);
  };
  try {
    out.jsToPyCallNs = jsLoopNs(timeCalls, noop);
    out.jsToPyCallArgNs = jsLoopNs(timeCallsWithArg, ident);
  } finally {
    noop.destroy();
    ident.destroy();
  }

  const list = py1(`list(range(${BIG}))`);
  try {
    const t0 = performance.now();
    const arr = list.toJs();
    out.toJsListMs = performance.now() - t0;
    if (arr.length !== BIG || arr[BIG - 1] !== BIG - 1) throw new Error('toJs gave a wrong array');
  } finally {
    list.destroy();
  }
  out.toPyArrayMs = py1('to_py_once()') * 1e3;
  // runPython itself: compiling the source (and splitting off its last expression) and running it.
  const runPythonMs = (source, n) => {
    const samples = [];
    for (let k = 0; k < INNER; k++) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) py1(source);
      samples.push((performance.now() - t0) / n);
    }
    return median(samples);
  };
  out.runPythonExprUs = runPythonMs('1+1', 200) * 1e3;
  out.runPythonProgramMs = runPythonMs(PROGRAM_300_LINES, 10);
  const awaitSeconds = await py.runPythonAsync(`await await_loop(${AWAITS})`, { globals: ns });
  out.awaitResolvedUs = (awaitSeconds / AWAITS) * 1e6;
  py1('import gc; gc.collect()');
  return out;
}

async function ffi({ passes = 2 }) {
  const runs = [];
  for (let p = 0; p < passes; p++) runs.push(await ffiOnce());
  return { runs, calls: CALLS, jsCalls: JS_CALLS, awaits: AWAITS, big: BIG, wasmMemoryBytes: wasmMemoryBytes() };
}

const COMMANDS = {
  workloads,
  ffi,
  memory: async () => ({ wasmMemoryBytes: wasmMemoryBytes() }),
};

self.onmessage = async (event) => {
  const { id, cmd } = event.data;
  try {
    await ready;
    const f = COMMANDS[cmd];
    if (!f) throw new Error(`unknown command ${cmd}`);
    postMessage({ type: 'reply', id, result: await f(event.data) });
  } catch (e) {
    postMessage({ type: 'reply', id, error: `${e?.stack ?? e}\n${stderr.join('')}` });
  }
};

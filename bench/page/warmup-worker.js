/* global self, performance, postMessage, URL */
// The worker of bench/warmup.js: loads the runtime given as ?runtime=, then runs fib(18) over and over for
// ?seconds=, either in one Python call (?mode=one: one activation of the interpreter loop) or in one call from JS
// each (?mode=calls), and posts [[ms since the start, µs of that fib(18)], ...].
const params = new URL(self.location.href).searchParams;
const base = params.get('runtime') ?? '/pyrite/';
const seconds = Number(params.get('seconds') ?? 3);
const { loadPyodide } = await import(`${base}pyodide.mjs`);
const py = await loadPyodide({ indexURL: base });
py.runPython(`
import time
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def step():
    t0 = time.perf_counter()
    fib(18)
    return (time.perf_counter() - t0) * 1e6
def steps(seconds):
    start = time.perf_counter()
    out = []
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        fib(18)
        out.append([(t0 - start) * 1e3, (time.perf_counter() - t0) * 1e6])
    return out
`);
let samples;
if (params.get('mode') === 'one') {
  const result = py.globals.get('steps')(seconds);
  samples = result.toJs();
  result.destroy();
} else {
  const step = py.globals.get('step');
  const start = performance.now();
  samples = [];
  while (performance.now() - start < seconds * 1000) samples.push([performance.now() - start, step()]);
  step.destroy();
}
postMessage(samples);

/* global self, performance, postMessage, setTimeout, URL */
// The worker of bench/warmup.js: loads the runtime given as ?runtime=, then runs fib(18) over and over for
// ?seconds=, either in one Python call (?mode=one: one activation of the interpreter loop) or in one call from JS
// each (?mode=calls), and posts [[ms since the start, µs of that fib(18)], ...]. With ?warm=MS it first runs a
// mixed Python loop for that long right after the load; with ?delay=MS it waits that long before fib (a user who
// types their first line some time after the console is ready).
const params = new URL(self.location.href).searchParams;
const base = params.get('runtime') ?? '/pyrite/';
const seconds = Number(params.get('seconds') ?? 3);
const warmMs = Number(params.get('warm') ?? 0);
const delayMs = Number(params.get('delay') ?? 0);
const { loadPyodide } = await import(`${base}pyodide.mjs`);
const py = await loadPyodide({ indexURL: base });
if (warmMs > 0) {
  // Calls, attributes, arithmetic on ints and floats, and list, dict and str work: what a console's first lines use.
  py.runPython(`
import time
class _Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def norm2(self):
        return self.x * self.x + self.y * self.y
def _warm(ms):
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        total = 0
        names = {}
        for i in range(200):
            p = _Point(i, i * 0.5)
            total += p.norm2() > 10 and len(str(i)) or i % 7
            names[str(i)] = [i, i + 1][-1]
        " ".join(sorted(names)[:20]).upper()
_warm(${warmMs})
del _warm, _Point
`);
}
if (delayMs > 0) await new Promise((resume) => setTimeout(resume, delayMs));
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

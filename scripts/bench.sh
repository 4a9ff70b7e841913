#!/usr/bin/env bash
# The benchmark command: native CPython vs the wasm build in a browser worker,
# load time, download size, wasm memory and FFI costs, in one run (~2.5 min,
# ~8.5 min with --pyodide; ~20 s more when the runtime changed, for brotli -q 11).
# Writes bench/results/latest.json and bench/results/latest.md; see bench/README.md.
# Not part of scripts/test.sh. Options are passed on to bench/run.js:
#   --rounds N      workload/FFI rounds (fresh worker each; default 7)
#   --passes N      runs of every workload per round (default 5, at least 2):
#                   1 = first pass, 2 = warmed, median of 3..N = steady
#   --load-reps N   fresh browser profiles for the load-time test (default 7)
#   --out DIR       where to write latest.{json,md} (default bench/results)
#   --pyodide       also measure Pyodide 0.25.1 in the same run (fetched once
#                   with npm into ${PYRITE_CACHE:-$HOME/.cache/pyrite}/pyodide-0.25.1/)
#   --quick         one round, one profile, 3 passes: a smoke test, not for numbers
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

missing=()
for f in pyodide.mjs pyrite_core.mjs pyrite_core.wasm python_stdlib.zip python_stdlib_extra.zip pyrite_snapshot.bin; do
  [ -f "public/pyrite/$f" ] || missing+=("public/pyrite/$f")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: the runtime is not built (missing: ${missing[*]})." >&2
  echo "bench: run ./scripts/build.sh first." >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  echo "bench: node_modules/playwright-core is missing: run npm ci (or ./scripts/setup.sh)." >&2
  exit 1
fi
exec node bench/run.js "$@"

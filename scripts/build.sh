#!/usr/bin/env bash
# Builds the wasm runtime (and, once, its dependencies into the cache) and copies
# the loadable files into public/pyrite/ where the app and the tests find them.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/scripts/env.sh"
build=${PYRITE_BUILD_DIR:-$here/build}
# One build at a time per build folder (a second waits instead of corrupting it).
mkdir -p "$build"
exec 9>"$build/.lock"
flock 9
variant=${PYRITE_VARIANT:-release}
cmake_args=(-DPYRITE_SOURCES="$PYRITE_SOURCES" -DPYRITE_CACHE="$PYRITE_CACHE"
  -DCMAKE_BUILD_TYPE=Release)
[ "$variant" = debug ] && cmake_args+=(-DPYRITE_DEBUG=ON)
if [ ! -f "$build/CMakeCache.txt" ]; then
  emcmake cmake -S "$here" -B "$build" "${cmake_args[@]}" >/dev/null
fi
cmake --build "$build" -j"$(nproc)"

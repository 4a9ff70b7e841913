#!/usr/bin/env bash
# Command 2: sets everything up (as scripts/start.sh does) and runs every check:
# formatting and lint, type checks, the runtime's Node tests, and the
# Playwright tests in Debian's Chromium against the production build.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
./scripts/setup.sh
./scripts/build.sh
. scripts/env.sh

step() { printf '\n== %s\n' "$*"; }
step "clang-format"
git ls-files 'runtime/src/*.cpp' 'runtime/src/*.h' | xargs clang-format --dry-run -Werror
step "lint"
npm run lint --silent
step "typecheck"
npm run typecheck --silent
step "runtime tests (Node)"
# --expose-gc: the lifetime tests check the garbage-collection backstop of PyProxies.
node --expose-gc --test --test-reporter=spec runtime/test/*.test.mjs
step "front-end unit tests (Node)"
npm run test:unit --silent
step "browser tests (Playwright, Chromium)"
CI=${CI:-1} npx playwright test

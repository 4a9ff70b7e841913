#!/usr/bin/env bash
# Command 1: sets everything up on a fresh Debian 12 machine (run as root the
# first time: apt packages), builds the runtime and the app, and serves the
# production build with the cross-origin isolation headers.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
./scripts/setup.sh
./scripts/build.sh
npm run build --silent
port=${PORT:-8080}
echo
echo "Pyrite is running at http://localhost:$port/  (Ctrl+C stops it)"
exec npx vite preview --strictPort --port "$port" --host 0.0.0.0

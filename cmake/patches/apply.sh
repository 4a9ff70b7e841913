#!/bin/sh
# Applies CPython's patches, in the order given (deps.cmake's PATCH_COMMAND,
# run in the unpacked source).
set -eu
for p in "$@"; do
  patch -p1 --forward -i "$p"
done

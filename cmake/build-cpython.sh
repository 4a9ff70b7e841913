#!/bin/sh
# CPython's own recipe for wasm32-emscripten (Tools/wasm), pointed at our libraries.
set -eu
step=$1; prefix=$2
case $step in
configure)
  # The CJK codec modules are about 1 MB of wasm that a browser console rarely
  # needs; their encodings then fail to import with a clear error.
  printf '*disabled*\n_codecs_cn\n_codecs_hk\n_codecs_iso2022\n_codecs_jp\n_codecs_kr\n_codecs_tw\n_multibytecodec\n' \
    > Modules/Setup.local
  # -sWASM_BIGINT: without it binaryen 108 fails to legalize sqlite's i64
  # functions and configure's link checks report sqlite as missing.
  # -mbulk-memory: memcpy/memset of unknown size become memory.copy/fill
  # instructions instead of calls; -mnontrapping-fptoint: float->int without
  # range-check branches. (-flto was measured and not kept: bench/LEVERS.md.)
  # -DPY_EVAL_REENTRY turns on patches/cpython-ceval-reentry.patch.
  CONFIG_SITE=Tools/wasm/config.site-wasm32-emscripten LDFLAGS="-sWASM_BIGINT" \
  CFLAGS="-mbulk-memory -mnontrapping-fptoint -DPY_EVAL_REENTRY" \
  emconfigure ./configure -C \
    --host=wasm32-unknown-emscripten --build="$(./config.guess)" \
    --with-emscripten-target=browser --with-build-python=/usr/bin/python3.11 \
    --disable-test-modules --without-ensurepip --disable-ipv6 \
    --with-pymalloc \
    ZLIB_CFLAGS="-I$prefix/include" ZLIB_LIBS="-L$prefix/lib -lz" \
    BZIP2_CFLAGS="-I$prefix/include" BZIP2_LIBS="-L$prefix/lib -lbz2" \
    LIBLZMA_CFLAGS="-I$prefix/include" LIBLZMA_LIBS="-L$prefix/lib -llzma" \
    LIBSQLITE3_CFLAGS="-I$prefix/include" LIBSQLITE3_LIBS="-L$prefix/lib -lsqlite3"
  ;;
build)
  # Only the libraries and the pure-Python build products are needed; the
  # python.js program itself is not.
  emmake make -j"$(nproc)" libpython3.11.a Modules/expat/libexpat.a \
    Modules/_decimal/libmpdec/libmpdec.a pybuilddir.txt
  ;;
esac

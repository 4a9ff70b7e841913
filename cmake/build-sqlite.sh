#!/bin/sh
# sqlite's orig tarball is the full source tree: generate the amalgamation with the
# host toolchain (needs tclsh), then compile that one file with emcc.
set -eu
prefix=$1; opt=$2
[ -f sqlite3.c ] || { ./configure --disable-tcl >/dev/null && make sqlite3.c >/dev/null; }
emcc $opt -c sqlite3.c -o sqlite3.o \
  -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_FTS5 \
  -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_DEFAULT_MEMSTATUS=0
mkdir -p "$prefix/lib" "$prefix/include"
rm -f "$prefix/lib/libsqlite3.a"
emar rcs "$prefix/lib/libsqlite3.a" sqlite3.o
cp sqlite3.h sqlite3ext.h "$prefix/include/"

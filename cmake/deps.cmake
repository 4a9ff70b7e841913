# Dependencies built once into a cache folder outside the work tree. The folder's
# name is a key made of the pinned versions and of the recipes themselves, so a
# change to any of them builds afresh, and nothing else does.
include(ExternalProject)

set(PYRITE_CPYTHON_VERSION 3.11.2)

# Keys: the libraries' folder changes with their recipes; CPython's with its
# own recipe and the libraries' key.
function(pyrite_key out prefix)
  set(text "emcc-${EMSCRIPTEN_VERSION};${prefix}")
  foreach(f IN LISTS ARGN)
    file(SHA256 ${f} h)
    string(APPEND text ";${h}")
  endforeach()
  string(SHA256 key "${text}")
  string(SUBSTRING ${key} 0 12 key)
  set(${out} ${key} PARENT_SCOPE)
endfunction()
pyrite_key(_libs_key "libs" ${CMAKE_CURRENT_LIST_DIR}/deps.cmake
           ${CMAKE_CURRENT_LIST_DIR}/build-sqlite.sh)
# CPython's patches (patches/README.md says what each is for).
set(CPYTHON_PATCHES ${CMAKE_CURRENT_LIST_DIR}/patches/cpython-ceval-reentry.patch
                    ${CMAKE_CURRENT_LIST_DIR}/patches/cpython-ceval-fast-paths.patch
                    ${CMAKE_CURRENT_LIST_DIR}/patches/cpython-direct-alloc.patch
                    ${CMAKE_CURRENT_LIST_DIR}/patches/cpython-ceval-inline-ops.patch
                    ${CMAKE_CURRENT_LIST_DIR}/patches/cpython-sre-template.patch
                    ${CMAKE_CURRENT_LIST_DIR}/patches/cpython-ceval-stack-check.patch)
pyrite_key(_cpython_key "cpython-${PYRITE_CPYTHON_VERSION};${_libs_key}"
           ${CMAKE_CURRENT_LIST_DIR}/build-cpython.sh ${CPYTHON_PATCHES}
           ${CMAKE_CURRENT_LIST_DIR}/patches/apply.sh)
# A recipe change re-runs configure, so the keys (and folders) follow it.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/build-sqlite.sh ${CMAKE_CURRENT_LIST_DIR}/build-cpython.sh
  ${CPYTHON_PATCHES} ${CMAKE_CURRENT_LIST_DIR}/patches/apply.sh)
set(LIBS_DIR "${PYRITE_CACHE}/libs-${_libs_key}")
set(CPYTHON_DIR "${PYRITE_CACHE}/cpython-${PYRITE_CPYTHON_VERSION}-${_cpython_key}")
set(PREFIX "${LIBS_DIR}/install")
message(STATUS "pyrite: libraries in ${LIBS_DIR}, CPython in ${CPYTHON_DIR}")

# Every emcc call needs Debian's acorn (see ../shared/TOOLCHAIN.md).
set(EMENV ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
set(OPT_CFLAGS "-O3")

# Adds an ExternalProject unless its finished marker is in the cache already.
# Without the marker check a fresh build tree would redo the work.
macro(pyrite_dep name DEPS)
  if(EXISTS "${DEPS}/${name}.done")
    add_custom_target(${name})
  else()
    ExternalProject_Add(${name} ${ARGN}
      PREFIX ${DEPS}/${name}
      BUILD_IN_SOURCE 1
      DOWNLOAD_EXTRACT_TIMESTAMP 1
      LOG_CONFIGURE 1 LOG_BUILD 1 LOG_INSTALL 1 LOG_OUTPUT_ON_FAILURE 1)
    ExternalProject_Add_Step(${name} mark_done
      COMMAND ${CMAKE_COMMAND} -E touch ${DEPS}/${name}.done
      DEPENDEES install)
  endif()
endmacro()

pyrite_dep(zlib ${LIBS_DIR}
  URL ${PYRITE_SOURCES}/zlib_1.2.13.dfsg.orig.tar.bz2
  URL_HASH SHA256=71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
  CONFIGURE_COMMAND ${EMENV} CFLAGS=${OPT_CFLAGS} emconfigure ./configure --static --prefix=${PREFIX}
  BUILD_COMMAND ${EMENV} emmake make libz.a
  INSTALL_COMMAND ${EMENV} emmake make install)

pyrite_dep(bzip2 ${LIBS_DIR}
  URL ${PYRITE_SOURCES}/bzip2_1.0.8.orig.tar.gz
  URL_HASH SHA256=ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269
  CONFIGURE_COMMAND ${CMAKE_COMMAND} -E true
  BUILD_COMMAND ${EMENV} emmake make libbz2.a CC=emcc AR=emar RANLIB=emranlib
                "CFLAGS=${OPT_CFLAGS} -D_FILE_OFFSET_BITS=64"
  INSTALL_COMMAND ${CMAKE_COMMAND} -E make_directory ${PREFIX}/lib ${PREFIX}/include
    COMMAND ${CMAKE_COMMAND} -E copy libbz2.a ${PREFIX}/lib/
    COMMAND ${CMAKE_COMMAND} -E copy bzlib.h ${PREFIX}/include/)

pyrite_dep(xz ${LIBS_DIR}
  URL ${PYRITE_SOURCES}/xz-utils_5.4.1.orig.tar.xz
  URL_HASH SHA256=5d9827aa1875b21c288f78864bb26d2650b436ea8d2cad364e4921eb6266a5a5
  CONFIGURE_COMMAND ${EMENV} CFLAGS=${OPT_CFLAGS} emconfigure ./configure --prefix=${PREFIX} --host=wasm32-unknown-emscripten
    --enable-static --disable-shared --disable-threads --disable-nls --disable-doc
    --disable-xz --disable-xzdec --disable-lzmadec --disable-lzmainfo
    --disable-lzma-links --disable-scripts
  BUILD_COMMAND ${EMENV} emmake make -C src/liblzma
  INSTALL_COMMAND ${EMENV} emmake make -C src/liblzma install)

# SQLite is compiled for size (as SQLite's own wasm build is): 96 KB less to
# download at every load, for scans ~15% slower (bench/LEVERS.md, session 14).
pyrite_dep(sqlite ${LIBS_DIR}
  URL ${PYRITE_SOURCES}/sqlite3_3.40.1.orig.tar.xz
  URL_HASH SHA256=aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655
  CONFIGURE_COMMAND ${CMAKE_COMMAND} -E true
  BUILD_COMMAND ${EMENV} sh ${CMAKE_CURRENT_LIST_DIR}/build-sqlite.sh ${PREFIX} -Os
  INSTALL_COMMAND ${CMAKE_COMMAND} -E true)

pyrite_dep(cpython ${CPYTHON_DIR}
  URL ${PYRITE_SOURCES}/python3.11_3.11.2.orig.tar.gz
  URL_HASH SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
  PATCH_COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/patches/apply.sh ${CPYTHON_PATCHES}
  CONFIGURE_COMMAND ${EMENV} sh ${CMAKE_CURRENT_LIST_DIR}/build-cpython.sh configure ${PREFIX}
  BUILD_COMMAND ${EMENV} sh ${CMAKE_CURRENT_LIST_DIR}/build-cpython.sh build ${PREFIX}
  INSTALL_COMMAND ${CMAKE_COMMAND} -E true)
if(TARGET cpython AND NOT EXISTS "${CPYTHON_DIR}/cpython.done")
  add_dependencies(cpython zlib bzip2 xz sqlite)
endif()

set(CPYTHON_SRC "${CPYTHON_DIR}/cpython/src/cpython")
set(PYRITE_PY_LIBS
    ${CPYTHON_SRC}/libpython3.11.a
    ${CPYTHON_SRC}/Modules/expat/libexpat.a
    ${CPYTHON_SRC}/Modules/_decimal/libmpdec/libmpdec.a
    ${PREFIX}/lib/libz.a ${PREFIX}/lib/libbz2.a
    ${PREFIX}/lib/liblzma.a ${PREFIX}/lib/libsqlite3.a)
set(PYRITE_PY_INCLUDES ${CPYTHON_SRC}/Include ${CPYTHON_SRC})

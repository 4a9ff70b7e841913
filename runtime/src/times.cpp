// C's times(), which os.times() calls: Emscripten 3.1.6's is a C stub that fills zeros, and a JS
// library cannot replace a C function, so the link wraps it (-Wl,--wrap=times in ../CMakeLists.txt:
// every call of times() comes here) and this hands it to the process clock of js/clock_library.js.
// (The wrapper is C because wasm-ld 14 crashes when a --wrap wrapper is left for JS to provide.)
#include <sys/times.h>

extern "C" {
clock_t pyrt_times(struct tms* buffer); // js/clock_library.js

clock_t __wrap_times(struct tms* buffer) { return pyrt_times(buffer); }
}

// Emitted inside the Emscripten module's closure: gives the C++ side's JS
// imports (runtime/src/js_imports.cpp) a short name for the hook object that
// the TypeScript half (runtime/js/hooks.ts) passes in as Module.pyrt.
var pyrt = Module['pyrt'];

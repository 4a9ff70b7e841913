/**
 * Stand-in for `runtime/js/index.ts` while that file does not exist yet: loads the runtime's prebuilt ES module
 * bundle (`pyodide.mjs`, a build output next to the wasm) at run time. vite.config.js and webworker/tsconfig.json
 * resolve `@pyrite/runtime` to the real source as soon as it exists, and this file drops out of the build.
 */
import type { RuntimeApi, RuntimeLoadOptions } from './api';

interface RuntimeBundle {
  loadPyodide(options: RuntimeLoadOptions): Promise<RuntimeApi>;
}

export async function loadPyodide(options: RuntimeLoadOptions): Promise<RuntimeApi> {
  const url = new URL('pyodide.mjs', options.indexURL).href;
  const bundle = (await import(/* @vite-ignore */ url)) as RuntimeBundle;
  return bundle.loadPyodide(options);
}

/**
 * The worker's only import of the runtime. `@pyrite/runtime` is runtime/js/index.ts (bundled into the worker by
 * Vite) or, until that exists, the bundle shim; the annotation below makes tsc check it against our API slice.
 */
import { loadPyodide } from '@pyrite/runtime';
import type { RuntimeApi, RuntimeLoadOptions } from './api';

export const loadRuntime: (options: RuntimeLoadOptions) => Promise<RuntimeApi> = loadPyodide;

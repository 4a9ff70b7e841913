// Vite builds the console page (app/) and the runtime worker (webworker/, bundled with runtime/js/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path) => fileURLToPath(new URL(path, import.meta.url));

// SharedArrayBuffer (blocking input(), Ctrl+C) needs cross-origin isolation, in dev and preview alike.
// PYRITE_NO_ISOLATION=1 serves without the headers, to exercise the fallbacks (the e2e "no-isolation" project).
const isolationHeaders = process.env.PYRITE_NO_ISOLATION
  ? {}
  : {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };

// The worker imports the runtime's JS API from source once the lead's runtime/js/index.ts exists; until then a
// shim loads the prebuilt public/pyrite/pyodide.mjs at run time. webworker/tsconfig.json mirrors this fallback.
const runtimeSource = fromRoot('./runtime/js/index.ts');
const runtimeEntry = existsSync(runtimeSource) ? runtimeSource : fromRoot('./webworker/runtime/bundleShim.ts');

export default defineConfig({
  root: fromRoot('./app'),
  publicDir: fromRoot('./public'),
  // Relative URLs, so the build works from any folder of a static host.
  base: './',
  resolve: {
    alias: { '@pyrite/runtime': runtimeEntry },
  },
  server: {
    headers: isolationHeaders,
    fs: { allow: [fromRoot('.')] },
  },
  preview: {
    headers: isolationHeaders,
  },
  worker: {
    format: 'es',
  },
  build: {
    outDir: fromRoot('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        console: fromRoot('./app/index.html'),
        // The embeddable page (app/embed/README.md).
        embed: fromRoot('./app/embed.html'),
      },
    },
  },
});

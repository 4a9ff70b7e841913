// Vite builds the console page (app/) and the runtime worker (webworker/, bundled with runtime/js/).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
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

// Precompressed assets: the build writes NAME.br and NAME.gz next to each large file (brotli at its best quality,
// cached by content outside the work tree because it takes seconds), and the preview server sends them with
// Content-Encoding to clients that accept it. The runtime's wasm and stdlib zips are most of the download, and the
// stdlib zips are stored uncompressed precisely so that this compresses them well (bench/RESULTS.md).
const COMPRESSIBLE = new Set([
  '.wasm',
  '.zip',
  '.bin',
  '.mjs',
  '.js',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.map',
  '.ttf',
]);
const MIN_COMPRESS_BYTES = 1024;
const COMPRESS_CACHE = join(process.env.PYRITE_CACHE ?? join(homedir(), '.cache', 'pyrite'), 'precompress');
/** Cache entries unused for this long are deleted. */
const COMPRESS_CACHE_DAYS = 14;
const TYPES = {
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.bin': 'application/octet-stream',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ttf': 'font/ttf',
};

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

function compressed(data, kind) {
  const key = createHash('sha256').update(data).digest('hex');
  const cached = join(COMPRESS_CACHE, `${key}.${kind}`);
  if (existsSync(cached)) {
    const now = new Date();
    utimesSync(cached, now, now);
    return readFileSync(cached);
  }
  const out =
    kind === 'br'
      ? brotliCompressSync(data, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length },
        })
      : gzipSync(data, { level: 9 });
  mkdirSync(COMPRESS_CACHE, { recursive: true });
  writeFileSync(cached, out);
  return out;
}

function pruneCompressCache() {
  if (!existsSync(COMPRESS_CACHE)) return;
  const oldest = Date.now() - COMPRESS_CACHE_DAYS * 24 * 3600 * 1000;
  for (const file of filesUnder(COMPRESS_CACHE)) if (statSync(file).mtimeMs < oldest) rmSync(file);
}

function precompressedAssets() {
  let outDir = '';
  return {
    name: 'pyrite-precompressed-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.has(extname(file)) || statSync(file).size < MIN_COMPRESS_BYTES) continue;
        const data = readFileSync(file);
        writeFileSync(`${file}.br`, compressed(data, 'br'));
        writeFileSync(`${file}.gz`, compressed(data, 'gz'));
      }
      pruneCompressCache();
    },
  };
}

/** The preview server's half: NAME.br / NAME.gz for a client that accepts them. */
function servePrecompressed() {
  return {
    name: 'pyrite-serve-precompressed',
    configurePreviewServer(server) {
      const root = server.config.build.outDir;
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
        const type = TYPES[extname(file)];
        const accepted = String(req.headers['accept-encoding'] ?? '');
        const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
        const encoded = encoding && `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
        if (!type || !encoded || relative(root, file).startsWith(`..${sep}`) || !existsSync(encoded)) {
          next();
          return;
        }
        res.setHeader('Content-Type', type);
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Vary', 'Accept-Encoding');
        for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
        res.end(readFileSync(encoded));
      });
    },
  };
}

export default defineConfig({
  plugins: [precompressedAssets(), servePrecompressed()],
  root: fromRoot('./app'),
  // Two pages, not a single-page app: a file that does not exist is a 404, not index.html (a lesson reading a
  // misspelt data file with open_url or urllib got the app's HTML).
  appType: 'mpa',
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

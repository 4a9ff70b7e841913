/* global process, console, URL */
// A tiny static server for the benchmark: serves public/ at "/" (so the runtime
// is at /pyrite/) and bench/ at "/bench/", with the cross-origin isolation
// headers the app is deployed with (COOP/COEP), and counts the bytes it sends
// so that the benchmark can tell how much a page load downloaded.
//
// Caching: the runtimes, /pyrite/* and /pyodide/* (Pyodide 0.25.1, the
// comparison target of --pyodide), are sent with `Cache-Control: max-age=3600`
// (a second load is served from the browser's HTTP cache without a request, as
// behind a CDN with a cache lifetime); everything else with `no-cache`
// (revalidated with ETag, 304 when unchanged). Bodies are sent uncompressed
// (identity).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { pyodideCacheDir } from './pyodide-package.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
  '.py': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  // The app's own files, for console-ready.js.
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};
// Sent with a cache lifetime (the runtimes' files, also inside an app's folder), as a deployment would.
const LONG_CACHED = ['/pyrite/', '/pyodide/'];

/**
 * Starts the server on 127.0.0.1 (port 0 = any free port).
 * mounts: [[urlPrefix, folder], ...], longest prefix first.
 * Resolves with { url, port, stats, resetStats(), close() }.
 */
export async function startServer({ mounts, port = 0, log = false }) {
  const stats = { requests: 0, bytes: 0, notModified: 0, byPath: {} };
  const etags = new Map(); // path -> [mtimeMs, size, etag]

  async function etagFor(file, st) {
    const hit = etags.get(file);
    if (hit && hit[0] === st.mtimeMs && hit[1] === st.size) return hit[2];
    const data = await readFile(file);
    const tag = '"' + createHash('sha1').update(data).digest('hex').slice(0, 16) + '"';
    etags.set(file, [st.mtimeMs, st.size, tag]);
    return tag;
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      const mount = mounts.find(([prefix]) => path.startsWith(prefix));
      if (!mount || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(mount ? 405 : 404).end();
        return;
      }
      const [prefix, folder] = mount;
      const file = normalize(join(folder, path.slice(prefix.length)));
      if (!file.startsWith(normalize(folder + sep)) && file !== normalize(folder)) {
        res.writeHead(403).end();
        return;
      }
      let st;
      try {
        st = await stat(file);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}\n`);
        return;
      }
      if (!st.isFile()) {
        res.writeHead(404).end();
        return;
      }
      const etag = await etagFor(file, st);
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': LONG_CACHED.some((p) => path.includes(p)) ? 'max-age=3600' : 'no-cache',
        ETag: etag,
      };
      stats.requests++;
      if (req.headers['if-none-match'] === etag) {
        stats.notModified++;
        res.writeHead(304, headers).end();
        if (log) console.error(`304 ${path}`);
        return;
      }
      const data = await readFile(file);
      headers['Content-Length'] = String(data.length);
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      res.end(data);
      stats.bytes += data.length;
      stats.byPath[path] = (stats.byPath[path] ?? 0) + data.length;
      if (log) console.error(`200 ${path} ${data.length}`);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stats,
    resetStats() {
      stats.requests = 0;
      stats.bytes = 0;
      stats.notModified = 0;
      stats.byPath = {};
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// `node bench/server.js [port]`: serve for manual use (open /bench/page/;
// /pyodide/ too once `node bench/pyodide-package.js` has fetched it).
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url).pathname;
  const pyodide = pyodideCacheDir();
  const s = await startServer({
    mounts: [
      ['/bench/', join(root, 'bench')],
      ...(existsSync(pyodide) ? [['/pyodide/', pyodide]] : []),
      ['/', join(root, 'public')],
    ],
    port: Number(process.argv[2] ?? 8123),
    log: true,
  });
  console.log(`serving on ${s.url}/bench/page/`);
}

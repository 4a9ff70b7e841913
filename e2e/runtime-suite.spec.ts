import { expect, test } from '@playwright/test';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

// The runtime's Node test files (runtime/test/*.test.mjs), run unchanged in Chromium on a cross-origin isolated
// page: node:test and node:assert are small shims (runtime/test/browser/). Leak accounting runs around every test.

const root = fileURLToPath(new URL('..', import.meta.url));
const FILES = [
  'basics.test.mjs',
  'ffi.test.mjs',
  'async.test.mjs',
  'buffers.test.mjs',
  'faults.test.mjs',
  'console.test.mjs',
  'seed.test.mjs',
  'fatal.test.mjs',
];
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
};

let server: Server;
let base: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('the runtime test suite passes in Chromium, leak checks included', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${base}/runtime/test/browser/index.html?files=${FILES.join(',')}`);
  await page.waitForFunction(() => 'testResults' in window, null, { timeout: 170_000 });
  const results = (await page.evaluate(() => (window as unknown as { testResults: unknown }).testResults)) as {
    name: string;
    ok: boolean;
    error?: string;
  }[];
  const failed = results.filter((r) => !r.ok).map((r) => `${r.name}\n${r.error ?? ''}`);
  expect(failed, failed.join('\n\n')).toEqual([]);
  expect(results.length).toBeGreaterThan(70);
});

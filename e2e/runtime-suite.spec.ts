import { expect, test } from '@playwright/test';
import { startServer, type StaticServer } from '../bench/server.js';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from './support/chromium.js';

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
  'suspend.test.mjs',
  'stdlib.test.mjs',
  'turtle.test.mjs',
  'reentry.test.mjs',
  'snapshot.test.mjs',
  'stdio.test.mjs',
  'conversions_edge.test.mjs',
  'interrupt.test.mjs',
  'libc.test.mjs',
  'clock.test.mjs',
  'http.test.mjs',
];
let server: StaticServer;
// The lifetime tests check the garbage-collection backstop of PyProxies, which needs gc().
test.use({ launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] } });

test.beforeAll(async () => {
  // The repository root with the cross-origin isolation headers: runtime/test/ and public/pyrite/.
  server = await startServer({ mounts: [['/', root]] });
});

test.afterAll(async () => {
  await server.close();
});

test('the runtime test suite passes in Chromium, leak checks included', async ({ page }) => {
  // ~1 min on a quiet machine; a busy one (load average 10) has taken three.
  test.setTimeout(330_000);
  await page.goto(`${server.url}/runtime/test/browser/index.html?files=${FILES.join(',')}`);
  await page.waitForFunction(() => 'testResults' in window, null, { timeout: 320_000 });
  const results = (await page.evaluate(() => (window as unknown as { testResults: unknown }).testResults)) as {
    name: string;
    ok: boolean;
    error?: string;
  }[];
  const failed = results.filter((r) => !r.ok).map((r) => `${r.name}\n${r.error ?? ''}`);
  expect(failed, failed.join('\n\n')).toEqual([]);
  expect(results.length).toBeGreaterThan(70);
  // Chromium has JSPI: the suspending input()/time.sleep() tests ran, not their Node fallback.
  expect(results.filter((r) => r.name.includes('(JSPI)')).length).toBeGreaterThanOrEqual(13);
});

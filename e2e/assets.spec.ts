import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

// The build writes brotli/gzip copies of large files and the preview server sends them (vite.config.js), so the
// download sizes in bench/RESULTS.md are what a browser really fetches.
const raw = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../dist/pyrite/${name}`, import.meta.url)));

for (const [encoding, header] of [
  ['br', 'br, gzip'],
  ['gzip', 'gzip'],
] as const) {
  test(`the runtime's wasm, stdlib and snapshot are sent ${encoding}-compressed to a browser that accepts it`, async ({
    request,
  }) => {
    for (const name of ['pyrite_core.wasm', 'python_stdlib.zip', 'pyrite_snapshot.bin']) {
      const response = await request.get(`pyrite/${name}`, { headers: { 'accept-encoding': header } });
      expect(response.status()).toBe(200);
      expect(response.headers()['content-encoding']).toBe(encoding);
      expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
      const body = await response.body(); // decoded by the client
      expect(body.equals(raw(name))).toBe(true);
    }
  });
}

test('a client that accepts no compression gets the plain file', async ({ request }) => {
  const response = await request.get('pyrite/python_stdlib.zip', { headers: { 'accept-encoding': 'identity' } });
  expect(response.headers()['content-encoding']).toBeUndefined();
  expect((await response.body()).length).toBe(raw('python_stdlib.zip').length);
});

test("a file that does not exist is a 404, not the app's page (a misspelt data file must fail to open)", async ({
  request,
}) => {
  for (const path of ['data.csv', 'pyrite/nope.txt', 'lessons/missing/']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
  }
  for (const path of ['', 'index.html', 'embed.html', '?code=abc']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
  }
});

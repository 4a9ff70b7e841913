import { expect, test, type Page } from '@playwright/test';
import { runLine, screenshotAfterEach, useSharedConsole } from './support/consolePage';

// urllib.request and http.client in the console, over the browser's HTTP (runtime/python/_pyrite/browserhttp.py),
// and pyodide.http's pyfetch, over the browser's fetch (runtime/python/pyodide/http.py).
// The test answers an API's URLs itself, in the browser's network layer, with the CORS headers a public API sends.

const API = 'https://api.example.test';
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };

let page: Page;
useSharedConsole(
  (booted) => (page = booted),
  './',
  async (target) => {
    await target.route(`${API}/**`, async (route) => {
      const request = route.request();
      const path = new URL(request.url()).pathname;
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
      if (path === '/users/1') {
        return route.fulfill({ status: 200, headers: CORS, json: { id: 1, name: 'Ada' } });
      }
      if (path === '/echo') {
        const echoed = { method: request.method(), body: request.postData(), type: request.headers()['content-type'] };
        // A cross-origin response shows Python only the headers the server exposes, as the browser rules.
        const exposed = { 'x-echo': 'yes', 'x-hidden': 'no', 'access-control-expose-headers': 'x-echo' };
        return route.fulfill({ status: 201, headers: { ...CORS, ...exposed }, json: echoed });
      }
      return route.fulfill({ status: 404, headers: CORS, body: 'nothing here' });
    });
  },
);

screenshotAfterEach(() => page);

test('urllib.request.urlopen fetches JSON from an https API', async () => {
  expect(await runLine(page, 'import json, urllib.request')).toEqual([]);
  expect(await runLine(page, `json.load(urllib.request.urlopen("${API}/users/1"))`)).toEqual([
    "{'id': 1, 'name': 'Ada'}",
  ]);
});

test('a POST sends its body and headers, and the response has its status and headers', async () => {
  await runLine(
    page,
    `req = urllib.request.Request("${API}/echo", data=b'{"a": 1}', headers={"Content-Type": "application/json"})`,
  );
  expect(
    await runLine(page, 'r = urllib.request.urlopen(req); r.status, r.headers["x-echo"], r.headers["x-hidden"]'),
  ).toEqual(["(201, 'yes', None)"]);
  expect(await runLine(page, 'json.loads(r.read())')).toEqual([
    "{'method': 'POST', 'body': '{\"a\": 1}', 'type': 'application/json'}",
  ]);
});

test('an HTTP error status raises HTTPError, as in CPython', async () => {
  const lines = await runLine(page, `urllib.request.urlopen("${API}/missing")`);
  expect(lines.at(-1)).toBe('urllib.error.HTTPError: HTTP Error 404: Not Found');
  // The error the console reported is sys.last_value, as in CPython's REPL; it carries the response.
  expect(await runLine(page, 'import sys; e = sys.last_value; e.code, e.read()')).toEqual(["(404, b'nothing here')"]);
});

test('a server that cannot be reached is a URLError saying what the browser could not do', async () => {
  // (Responses the test makes up pass the browser's CORS check, so a refused connection stands for every failure.)
  const lines = await runLine(page, 'urllib.request.urlopen("http://127.0.0.1:1/")');
  expect(lines.slice(lines.findIndex((line) => line.startsWith('urllib.error.URLError'))).join('')).toBe(
    'urllib.error.URLError: <urlopen error the browser could not fetch http://127.0.0.1:1/: the server is ' +
      "unreachable, or it does not allow requests from this page's origin (CORS)>",
  );
});

test('http.client works directly too', async () => {
  expect(
    await runLine(
      page,
      `import http.client; c = http.client.HTTPSConnection("api.example.test"); c.request("GET", "/users/1"); r = c.getresponse(); r.status, r.reason, r.read()`,
    ),
  ).toEqual(['(200, \'OK\', b\'{"id":1,"name":"Ada"}\')']);
});

test("pyfetch at the prompt fetches one of the app's own files", async () => {
  const url = new URL('embed-example.html', page.url()).href;
  expect(await runLine(page, 'from pyodide.http import pyfetch')).toEqual([]);
  expect(
    await runLine(
      page,
      `r = await pyfetch(${JSON.stringify(url)}); r.ok, r.status, r.headers["content-type"].split(";")[0]`,
    ),
  ).toEqual(["(True, 200, 'text/html')"]);
  expect(await runLine(page, 'text = await r.text(); text[:14], "<title>Embedding Pyrite" in text')).toEqual([
    "('<!doctype html', True)",
  ]);
});

test('pyfetch sends its options to an API, reads JSON, and raise_for_status raises for an error status', async () => {
  const post = `r = await pyfetch("${API}/echo", method="POST", body='{"a": 1}', headers={"Content-Type": "application/json"})`;
  expect(await runLine(page, post)).toEqual([]);
  expect(await runLine(page, 'r.status, r.headers.get("x-echo"), await r.json()')).toEqual([
    "(201, 'yes', {'method': 'POST', 'body': '{\"a\": 1}', 'type': 'application/json'})",
  ]);
  const lines = await runLine(page, `(await pyfetch("${API}/missing")).raise_for_status()`);
  expect(lines.at(-1)).toBe(`OSError: 404 Client Error: Not Found for url: ${API}/missing`);
});

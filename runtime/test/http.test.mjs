// pyodide.http: pyfetch and FetchResponse over the host's fetch, and open_url. The host's fetch is replaced by a stub
// that records what it was given and answers with a Response the test makes (no network in the tests).
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { useRuntime } from "./harness.mjs";

describe("pyodide.http", () => {
  const ctx = useRuntime();
  const realFetch = globalThis.fetch;
  let calls;
  let answer;

  before(() => {
    globalThis.fetch = async (url, options) => {
      calls.push({ url, options });
      return answer(url, options);
    };
  });
  after(() => {
    globalThis.fetch = realFetch;
  });
  beforeEach(() => {
    calls = [];
    answer = () => new Response("hello", { status: 200, statusText: "OK" });
  });

  // Runs `code` in a namespace of its own, released after, so the test leaves no proxy behind.
  async function run(code) {
    const ns = ctx.py.runPython("{}");
    try {
      return await ctx.py.runPythonAsync(code, { globals: ns });
    } finally {
      ns.destroy();
    }
  }

  test("importing pyodide does not import pyodide.http; importing it, or reading pyodide.http, does", async () => {
    assert.equal(ctx.py.runPython("import sys\n'pyodide.http' in sys.modules"), false);
    assert.equal(ctx.py.runPython("import pyodide\n'pyodide.http' in sys.modules"), false);
    assert.equal(
      await run("import pyodide\nfrom pyodide.http import pyfetch\npyodide.http.pyfetch is pyfetch"),
      true,
    );
  });

  test("open_url is the same function as pyodide.open_url", async () => {
    assert.equal(await run("import pyodide, pyodide.http\npyodide.http.open_url is pyodide.open_url"), true);
  });

  test("pyfetch calls fetch with the URL and its keyword arguments as the options object", async () => {
    await run(`
from pyodide.http import pyfetch
await pyfetch("https://example.test/a", method="POST", headers={"Content-Type": "application/json"}, body='{"x": 1}')
await pyfetch("/b", method="PUT", body=b"\\x00\\xffbytes", credentials="include", cache="no-store")
await pyfetch("c");`);
    assert.equal(calls.length, 3);
    assert.equal(calls[0].url, "https://example.test/a");
    // A plain JS object, as fetch takes it (not a Map, not a proxy of the Python dict).
    assert.equal(Object.getPrototypeOf(calls[0].options), Object.prototype);
    assert.deepEqual(calls[0].options, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"x": 1}',
    });
    assert.equal(calls[1].url, "/b");
    assert.ok(calls[1].options.body instanceof Uint8Array);
    assert.deepEqual([...calls[1].options.body], [0, 255, ...new TextEncoder().encode("bytes")]);
    assert.equal(calls[1].options.credentials, "include");
    assert.equal(calls[1].options.cache, "no-store");
    assert.deepEqual(calls[2].options, {});
  });

  test("an option Python cannot convert to JS is a ConversionError, and nothing is fetched", async () => {
    await assert.rejects(run("from pyodide.http import pyfetch\nawait pyfetch('x', body=object())"), {
      type: "ConversionError",
    });
    assert.equal(calls.length, 0);
  });

  test("the response's properties: ok, status, status_text, url, redirected, type, headers, body_used", async () => {
    answer = () =>
      new Response("made", { status: 201, statusText: "Created", headers: { "X-Thing": "yes", "Content-Type": "text/x" } });
    const result = await run(`
from pyodide.http import pyfetch, FetchResponse
r = await pyfetch("https://example.test/new")
import json
json.dumps([isinstance(r, FetchResponse), r.ok, r.status, r.status_text, r.url, r.redirected, r.type, r.headers,
            r.body_used, await r.text(), r.body_used])`);
    // A Response made by a script has no URL of its own: url is then the one asked for.
    assert.deepEqual(JSON.parse(result), [
      true,
      true,
      201,
      "Created",
      "https://example.test/new",
      false,
      "default",
      { "x-thing": "yes", "content-type": "text/x" },
      false,
      "made",
      true,
    ]);
  });

  test("an error status is a response, not an exception: ok is False", async () => {
    answer = () => new Response("gone", { status: 404, statusText: "Not Found" });
    assert.equal(
      await run("from pyodide.http import pyfetch\nr = await pyfetch('x')\nf'{r.ok} {r.status} {await r.text()}'"),
      "False 404 gone",
    );
  });

  test("text(), string(), json(**kwargs), bytes(), memoryview() and buffer() read the body", async () => {
    answer = () => new Response('{"n": 1.5, "s": "é"}');
    const result = await run(`
from decimal import Decimal
from pyodide import JsProxy
from pyodide.http import pyfetch
r = await pyfetch("x")
texts = [await r.clone().text(), await r.clone().string()]
parsed = [await r.clone().json(), repr((await r.clone().json(parse_float=Decimal))["n"])]
raw = await r.clone().bytes()
view = await r.clone().memoryview()
buffer = await r.buffer()
[texts, parsed, raw, type(raw).__name__, type(view).__name__, bytes(view) == raw,
 isinstance(buffer, JsProxy), buffer.byteLength, bytes(buffer.to_py()) == raw]`);
    const [texts, parsed, raw, rawType, viewType, viewSame, isProxy, byteLength, bufferSame] = result.toJs();
    result.destroy();
    assert.deepEqual(texts, ['{"n": 1.5, "s": "é"}', '{"n": 1.5, "s": "é"}']);
    assert.deepEqual(parsed[0], new Map([["n", 1.5], ["s", "é"]]));
    assert.equal(parsed[1], "Decimal('1.5')");
    assert.deepEqual([...raw], [...new TextEncoder().encode('{"n": 1.5, "s": "é"}')]);
    assert.deepEqual([rawType, viewType, viewSame, isProxy, byteLength, bufferSame], [
      "bytes",
      "memoryview",
      true,
      true,
      raw.length,
      true,
    ]);
  });

  test("reading a body twice is an OSError; clone() first reads it twice", async () => {
    const result = await run(`
from pyodide.http import pyfetch
r = await pyfetch("x")
copy = r.clone()
first = await r.text()
try:
    await r.bytes()
    error = None
except OSError as e:
    error = str(e)
try:
    r.clone()
    clone_error = None
except OSError as e:
    clone_error = str(e)
[first, await copy.text(), r.body_used, error, clone_error]`);
    const [first, copied, used, error, cloneError] = result.toJs();
    result.destroy();
    assert.equal(first, "hello");
    assert.equal(copied, "hello");
    assert.equal(used, true);
    assert.match(error, /already read/);
    assert.match(cloneError, /already read/);
  });

  test("raise_for_status raises OSError for 4xx and 5xx with the status, its text and the URL, nothing otherwise", async () => {
    // (HTTP/2 responses have no status text: "/gone" has none, and the message names the status's usual one.)
    const statuses = {
      "/ok": [200, "OK"],
      "/moved": [304, "Not Modified"],
      "/missing": [404, "Not Found"],
      "/broken": [503, "Service Unavailable"],
      "/gone": [410, ""],
    };
    answer = (url) => new Response(null, { status: statuses[url][0], statusText: statuses[url][1] });
    const result = await run(`
from pyodide.http import pyfetch
messages = []
for url in ["/ok", "/moved", "/missing", "/broken", "/gone"]:
    r = await pyfetch(url)
    try:
        r.raise_for_status()
        messages.append(None)
    except OSError as e:
        messages.append(str(e))
messages`);
    assert.deepEqual(result.toJs(), [
      undefined,
      undefined,
      "404 Client Error: Not Found for url: /missing",
      "503 Server Error: Service Unavailable for url: /broken",
      "410 Client Error: Gone for url: /gone",
    ]);
    result.destroy();
  });

  test("a fetch that fails (no response) is an OSError carrying the JS error's message", async () => {
    answer = () => Promise.reject(new TypeError("Failed to fetch"));
    const result = await run(`
from pyodide.http import pyfetch
try:
    await pyfetch("https://unreachable.test/")
except OSError as e:
    error = e
[type(error).__name__, str(error), error.__suppress_context__]`);
    assert.deepEqual(result.toJs(), [
      "OSError",
      "could not fetch https://unreachable.test/: TypeError: Failed to fetch",
      true,
    ]);
    result.destroy();
  });

  test("unpack_archive unpacks a fetched archive, its format from the URL's file name or given", async () => {
    // The stub answers with the request's body: the test sends the archive it wants back.
    answer = (url, options) => new Response(options.body);
    const result = await run(`
import io, os, shutil, tarfile, zipfile
from pyodide.http import pyfetch
data = io.BytesIO()
with zipfile.ZipFile(data, "w") as z:
    z.writestr("pkg/hello.txt", "hi from the zip")
r = await pyfetch("https://example.test/files/archive.zip?v=2", method="POST", body=data.getvalue())
await r.unpack_archive(extract_dir="/tmp/unpacked-zip")
tar = io.BytesIO()
with tarfile.open(fileobj=tar, mode="w:gz") as t:
    info = tarfile.TarInfo("inside.txt")
    info.size = 3
    t.addfile(info, io.BytesIO(b"tar"))
r = await pyfetch("https://example.test/download", method="POST", body=tar.getvalue())
await r.unpack_archive(extract_dir="/tmp/unpacked-tar", format="gztar")
texts = [open("/tmp/unpacked-zip/pkg/hello.txt").read(), open("/tmp/unpacked-tar/inside.txt").read()]
shutil.rmtree("/tmp/unpacked-zip"); shutil.rmtree("/tmp/unpacked-tar")
texts`);
    assert.deepEqual(result.toJs(), ["hi from the zip", "tar"]);
    result.destroy();
  });
});

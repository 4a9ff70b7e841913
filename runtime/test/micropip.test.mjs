// micropip: pure-Python wheels installed from a package index. The index here is a local HTTP server in PyPI's JSON
// format (the real PyPI is not reachable from the test machine), with wheels made by the test.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { PythonError, useRuntime } from "./harness.mjs";

// Writes name-version-tag.whl files with a module `name` whose VERSION is the version, and the given Requires-Dist.
const MAKE_WHEELS = `
import json, sys, zipfile
out, specs = sys.argv[1], json.loads(sys.argv[2])
for name, version, tag, requires in specs:
    dist = f"{name}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n" + "".join(f"Requires-Dist: {r}\\n" for r in requires)
    with zipfile.ZipFile(f"{out}/{name}-{version}-{tag}.whl", "w") as z:
        z.writestr(f"{name}/__init__.py", f"VERSION = {version!r}\\n")
        z.writestr(f"{name}/data/table.txt", "x\\n")
        if name == "broken":
            continue  # no .dist-info folder: not a wheel
        z.writestr(f"{dist}/METADATA", meta)
        z.writestr(f"{dist}/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\n")
        z.writestr(f"{dist}/RECORD", "")
`;

const PURE = "py3-none-any";
const WHEELS = [
  ["alpha", "1.0", PURE, []],
  ["alpha", "2.0", PURE, ["beta>=1.1", 'gamma ; extra == "fast"', 'winonly ; sys_platform == "win32"']],
  ["alpha", "3.0b1", PURE, []],
  ["beta", "1.0", PURE, []],
  ["beta", "1.1", PURE, []],
  ["beta", "1.2", PURE, []],
  ["gamma", "1.0", "py2.py3-none-any", []],
  ["compiled", "1.0", "cp311-cp311-manylinux_2_17_x86_64", []],
  ["newer", "1.0", PURE, []],
  ["badhash", "1.0", PURE, []],
  ["needsmissing", "1.0", PURE, ["nosuchthing"]],
  ["direct", "0.5", PURE, ["gamma"]],
  ["latestonly", "0.3", PURE, []],
  ["broken", "1.0", PURE, []],
];

function startIndex(dir) {
  const byName = {};
  for (const [name, version, tag] of WHEELS) {
    const filename = `${name}-${version}-${tag}.whl`;
    const sha256 = createHash("sha256").update(readFileSync(join(dir, filename))).digest("hex");
    const file = {
      filename,
      url: `/files/${filename}`,
      packagetype: "bdist_wheel",
      digests: { sha256: name === "badhash" ? "0".repeat(64) : sha256 },
      requires_python: name === "newer" ? ">=3.12" : ">=3.7",
      yanked: name === "beta" && version === "1.2",
    };
    ((byName[name] ??= {})[version] ??= []).push(file);
  }
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${server.address().port}`;
    const project = /^\/pypi\/([^/]+)\/json$/.exec(req.url);
    if (project && byName[project[1]]) {
      const releases = Object.fromEntries(
        Object.entries(byName[project[1]]).map(([v, files]) => [v, files.map((f) => ({ ...f, url: base + f.url }))]),
      );
      res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      // One project's page has only its latest release's files, without the list of releases.
      const page =
        project[1] === "latestonly"
          ? { info: { name: project[1], version: "0.3" }, urls: releases["0.3"] }
          : { info: { name: project[1] }, releases };
      res.end(JSON.stringify(page));
      return;
    }
    const file = /^\/files\/([^/]+\.whl)$/.exec(req.url);
    if (file) {
      try {
        const body = readFileSync(join(dir, file[1]));
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(body);
        return;
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404);
    res.end("not found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("micropip", () => {
  const ctx = useRuntime();
  let dir;
  let server;
  let base;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "pyrite-wheels-"));
    execFileSync("python3.11", ["-c", MAKE_WHEELS, dir, JSON.stringify(WHEELS)]); // setup.sh installs python3.11
    server = await startIndex(dir);
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true });
  });

  // Runs `code` with micropip imported and the test index set; returns the trailing expression (JSON-able values).
  const run = async (code) => {
    ctx.py.globals.set("index_url", `${base}/pypi/{package_name}/json`);
    const r = await ctx.py.runPythonAsync(`import micropip\nmicropip.set_index_urls(index_url)\n${code}`);
    ctx.py.runPython("del index_url");
    return r;
  };
  // The error message a failed install raises (as Python's str of the exception).
  const failure = async (code) =>
    run(`try:\n    ${code}\nexcept Exception as e:\n    result = f"{type(e).__name__}: {e}"\nelse:\n    result = None\nresult`);
  const installed = async () => JSON.parse(await run("import json\njson.dumps({k: p.version for k, p in micropip.list().items()})"));
  const cleanUp = () =>
    ctx.py.runPython(
      "import sys, micropip\nmicropip.uninstall(list(micropip.list()))\nfor name in [m for m in sys.modules if m.split('.')[0] in ('alpha', 'beta', 'gamma', 'direct')]:\n    del sys.modules[name]\nglobals().pop('name', None)",
    );

  test("install takes the newest final release with a pure wheel, and its dependencies, and they import", async () => {
    try {
      await run("await micropip.install('alpha')");
      assert.deepEqual(await installed(), { alpha: "2.0", beta: "1.1" });
      assert.equal(ctx.py.runPython("import alpha, beta\nr = alpha.VERSION + ',' + beta.VERSION\ndel alpha, beta\nr"), "2.0,1.1");
      assert.equal(ctx.py.runPython("import importlib.metadata as m\nr = m.version('alpha')\ndel m\nr"), "2.0");
      assert.match(await run("repr(micropip.list())"), /^Name +\| Version \| Source\n[-+]+\nalpha +\| 2\.0 +\| micropip\nbeta /);
    } finally {
      cleanUp();
    }
  });

  test("an extra brings its dependencies, also for a package already installed", async () => {
    try {
      await run("await micropip.install('alpha')");
      assert.equal("gamma" in (await installed()), false);
      await run("await micropip.install('alpha[fast]')");
      assert.deepEqual(await installed(), { alpha: "2.0", beta: "1.1", gamma: "1.0" });
    } finally {
      cleanUp();
    }
  });

  test("version specifiers, pre=True, and a yanked release taken only when pinned", async () => {
    try {
      await run("await micropip.install(['alpha==1.0', 'Beta<1.1'])"); // asked for by its canonical name
      assert.deepEqual(await installed(), { alpha: "1.0", beta: "1.0" });
      cleanUp();
      await run("await micropip.install('alpha', pre=True)");
      assert.deepEqual(await installed(), { alpha: "3.0b1" });
      cleanUp();
      await run("await micropip.install('beta==1.2')");
      assert.deepEqual(await installed(), { beta: "1.2" });
    } finally {
      cleanUp();
    }
  });

  test("a package with compiled code, an unknown package and an unmatched version are clear errors", async () => {
    assert.match(
      await failure("await micropip.install('compiled')"),
      /^ValueError: Can't find a pure Python 3 wheel for 'compiled': compiled has compiled code/,
    );
    assert.match(await failure("await micropip.install('nosuch')"), /^ValueError: No package named 'nosuch' on the package index/);
    assert.match(await failure("await micropip.install('beta>=5')"), /^ValueError: No version of 'beta' matches '>=5'; the latest is 1\.2/);
    assert.match(await failure("await micropip.install('newer')"), /^ValueError: Can't find a pure Python 3 wheel for 'newer'.*needs a newer Python/);
    assert.match(
      await failure("await micropip.install('broken')"),
      /^ValueError: broken-1\.0-py3-none-any\.whl is not a wheel: it needs one \.dist-info folder at its top$/,
    );
    assert.match(await failure("await micropip.install('not a requirement!')"), /^InvalidRequirement: invalid requirement 'not a requirement!'/);
    assert.deepEqual(await installed(), {});
  });

  test("a failure installs nothing; keep_going reports every failure at once", async () => {
    assert.match(
      await failure("await micropip.install(['gamma', 'needsmissing'])"),
      /^ValueError: No package named 'nosuchthing'.*$/,
    );
    assert.deepEqual(await installed(), {});
    const all = await failure("await micropip.install(['badhash', 'compiled', 'gamma'], keep_going=True)");
    assert.match(all, /^ValueError: Can't install:\n- badhash-1\.0-py3-none-any\.whl from .* does not match the index's sha256 digest\n- Can't find a pure Python 3 wheel for 'compiled'/);
    assert.deepEqual(await installed(), {});
  });

  test("a requirement an installed version does not meet says how to replace it; reinstall=True does", async () => {
    try {
      await run("await micropip.install('beta')");
      assert.match(
        await failure("await micropip.install('beta==1.0')"),
        /'beta==1\.0' is not met by beta 1\.1, which is installed: micropip\.uninstall\('beta'\) first, or install with reinstall=True/,
      );
      await run("await micropip.install('beta==1.0', reinstall=True)");
      assert.deepEqual(await installed(), { beta: "1.0" });
      assert.equal(ctx.py.runPython("import os\nr = ','.join(sorted(os.listdir('/lib/python3.11/site-packages')))\ndel os\nr"), "beta,beta-1.0.dist-info");
    } finally {
      cleanUp();
    }
  });

  test("a wheel's URL installs directly, with its dependencies from the index", async () => {
    try {
      await run(`await micropip.install('${base}/files/direct-0.5-py3-none-any.whl')`);
      assert.deepEqual(await installed(), { direct: "0.5", gamma: "1.0" });
      assert.match(
        await failure(`await micropip.install('${base}/files/compiled-1.0-cp311-cp311-manylinux_2_17_x86_64.whl')`),
        /has compiled code/,
      );
      assert.match(await failure(`await micropip.install('${base}/files/gone-1.0-py3-none-any.whl')`), /^OSError: could not fetch .*HTTP 404/);
    } finally {
      cleanUp();
    }
  });

  test("an index page without the list of releases still gives its latest release", async () => {
    try {
      await run("await micropip.install('latestonly')");
      assert.deepEqual(await installed(), { latestonly: "0.3" });
    } finally {
      cleanUp();
    }
  });

  test("uninstall removes the files, so the package no longer imports", async () => {
    await run("await micropip.install('gamma')");
    ctx.py.runPython("import gamma\ndel gamma");
    cleanUp();
    assert.deepEqual(await installed(), {});
    assert.equal(ctx.py.runPython("import os\nr = ','.join(os.listdir('/lib/python3.11/site-packages'))\ndel os\nr"), "");
    assert.throws(() => ctx.py.runPython("import gamma"), (e) => e instanceof PythonError && e.type === "ModuleNotFoundError");
    assert.match(ctx.py.runPython("import io, contextlib\nf = io.StringIO()\nwith contextlib.redirect_stderr(f):\n    micropip.uninstall('gamma')\nr = f.getvalue()\ndel io, contextlib, f\nr"), /Skipping 'gamma': it is not installed/);
  });

  test("an index that cannot be reached is an OSError naming it", async () => {
    const r = await ctx.py.runPythonAsync(
      "import micropip\ntry:\n    await micropip.install('x', index_urls='http://127.0.0.1:1/simple')\nexcept OSError as e:\n    r = str(e)\nr",
    );
    assert.match(r, /^could not fetch the index page of 'x' from http:\/\/127\.0\.0\.1:1\/simple\/x\/json: /);
    ctx.py.runPython("del r");
    // Reported as pip reports it: the user's line and micropip.install, not micropip's inner frames.
    await assert.rejects(
      ctx.py.runPythonAsync("await micropip.install('x', index_urls='http://127.0.0.1:1/simple')"),
      (e) => e.message.split("\n").filter((line) => line.startsWith("  File ")).length === 2,
    );
  });

  test("loadPackage knows micropip", async () => {
    const errors = [];
    await ctx.py.loadPackage("micropip", () => {}, (m) => errors.push(m));
    assert.deepEqual(errors, []);
  });
});

describe("micropip's versions and requirements", () => {
  const ctx = useRuntime();

  test("versions order and specifiers match as PEP 440 says", () => {
    const r = ctx.py.runPython(`
from micropip._version import Version as V, SpecifierSet as S
order = ["1.0.dev1", "1.0a1", "1.0a2.dev1", "1.0b1", "1.0rc1", "1.0", "1.0+local", "1.0.post1.dev1", "1.0.post1", "1.1", "2!0.1"]
checks = [
    [str(v) for v in sorted(map(V, reversed(order)))] == order,
    V("1.0") == V("1.0.0"), str(V("1.0-1")) == "1.0.post1", str(V("v1.0RC1")) == "1.0rc1",
    [x for x in ["0.9", "1.0", "1.5", "2.0", "2.0rc1", "1.9rc1"] if S(">=1.0,<2").contains(V(x))] == ["1.0", "1.5"],
    S("~=1.4.2").contains(V("1.4.9")), not S("~=1.4.2").contains(V("1.5")),
    S("==1.4.*").contains(V("1.4")), not S("==1.4.*").contains(V("1.40")), S("!=1.4.*").contains(V("1.5")),
    not S(">1.7").contains(V("1.7.post1")), not S("<1.7").contains(V("1.7rc1"), True),
    S("==1.0").contains(V("1.0+abc")), not S("==1.0+abc").contains(V("1.0")),
    S(">=1.0rc1").contains(V("1.0rc2")),
]
del V, S
checks`);
    try {
      assert.deepEqual(r.toJs(), Array(15).fill(true));
    } finally {
      r.destroy();
    }
  });

  test("requirements parse, and markers are evaluated for CPython 3.11 on Emscripten", () => {
    const r = ctx.py.runPython(`
from micropip._requirement import Requirement as R
req = R('Foo_Bar[cli, Fast] (>=1.0,<2) ; python_version >= "3.8" and (sys_platform != "emscripten" or extra == "cli")')
checks = [
    req.key == "foo-bar", req.extras == {"cli", "fast"}, str(req.specifier) == ">=1.0,<2",
    not req.applies(), req.applies({"cli"}),
    R('x ; sys_platform == "emscripten" and platform_system == "Emscripten"').applies(),
    not R('x; python_version < "3.8"').applies(), R('x; python_full_version >= "3.11.0"').applies(),
    R('x; "emscripten" in sys_platform').applies(),
    R("pkg @ https://e.com/pkg-1.0-py3-none-any.whl").url == "https://e.com/pkg-1.0-py3-none-any.whl",
]
errors = []
for bad in ["", "x >= ", 'x; foo == "1"', "x ; python_version >"]:
    try:
        R(bad).applies()
    except ValueError as e:
        errors.append(str(e))
del R, req, bad
[checks, errors]`);
    try {
      const [checks, errors] = r.toJs();
      assert.deepEqual(checks, Array(10).fill(true));
      assert.deepEqual(errors, [
        "invalid requirement: ''",
        "invalid requirement 'x >= ': invalid version specifier: '>='",
        "invalid marker 'foo == \"1\"': unknown variable 'foo'",
        "invalid marker: 'python_version >'",
      ]);
    } finally {
      r.destroy();
      ctx.py.runPython("del checks, errors");
    }
  });
});

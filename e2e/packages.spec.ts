import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runLine, screenshotAfterEach, useSharedConsole } from './support/consolePage';

// Installing a package from PyPI in the console, as a user does. PyPI is not reachable from the test machine, so the
// test answers PyPI's and its file host's URLs itself (with the CORS header they send), from inside the browser's
// network layer: the worker's own fetch() goes out as it would to the real PyPI.

const WHEEL_NAME = 'snowball-1.0-py3-none-any.whl';
const MAKE_WHEEL = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("snowball/__init__.py", "def greet():\\n    return 'hello from snowball'\\n")
    z.writestr("snowball-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: snowball\\nVersion: 1.0\\n")
    z.writestr("snowball-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\n")
    z.writestr("snowball-1.0.dist-info/RECORD", "")
`;
const CORS = { 'access-control-allow-origin': '*' };

/** The test's wheel, made with this machine's Python (zipfile). */
function makeWheel(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'pyrite-e2e-wheel-'));
  try {
    execFileSync('python3', ['-c', MAKE_WHEEL, join(dir, WHEEL_NAME)]);
    return readFileSync(join(dir, WHEEL_NAME));
  } finally {
    rmSync(dir, { recursive: true });
  }
}

/** Answers PyPI's JSON API for `snowball` (404 for every other name) and its file host's URL of the wheel. */
async function routePyPI(target: Page): Promise<void> {
  const wheel = makeWheel();
  const fileUrl = `https://files.pythonhosted.org/packages/ab/cd/${WHEEL_NAME}`;
  const sha256 = createHash('sha256').update(wheel).digest('hex');
  await target.route('https://pypi.org/pypi/**', (route) => {
    const known = route.request().url() === 'https://pypi.org/pypi/snowball/json';
    const releases = {
      '1.0': [{ filename: WHEEL_NAME, url: fileUrl, packagetype: 'bdist_wheel', digests: { sha256 }, yanked: false }],
    };
    return known
      ? route.fulfill({ status: 200, headers: CORS, json: { info: { name: 'snowball' }, releases } })
      : route.fulfill({ status: 404, headers: CORS, body: 'Not Found' });
  });
  await target.route(fileUrl, (route) => route.fulfill({ status: 200, headers: CORS, body: wheel }));
}

let page: Page;
useSharedConsole((booted) => (page = booted), './', routePyPI);

screenshotAfterEach(() => page);

test('a package from PyPI installs with micropip at the prompt and imports', async () => {
  expect(await runLine(page, 'import micropip')).toEqual([]);
  expect(await runLine(page, 'await micropip.install("snowball")')).toEqual([]);
  expect(await runLine(page, 'import snowball; snowball.greet()')).toEqual(["'hello from snowball'"]);
  expect(await runLine(page, 'micropip.list()')).toEqual([
    'Name     | Version | Source',
    '---------+---------+---------',
    'snowball | 1.0     | micropip',
  ]);
});

test('a package PyPI does not have is a clear error, and the session goes on', async () => {
  const lines = await runLine(page, 'await micropip.install("no-such-package-xyz")');
  expect(lines.at(-1)).toBe(
    "ValueError: No package named 'no-such-package-xyz' on the package index " +
      '(https://pypi.org/pypi/no-such-package-xyz/json: not found)',
  );
  expect(await runLine(page, 'snowball.greet()')).toEqual(["'hello from snowball'"]);
});

test('pip install typed at the prompt is a SyntaxError that says how to install here', async () => {
  const lines = await runLine(page, 'pip install -U snowball');
  expect(lines).toContain('SyntaxError: invalid syntax');
  expect(lines.slice(-3)).toEqual([
    'pip is a command for a shell, not Python. To install packages of Python code from PyPI here, run:',
    '    import micropip',
    "    await micropip.install('snowball')",
  ]);
});

test('importing a module that is not here suggests micropip, unless it is part of the standard library', async () => {
  expect((await runLine(page, 'import no_such_module_xyz')).slice(-4)).toEqual([
    "ModuleNotFoundError: No module named 'no_such_module_xyz'",
    "If 'no_such_module_xyz' is a package of Python code on PyPI, install it first:",
    '    import micropip',
    "    await micropip.install('no_such_module_xyz')",
  ]);
  // tkinter is in the standard library, though not in this build: PyPI has nothing to offer for it.
  expect((await runLine(page, 'import tkinter')).at(-1)).toBe("ModuleNotFoundError: No module named 'tkinter'");
  expect((await runLine(page, 'import json.nope')).at(-1)).toBe("ModuleNotFoundError: No module named 'json.nope'");
});

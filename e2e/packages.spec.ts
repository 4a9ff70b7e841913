import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  BOOT_TIMEOUT,
  readLines,
  runLine,
  screenshotAfterEach,
  typeLine,
  useSharedConsole,
} from './support/consolePage';

// Installing a package from PyPI in the console, as a user does. PyPI is not reachable from the test machine, so the
// test answers PyPI's and its file host's URLs itself (with the CORS header they send), from inside the browser's
// network layer: the worker's own fetch() goes out as it would to the real PyPI.

// Two wheels: `snowball`, and a `tzdata` laid out as the real one is (tzdata/zoneinfo/<Area>/<City>, packages all
// the way down), holding one zone: a TZif file (version 1) for a fixed UTC+1 named CET.
const MAKE_WHEELS = `
import struct, sys, zipfile

def wheel(name, version, files):
    with zipfile.ZipFile(f"{sys.argv[1]}/{name}-{version}-py3-none-any.whl", "w") as z:
        for path, data in files.items():
            z.writestr(path, data)
        info = f"{name}-{version}.dist-info"
        z.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n")
        z.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\n")
        z.writestr(f"{info}/RECORD", "")

wheel("snowball", "1.0", {"snowball/__init__.py": "def greet():\\n    return 'hello from snowball'\\n"})
tzif = b"TZif" + b"\\0" * 16 + struct.pack(">6l", 0, 0, 0, 0, 1, 4) + struct.pack(">lBB", 3600, 0, 0) + b"CET\\0"
wheel("tzdata", "2024.1", {
    "tzdata/__init__.py": "", "tzdata/zoneinfo/__init__.py": "", "tzdata/zoneinfo/Europe/__init__.py": "",
    "tzdata/zoneinfo/Europe/Paris": tzif,
})
`;
const WHEELS = { snowball: '1.0', tzdata: '2024.1' };
const CORS = { 'access-control-allow-origin': '*' };

/** The test's wheels by project name, made with this machine's Python (zipfile). */
function makeWheels(): Record<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'pyrite-e2e-wheel-'));
  try {
    execFileSync('python3.11', ['-c', MAKE_WHEELS, dir]); // scripts/setup.sh installs python3.11, not python3
    return Object.fromEntries(
      Object.entries(WHEELS).map(([name, version]) => [name, readFileSync(join(dir, wheelName(name, version)))]),
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
}

const wheelName = (name: string, version: string) => `${name}-${version}-py3-none-any.whl`;
const fileUrl = (name: string, version: string) =>
  `https://files.pythonhosted.org/packages/ab/cd/${wheelName(name, version)}`;

/** Answers PyPI's JSON API for the test's projects (404 for every other name) and its file host's URLs of them. */
async function routePyPI(target: Page): Promise<void> {
  const wheels = makeWheels();
  await target.route('https://pypi.org/pypi/**', (route) => {
    const name = /^https:\/\/pypi\.org\/pypi\/([^/]+)\/json$/.exec(route.request().url())?.[1] ?? '';
    const wheel = wheels[name];
    if (!(name in WHEELS) || !wheel) return route.fulfill({ status: 404, headers: CORS, body: 'Not Found' });
    const version = WHEELS[name as keyof typeof WHEELS];
    const sha256 = createHash('sha256').update(wheel).digest('hex');
    const file = { filename: wheelName(name, version), url: fileUrl(name, version), packagetype: 'bdist_wheel' };
    const releases = { [version]: [{ ...file, digests: { sha256 }, yanked: false }] };
    return route.fulfill({ status: 200, headers: CORS, json: { info: { name }, releases } });
  });
  for (const [name, version] of Object.entries(WHEELS)) {
    await target.route(fileUrl(name, version), (route) =>
      route.fulfill({ status: 200, headers: CORS, body: wheels[name] }),
    );
  }
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
  const tkinter = await runLine(page, 'import tkinter');
  expect(tkinter).toContain("ModuleNotFoundError: No module named 'tkinter'");
  expect(tkinter).not.toContain('    import micropip');
  expect((await runLine(page, 'import json.nope')).at(-1)).toBe("ModuleNotFoundError: No module named 'json.nope'");
});

test('zoneinfo without its database says to install tzdata, and works once it is installed', async () => {
  expect((await runLine(page, 'import zoneinfo; zoneinfo.ZoneInfo("Europe/Paris")')).slice(-4)).toEqual([
    "zoneinfo._common.ZoneInfoNotFoundError: 'No time zone found with key Europe/Paris'",
    'The time zone database is not included here. Install it first:',
    '    import micropip',
    "    await micropip.install('tzdata')",
  ]);
  expect(await runLine(page, "await micropip.install('tzdata')")).toEqual([]);
  expect(
    await runLine(
      page,
      'from datetime import datetime; datetime(2024, 1, 1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")).tzname()',
    ),
  ).toEqual(["'CET'"]);
});

test('installed packages are back in the fresh Python after exit(), and an uninstall is remembered too', async () => {
  await typeLine(page, 'exit()');
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('started a fresh Python');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  expect(await runLine(page, 'import snowball; snowball.greet()')).toEqual(["'hello from snowball'"]);
  expect(await runLine(page, 'import micropip; micropip.uninstall("snowball")')).toEqual([]);
  await typeLine(page, 'exit()');
  await expect.poll(async () => (await readLines(page)).join('\n').split('started a fresh Python').length).toBe(3);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  expect(await runLine(page, 'import snowball')).toContain("ModuleNotFoundError: No module named 'snowball'");
  expect(await runLine(page, 'import tzdata; "kept"')).toEqual(["'kept'"]);
});

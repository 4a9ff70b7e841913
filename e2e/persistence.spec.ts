import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, readLines, runLine, screenshotAfterEach, useSharedConsole } from './support/consolePage';

// The console page keeps the user's work across reloads (app/client/persistence.ts, IndexedDB): the packages installed
// with micropip and the files of Python's working folder, put back before the prompt, and "Erase my data" takes them
// away. PyPI is answered from inside the browser's network layer, as in packages.spec.ts.

const MAKE_WHEEL = `
import sys, zipfile
with zipfile.ZipFile(f"{sys.argv[1]}/snowball-1.0-py3-none-any.whl", "w") as z:
    z.writestr("snowball/__init__.py", "def greet():\\n    return 'hello from snowball'\\n")
    z.writestr("snowball-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: snowball\\nVersion: 1.0\\n")
    z.writestr("snowball-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\n")
    z.writestr("snowball-1.0.dist-info/RECORD", "")
`;
const CORS = { 'access-control-allow-origin': '*' };
const WHEEL_URL = 'https://files.pythonhosted.org/packages/ab/cd/snowball-1.0-py3-none-any.whl';

/** Answers PyPI's JSON API for `snowball` (404 for any other name) and its file host's URL of the wheel. */
async function routePyPI(target: Page): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pyrite-e2e-wheel-'));
  let wheel: Buffer;
  try {
    execFileSync('python3.11', ['-c', MAKE_WHEEL, dir]);
    wheel = readFileSync(join(dir, 'snowball-1.0-py3-none-any.whl'));
  } finally {
    rmSync(dir, { recursive: true });
  }
  await target.route('https://pypi.org/pypi/**', (route) => {
    if (!route.request().url().endsWith('/pypi/snowball/json')) {
      return route.fulfill({ status: 404, headers: CORS, body: 'Not Found' });
    }
    const file = { filename: 'snowball-1.0-py3-none-any.whl', url: WHEEL_URL, packagetype: 'bdist_wheel' };
    const sha256 = createHash('sha256').update(wheel).digest('hex');
    const releases = { '1.0': [{ ...file, digests: { sha256 }, yanked: false }] };
    return route.fulfill({ status: 200, headers: CORS, json: { info: { name: 'snowball' }, releases } });
  });
  await target.route(WHEEL_URL, (route) => route.fulfill({ status: 200, headers: CORS, body: wheel }));
}

/** What the page has stored for the next visit: the files' paths and the packages named with the archive. */
function storedWork(page: Page): Promise<{ files: string[]; packages: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ files: string[]; packages: string[] }>((resolve, reject) => {
        const request = indexedDB.open('pyrite:console:workspace');
        request.onerror = () => reject(request.error ?? new Error('open failed'));
        request.onsuccess = () => {
          const database = request.result;
          const transaction = database.transaction(['files', 'packages'], 'readonly');
          const files = transaction.objectStore('files').getAllKeys();
          const archive = transaction.objectStore('packages').get('site-packages') as IDBRequest<
            { packages: string[] } | undefined
          >;
          transaction.oncomplete = () => {
            database.close();
            resolve({ files: files.result.map(String).sort(), packages: archive.result?.packages ?? [] });
          };
        };
      }),
  );
}

/** The text of a file the page has stored for the next visit, or null. */
function storedText(page: Page, path: string): Promise<string | null> {
  return page.evaluate(
    (key) =>
      new Promise<string | null>((resolve, reject) => {
        const request = indexedDB.open('pyrite:console:workspace');
        request.onerror = () => reject(request.error ?? new Error('open failed'));
        request.onsuccess = () => {
          const database = request.result;
          const file = database.transaction('files', 'readonly').objectStore('files').get(key) as IDBRequest<
            { data: ArrayBuffer } | undefined
          >;
          file.onsuccess = () => {
            database.close();
            resolve(file.result ? new TextDecoder().decode(file.result.data) : null);
          };
        };
      }),
    path,
  );
}

/** The terminal's text as logical lines: rows the terminal wrapped are joined again. */
function screenLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const buffer = window.term.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < buffer.length; row++) {
      const line = buffer.getLine(row);
      const text = line?.translateToString(true) ?? '';
      if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    return lines.map((text) => text.trimEnd());
  });
}

/** Waits for Python and its prompt after a load (the page loads again by itself after Erase my data). */
async function consoleReady(page: Page): Promise<void> {
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await consoleReady(page);
}

const ERASED_LINE =
  "Erased what this browser kept for the console: your input history, the editor's code, files and packages.";

test.describe('a page whose browser keeps its storage', () => {
  let page: Page;
  useSharedConsole((booted) => (page = booted), './', routePyPI);
  screenshotAfterEach(() => page);

  test('an installed package and the files a program wrote come back after a reload, and the console says so', async () => {
    expect(await runLine(page, 'import micropip; await micropip.install("snowball")')).toEqual([]);
    expect(await runLine(page, 'open("notes.txt", "w", encoding="utf-8").write("kept ✓")')).toEqual(['6']);
    const nested = 'import os; os.makedirs("out", exist_ok=True); open("out/result.csv", "w").write("a,b\\n")';
    expect(await runLine(page, nested)).toEqual(['4']);
    // Stored for the next visit (the page writes IndexedDB after the run's reply; a reload must not race it).
    await expect
      .poll(() => storedWork(page))
      .toEqual({ files: ['notes.txt', 'out/result.csv'], packages: ['snowball 1.0'] });

    await reload(page);
    expect(await screenLines(page)).toContain('Restored from your last visit: 2 files, 1 package (snowball 1.0).');
    // No install ran: the import works only because the package was put back.
    expect(await runLine(page, 'import snowball; snowball.greet()')).toEqual(["'hello from snowball'"]);
    expect(await runLine(page, 'open("notes.txt", encoding="utf-8").read(), open("out/result.csv").read()')).toEqual([
      "('kept ✓', 'a,b\\n')",
    ]);
  });

  test('an uploaded file is kept, and a file deleted is gone after a reload', async () => {
    await page.locator('#upload-input').setInputFiles({
      name: 'data.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x,y\n3,4\n'),
    });
    await expect.poll(() => screenLines(page)).toContain('Uploaded data.csv (8 bytes) to /home/pyodide/data.csv');
    expect(await runLine(page, 'import os; os.remove("out/result.csv")')).toEqual([]);
    await expect.poll(() => storedWork(page)).toEqual({ files: ['data.csv', 'notes.txt'], packages: ['snowball 1.0'] });

    await reload(page);
    expect(await screenLines(page)).toContain('Restored from your last visit: 2 files, 1 package (snowball 1.0).');
    // Files are kept, not folders: the emptied `out` is not made again.
    expect(await runLine(page, 'import os; sorted(os.listdir())')).toEqual(["['data.csv', 'notes.txt']"]);
    expect(await runLine(page, 'open("data.csv").read()')).toEqual(["'x,y\\n3,4\\n'"]);
  });

  test('a file rewritten at the same size within the same second is stored in its last version', async () => {
    // The file system keeps times to the second: the first write comes at the start of a second (a busy wait), and
    // the second one, typed right after the prompt, most likely within it, leaving size and time as they were.
    expect(await runLine(page, 'import time; w = lambda s: open("same.txt", "w").write(s)')).toEqual([]);
    const aligned = 't = int(time.time()) + 1; any(time.time() >= t for _ in iter(int, 1)); w("v1")';
    expect(await runLine(page, aligned)).toEqual(['True', '2']);
    expect(await runLine(page, 'w("v2")')).toEqual(['2']);
    await expect.poll(() => storedText(page, 'same.txt')).toBe('v2');
    expect(await runLine(page, 'import os; os.remove("same.txt")')).toEqual([]);
    await expect.poll(() => storedText(page, 'same.txt')).toBeNull();
  });

  test('a file over the size cap is not kept, and the console says so once', async () => {
    const notice =
      'Not kept for your next visit: big.bin (21 MB). Files over 20 MB, or beyond 50 MB or 1000 files in all, are ' +
      'not kept.';
    // The notice comes after the run's reply, above the next prompt: only the run's own output is checked here.
    expect((await runLine(page, 'open("big.bin", "wb").write(bytes(21_000_000))'))[0]).toBe('21000000');
    await expect.poll(() => screenLines(page)).toContain(notice);
    expect((await runLine(page, 'open("small.txt", "w").write("ok")'))[0]).toBe('2');
    await expect
      .poll(() => storedWork(page))
      .toEqual({ files: ['data.csv', 'notes.txt', 'small.txt'], packages: ['snowball 1.0'] });
    expect((await screenLines(page)).filter((line) => line === notice)).toHaveLength(1);

    await reload(page);
    expect(await runLine(page, 'import os; os.path.exists("big.bin"), os.path.exists("small.txt")')).toEqual([
      '(False, True)',
    ]);
  });

  test('Erase my data asks first (Escape keeps everything), then erases it all and starts afresh', async () => {
    await page.locator('#toggle-editor').click(); // the editor saves its text as the page goes, too
    await expect(page.locator('.editor-pane')).toHaveAttribute('data-ready', 'true');
    await page.evaluate(() => window.pyriteWorkbench?.setCode('secret = 42'));
    await expect.poll(() => page.evaluate(() => localStorage.getItem('pyrite:editor:code'))).toBe('secret = 42');
    expect(await page.evaluate(() => localStorage.getItem('pyrite:console:history'))).not.toBeNull();

    // By keyboard: the button opens the dialog with Cancel focused, so Enter alone never erases; Escape closes it.
    await page.locator('#erase-data').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog.erase-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect((await storedWork(page)).files).toEqual(['data.csv', 'notes.txt', 'small.txt']);

    await page.locator('#erase-data').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Erase' })).toBeFocused();
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await reloaded;
    await consoleReady(page);
    await expect.poll(() => screenLines(page)).toContain(ERASED_LINE);
    expect((await screenLines(page)).some((line) => line.startsWith('Restored from your last visit'))).toBe(false);
    expect(await storedWork(page)).toEqual({ files: [], packages: [] });
    expect(await page.evaluate(() => localStorage.getItem('pyrite:console:history'))).toBeNull();
    expect(await page.evaluate(() => window.pyriteWorkbench?.code())).not.toContain('secret = 42');

    // And after one more reload, nothing comes back either.
    await reload(page);
    expect(await page.evaluate(() => localStorage.getItem('pyrite:editor:code'))).not.toBe('secret = 42');
    expect((await screenLines(page)).some((line) => line.startsWith('Restored from your last visit'))).toBe(false);
    expect(await runLine(page, 'import snowball')).toContain("ModuleNotFoundError: No module named 'snowball'");
    expect(await runLine(page, 'import os; os.listdir()')).toEqual(['[]']);
  });
});

test.describe('a page whose browser refuses storage', () => {
  let page: Page;
  useSharedConsole(
    (booted) => (page = booted),
    './',
    async (target) => {
      await target.addInitScript(() => {
        // As in a sandboxed frame or under strict privacy settings: reading indexedDB throws.
        Object.defineProperty(window, 'indexedDB', {
          get() {
            throw new DOMException('The user denied permission to access the database.', 'SecurityError');
          },
        });
      });
    },
  );
  screenshotAfterEach(() => page);

  test('starts as usual, and says once that files are kept for this page only', async () => {
    const lines = await screenLines(page);
    expect(lines.filter((line) => /storage|kept|Restored/u.test(line))).toEqual([]);
    const notice =
      'This browser does not let the page keep your files and packages for your next visit; they last until the ' +
      'page is closed.';
    expect((await runLine(page, 'open("a.txt", "w").write("a")'))[0]).toBe('1');
    await expect.poll(() => screenLines(page)).toContain(notice);
    expect((await runLine(page, 'open("b.txt", "w").write("b")'))[0]).toBe('1');
    expect(await runLine(page, 'open("a.txt").read() + open("b.txt").read()')).toEqual(["'ab'"]);
    expect((await screenLines(page)).filter((line) => line === notice)).toHaveLength(1);
  });
});

import { expect, test, type Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '../webworker/protocol';
import {
  currentLine,
  readLines,
  runLine,
  screenshotAfterEach,
  typeKeys,
  useSharedConsole,
} from './support/consolePage';

// Files into Python: the Upload button and files dropped on the console (app/ui/FileUpload.ts).

let page: Page;
useSharedConsole((booted) => (page = booted));
screenshotAfterEach(() => page);

test('an uploaded file lands in the working folder, said above the line being typed, which stays', async () => {
  await typeKeys(page, 'x = 4');
  await page.locator('#upload-input').setInputFiles({
    name: 'data.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a,b\n1,2\n'),
  });
  await expect
    .poll(async () => (await readLines(page)).slice(-2))
    .toEqual(['Uploaded data.csv (8 bytes) to /home/pyodide/data.csv', '>>> x = 4']);
  // The cursor is where it was: typing goes on at the end of the line.
  await typeKeys(page, '2');
  await expect.poll(() => currentLine(page)).toBe('>>> x = 42');
  await page.keyboard.press('Enter');
  expect(await runLine(page, 'open("data.csv").read(), x')).toEqual(["('a,b\\n1,2\\n', 42)"]);
});

test('a file dropped on the console is uploaded too', async () => {
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['dropped ✓'], 'notes.txt', { type: 'text/plain' }));
    const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
    const target = document.getElementById('terminal');
    target?.dispatchEvent(new DragEvent('dragover', init));
    target?.dispatchEvent(new DragEvent('drop', init));
  });
  await expect
    .poll(async () => (await readLines(page)).at(-2))
    .toBe('Uploaded notes.txt (11 bytes) to /home/pyodide/notes.txt');
  expect(await runLine(page, 'open("notes.txt", encoding="utf-8").read()')).toEqual(["'dropped ✓'"]);
});

test('an upload that cannot be written says why, and the session goes on', async () => {
  await runLine(page, 'import os; os.mkdir("taken")');
  await page
    .locator('#upload-input')
    .setInputFiles({ name: 'taken', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect
    .poll(async () => (await readLines(page)).at(-2))
    .toBe("taken was not uploaded: IsADirectoryError: [Errno 31] Is a directory: '/home/pyodide/taken'");
  expect(await runLine(page, 'x')).toEqual(['42']);
});

test('Download lists the files Python wrote and saves the one chosen', async () => {
  expect(await runLine(page, 'open("out.txt", "w").write("results: 42\\n")')).toEqual(['12']);
  await page.locator('#download').click();
  const item = page.locator('.file-menu [role="menuitem"][data-name="out.txt"]');
  await expect(item).toHaveText('out.txt (12 bytes)');
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toBe('out.txt');
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('results: 42\n');
  await expect(page.locator('.file-menu')).toHaveCount(0);
});

/** The data-name of each item of the open Download menu, in order. */
function menuNames(page: Page): Promise<string[]> {
  return page
    .locator('.file-menu [role="menuitem"][data-name]')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.name ?? ''));
}

test('Download lists the files of subfolders by their paths, top-level files first, and saves one under its own name', async () => {
  // Lines short enough not to wrap in the terminal (runLine finds the line typed).
  await runLine(page, 'import os; md = lambda p: os.makedirs(p, exist_ok=True)');
  await runLine(page, 'md("output/z"); md("sub/dir"); md("__pycache__"); md("empty")');
  await runLine(page, 'w = lambda p, t: open(p, "w").write(t)');
  await runLine(page, 'w("output/results.csv", "a,b\\n1,2\\n"); w("output/z/deeper.txt", "z")');
  await runLine(page, 'w("sub/dir/deep.csv", "deep"); w("__pycache__/m.pyc", "")');
  // Links are not followed: neither one to a file outside nor one to a folder is listed.
  await runLine(page, 'w("/tmp/outside.txt", "not yours"); os.symlink("/tmp/outside.txt", "link.txt")');
  await runLine(page, 'os.symlink("/tmp", "tmplink")');
  await page.locator('#download').click();
  await expect(page.locator('.file-menu [role="menuitem"][data-name="sub/dir/deep.csv"]')).toHaveText(
    'sub/dir/deep.csv (4 bytes)',
  );
  // What the earlier tests wrote is at the top; then folder by folder, a folder's files before its subfolders'.
  expect(await menuNames(page)).toEqual([
    'data.csv',
    'notes.txt',
    'out.txt',
    'output/results.csv',
    'output/z/deeper.txt',
    'sub/dir/deep.csv',
  ]);
  await expect(page.locator('.file-menu-note')).toHaveCount(0);
  const item = page.locator('.file-menu [role="menuitem"][data-name="output/results.csv"]');
  await expect(item).toHaveText('output/results.csv (8 bytes)');
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toBe('results.csv');
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('a,b\n1,2\n');
  await expect(page.locator('.file-menu')).toHaveCount(0);
});

test('the worker refuses to read a path out of the working folder, and reads one inside it', async () => {
  const workerURL = page
    .workers()
    .find((worker) => /\/assets\/worker-[\w-]+\.js$/.test(worker.url()))
    ?.url();
  expect(workerURL).toBeDefined();
  const outside = [
    '/tmp/secret.txt',
    '../../tmp/secret.txt',
    'sub/../../../tmp/secret.txt',
    'link.txt',
    'tmp/secret.txt',
  ];
  const setUp =
    'import os\nos.makedirs("sub", exist_ok=True)\nopen("sub/inside.txt", "w").write("inside")\n' +
    'open("/tmp/secret.txt", "w").write("secret")\nos.symlink("/tmp/secret.txt", "link.txt")\nos.symlink("/tmp", "tmp")\n';
  // A second worker from the console's script, driven by hand: its own Python, so the test sends what the page never
  // would. Replies are gathered by id; events are left out.
  const replies = await page.evaluate(
    async ({ url, protocolVersion, indexURL, setUp, names }) => {
      const worker = new Worker(url, { type: 'module' });
      const byId = new Map<number, (reply: Record<string, unknown>) => void>();
      worker.addEventListener('message', (event: MessageEvent<Record<string, unknown>>) => {
        if (typeof event.data.id === 'number') byId.get(event.data.id)?.(event.data);
      });
      let next = 1;
      const request = (message: Record<string, unknown>) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const id = next++;
          byId.set(id, resolve);
          worker.postMessage({ ...message, id });
        });
      const ready = await request({
        kind: 'init',
        protocolVersion,
        indexURL,
        interruptBuffer: null,
        stdinBuffer: null,
        stdinURL: null,
        jspi: false,
      });
      const ran = await request({ kind: 'run', code: setUp, mode: 'exec' });
      const refused = [];
      for (const name of names) {
        const reply = await request({ kind: 'read-file', name });
        const error = reply.error as { kind?: string; type?: string; message?: string } | undefined;
        refused.push({
          kind: reply.kind,
          error: error && { kind: error.kind, type: error.type, message: error.message },
        });
      }
      const read = await request({ kind: 'read-file', name: 'sub/inside.txt' });
      const listed = await request({ kind: 'list-files' });
      worker.terminate();
      return {
        ready: ready.kind,
        ran: ran.kind,
        refused,
        read: { kind: read.kind, name: read.name, text: new TextDecoder().decode(read.data as ArrayBuffer) },
        listed: (listed.files as { name: string }[]).map((file) => file.name),
      };
    },
    {
      url: workerURL ?? '',
      protocolVersion: PROTOCOL_VERSION,
      indexURL: new URL('pyrite/', page.url()).href,
      setUp,
      names: [...outside, 'sub\0x'],
    },
  );
  expect(replies.ready).toBe('ready');
  expect(replies.ran).toBe('result');
  expect(replies.refused).toEqual(
    [...outside, 'sub\0x'].map((name) => ({
      kind: 'error',
      error: {
        kind: 'python',
        type: 'ValueError',
        message: `not a file of the working directory: '${name.replace('\0', '\\x00')}'`,
      },
    })),
  );
  expect(replies.read).toEqual({ kind: 'file-read', name: 'sub/inside.txt', text: 'inside' });
  expect(replies.listed).toEqual(['sub/inside.txt']);
});

test('Download lists at most 500 files, the shallowest, and says in its menu that more were left out', async () => {
  await runLine(page, 'md("crowd/a/b"); _ = [w(f"crowd/a/b/f{i:03}.txt", "") for i in range(520)]');
  await page.locator('#download').click();
  await expect(page.locator('.file-menu-note')).toHaveText('Only the first 500 files are listed: more were left out.');
  // Breadth first: every file nearer the top than the crowded folder is there, in its place; the crowd is cut.
  const crowd = Array.from({ length: 494 }, (_, i) => `crowd/a/b/f${String(i).padStart(3, '0')}.txt`);
  expect(await menuNames(page)).toEqual([
    'data.csv',
    'notes.txt',
    'out.txt',
    ...crowd,
    'output/results.csv',
    'output/z/deeper.txt',
    'sub/dir/deep.csv',
  ]);
  await page.keyboard.press('Escape');
  await expect(page.locator('.file-menu')).toHaveCount(0);
  await runLine(page, 'import shutil; shutil.rmtree("crowd")');
});

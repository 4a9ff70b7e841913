import { expect, test, type Page } from '@playwright/test';
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

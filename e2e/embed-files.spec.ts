import { expect, test } from '@playwright/test';
import { BOOT_TIMEOUT, readLines, runLine } from './support/consolePage';

// The embed's Upload and Download buttons (app/ui/FileUpload.ts, FileDownload.ts), as on the console page: a
// lesson's data file goes into Python's working folder, and what a program writes comes back out.

test('in the embed, an uploaded file can be opened by Python and a file Python wrote can be downloaded', async ({
  page,
}) => {
  await page.goto('./embed.html?layout=console');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  // The buttons sit with the embed's actions, before the link out.
  const toolbar = await page.locator('.embed-toolbar > *:visible').evaluateAll((items) => items.map((i) => i.id));
  expect(toolbar.indexOf('upload')).toBeLessThan(toolbar.indexOf('open-full'));
  expect(toolbar.indexOf('download')).toBeLessThan(toolbar.indexOf('open-full'));

  await page.locator('#upload-input').setInputFiles({
    name: 'scores.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,score\nada,9\n'),
  });
  await expect
    .poll(async () => (await readLines(page)).join('\n'))
    .toContain('Uploaded scores.csv (17 bytes) to /home/pyodide/scores.csv');
  expect(await runLine(page, 'open("scores.csv").read().splitlines()[1]')).toEqual(["'ada,9'"]);

  expect(await runLine(page, 'open("report.txt", "w").write("top: ada")')).toEqual(['8']);
  await page.locator('#download').click();
  const item = page.locator('.file-menu [role="menuitem"][data-name="report.txt"]');
  await expect(item).toHaveText('report.txt (8 bytes)');
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  expect(download.suggestedFilename()).toBe('report.txt');
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('top: ada');
});

import { expect, test, type Page } from '@playwright/test';
import { readLines, runLine, typeLine, useSharedConsole } from './support/consolePage';

// What a desktop Python does and this one cannot: the error says so and what to use instead, in a note under it.
// The console wraps long lines into rows: a note is looked for in the rows joined.
let page: Page;
useSharedConsole((booted) => (page = booted));

test('import tkinter says there is no window system here and points to turtle', async () => {
  const lines = await runLine(page, 'import tkinter');
  expect(lines).toContain("ModuleNotFoundError: No module named 'tkinter'");
  expect(lines.join('')).toContain(
    'tkinter needs a desktop window system, which a browser page does not have. The turtle module draws here: ' +
      'import turtle',
  );
});

test('starting a thread says threads cannot be started here, and the session goes on', async () => {
  const lines = await runLine(page, 'import threading; threading.Thread(target=print).start()');
  expect(lines).toContain("RuntimeError: can't start new thread");
  expect(lines.join('')).toContain(
    'Threads cannot be started here: this Python runs in one thread of the browser page.',
  );
  expect(await runLine(page, '6 * 7')).toEqual(['42']);
});

test("an IPython line such as %timeit is a SyntaxError that says it is IPython's, not Python", async () => {
  const lines = await runLine(page, '%timeit sum(range(10))');
  expect(lines).toContain('SyntaxError: invalid syntax');
  expect(lines.join('')).toContain('Lines starting with % or ! are commands of IPython and Jupyter, not Python');
});

test('os.system("cls") clears the console and returns 0, and the next prompt is drawn at the top', async () => {
  await runLine(page, 'print("before clearing")');
  await typeLine(page, 'import os; print(os.system(" cls "))');
  // The screen and the scrollback are cleared: what the buffer holds is the program's output and the prompt.
  await expect.poll(() => readLines(page)).toEqual(['0', '>>>']);
  expect(await runLine(page, '6 * 7')).toEqual(['42']);
  expect(await readLines(page)).toEqual(['0', '>>> 6 * 7', '42', '>>>']);
  await typeLine(page, 'os.system("clear")');
  await expect.poll(() => readLines(page)).toEqual(['0', '>>>']);
});

test('os.system with another command says there is no shell in the browser and returns -1', async () => {
  const lines = await runLine(page, 'import os; os.system("ls -l")');
  expect(lines.join('')).toContain("os.system('ls -l') did nothing: there is no shell in the browser to run commands.");
  expect(lines.at(-1)).toBe('-1');
});

test('os.system("pip install x") says to install with micropip instead', async () => {
  const lines = await runLine(page, 'os.system("pip install requests")');
  expect(lines.join('')).toContain("os.system('pip install requests') did nothing: there is no shell");
  expect(lines).toContain('To install packages of Python code from PyPI here, run:');
  expect(lines).toContain('    import micropip');
  expect(lines).toContain("    await micropip.install('requests')");
  expect(lines.at(-1)).toBe('-1');
});

import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, readLines, runLine, typeLine, useSharedConsole } from './support/consolePage';

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

const NO_SOCKETS =
  'A browser gives Python no network sockets, so connections cannot be opened here (nor by packages such as ' +
  'requests). For HTTP and HTTPS, urllib.request.urlopen(url) works: here it goes through the browser';

test('socket.create_connection says a browser gives Python no sockets and to use urllib.request.urlopen', async () => {
  const lines = await runLine(page, 'import socket; socket.create_connection(("example.com", 80))');
  expect(lines).toContain('BlockingIOError: [Errno 26] Operation in progress');
  expect(lines.join('')).toContain(NO_SOCKETS);
  // Another of its errors, raised inside it: the note too.
  const ipv6 = await runLine(page, 'socket.create_connection(("::1", 80))');
  expect(ipv6).toContain('OSError: connect(): bad family');
  expect(ipv6.join('')).toContain(NO_SOCKETS);
});

test("a socket's connect(), with or without a timeout, says a browser gives Python no sockets", async () => {
  const lines = await runLine(page, 's = socket.socket(); s.connect(("example.com", 80))');
  expect(lines).toContain('BlockingIOError: [Errno 26] Operation in progress');
  expect(lines.join('')).toContain(NO_SOCKETS);
  const timed = await runLine(page, 's = socket.socket(); s.settimeout(0.5); s.connect(("example.com", 80))');
  expect(timed).toContain('TimeoutError: timed out');
  expect(timed.join('')).toContain(NO_SOCKETS);
});

test('an error raised from a failed connection, as packages such as requests raise theirs, gets the note too', async () => {
  const code =
    "exec(\"try:\\n socket.create_connection(('example.com', 80))\\n" +
    "except OSError as e:\\n raise RuntimeError('could not connect') from e\")";
  const lines = await runLine(page, code);
  expect(lines).toContain('RuntimeError: could not connect');
  expect(lines.join('')).toContain(NO_SOCKETS);
});

test('errors that are not a socket failing to connect get no note about sockets', async () => {
  const missing = await runLine(page, 'open("no-such-file.txt")');
  expect(missing.at(-1)).toBe("FileNotFoundError: [Errno 44] No such file or directory: 'no-such-file.txt'");
  // A mistake made while handling a failed connection is the mistake's own error.
  const code = 'exec("try:\\n socket.create_connection((\'example.com\', 80))\\nexcept OSError:\\n print(undefined)")';
  const lines = await runLine(page, code);
  expect(lines).toContain("NameError: name 'undefined' is not defined");
  expect(lines.join('')).not.toContain('network sockets');
  expect(missing.join('')).not.toContain('network sockets');
});

test('webbrowser.open prints the address to click, returns True, and the address opens in a new tab', async () => {
  const url = 'https://example.com/pyrite-webbrowser-test';
  await page.context().route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'opened' }));
  const lines = await runLine(page, `import webbrowser; webbrowser.open(${JSON.stringify(url)})`);
  expect(lines).toEqual([`Open in your browser: ${url}`, 'True']);
  expect(
    await runLine(page, 'type(webbrowser.get()).__name__, webbrowser.open_new_tab("https://example.com/b")'),
  ).toEqual(['Open in your browser: https://example.com/b', "('ConsoleBrowser', True)"]);
  // The console's terminal makes the address a link: a click on it opens it.
  const cell = await page.evaluate((text) => {
    const term = window.term;
    const buffer = term.buffer.active;
    for (let row = buffer.length - 1; row >= 0; row--) {
      const column = buffer.getLine(row)?.translateToString(true).indexOf(text) ?? -1;
      if (column >= 0) return { row: row - buffer.viewportY, column, rows: term.rows, cols: term.cols };
    }
    return null;
  }, url);
  expect(cell).not.toBeNull();
  const screen = await page.locator('.xterm-screen').boundingBox();
  if (!cell || !screen) throw new Error('the address or the terminal is not on screen');
  const x = screen.x + ((cell.column + 5) * screen.width) / cell.cols;
  const y = screen.y + ((cell.row + 0.5) * screen.height) / cell.rows;
  await page.mouse.move(x, y);
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.mouse.click(x, y)]);
  await expect.poll(() => popup.url()).toBe(url);
  await popup.close();
});

const IN_A_WORKER =
  "Python runs here in a Web Worker, apart from the page: the page's document, window, alert(), prompt(), " +
  'confirm() and storage are out of its reach. Use print() and input() for text (input() instead of prompt()) ' +
  'and the turtle module for drawing; js.fetch and js.console do work here.';

test('from js import document (or localStorage) says Python runs in a Web Worker and what to use instead', async () => {
  const lines = await runLine(page, 'from js import document');
  expect(lines).toContain("ImportError: cannot import name 'document' from 'js' (unknown location)");
  expect(lines.join('')).toContain(IN_A_WORKER);
  const storage = await runLine(page, 'from js import localStorage');
  expect(storage).toContain("ImportError: cannot import name 'localStorage' from 'js' (unknown location)");
  expect(storage.join('')).toContain(IN_A_WORKER);
});

test('js.window and js.alert(...) say Python runs in a Web Worker, and js.console does work', async () => {
  const lines = await runLine(page, 'import js; js.window');
  expect(lines).toContain('AttributeError: window');
  expect(lines.join('')).toContain(IN_A_WORKER);
  const alert = await runLine(page, 'js.alert("hello")');
  expect(alert).toContain('AttributeError: alert');
  expect(alert.join('')).toContain(IN_A_WORKER);
  expect(await runLine(page, 'js.console.log("from Python") is None')).toEqual(['True']);
});

test('other names missing from js, and a document attribute elsewhere, get no note about the Web Worker', async () => {
  const imported = await runLine(page, 'from js import notAGlobalOfThePage');
  expect(imported.at(-1)).toBe("ImportError: cannot import name 'notAGlobalOfThePage' from 'js' (unknown location)");
  const attribute = await runLine(page, 'js.notAGlobalOfThePage');
  expect(attribute.at(-1)).toBe('AttributeError: notAGlobalOfThePage');
  const elsewhere = await runLine(page, 'import types; types.SimpleNamespace().document');
  expect(elsewhere.at(-1)).toBe("AttributeError: 'types.SimpleNamespace' object has no attribute 'document'");
  for (const lines of [imported, attribute, elsewhere]) expect(lines.join('')).not.toContain('Web Worker');
});

// Last: it ends the shared page's session.
test('quit() ends the session with a notice that does not name exit()', async () => {
  await typeLine(page, 'quit()');
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('The session ended (SystemExit);');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  const notice = (await readLines(page)).find((line) => line.startsWith('The session ended'));
  expect(notice).toBe('The session ended (SystemExit); started a fresh Python (variables are lost).');
});

import { expect, test, type Page } from '@playwright/test';
import {
  BOOT_TIMEOUT,
  cursorRow,
  readLines,
  runLine,
  screenshotAfterEach,
  typeLine,
  useSharedConsole,
} from './support/consolePage';

// CPython REPL behaviour. One booted page (with the ?debug hooks, for the structured error).
let page: Page;
useSharedConsole((booted) => (page = booted), './?debug');

screenshotAfterEach(() => page);

test('the banner names the Python version and platform, as CPython does', async () => {
  const lines = await readLines(page);
  expect(lines[0]).toMatch(/^Python 3\.11\.\d+ \(.*\) \[Clang .*\] on emscripten$/u);
  expect(lines[1]).toBe('Type "help", "copyright", "credits" or "license" for more information.');
});

test("a new session's namespace holds only a fresh __main__'s names: the worker's warm-up binds none", async () => {
  expect(await runLine(page, "sorted(k for k in dir() if not k.startswith('__'))")).toEqual(['[]']);
});

test('an expression value is echoed with repr and stored in _', async () => {
  expect(await runLine(page, '"a" * 3')).toEqual(["'aaa'"]);
  expect(await runLine(page, '_ + "!"')).toEqual(["'aaa!'"]);
  expect(await runLine(page, 'None')).toEqual([]);
});

test('an error at the prompt stays in sys.last_value, as in CPython, for pdb.pm() and inspection', async () => {
  await runLine(page, '{}["missing"]');
  expect(await runLine(page, 'import sys; type(sys.last_value).__name__, sys.last_value.args, sys.last_type')).toEqual([
    "('KeyError', ('missing',), <class 'KeyError'>)",
  ]);
});

test('pdb.pm() after an error at the prompt opens the debugger where it happened', async () => {
  await page.evaluate(() => window.term.paste('def halve(x):\n    y = x * 2\n    return 1 / (y - y)\n\n'));
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
  expect((await runLine(page, 'halve(21)')).at(-1)).toBe('ZeroDivisionError: division by zero');
  await typeLine(page, 'import pdb; pdb.pm()');
  await expect
    .poll(async () => (await readLines(page)).slice(-3).join('\n'))
    .toMatch(/^> <input-\d+>\(3\)halve\(\)\n-> return 1 \/ \(y - y\)\n\(Pdb\)$/);
  await typeLine(page, 'p y');
  await expect.poll(async () => (await readLines(page)).slice(-2)).toEqual(['42', '(Pdb)']);
  await typeLine(page, 'q');
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
});

test('top-level await works', async () => {
  expect(await runLine(page, 'import asyncio; await asyncio.sleep(0.01, "slept")')).toEqual(["'slept'"]);
});

test("asyncio.run(main()) at the prompt shows main's result once it has finished, as in CPython", async () => {
  await page.evaluate(() =>
    window.term.paste('import asyncio\nasync def main():\n    await asyncio.sleep(0.05)\n    return 6 * 7\n\n'),
  );
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  expect(await runLine(page, 'asyncio.run(main())')).toEqual(['42']);
  expect(await runLine(page, '_')).toEqual(['42']);
});

test("asyncio.run(main()) returns main's result to the code that called it, as in a script", async () => {
  await page.evaluate(() =>
    window.term.paste(
      [
        'import asyncio, time',
        'async def tick(name, log):',
        '    for i in range(3):',
        '        await asyncio.sleep(0.01)',
        '        log.append(f"{name}{i}")',
        '    return name',
        'async def main():',
        '    log = []',
        '    names = await asyncio.gather(tick("a", log), tick("b", log))',
        '    return names, sorted(log)',
        'def report():',
        '    started = time.monotonic()',
        '    result = asyncio.run(main())',
        '    return result, time.monotonic() - started >= 0.03',
        '',
        '',
      ].join('\n'),
    ),
  );
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  expect(await runLine(page, 'report()')).toEqual(["((['a', 'b'], ['a0', 'a1', 'a2', 'b0', 'b1', 'b2']), True)"]);
  expect(await runLine(page, 'x = asyncio.get_event_loop().run_until_complete(main()); x[0]')).toEqual(["['a', 'b']"]);
});

test('an exception raised in asyncio.run(main()) reaches the caller', async () => {
  await page.evaluate(() =>
    window.term.paste(
      [
        'async def fails():',
        '    await asyncio.sleep(0)',
        '    raise ValueError("from main")',
        'def catch():',
        '    try:',
        '        asyncio.run(fails())',
        '    except ValueError as e:',
        '        return f"caught {e}"',
        '',
        '',
      ].join('\n'),
    ),
  );
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  expect(await runLine(page, 'catch()')).toEqual(["'caught from main'"]);
  expect((await runLine(page, 'asyncio.run(fails())')).at(-1)).toBe('ValueError: from main');
});

test('thousands of statements in one paste run, and the echo after them still works', async () => {
  const start = await cursorRow(page);
  const lines = Array.from({ length: 3000 }, (_, i) => `v${i} = ${i}`);
  await page.evaluate((code) => window.term.paste(code), `${lines.join('\n')}\nv2999 * 2\n`);
  await expect.poll(async () => (await readLines(page, start)).slice(-2), { timeout: 30_000 }).toEqual(['5998', '>>>']);
  expect(await runLine(page, '6 * 7')).toEqual(['42']);
  // The paste filled the scrollback, which shifts the rows later tests count from: empty it.
  await page.locator('#clear').click();
});

test('help(len) prints the documentation', async () => {
  const output = await runLine(page, 'help(len)');
  expect(output[0]).toBe('Help on built-in function len in module builtins:');
  expect(output).toContain('    Return the number of items in a container.');
});

test('help() reads topics at a help> prompt and returns to Python', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'help()');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'input');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('help>');
  await typeLine(page, 'len');
  await expect.poll(async () => (await readLines(page, start)).join('\n')).toContain('Return the number of items');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('help>');
  await typeLine(page, 'q');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('>>>');
});

test('deep recursion raises RecursionError, and the console goes on', async () => {
  await typeLine(page, 'def down(n): return down(n + 1)');
  await typeLine(page, '');
  const output = await runLine(page, 'down(0)');
  expect(output.at(-1)).toBe('RecursionError: maximum recursion depth exceeded');
  expect(await runLine(page, '1 + 1')).toEqual(['2']);
});

test("recursion through C past the browser's stack raises RecursionError, and the variables survive", async () => {
  await runLine(page, 'kept_through_recursion = 7');
  await page.evaluate(() =>
    window.term.paste(
      'import sys, functools\nsys.setrecursionlimit(10**6)\n@functools.lru_cache(None)\n' +
        'def climb(n): return 0 if n == 0 else climb(n - 1) + 1\n\n',
    ),
  );
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  const output = await runLine(page, 'climb(10**5)');
  expect(output.at(-1)).toBe("RecursionError: maximum recursion depth exceeded (the browser's stack is full)");
  expect(await runLine(page, 'kept_through_recursion')).toEqual(['7']);
});

test('a SyntaxError at the prompt shows the line, a caret and the message, with no traceback, as in CPython', async () => {
  const output = await runLine(page, '1 +');
  expect(output).toHaveLength(4);
  expect(output[0]).toMatch(/^ {2}File "<input-\d+>", line 1$/u);
  expect(output.slice(1)).toEqual(['    1 +', '       ^', 'SyntaxError: invalid syntax']);
});

test('a SyntaxWarning at the prompt is shown once, naming the input and quoting its line, as in CPython', async () => {
  const output = await runLine(page, 'x = 1 is 1');
  expect(output).toHaveLength(2);
  expect(output[0]).toMatch(/^<input-\d+>:1: SyntaxWarning: "is" with a literal\. Did you mean "=="\?$/u);
  expect(output[1]).toBe('  x = 1 is 1');
});

test('sys.ps1 and sys.ps2 are the prompts, as in CPython: they exist, and setting them changes the prompts', async () => {
  expect(await runLine(page, 'import sys; sys.ps1, sys.ps2')).toEqual(["('>>> ', '... ')"]);
  const start = await cursorRow(page);
  await typeLine(page, 'sys.ps1 = "py> "; sys.ps2 = "  | "');
  await expect.poll(async () => (await readLines(page, start)).at(-1)).toBe('py>');
  await typeLine(page, 'for i in range(2):');
  await typeLine(page, 'print(i)');
  await typeLine(page, '');
  await expect
    .poll(async () => readLines(page, start))
    .toEqual([
      '>>> sys.ps1 = "py> "; sys.ps2 = "  | "',
      'py> for i in range(2):',
      '  |     print(i)',
      '  |',
      '0',
      '1',
      'py>',
    ]);
  // str() is taken for each prompt, so a prompt object may count; one whose str() fails gives the default prompt.
  await page.evaluate(() =>
    window.term.paste(
      'class Counter:\n    n = 0\n    def __str__(self):\n        Counter.n += 1\n        return f"[{Counter.n}] "\n\n',
    ),
  );
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('py>');
  await typeLine(page, 'sys.ps1 = Counter()');
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('[1]');
  await typeLine(page, 'None');
  await expect.poll(async () => (await readLines(page)).slice(-2)).toEqual(['[1] None', '[2]']);
  await typeLine(page, 'sys.ps1 = type("Broken", (), {"__str__": lambda self: 1 / 0})()');
  await expect.poll(async () => (await readLines(page)).at(-1)).toBe('>>>');
  expect(await runLine(page, 'sys.ps1 = ">>> "; sys.ps2 = "... "')).toEqual([]);
});

test("a misspelt name or attribute gets CPython's 'Did you mean' hint", async () => {
  expect((await runLine(page, 'pritn("hi")')).at(-1)).toBe(
    "NameError: name 'pritn' is not defined. Did you mean: 'print'?",
  );
  expect((await runLine(page, '"abc".uper()')).at(-1)).toBe(
    "AttributeError: 'str' object has no attribute 'uper'. Did you mean: 'upper'?",
  );
});

test('a sys.excepthook the user sets shows the errors instead of the console, as in CPython', async () => {
  await runLine(page, 'import sys; sys.excepthook = lambda kind, value, tb: print("hooked:", kind.__name__, value)');
  expect(await runLine(page, '1 / 0')).toEqual(['hooked: ZeroDivisionError division by zero']);
  await runLine(page, 'sys.excepthook = sys.__excepthook__');
  expect((await runLine(page, '1 / 0')).at(-1)).toBe('ZeroDivisionError: division by zero');
});

test('an exception whose __str__ fails is reported as CPython reports it, without the console failing', async () => {
  await page.evaluate(() =>
    window.term.paste('class Odd(Exception):\n    def __str__(self):\n        raise RuntimeError("no str")\n\n'),
  );
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
  const output = await runLine(page, 'raise Odd()');
  expect(output.at(-1)).toBe('Odd: <exception str() failed>');
  expect(output.join('\n')).not.toContain('During handling');
});

test('an error reaches the page as data: type, message and the user frames only', async () => {
  await typeLine(page, 'def fails(): return 1 / 0');
  await typeLine(page, '');
  await runLine(page, 'fails()');
  const error = (await page.evaluate(() => window.pyriteDebug?.lastError())) as {
    type: string;
    message: string;
    frames: { filename: string; lineno: number; name: string }[];
    formatted: string;
  };
  expect(error.type).toBe('ZeroDivisionError');
  expect(error.message).toBe('division by zero');
  expect(error.frames.map((f) => [f.lineno, f.name])).toEqual([
    [1, '<module>'],
    [1, 'fails'],
  ]);
  expect(error.frames.every((f) => /^<input-\d+>$/u.test(f.filename))).toBe(true);
  expect(error.formatted).toContain('    def fails(): return 1 / 0');
});

test('the terminal size reaches Python and follows a resize', async () => {
  const cols = await page.evaluate(() => window.term.cols);
  expect(
    await runLine(page, 'import os, shutil; shutil.get_terminal_size().columns, os.get_terminal_size().columns'),
  ).toEqual([`(${cols}, ${cols})`]);
  await page.setViewportSize({ width: 700, height: 600 });
  await expect.poll(() => page.evaluate(() => window.term.cols)).toBeLessThan(cols);
  const narrower = await page.evaluate(() => window.term.cols);
  const rows = await page.evaluate(() => window.term.rows);
  expect(await runLine(page, 'tuple(shutil.get_terminal_size())')).toEqual([`(${narrower}, ${rows})`]);
});

test('exit() ends the session: the console says so and starts a fresh Python', async () => {
  await runLine(page, 'before_exit = 1');
  await typeLine(page, 'exit()');
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('The session ended (SystemExit);');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  const output = await runLine(page, 'before_exit');
  expect(output.at(-1)).toBe("NameError: name 'before_exit' is not defined");
});

test('sys.exit("message") prints the message and atexit functions run, before the fresh Python', async () => {
  const start = await cursorRow(page);
  await typeLine(page, 'import atexit, sys; atexit.register(print, "atexit ran"); sys.exit("config file missing")');
  await expect.poll(async () => (await readLines(page, start)).join('\n')).toContain('The session ended');
  const lines = await readLines(page, start);
  const message = lines.indexOf('config file missing');
  expect(message).toBeGreaterThan(0);
  expect(lines.indexOf('atexit ran')).toBe(message + 1);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
});

test('os._exit() ends the process at once: the console says Python exited and starts a fresh Python', async () => {
  await runLine(page, 'before_exit = 2');
  await typeLine(page, 'import os; os._exit(3)');
  await expect.poll(async () => (await readLines(page)).join('\n')).toContain('Python exited (os._exit(3))');
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
  const output = await runLine(page, 'before_exit');
  expect(output.at(-1)).toBe("NameError: name 'before_exit' is not defined");
});

test('a module outside the first download is fetched on its first import', async () => {
  expect(await runLine(page, 'import xml.dom.minidom as m')).toEqual([]);
  expect(await runLine(page, 'm.parseString("<lesson/>").documentElement.tagName')).toEqual(["'lesson'"]);
});

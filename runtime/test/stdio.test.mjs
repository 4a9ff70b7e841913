// sys.stdout, sys.stderr and sys.stdin as programs use them: text, their binary `buffer`s, partial reads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runToJs, useRuntime } from "./harness.mjs";

describe("standard streams", () => {
  const lines = [];
  const ctx = useRuntime({ stdin: () => lines.shift() ?? null });
  const run = (code) => ctx.py.runPython(code);
  const value = (code) => runToJs(ctx.py, code);

  test("Python runs in UTF-8 mode: open() without an encoding, file names and the locale are UTF-8", () => {
    const r = ctx.py.runPython(`
import locale, os, sys
with open("café ✓.txt", "w") as f:
    f.write("naïve ☕\\n")
result = (sys.flags.utf8_mode, sys.getfilesystemencoding(), locale.getpreferredencoding(False),
          open("café ✓.txt").read(), "café ✓.txt" in os.listdir("."))
os.remove("café ✓.txt")
result`);
    assert.deepEqual(r.toJs(), [1, "utf-8", "utf-8", "naïve ☕\n", true]);
    r.destroy();
    ctx.py.runPython("del locale, os, result");
  });

  test("a NUL in printed text does not cut the rest off", () => {
    run("print('a\\x00b|')");
    assert.equal(ctx.out.join(""), "a\u0000b|\n");
  });

  test("sys.stdout.buffer takes bytes, and a character split across writes comes out whole", () => {
    run(`import sys
n = sys.stdout.buffer.write(b"caf\\xc3")
sys.stdout.buffer.write(memoryview(b"\\xa9 ok\\n"))
sys.stdout.write("text after\\n")`);
    assert.equal(ctx.out.join(""), "café ok\ntext after\n");
    assert.equal(run("n"), 4);
    assert.throws(() => run("sys.stdout.buffer.write('text')"), { type: "TypeError" });
    run("del n");
  });

  test("bytes that are not UTF-8 are shown as replacement characters", () => {
    run("import sys\nsys.stderr.buffer.write(b'\\xff\\xfeok\\n')");
    assert.equal(ctx.err.join(""), "\ufffd\ufffdok\n");
  });

  test("sys.stdout.reconfigure() is accepted, as programs written for Windows call it", () => {
    run("import sys\nsys.stdout.reconfigure(encoding='utf-8')\nprint('still here')");
    assert.equal(ctx.out.join(""), "still here\n");
  });

  test("sys.stdin.buffer reads lines as bytes, and read() the rest until end of input", () => {
    lines.push("3 4", "héllo", "last line");
    assert.deepEqual(
      value(`import sys
first = sys.stdin.buffer.readline()
a, b = map(int, first.split())
second = sys.stdin.buffer.readline()
rest = sys.stdin.buffer.read()
[a + b, second.decode(), rest.decode()]`),
      [7, "héllo\n", "last line\n"],
    );
    run("del first, a, b, second, rest");
  });

  test("sys.stdin.read(n) and readline(n) take part of a line and keep the rest for the next read", () => {
    lines.push("abcdef", "gh");
    assert.deepEqual(
      value(`import sys
parts = [sys.stdin.read(2), sys.stdin.readline(3), sys.stdin.readline(), sys.stdin.read(4), sys.stdin.read()]
parts`),
      ["ab", "cde", "f\n", "gh\n", ""],
    );
    run("del parts");
  });

  test("iterating over sys.stdin gives its lines until end of input", () => {
    lines.push("1", "2", "3");
    assert.equal(run("import sys\nsum(int(line) for line in sys.stdin)"), 6);
  });
});

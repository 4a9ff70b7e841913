import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PythonErrorData } from '../../webworker/protocol';
import { errorLocation, findTracebackLinks, selectionSource } from './tracebacks';

function error(fields: Partial<PythonErrorData>): PythonErrorData {
  return { kind: 'python', type: 'ValueError', message: 'bad', frames: [], formatted: '', ...fields };
}

test('locates a runtime error at the innermost frame of the editor file', () => {
  const located = errorLocation(
    error({
      frames: [
        { filename: '<editor>', lineno: 9, name: '<module>' },
        { filename: '<editor>', lineno: 3, name: 'f' },
        { filename: '/lib/python311.zip/json/__init__.py', lineno: 346, name: 'loads' },
      ],
    }),
  );
  assert.deepEqual(located, { line: 3, message: 'ValueError: bad' });
});

test('locates a syntax error from its formatted text', () => {
  const formatted = '  File "<editor>", line 4\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n';
  assert.deepEqual(errorLocation(error({ type: 'SyntaxError', message: 'invalid syntax', formatted })), {
    line: 4,
    message: 'SyntaxError: invalid syntax',
  });
});

test('finds no location for errors outside the editor file', () => {
  assert.equal(errorLocation(error({ frames: [{ filename: '<input-2>', lineno: 1, name: '<module>' }] })), null);
});

test('finds traceback links with their positions', () => {
  const text = 'Traceback:\n  File "<editor>", line 12, in f\n  File "<input-1>", line 1';
  const [link, ...rest] = findTracebackLinks(text);
  assert.equal(rest.length, 0);
  assert.equal(text.slice(link?.start, link?.end), 'File "<editor>", line 12');
  assert.equal(link?.line, 12);
});

test('prepares a selection with the editor line numbers and without common indentation', () => {
  assert.equal(selectionSource('    x = 1\n    if x:\n        print(x)', 3), '\n\nx = 1\nif x:\n    print(x)');
  assert.equal(selectionSource('print(1)', 1), 'print(1)');
});

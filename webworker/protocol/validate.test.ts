import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROTOCOL_VERSION } from './messages';
import { parseFromWorker, parseToWorker } from './validate';

describe('parseToWorker', () => {
  test('accepts a well-formed run request', () => {
    const result = parseToWorker({ kind: 'run', id: 3, code: '1+1', mode: 'single' });
    assert.deepEqual(result, { ok: true, message: { kind: 'run', id: 3, code: '1+1', mode: 'single' } });
  });

  test('accepts init with shared buffers or nulls, a stdin URL or null, and the JSPI choice', () => {
    const base = {
      kind: 'init',
      id: 1,
      protocolVersion: PROTOCOL_VERSION,
      indexURL: '/pyrite/',
      stdinURL: null,
      jspi: true,
    };
    assert.equal(parseToWorker({ ...base, interruptBuffer: null, stdinBuffer: null }).ok, true);
    const shared = new SharedArrayBuffer(4);
    assert.equal(parseToWorker({ ...base, interruptBuffer: shared, stdinBuffer: shared }).ok, true);
    assert.equal(parseToWorker({ ...base, interruptBuffer: new ArrayBuffer(4), stdinBuffer: null }).ok, false);
    const noBuffers = { ...base, interruptBuffer: null, stdinBuffer: null };
    assert.equal(parseToWorker({ ...noBuffers, stdinURL: 'https://x/__pyrite_stdin__?session=1' }).ok, true);
    assert.equal(parseToWorker({ ...noBuffers, stdinURL: 5 }).ok, false);
    assert.equal(parseToWorker({ ...noBuffers, jspi: 'yes' }).ok, false);
    // What the page kept goes in `restore` since protocol 6, not in init.
    assert.equal(parseToWorker({ ...noBuffers, sitePackages: null }).ok, false);
  });

  test('accepts a restore of packages and files with their times, and nothing else for them', () => {
    const file = { path: 'data/a.csv', data: new ArrayBuffer(3), mtimeMs: 1_700_000_000_000 };
    const restore = { kind: 'restore', id: 2, sitePackages: null, files: [file], watchFiles: true };
    assert.equal(parseToWorker(restore).ok, true);
    assert.equal(parseToWorker({ ...restore, sitePackages: new ArrayBuffer(8), files: [] }).ok, true);
    assert.equal(parseToWorker({ ...restore, sitePackages: 'zip' }).ok, false);
    assert.equal(parseToWorker({ ...restore, files: [{ ...file, data: 'abc' }] }).ok, false);
    assert.equal(parseToWorker({ ...restore, files: [{ path: 'a', data: new ArrayBuffer(1) }] }).ok, false);
    const { watchFiles: _omitted, ...withoutWatch } = restore;
    assert.equal(parseToWorker(withoutWatch).ok, false);
    const restored = { kind: 'restored', id: 2, packages: ['snowball 1.0'], files: 1, failed: [] };
    assert.equal(parseFromWorker(restored).ok, true);
    assert.equal(parseFromWorker({ ...restored, failed: [3] }).ok, false);
  });

  test('accepts a working-files event: files changed whole, paths removed, files skipped with their sizes', () => {
    const event = {
      kind: 'working-files',
      changed: [{ path: 'out.txt', data: new ArrayBuffer(2), mtimeMs: 5 }],
      removed: ['old.txt'],
      skipped: [{ path: 'big.bin', bytes: 80_000_000 }],
    };
    assert.equal(parseFromWorker(event).ok, true);
    assert.equal(parseFromWorker({ ...event, changed: [], removed: [], skipped: [] }).ok, true);
    assert.equal(parseFromWorker({ ...event, skipped: [{ path: 'big.bin' }] }).ok, false);
    assert.equal(
      parseFromWorker({ ...event, changed: [{ path: 'x', data: new ArrayBuffer(1), mtimeMs: -1 }] }).ok,
      false,
    );
    assert.equal(parseFromWorker({ ...event, removed: 'old.txt' }).ok, false);
  });

  test('accepts a site-packages event with an archive or null, and the packages named', () => {
    const event = { kind: 'site-packages', packages: ['snowball 1.0'] };
    assert.equal(parseFromWorker({ ...event, data: new ArrayBuffer(8) }).ok, true);
    assert.equal(parseFromWorker({ ...event, data: null, packages: [] }).ok, true);
    assert.equal(parseFromWorker({ ...event, data: null, packages: [1] }).ok, false);
  });

  test('accepts an input answer: a line, end of file or interrupted, and nothing else', () => {
    for (const answer of [{ kind: 'line', text: 'Ada' }, { kind: 'eof' }, { kind: 'interrupted' }]) {
      assert.deepEqual(parseToWorker({ kind: 'input-answer', answer }), {
        ok: true,
        message: { kind: 'input-answer', answer },
      });
    }
    for (const answer of [
      { kind: 'line' },
      { kind: 'line', text: 5 },
      { kind: 'eof', text: 'x' },
      { kind: 'later' },
      'Ada',
      null,
    ]) {
      assert.equal(parseToWorker({ kind: 'input-answer', answer }).ok, false, JSON.stringify(answer));
    }
  });

  test('accepts the file requests and replies, with bytes as ArrayBuffers and nothing else for them', () => {
    const bytes = new TextEncoder().encode('a,b\n').buffer;
    assert.equal(parseToWorker({ kind: 'write-file', id: 4, name: 'data.csv', data: bytes }).ok, true);
    assert.equal(parseToWorker({ kind: 'write-file', id: 4, name: 'data.csv', data: 'a,b\n' }).ok, false);
    assert.equal(parseToWorker({ kind: 'write-file', id: 4, data: bytes }).ok, false);
    assert.equal(parseFromWorker({ kind: 'file-written', id: 4, path: '/home/pyodide/data.csv', bytes: 4 }).ok, true);
    assert.equal(parseToWorker({ kind: 'read-file', id: 5, name: 'out.txt' }).ok, true);
    assert.equal(parseFromWorker({ kind: 'file-read', id: 5, name: 'out.txt', data: bytes }).ok, true);
    const listed = { kind: 'files-listed', id: 6, folder: '/home/pyodide', files: [{ name: 'a', bytes: 1 }] };
    assert.equal(parseFromWorker(listed).ok, true);
    assert.equal(parseFromWorker({ ...listed, files: [{ name: 'a' }] }).ok, false);
  });

  test('rejects an unknown kind and keeps the id for the error reply', () => {
    assert.deepEqual(parseToWorker({ kind: 'eval', id: 7 }), {
      ok: false,
      error: 'unknown message kind "eval"',
      id: 7,
    });
  });

  test('rejects a missing, mistyped or extra field', () => {
    assert.equal(parseToWorker({ kind: 'run', id: 1, mode: 'single' }).ok, false);
    assert.equal(parseToWorker({ kind: 'run', id: 1, code: 5, mode: 'single' }).ok, false);
    assert.equal(parseToWorker({ kind: 'run', id: 1, code: '', mode: 'eval' }).ok, false);
    assert.equal(parseToWorker({ kind: 'reset', id: 1, extra: true }).ok, false);
    assert.equal(parseToWorker({ kind: 'reset', id: -1 }).ok, false);
  });

  test('rejects non-objects without throwing', () => {
    for (const data of [null, undefined, 42, 'run', [], () => 0]) {
      assert.equal(parseToWorker(data).ok, false);
    }
  });
});

describe('parseFromWorker', () => {
  test('accepts a python error reply with frames', () => {
    const error = {
      kind: 'python',
      type: 'ZeroDivisionError',
      message: 'division by zero',
      frames: [{ filename: '<input-0>', lineno: 1, name: '<module>' }],
      formatted: 'Traceback…',
    };
    assert.equal(parseFromWorker({ kind: 'error', id: 2, error }).ok, true);
    assert.equal(parseFromWorker({ kind: 'error', id: null, error: { kind: 'protocol', message: 'x' } }).ok, true);
  });

  test('rejects an error reply whose payload is not an ErrorData', () => {
    assert.equal(parseFromWorker({ kind: 'error', id: 2, error: { kind: 'python', type: 'X' } }).ok, false);
    assert.equal(parseFromWorker({ kind: 'error', id: 2, error: { kind: 'weird', message: '' } }).ok, false);
  });

  test('accepts the events', () => {
    assert.equal(parseFromWorker({ kind: 'stream', stream: 'stderr', text: 'x', dropped: 0 }).ok, true);
    assert.equal(parseFromWorker({ kind: 'input-request' }).ok, true);
    assert.equal(parseFromWorker({ kind: 'input-request', echo: false }).ok, true);
    assert.equal(parseFromWorker({ kind: 'input-request', echo: 'no' }).ok, false);
    assert.equal(parseFromWorker({ kind: 'prompts', ps1: 'py> ', ps2: '  | ' }).ok, true);
    assert.equal(parseFromWorker({ kind: 'prompts', ps1: 'py> ' }).ok, false);
    assert.equal(parseFromWorker({ kind: 'progress', phase: 'download', loaded: 1, total: 0 }).ok, true);
    assert.equal(parseFromWorker({ kind: 'stream', stream: 'stdin', text: 'x', dropped: 0 }).ok, false);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parentTargets, parseEmbedRequest } from './EmbedApi';

test('a well-formed request is parsed, its id kept', () => {
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'run', id: 7, code: 'print(1)' }), {
    ok: true,
    request: { pyrite: 1, type: 'run', id: 7, code: 'print(1)' },
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'getCode', id: 'a' }), {
    ok: true,
    request: { pyrite: 1, type: 'getCode', id: 'a' },
  });
});

test('messages not addressed to the embed (no pyrite field) are not its business: null, and no reply', () => {
  assert.equal(parseEmbedRequest('hello'), null);
  assert.equal(parseEmbedRequest(null), null);
  assert.equal(parseEmbedRequest({ type: 'run', code: 'x' }), null);
});

test('a malformed request gets an error saying what is wrong, with its id when the id itself is valid', () => {
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'run', id: 3, code: 42 }), {
    ok: false,
    id: 3,
    error: 'code must be a string, not number',
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'setCode', id: 'x' }), {
    ok: false,
    id: 'x',
    error: 'code must be a string, not undefined',
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'runCode', id: 4 }), {
    ok: false,
    id: 4,
    error: 'unknown request type "runCode": expected hello, run, setCode, getCode or reset',
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, id: 2 }), {
    ok: false,
    id: 2,
    error: 'the request has no type: expected hello, run, setCode, getCode or reset',
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 2, type: 'run', id: 5 }), {
    ok: false,
    id: 5,
    error: 'unsupported API version 2: this embed speaks 1',
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'hello', id: { nested: true } }), {
    ok: false,
    id: null,
    error: 'id must be a string or a finite number',
  });
  // Values JSON cannot write (a BigInt, a cycle) and huge ones are still described: every malformed request is answered.
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.deepEqual(parseEmbedRequest({ pyrite: 1n, type: 'hello', id: 6 }), {
    ok: false,
    id: 6,
    error: 'unsupported API version 1n: this embed speaks 1',
  });
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: cycle, id: 7 }), {
    ok: false,
    id: 7,
    error: 'unknown request type a value of type object: expected hello, run, setCode, getCode or reset',
  });
  assert.match(
    (parseEmbedRequest({ pyrite: 1, type: 'x'.repeat(10_000), id: 8 }) as { error: string }).error,
    /^unknown request type "x{56}\.\.\.: expected/,
  );
  assert.deepEqual(parseEmbedRequest({ pyrite: 1, type: 'hello', id: Number.NaN }), {
    ok: false,
    id: null,
    error: 'id must be a string or a finite number',
  });
});

test("ready goes only to the parent's origin when the browser tells it, and only if that origin is allowed", () => {
  const allowed = ['https://embed.example', 'https://docs.example', 'https://blog.example'];
  assert.deepEqual(parentTargets(allowed, 'https://docs.example'), ['https://docs.example']);
  assert.deepEqual(parentTargets(allowed, 'https://evil.example'), []);
  assert.deepEqual(parentTargets(['https://embed.example', '*'], 'https://any.example'), ['https://any.example']);
  assert.deepEqual(parentTargets(['https://embed.example', '*'], 'null'), ['*']);
  assert.deepEqual(parentTargets(allowed, 'null'), []);
  // The browser's answer wins over the referrer, which may be stale or stripped.
  assert.deepEqual(parentTargets(allowed, 'https://docs.example', 'https://blog.example/post'), [
    'https://docs.example',
  ]);
});

test("without location.ancestorOrigins (Firefox), ready goes to the referrer's origin when it is allowed", () => {
  const allowed = ['https://embed.example', 'https://docs.example', 'https://blog.example'];
  // The parent page's URL (same origin), or only its origin (cross-origin, under the default referrer policy).
  assert.deepEqual(parentTargets(allowed, undefined, 'https://docs.example/lessons/1?x=2#top'), [
    'https://docs.example',
  ]);
  assert.deepEqual(parentTargets(allowed, undefined, 'https://blog.example/'), ['https://blog.example']);
  // A referrer not allowed may be stale (the embed navigated itself) or the parent may not command the embed:
  // every allowed origin, of which the browser delivers only the parent's (none for a parent not allowed).
  assert.deepEqual(parentTargets(allowed, undefined, 'https://evil.example/page'), allowed);
  // With any origin allowed, '*' reaches the parent whatever the referrer says (a sandboxed parent has none).
  assert.deepEqual(parentTargets(['https://embed.example', '*'], undefined, 'https://any.example/a'), ['*']);
  assert.deepEqual(parentTargets(['https://embed.example', '*'], undefined, 'https://embed.example/a'), [
    'https://embed.example',
  ]);
});

test('with neither ancestorOrigins nor a referrer, ready goes to every allowed origin (the browser delivers one)', () => {
  const allowed = ['https://embed.example', 'https://docs.example'];
  assert.deepEqual(parentTargets(allowed, undefined), allowed);
  assert.deepEqual(parentTargets(allowed, undefined, ''), allowed);
  // Not a URL with an origin: as good as none.
  assert.deepEqual(parentTargets(allowed, undefined, 'not a url'), allowed);
  assert.deepEqual(parentTargets(allowed, undefined, 'about:srcdoc'), allowed);
});

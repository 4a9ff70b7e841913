import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFromHash, decodeCode, encodeCode, shareLink } from './codec';

test('round-trips code through the compressed base64url form', async () => {
  const code = 'print("héllo, 世界 🐍")\n' + 'for i in range(10):\n    print(i)\n'.repeat(50);
  const encoded = await encodeCode(code);
  assert.match(encoded, /^[A-Za-z0-9_-]+$/u);
  assert.ok(encoded.length < code.length / 4, 'repetitive code compresses');
  assert.equal(await decodeCode(encoded), code);
});

test('builds a share link whose fragment reproduces the code', async () => {
  const link = new URL(await shareLink('https://example.org/app/index.html?x=1#old', 'x = 1', { autorun: true }));
  assert.equal(link.pathname, '/app/index.html');
  assert.equal(link.searchParams.get('autorun'), '1');
  assert.equal(link.searchParams.get('layout'), 'editor');
  assert.deepEqual(await codeFromHash(link.hash), { kind: 'code', code: 'x = 1' });
});

test('tells a fragment without code from one whose code cannot be read', async () => {
  assert.deepEqual(await codeFromHash(''), { kind: 'none' });
  assert.deepEqual(await codeFromHash('#other=1'), { kind: 'none' });
  assert.deepEqual(await codeFromHash('#code='), { kind: 'none' });
  assert.deepEqual(await codeFromHash('#code=%%%'), { kind: 'unreadable' });
  assert.deepEqual(await codeFromHash('#code=AAAA'), { kind: 'unreadable' });
  // A link cut short: the start of a real one.
  const whole = await encodeCode('for i in range(100):\n    print(i, i * i, "a long enough line to compress")\n');
  assert.deepEqual(await codeFromHash(`#code=${whole.slice(0, whole.length - 8)}`), { kind: 'unreadable' });
});

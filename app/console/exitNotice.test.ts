import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitNotice } from './exitNotice';

test('exit() and quit() without a code say exit() ended the session', () => {
  assert.equal(exitNotice(''), 'exit() ended the session; started a fresh Python (variables are lost).');
});

test('a numeric exit code is named with its exit status', () => {
  assert.equal(
    exitNotice('3'),
    'sys.exit(3) ended the session (exit status 3); started a fresh Python (variables are lost).',
  );
  assert.match(exitNotice('0'), /^sys\.exit\(0\) ended the session \(exit status 0\); started a fresh Python/u);
});

test('a text code is quoted as Python writes it, shortened to its first line, with exit status 1', () => {
  assert.equal(
    exitNotice('config file missing'),
    "sys.exit('config file missing') ended the session (exit status 1); started a fresh Python (variables are lost).",
  );
  assert.match(exitNotice("can't go on"), /^sys\.exit\("can't go on"\) ended the session/u);
  assert.match(exitNotice('first line\nsecond line'), /^sys\.exit\('first line…'\) ended the session/u);
  assert.match(exitNotice('x'.repeat(100)), new RegExp(`^sys\\.exit\\('${'x'.repeat(39)}…'\\) ended the session`, 'u'));
});

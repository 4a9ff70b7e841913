import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitNotice } from './exitNotice';

test('exit(), quit() and sys.exit() without a code say the session ended, naming no call', () => {
  assert.equal(exitNotice(''), 'The session ended (SystemExit); started a fresh Python (variables are lost).');
  assert.equal(exitNotice('None'), exitNotice(''));
  assert.doesNotMatch(exitNotice(''), /exit\(\)/u);
});

test('a numeric exit code is given as the exit status', () => {
  assert.equal(
    exitNotice('3'),
    'The session ended (SystemExit, exit status 3); started a fresh Python (variables are lost).',
  );
  assert.match(exitNotice('0'), /^The session ended \(SystemExit, exit status 0\); started a fresh Python/u);
});

test('a text code is quoted as Python writes it, shortened to its first line, with exit status 1', () => {
  assert.equal(
    exitNotice('config file missing'),
    "The session ended (SystemExit('config file missing'), exit status 1); started a fresh Python (variables are lost).",
  );
  assert.match(exitNotice("can't go on"), /^The session ended \(SystemExit\("can't go on"\), exit status 1\)/u);
  assert.match(exitNotice('first line\nsecond line'), /^The session ended \(SystemExit\('first line…'\)/u);
  assert.match(
    exitNotice('x'.repeat(100)),
    new RegExp(`^The session ended \\(SystemExit\\('${'x'.repeat(39)}…'\\)`, 'u'),
  );
});

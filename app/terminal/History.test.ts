import assert from 'node:assert/strict';
import { test } from 'node:test';
import { History } from './History';

test('Up walks back through entries and Down returns to the draft', () => {
  const history = new History();
  history.add('a = 1');
  history.add('b = 2');
  assert.equal(history.previous('dra'), 'b = 2');
  assert.equal(history.previous('b = 2'), 'a = 1');
  assert.equal(history.previous('a = 1'), undefined);
  assert.equal(history.next(), 'b = 2');
  assert.equal(history.next(), 'dra');
  assert.equal(history.next(), undefined);
});

test('blank lines and immediate repeats are not recorded', () => {
  const history = new History();
  history.add('x');
  history.add('x');
  history.add('   ');
  assert.deepEqual(history.entries, ['x']);
});

test('the oldest entries are dropped past the limit', () => {
  const history = new History(2);
  for (const line of ['1', '2', '3']) history.add(line);
  assert.deepEqual(history.entries, ['2', '3']);
});

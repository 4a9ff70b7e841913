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

class MemoryStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

test('entries survive a reload through the store, under their own key', () => {
  const store = new MemoryStore();
  const first = new History({ store, key: 'page-a' });
  first.add('for i in range(3):\n    print(i)\n');
  first.add('x = 1');
  const reloaded = new History({ store, key: 'page-a' });
  assert.deepEqual(reloaded.entries, ['for i in range(3):\n    print(i)\n', 'x = 1']);
  assert.equal(reloaded.previous(''), 'x = 1');
  assert.deepEqual(new History({ store, key: 'page-b' }).entries, []);
});

test('a broken stored value starts an empty history', () => {
  const store = new MemoryStore();
  store.setItem('k', '{not json');
  assert.deepEqual(new History({ store, key: 'k' }).entries, []);
});

test('search finds the newest entry containing the text, then older ones', () => {
  const history = new History();
  for (const line of ['print(1)', 'x = 2', 'print(3)']) history.add(line);
  assert.equal(history.search('print'), 2);
  assert.equal(history.search('print', 2), 0);
  assert.equal(history.search('print', 0), -1);
  assert.equal(history.search('nothing'), -1);
});

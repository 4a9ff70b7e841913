import assert from 'node:assert/strict';
import { test } from 'node:test';
import { History, MAX_STORED_ENTRY_LENGTH } from './History';

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

test('a huge entry is kept for this page load but not stored, so it cannot fill the storage', () => {
  const store = new MemoryStore();
  const history = new History({ store, key: 'k' });
  const huge = `data = "${'x'.repeat(MAX_STORED_ENTRY_LENGTH)}"`;
  history.add('before = 1');
  history.add(huge);
  history.add('after = 2');
  assert.deepEqual(history.entries, ['before = 1', huge, 'after = 2']);
  assert.deepEqual(new History({ store, key: 'k' }).entries, ['before = 1', 'after = 2']);
});

/** A store with a size limit, which throws as localStorage does when it is full. */
class SmallStore extends MemoryStore {
  constructor(private readonly _limit: number) {
    super();
  }
  override setItem(key: string, value: string): void {
    if (value.length > this._limit) throw new DOMException('quota exceeded', 'QuotaExceededError');
    super.setItem(key, value);
  }
}

test('when the storage is full, the newest entries are stored and older ones dropped from it', () => {
  const store = new SmallStore(2_000);
  const history = new History({ store, key: 'k' });
  const lines = Array.from({ length: 100 }, (_, i) => `value_${i} = ${'1'.repeat(40)}`);
  for (const line of lines) history.add(line);
  assert.equal(history.entries.length, 100); // this page load keeps them all
  const stored = new History({ store, key: 'k' }).entries;
  assert.ok(stored.length > 10 && stored.length < 100, `stored ${stored.length}`);
  assert.deepEqual(stored, lines.slice(-stored.length));
});

test('blocked storage leaves the history in memory', () => {
  const blocked = {
    getItem: (): string | null => null,
    setItem: (): void => {
      throw new DOMException('denied', 'SecurityError');
    },
  };
  const history = new History({ store: blocked, key: 'k' });
  history.add('x = 1');
  assert.deepEqual(history.entries, ['x = 1']);
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

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KeptFile, WorkingFilesEvent } from '../../webworker/protocol';
import {
  notKeptLine,
  restoredLine,
  WorkKeeper,
  type KeptSitePackages,
  type KeptStorage,
  type KeptWork,
} from './persistence';

const file = (path: string, text = path): KeptFile => ({
  path,
  data: new TextEncoder().encode(text).buffer,
  mtimeMs: 1_700_000_000_000,
});
const text = (kept: KeptFile): string => new TextDecoder().decode(kept.data);
const filesEvent = (event: Partial<Omit<WorkingFilesEvent, 'kind'>>): WorkingFilesEvent => ({
  kind: 'working-files',
  changed: [],
  removed: [],
  skipped: [],
  ...event,
});

/** A storage in memory, as IndexedDB behaves; `failing` makes every operation reject from then on. */
class FakeStorage implements KeptStorage {
  readonly files = new Map<string, KeptFile>();
  sitePackages: KeptSitePackages | null = null;
  writes = 0;
  failing = false;
  constructor(private readonly _read: () => Promise<KeptWork> = () => Promise.resolve(this._snapshot())) {}

  readAll(): Promise<KeptWork> {
    return this.failing ? Promise.reject(new Error('blocked')) : this._read();
  }
  putSitePackages(value: KeptSitePackages | null): Promise<void> {
    return this._write(() => (this.sitePackages = value));
  }
  updateFiles(changed: readonly KeptFile[], removed: readonly string[]): Promise<void> {
    return this._write(() => {
      for (const path of removed) this.files.delete(path);
      for (const kept of changed) this.files.set(kept.path, kept);
    });
  }
  clear(): Promise<void> {
    return this._write(() => {
      this.files.clear();
      this.sitePackages = null;
    });
  }
  private _write(change: () => void): Promise<void> {
    this.writes++;
    if (this.failing) return Promise.reject(new Error('QuotaExceededError'));
    change();
    return Promise.resolve();
  }
  private _snapshot(): KeptWork {
    return { sitePackages: this.sitePackages, files: [...this.files.values()] };
  }
}

describe('WorkKeeper', () => {
  test('gives a new Python back what the storage held from the last visit, files sorted by path', async () => {
    const storage = new FakeStorage();
    storage.files.set('b.txt', file('b.txt'));
    storage.files.set('a/c.txt', file('a/c.txt'));
    storage.sitePackages = { data: new ArrayBuffer(4), packages: ['snowball 1.0'] };
    const kept = await new WorkKeeper({ storage, keepFiles: true }).load();
    assert.deepEqual(
      kept.files.map((f) => f.path),
      ['a/c.txt', 'b.txt'],
    );
    assert.deepEqual(kept.sitePackages?.packages, ['snowball 1.0']);
  });

  test('stores the changed files and forgets the removed ones, for this page and the next visit', async () => {
    const storage = new FakeStorage();
    storage.files.set('old.txt', file('old.txt'));
    const keeper = new WorkKeeper({ storage, keepFiles: true });
    await keeper.keepFiles(filesEvent({ changed: [file('out.txt', 'v1')] }));
    await keeper.keepFiles(filesEvent({ changed: [file('out.txt', 'v2')], removed: ['old.txt'] }));
    const kept = await keeper.load();
    assert.deepEqual(
      kept.files.map((f) => [f.path, text(f)]),
      [['out.txt', 'v2']],
    );
    assert.deepEqual([...storage.files.keys()], ['out.txt']);
    assert.equal(text(storage.files.get('out.txt') ?? file('none', '')), 'v2');
  });

  test('keeps the last site-packages archive, and none once the last package is uninstalled', async () => {
    const storage = new FakeStorage();
    const keeper = new WorkKeeper({ storage, keepFiles: true });
    await keeper.keepSitePackages({ kind: 'site-packages', data: new ArrayBuffer(8), packages: ['snowball 1.0'] });
    assert.deepEqual(storage.sitePackages?.packages, ['snowball 1.0']);
    assert.equal((await keeper.load()).sitePackages?.data.byteLength, 8);
    await keeper.keepSitePackages({ kind: 'site-packages', data: null, packages: [] });
    assert.equal(storage.sitePackages, null);
    assert.equal((await keeper.load()).sitePackages, null);
  });

  test('without a storage (the embed) keeps packages across restarts, no files, and says nothing', async () => {
    const keeper = new WorkKeeper({ storage: null });
    let said = 0;
    keeper.onNotStored(() => said++);
    await keeper.keepSitePackages({ kind: 'site-packages', data: new ArrayBuffer(2), packages: ['a 1'] });
    await keeper.keepFiles(filesEvent({ changed: [file('x.txt')] }));
    const kept = await keeper.load();
    assert.equal(keeper.keepsFiles, false);
    assert.deepEqual(kept.sitePackages?.packages, ['a 1']);
    assert.deepEqual(kept.files, []);
    assert.equal(said, 0);
  });

  test('a storage that cannot be read starts empty, keeps work in page memory, and says so once', async () => {
    const storage = new FakeStorage();
    storage.failing = true;
    const keeper = new WorkKeeper({ storage, keepFiles: true });
    let said = 0;
    keeper.onNotStored(() => said++);
    assert.deepEqual(await keeper.load(), { sitePackages: null, files: [] });
    await keeper.keepFiles(filesEvent({ changed: [file('a.txt')] }));
    await keeper.keepFiles(filesEvent({ changed: [file('b.txt')] }));
    assert.deepEqual(
      (await keeper.load()).files.map((f) => f.path),
      ['a.txt', 'b.txt'],
    );
    assert.equal(said, 1);
    assert.equal(storage.writes, 0); // nothing written over what the storage may still hold
  });

  test('a storage that never answers does not hold start-up: the keeper goes on without it', async () => {
    const storage = new FakeStorage(() => new Promise<KeptWork>(() => undefined));
    const keeper = new WorkKeeper({ storage, keepFiles: true, loadTimeoutMs: 1 });
    assert.deepEqual(await keeper.load(), { sitePackages: null, files: [] });
  });

  test('a write that fails (storage full) is said once; the work stays in page memory', async () => {
    const storage = new FakeStorage();
    const keeper = new WorkKeeper({ storage, keepFiles: true });
    let said = 0;
    keeper.onNotStored(() => said++);
    await keeper.load();
    storage.failing = true;
    await keeper.keepFiles(filesEvent({ changed: [file('big.csv')] }));
    await keeper.keepSitePackages({ kind: 'site-packages', data: new ArrayBuffer(1), packages: ['a 1'] });
    assert.equal(said, 1);
    assert.equal(storage.writes, 1);
    const kept = await keeper.load();
    assert.deepEqual(
      kept.files.map((f) => f.path),
      ['big.csv'],
    );
    assert.deepEqual(kept.sitePackages?.packages, ['a 1']);
  });

  test('tells about each skipped file once', async () => {
    const keeper = new WorkKeeper({ storage: new FakeStorage(), keepFiles: true });
    const big = { path: 'big.bin', bytes: 80_000_000 };
    const huge = { path: 'huge.bin', bytes: 90_000_000 };
    assert.deepEqual(await keeper.keepFiles(filesEvent({ skipped: [big] })), [big]);
    assert.deepEqual(await keeper.keepFiles(filesEvent({ skipped: [big] })), []);
    assert.deepEqual(await keeper.keepFiles(filesEvent({ skipped: [big, huge] })), [huge]);
  });

  test('erase forgets everything, in page memory and in the storage', async () => {
    const storage = new FakeStorage();
    storage.files.set('a.txt', file('a.txt'));
    const keeper = new WorkKeeper({ storage, keepFiles: true });
    await keeper.keepSitePackages({ kind: 'site-packages', data: new ArrayBuffer(1), packages: ['a 1'] });
    await keeper.erase();
    assert.deepEqual(await keeper.load(), { sitePackages: null, files: [] });
    assert.equal(storage.files.size, 0);
    assert.equal(storage.sitePackages, null);
  });

  test('erase rejects when the storage could not be cleared, so the page can say so', async () => {
    const storage = new FakeStorage();
    const keeper = new WorkKeeper({ storage, keepFiles: true });
    await keeper.load();
    storage.failing = true;
    await assert.rejects(keeper.erase());
  });
});

describe('restoredLine', () => {
  test('says what came back: files, and packages by name and version', () => {
    assert.equal(
      restoredLine({ files: 2, packages: ['snowball 1.0'] }),
      'Restored from your last visit: 2 files, 1 package (snowball 1.0).',
    );
    assert.equal(restoredLine({ files: 1, packages: [] }), 'Restored from your last visit: 1 file.');
    assert.equal(
      restoredLine({ files: 0, packages: ['a 1', 'b 2'] }),
      'Restored from your last visit: 2 packages (a 1, b 2).',
    );
  });

  test('says nothing when nothing came back', () => {
    assert.equal(restoredLine({ files: 0, packages: [] }), null);
  });
});

describe('notKeptLine', () => {
  test('names the files not kept with their sizes, at most three, and the caps', () => {
    assert.equal(
      notKeptLine([{ path: 'big.csv', bytes: 80_000_000 }]),
      'Not kept for your next visit: big.csv (80 MB). Files over 20 MB, or beyond 50 MB or 1000 files in all, ' +
        'are not kept.',
    );
    const many = ['a', 'b', 'c', 'd', 'e'].map((path) => ({ path, bytes: 30_000_000 }));
    assert.match(
      notKeptLine(many),
      /^Not kept for your next visit: a \(30 MB\), b \(30 MB\), c \(30 MB\) and 2 more\./u,
    );
  });
});

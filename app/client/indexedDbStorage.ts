/**
 * The console page's storage of the user's work between visits (see persistence.ts): an IndexedDB database, since
 * files and packages are binary and can be tens of megabytes (localStorage holds ~5 MB of strings). One database
 * per storage prefix, so that two pages with their own prefix keep their own work, as their histories are.
 */
import type { KeptFile } from '../../webworker/protocol';
import type { KeptSitePackages, KeptStorage, KeptWork } from './persistence';

/** The working folder's files, keyed by their path. */
const FILES = 'files';
/** One record: the site-packages archive and its distributions. */
const PACKAGES = 'packages';
const SITE_PACKAGES_KEY = 'site-packages';

/** The database's name for a storage prefix (`pyrite:console:` keeps its work in `pyrite:console:workspace`). */
export function databaseName(storagePrefix: string): string {
  return `${storagePrefix}workspace`;
}

export class IndexedDbStorage implements KeptStorage {
  private _database: Promise<IDBDatabase> | null = null;

  constructor(private readonly _name: string) {}

  async readAll(): Promise<KeptWork> {
    const transaction = (await this._open()).transaction([FILES, PACKAGES], 'readonly');
    const files = transaction.objectStore(FILES).getAll() as IDBRequest<KeptFile[]>;
    const packages = transaction.objectStore(PACKAGES).get(SITE_PACKAGES_KEY) as IDBRequest<
      KeptSitePackages | undefined
    >;
    await completed(transaction);
    return { sitePackages: packages.result ?? null, files: files.result };
  }

  async putSitePackages(value: KeptSitePackages | null): Promise<void> {
    const transaction = (await this._open()).transaction(PACKAGES, 'readwrite');
    const store = transaction.objectStore(PACKAGES);
    if (value) store.put(value, SITE_PACKAGES_KEY);
    else store.delete(SITE_PACKAGES_KEY);
    await completed(transaction);
  }

  async updateFiles(changed: readonly KeptFile[], removed: readonly string[]): Promise<void> {
    const transaction = (await this._open()).transaction(FILES, 'readwrite');
    const store = transaction.objectStore(FILES);
    for (const path of removed) store.delete(path);
    for (const file of changed) store.put(file);
    await completed(transaction);
  }

  async clear(): Promise<void> {
    const transaction = (await this._open()).transaction([FILES, PACKAGES], 'readwrite');
    transaction.objectStore(FILES).clear();
    transaction.objectStore(PACKAGES).clear();
    await completed(transaction);
  }

  private _open(): Promise<IDBDatabase> {
    this._database ??= openDatabase(this._name);
    return this._database;
  }
}

/** Opens the database at whatever version it has (a new one is made at 1), adding the stores if they are missing. */
function openDatabase(name: string, version?: number): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    // Reading `indexedDB` itself throws where storage is denied (sandboxed frames, some privacy settings).
    const request = version === undefined ? globalThis.indexedDB.open(name) : globalThis.indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(FILES)) database.createObjectStore(FILES, { keyPath: 'path' });
      if (!database.objectStoreNames.contains(PACKAGES)) database.createObjectStore(PACKAGES);
    };
    request.onsuccess = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(FILES) || !database.objectStoreNames.contains(PACKAGES)) {
        // Made without our stores (opened elsewhere before we ever were): a new version adds them.
        database.close();
        openDatabase(name, database.version + 1).then(resolve, reject);
        return;
      }
      // A later version opened in another tab must not wait for this one.
      database.onversionchange = () => database.close();
      resolve(database);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

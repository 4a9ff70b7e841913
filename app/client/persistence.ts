/**
 * What the page keeps of the user's work for the next Python: the packages installed with micropip (the worker's
 * `site-packages` events) and the files of Python's working folder (`working-files` events). Every new worker gets
 * them back in its `restore` request: after a restart (exit(), a crash, Stop without cross-origin isolation), and,
 * with a storage (the console page's IndexedDB, see indexedDbStorage.ts), after a reload, on the next visit.
 *
 * A copy is held in page memory, so what the storage cannot hold (blocked, private mode, full) still lasts until
 * the page is closed, and a storage that fails never holds up start-up: it only costs the next visit.
 */
import type {
  KeptFile,
  RestoredReply,
  SitePackagesEvent,
  SkippedFile,
  WorkingFilesEvent,
} from '../../webworker/protocol';
import { Emitter } from '../lifecycle/Disposable';
import { formatBytes } from '../ui/files';

/** The caps the worker applies to the working folder (webworker/python/pyrite_console.py), for what the user reads. */
export const MAX_KEPT_FILE_BYTES = 20_000_000;
export const MAX_KEPT_TOTAL_BYTES = 50_000_000;
export const MAX_KEPT_FILES = 1000;

/** How long start-up waits for the storage to give back what it holds, before going on without it. */
export const LOAD_TIMEOUT_MS = 5_000;

export interface KeptSitePackages {
  /** The zip of site-packages. */
  readonly data: ArrayBuffer;
  /** The distributions in it, as `name version`. */
  readonly packages: readonly string[];
}

/** What a new worker gets back in `restore`. */
export interface KeptWork {
  readonly sitePackages: KeptSitePackages | null;
  /** Sorted by path. */
  readonly files: readonly KeptFile[];
}

/** Where the work is kept between page loads. Every method may reject (storage blocked, full, gone). */
export interface KeptStorage {
  readAll(): Promise<KeptWork>;
  putSitePackages(value: KeptSitePackages | null): Promise<void>;
  /** Stores `changed` (replacing files of the same path) and deletes `removed`, together. */
  updateFiles(changed: readonly KeptFile[], removed: readonly string[]): Promise<void>;
  clear(): Promise<void>;
}

export interface WorkKeeperOptions {
  /** Null: page memory only (the embed: its host page decides what it starts with). */
  readonly storage: KeptStorage | null;
  /** Keep the working folder's files too (default false: only packages, across restarts). */
  readonly keepFiles?: boolean;
  readonly loadTimeoutMs?: number;
}

export class WorkKeeper {
  private _sitePackages: KeptSitePackages | null = null;
  private readonly _files = new Map<string, KeptFile>();
  private _storage: KeptStorage | null;
  /** What the storage held at start, once read (or given up on); every change waits for it. */
  private readonly _loaded: Promise<void>;
  private _notStoredSaid = false;
  private readonly _onNotStored = new Emitter<void>();
  /** Fires once, the first time something could not be stored for the next visit (the console says so). */
  readonly onNotStored = this._onNotStored.event;
  /** The skipped files the user was told about (each once). */
  private readonly _skippedTold = new Set<string>();

  constructor(private readonly _options: WorkKeeperOptions) {
    this._storage = _options.storage;
    // Read at once, so that it overlaps the runtime's load.
    this._loaded = this._readStorage();
  }

  /** Whether the worker should report the working folder's files. */
  get keepsFiles(): boolean {
    return this._options.keepFiles === true;
  }

  /** What the next worker gets back: what the storage held at start, with every change since. Never rejects. */
  async load(): Promise<KeptWork> {
    await this._loaded;
    const files = [...this._files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { sitePackages: this._sitePackages, files };
  }

  /** A run changed the packages installed. */
  async keepSitePackages(event: SitePackagesEvent): Promise<void> {
    await this._loaded;
    this._sitePackages = event.data ? { data: event.data, packages: event.packages } : null;
    await this._store((storage) => storage.putSitePackages(this._sitePackages));
  }

  /**
   * The working folder changed. Resolves with the skipped files the user has not been told about yet (for a notice),
   * sorted by path.
   */
  async keepFiles(event: WorkingFilesEvent): Promise<readonly SkippedFile[]> {
    if (!this.keepsFiles) return [];
    await this._loaded;
    for (const path of event.removed) this._files.delete(path);
    for (const file of event.changed) this._files.set(file.path, file);
    if (event.changed.length > 0 || event.removed.length > 0) {
      await this._store((storage) => storage.updateFiles(event.changed, event.removed));
    }
    const untold = event.skipped.filter((file) => !this._skippedTold.has(file.path));
    for (const file of untold) this._skippedTold.add(file.path);
    return untold;
  }

  /** Forgets everything, in memory and in the storage. Rejects if the storage could not be cleared. */
  async erase(): Promise<void> {
    await this._loaded;
    this._sitePackages = null;
    this._files.clear();
    this._skippedTold.clear();
    const storage = this._options.storage;
    if (storage) await this._withinTimeout(storage.clear());
  }

  private async _readStorage(): Promise<void> {
    const storage = this._storage;
    if (!storage) return;
    try {
      const stored = await this._withinTimeout(storage.readAll());
      this._sitePackages = stored.sitePackages;
      for (const file of stored.files) this._files.set(file.path, file);
    } catch (error) {
      // Blocked (private mode), broken or too slow: this page load keeps its work in memory only, and writes
      // nothing, so as not to mix with what the storage may still hold.
      console.warn('pyrite: the files and packages of your last visit could not be read', error);
      this._storage = null;
    }
  }

  /** A storage that never answers (a blocked database) must not hold the console up. */
  private async _withinTimeout<T>(operation: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the storage did not answer')),
        this._options.loadTimeoutMs ?? LOAD_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([operation, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async _store(write: (storage: KeptStorage) => Promise<void>): Promise<void> {
    if (!this._options.storage) return; // page memory only, by design: nothing to say
    const storage = this._storage;
    try {
      if (!storage) throw new Error('no storage');
      await write(storage);
    } catch (error) {
      if (storage) console.warn('pyrite: could not store your files and packages for the next visit', error);
      this._storage = null;
      if (!this._notStoredSaid) {
        this._notStoredSaid = true;
        this._onNotStored.fire();
      }
    }
  }
}

/** The line the console shows after a reload when something came back, or null when nothing did. */
export function restoredLine(restored: Pick<RestoredReply, 'files' | 'packages'>): string | null {
  const parts: string[] = [];
  if (restored.files > 0) parts.push(`${restored.files} file${restored.files === 1 ? '' : 's'}`);
  const packages = restored.packages.length;
  if (packages > 0) {
    parts.push(`${packages} package${packages === 1 ? '' : 's'} (${restored.packages.join(', ')})`);
  }
  return parts.length === 0 ? null : `Restored from your last visit: ${parts.join(', ')}.`;
}

/** The notice for working files that are not kept for the next visit (too big), naming at most a few. */
export function notKeptLine(skipped: readonly SkippedFile[]): string {
  const shown = skipped.slice(0, 3).map((file) => `${file.path} (${formatBytes(file.bytes)})`);
  const more = skipped.length > shown.length ? ` and ${skipped.length - shown.length} more` : '';
  return (
    `Not kept for your next visit: ${shown.join(', ')}${more}. Files over ${formatBytes(MAX_KEPT_FILE_BYTES)}, ` +
    `or beyond ${formatBytes(MAX_KEPT_TOTAL_BYTES)} or ${MAX_KEPT_FILES} files in all, are not kept.`
  );
}

/** Said once when the browser does not let the page store anything (private mode, storage full or blocked). */
export const NOT_STORED_LINE =
  'This browser does not let the page keep your files and packages for your next visit; they last until the page ' +
  'is closed.';

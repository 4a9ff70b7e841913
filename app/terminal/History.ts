/**
 * Input history with readline-style navigation: Up/Down walk the entries, and the line being typed is kept as
 * the newest "draft" entry, so going down past the last entry brings it back. An entry may be a whole block
 * (lines joined with `\n`). With a `store`, entries survive reloads (localStorage, under a key the host page
 * chooses, so each page or embed keeps its own history).
 */

/** Where the entries are kept between page loads; `localStorage` fits. */
export interface HistoryStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface HistoryOptions {
  readonly maxEntries?: number;
  readonly store?: HistoryStore | null;
  /** The storage key (for example `pyrite:console:history`). */
  readonly key?: string;
}

/**
 * Entries longer than this (a pasted data file, say) are kept for this page load only: the origin's storage
 * (~5 MB, shared with the editor's text) would otherwise fill up, and then nothing more could be saved.
 */
export const MAX_STORED_ENTRY_LENGTH = 100_000;

export class History {
  private readonly _entries: string[] = [];
  /** Index into `_entries` while navigating; `_entries.length` means the draft. */
  private _position = 0;
  private _draft = '';
  private readonly _maxEntries: number;
  private readonly _store: HistoryStore | null;
  private readonly _key: string;

  constructor(options: HistoryOptions | number = {}) {
    const resolved = typeof options === 'number' ? { maxEntries: options } : options;
    this._maxEntries = resolved.maxEntries ?? 1000;
    this._store = resolved.store ?? null;
    this._key = resolved.key ?? 'pyrite:history';
    this._entries.push(...this._load());
    this._position = this._entries.length;
  }

  get entries(): readonly string[] {
    return this._entries;
  }

  /** Records a submitted line or block (blank ones and immediate repeats are skipped) and ends navigation. */
  add(line: string): void {
    if (line.trim() !== '' && this._entries.at(-1) !== line) {
      this._entries.push(line);
      if (this._entries.length > this._maxEntries) this._entries.shift();
      this._save();
    }
    this.resetNavigation();
  }

  resetNavigation(): void {
    this._position = this._entries.length;
    this._draft = '';
  }

  /** The older entry, or `undefined` at the oldest. `current` is the line as edited now. */
  previous(current: string): string | undefined {
    if (this._position === 0) return undefined;
    if (this._position === this._entries.length) this._draft = current;
    this._position--;
    return this._entries[this._position];
  }

  /** The newer entry (or the draft), or `undefined` when not navigating. */
  next(): string | undefined {
    if (this._position >= this._entries.length) return undefined;
    this._position++;
    return this._position === this._entries.length ? this._draft : this._entries[this._position];
  }

  /** Index of the newest entry before `before` that contains `query` (Ctrl+R), or -1. */
  search(query: string, before = this._entries.length): number {
    for (let i = Math.min(before, this._entries.length) - 1; i >= 0; i--) {
      if (this._entries[i]?.includes(query)) return i;
    }
    return -1;
  }

  private _load(): string[] {
    if (!this._store) return [];
    try {
      const saved: unknown = JSON.parse(this._store.getItem(this._key) ?? '[]');
      if (!Array.isArray(saved)) return [];
      return saved.filter((entry): entry is string => typeof entry === 'string').slice(-this._maxEntries);
    } catch {
      return []; // unreadable or blocked storage: start empty
    }
  }

  private _save(): void {
    if (!this._store) return;
    // Another tab of the same page may have added entries meanwhile; keep both, newest last.
    let kept = [...this._load().filter((entry) => !this._entries.includes(entry)), ...this._entries]
      .filter((entry) => entry.length <= MAX_STORED_ENTRY_LENGTH)
      .slice(-this._maxEntries);
    for (;;) {
      try {
        this._store.setItem(this._key, JSON.stringify(kept));
        return;
      } catch {
        // Storage full: keep the newer half and try again. Blocked storage (private mode, a sandboxed iframe)
        // fails every time: history then stays in memory.
        if (kept.length === 0) return;
        kept = kept.slice(Math.ceil(kept.length / 2));
      }
    }
  }
}

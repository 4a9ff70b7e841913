/**
 * Input history with readline-style navigation: Up/Down walk the entries, and the line being typed is kept as
 * the newest "draft" entry, so going down past the last entry brings it back.
 */
export class History {
  private readonly _entries: string[] = [];
  /** Index into `_entries` while navigating; `_entries.length` means the draft. */
  private _position = 0;
  private _draft = '';

  constructor(private readonly _maxEntries = 1000) {}

  get entries(): readonly string[] {
    return this._entries;
  }

  /** Records a submitted line (blank lines and immediate repeats are skipped) and ends navigation. */
  add(line: string): void {
    if (line.trim() !== '' && this._entries.at(-1) !== line) {
      this._entries.push(line);
      if (this._entries.length > this._maxEntries) this._entries.shift();
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
}

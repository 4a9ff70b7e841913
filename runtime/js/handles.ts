// The table of JS values that C++ refers to by integer id. Ids 1-4 stand for
// undefined, null, true and false and are never counted; 0 means "error".
export const enum Reserved {
  Error = 0,
  Undefined = 1,
  Null = 2,
  True = 3,
  False = 4,
  FirstCounted = 5,
}

export class HandleTable {
  /** Values by id (read directly by the C++ side's JS imports as `v`). */
  readonly v: unknown[] = [undefined, undefined, null, true, false];
  private readonly _counts: number[] = [0, 0, 0, 0, 0];
  private readonly _free: number[] = [];
  private _live = 0;

  /** Stores a value; the caller owns one count of the returned id. */
  add(value: unknown): number {
    if (value === undefined) return Reserved.Undefined;
    if (value === null) return Reserved.Null;
    if (value === true) return Reserved.True;
    if (value === false) return Reserved.False;
    this._live++;
    const id = this._free.pop();
    if (id === undefined) {
      this.v.push(value);
      this._counts.push(1);
      return this.v.length - 1;
    }
    this.v[id] = value;
    this._counts[id] = 1;
    return id;
  }

  incref(id: number): void {
    if (id >= Reserved.FirstCounted) this._counts[id]++;
  }

  decref(id: number): void {
    if (id < Reserved.FirstCounted) return;
    if (--this._counts[id] === 0) {
      this.v[id] = undefined;
      this._free.push(id);
      this._live--;
    }
  }

  /** Reads a value and gives up the caller's count of it. */
  take(id: number): unknown {
    const value = this.v[id];
    this.decref(id);
    return value;
  }

  get live(): number {
    return this._live;
  }
}

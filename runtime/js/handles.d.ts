export declare const enum Reserved {
    Error = 0,
    Undefined = 1,
    Null = 2,
    True = 3,
    False = 4,
    FirstCounted = 5
}
export declare class HandleTable {
    /** Values by id (read directly by the C++ side's JS imports as `v`). */
    readonly v: unknown[];
    private readonly _counts;
    private readonly _free;
    private _live;
    /** Stores a value; the caller owns one count of the returned id. */
    add(value: unknown): number;
    incref(id: number): void;
    decref(id: number): void;
    /** Reads a value and gives up the caller's count of it. */
    take(id: number): unknown;
    get live(): number;
}

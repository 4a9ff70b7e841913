export declare class PythonError extends Error {
    /** The Python exception type's name, e.g. "ZeroDivisionError". */
    readonly type: string;
    /** @internal address of the exception object (identity on the way back). */
    readonly __error_address: number;
    constructor(type: string, message: string, address: number);
}
/** Every API call after the runtime failed fatally (a wasm trap, a broken invariant). */
export declare class FatalRuntimeError extends Error {
    constructor(message: string);
}
/** A proxy used after destroy(). */
export declare class UseAfterDestroyError extends Error {
    constructor(message: string);
}

import type { PyPtr } from "./module";
import type { Runtime } from "./runtime";
/** What every PyProxy has; the rest depends on the Python object. */
export interface PyProxy {
    readonly type: string;
    toString(): string;
    destroy(message?: string): void;
    copy(): PyProxy;
    toJs(options?: {
        depth?: number;
        create_pyproxies?: boolean;
        dict_converter?: (entries: [unknown, unknown][]) => unknown;
    }): unknown;
    [key: string]: unknown;
}
export declare function isPyProxy(v: unknown): boolean;
/** The PyObject* of a live proxy (borrowed); throws for a destroyed one. */
export declare function pyProxyPtr(v: unknown): PyPtr;
export declare function destroyProxy(v: unknown, message?: string): void;
export interface PyBuffer {
    offset: number;
    readonly: boolean;
    format: string;
    itemsize: number;
    ndim: number;
    nbytes: number;
    shape: number[];
    strides: number[];
    data: ArrayBufferView;
    c_contiguous: boolean;
    f_contiguous: boolean;
    release(): void;
}
export declare class PyProxyFactory {
    private readonly _runtime;
    live: number;
    liveBuffers: number;
    private readonly _prototypes;
    constructor(_runtime: Runtime);
    private _prototype;
    /** Wraps `ptr`, taking over one reference to it. */
    create(ptr: PyPtr, flags: number): PyProxy;
    /** After a JS call returns: destroys a proxy made only for its arguments. */
    releaseBorrowed(v: unknown): void;
}

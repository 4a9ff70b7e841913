export declare const enum JsFlags {
    Callable = 1,
    ArrayLike = 2,
    MapLike = 4,
    Iterable = 8,
    Iterator = 16,
    Thenable = 32,
    HasLength = 64,
    Buffer = 128,
    Error = 256,
    Array = 512,
    SetLike = 1024
}
export declare const enum PyFlags {
    HasGet = 1,
    HasSet = 2,
    HasLength = 4,
    HasContains = 8,
    Iterable = 16,
    Iterator = 32,
    Awaitable = 64,
    Buffer = 128,
    Callable = 256,
    Generator = 512
}

// The JS side's error classes. A PythonError carries the Python type name and
// the formatted traceback (user frames only), never a reference to the Python
// object: only its address, which lets the same exception be restored if the
// error is thrown back into Python while it is still sys.last_value.

export class PythonError extends Error {
  /** The Python exception type's name, e.g. "ZeroDivisionError". */
  readonly type: string;
  /** @internal address of the exception object (identity on the way back). */
  readonly __error_address: number;

  constructor(type: string, message: string, address: number) {
    super(message);
    this.name = "PythonError";
    this.type = type;
    this.__error_address = address;
  }
}

/** Every API call after the runtime failed fatally (a wasm trap, a broken invariant, `os._exit()`). */
export class FatalRuntimeError extends Error {
  /** The status the C code exited with (`os._exit(n)` calls C's `exit`), or null when the runtime failed. */
  readonly exitStatus: number | null;

  constructor(message: string, exitStatus: number | null = null) {
    super(message);
    this.name = "FatalRuntimeError";
    this.exitStatus = exitStatus;
  }
}

/** A proxy used after destroy(). */
export class UseAfterDestroyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UseAfterDestroyError";
  }
}

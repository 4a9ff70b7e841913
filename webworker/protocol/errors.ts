/**
 * The page-side error hierarchy: what `Channel.request` rejects with. Each class sets `name`, so code and tests
 * can tell them apart with `instanceof` or by name after structured cloning.
 */
import type { ErrorData, FrameData } from './messages';

/** Python raised: the reply carried the exception as data (type, message, frames, formatted traceback). */
export class PythonError extends Error {
  override readonly name = 'PythonError';
  constructor(
    readonly type: string,
    message: string,
    readonly frames: readonly FrameData[],
    readonly formatted: string,
  ) {
    super(message);
  }
}

/** A JavaScript error inside the worker, rebuilt from its name, message and stack. */
export class WorkerError extends Error {
  override readonly name = 'WorkerError';
  constructor(
    readonly originalName: string,
    message: string,
    readonly workerStack: string,
  ) {
    super(`${originalName}: ${message}`);
  }
}

/** A message did not match the protocol (either side sent it). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** The channel was closed (worker terminated or restarted) while the request was pending. */
export class ChannelClosedError extends Error {
  override readonly name = 'ChannelClosedError';
}

/** The runtime reported `fatal` or the worker died; only a restart helps. */
export class RuntimeCrashedError extends Error {
  override readonly name = 'RuntimeCrashedError';
}

/** Turns an `error` reply's payload into the matching error class. */
export function errorFromData(data: ErrorData): Error {
  switch (data.kind) {
    case 'python':
      return new PythonError(data.type, data.message, data.frames, data.formatted);
    case 'protocol':
      return new ProtocolError(data.message);
    case 'internal':
      return new WorkerError(data.name, data.message, data.stack);
    case 'crashed':
      return new RuntimeCrashedError(data.message);
    default:
      return assertNever(data);
  }
}

/** Exhaustiveness check for `switch` over a closed union: adding a member without a case does not compile. */
export function assertNever(value: never): never {
  throw new ProtocolError(`unhandled variant ${JSON.stringify(value)}`);
}

/**
 * Entry point of the module worker that hosts the Python runtime. All logic lives in WorkerSession; this file
 * only connects it to the worker's message port.
 */
import { WorkerSession } from './WorkerSession';

declare const self: DedicatedWorkerGlobalScope;

const session = new WorkerSession((message) => self.postMessage(message));

self.addEventListener('message', (event: MessageEvent<unknown>) => session.receive(event.data));

// Errors outside any request (a bug, or a rejected promise nobody awaited) are logged, not silently lost.
self.addEventListener('unhandledrejection', (event) =>
  console.error('pyrite worker: unhandled rejection', event.reason),
);

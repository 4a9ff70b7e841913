/**
 * The input() channel for pages with neither SharedArrayBuffer nor JSPI: public/pyrite-stdin-sw.js holds the
 * runtime worker's synchronous request until the page posts the answer. See webworker/PROTOCOL.md.
 */
import type { StdinAnswer } from '../../webworker/protocol';

export interface StdinServiceWorkerChannel {
  /** The URL the runtime worker requests (with `?session=`), passed in `init`. */
  readonly url: string;
  send(answer: StdinAnswer): void;
}

const SCRIPT = 'pyrite-stdin-sw.js';
const CONTROL_TIMEOUT_MS = 5_000;

/** Registers the service worker and waits until it controls the page; null if it cannot (then input() reads EOF). */
export async function connectStdinServiceWorker(
  base: string = document.baseURI,
): Promise<StdinServiceWorkerChannel | null> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return null;
  try {
    await container.register(new URL(SCRIPT, base), { scope: './' });
    await container.ready;
    if (!container.controller) {
      // First visit: the worker claims the page when it activates.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('service worker did not take control')), CONTROL_TIMEOUT_MS);
        container.addEventListener(
          'controllerchange',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  } catch (error) {
    console.warn('pyrite: no input() channel without cross-origin isolation or JSPI:', error);
    return null;
  }
  const session = crypto.randomUUID();
  const url = new URL(`__pyrite_stdin__?session=${session}`, base).href;
  return {
    url,
    send: (answer) => container.controller?.postMessage({ session, answer }),
  };
}

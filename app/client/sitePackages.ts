/**
 * The packages this page's Python installed (micropip), kept across restarts: the worker sends a zip of
 * site-packages after each run that changed it (the `site-packages` event), and the next worker gets it in `init`,
 * so that a restarted Python (exit(), a crash, Stop without cross-origin isolation) has them again, as a
 * restarted CPython has what pip installed. Page memory only: a reload starts without them.
 */
import type { SitePackagesEvent } from '../../webworker/protocol';

let kept: ArrayBuffer | null = null;

export function keepSitePackages(event: SitePackagesEvent): void {
  kept = event.data;
}

/** The archive for the next worker's `init`, or null. */
export function keptSitePackages(): ArrayBuffer | null {
  return kept;
}

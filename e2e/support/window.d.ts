// What the console page exposes for tests (see app/main.ts). Code inside page.evaluate() runs in the page.
import type { Terminal } from '@xterm/xterm';

declare global {
  interface Window {
    term: Terminal;
    /** Which renderer draws the console: 'webgl', or 'dom' when WebGL is unavailable. */
    termRenderer?: () => 'webgl' | 'dom';
    /** Present only when the page is opened with `?debug`. */
    pyriteDebug?: { trap(): void; history(): readonly string[]; lastError(): unknown };
  }
}

/**
 * Boots the console page. The runtime worker is started first, from this small module; the UI (xterm.js, the
 * workbench, the controller: consolePage.ts) is fetched and built while Python loads, and adopts the runtime.
 */
// Stylesheets stay in the entry, so that the page links them from its HTML.
import '@xterm/xterm/css/xterm.css';
import { startRuntime } from './client/RuntimeClient';

// The runtime's build outputs are served next to the page (public/pyrite/ in the repository).
const indexURL = new URL('pyrite/', document.baseURI).href;
const query = new URLSearchParams(location.search);
const jspi = !query.has('nojspi');
const started = startRuntime(indexURL, { jspi });

// Imported only now, so that evaluating the UI's modules does not hold the worker's start back.
const { buildConsolePage } = await import('./consolePage');
buildConsolePage({ indexURL, jspi, query, started });

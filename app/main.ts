/**
 * Boots the console page. The runtime worker is started first, from this small module, and what the page kept of
 * the user's last visit (files, packages: client/persistence.ts) is read meanwhile; the UI (xterm.js, the workbench,
 * the controller: consolePage.ts) is fetched and built while Python loads, and adopts both.
 */
// Stylesheets stay in the entry, so that the page links them from its HTML.
import '@xterm/xterm/css/xterm.css';
import { databaseName, IndexedDbStorage } from './client/indexedDbStorage';
import { WorkKeeper } from './client/persistence';
import { startRuntime } from './client/RuntimeClient';

// The runtime's build outputs are served next to the page (public/pyrite/ in the repository).
const indexURL = new URL('pyrite/', document.baseURI).href;
const query = new URLSearchParams(location.search);
const jspi = !query.has('nojspi');
const started = startRuntime(indexURL, { jspi });
// History, settings and the kept work are stored under a prefix the host page may choose
// (<body data-storage-prefix="…">), so that each page keeps its own.
const storagePrefix = document.body.dataset.storagePrefix ?? 'pyrite:console:';
const keeper = new WorkKeeper({ storage: new IndexedDbStorage(databaseName(storagePrefix)), keepFiles: true });

// Imported only now, so that evaluating the UI's modules does not hold the worker's start back.
const { buildConsolePage } = await import('./consolePage');
buildConsolePage({ indexURL, jspi, query, started, storagePrefix, keeper });

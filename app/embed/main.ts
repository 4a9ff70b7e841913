/**
 * The embeddable page (embed.html): the editor and the console, configured by the URL query (see config.ts),
 * with the code in the URL fragment (`#code=`, as share links), commanded by its host through the postMessage
 * API (EmbedApi.ts, documented in README.md). Nothing is kept in storage: each embed starts from its URL.
 */
// Stylesheets stay in the entry, so that the page links them from its HTML.
import '@xterm/xterm/css/xterm.css';
import './embed.css';
import { startRuntime } from '../client/RuntimeClient';

// Python starts loading in its worker first; the UI's modules are fetched and evaluated while it loads.
const indexURL = new URL('pyrite/', document.baseURI).href;
const started = startRuntime(indexURL);

const { buildEmbedPage } = await import('./embedPage');
await buildEmbedPage(indexURL, started);

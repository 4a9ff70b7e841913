/* global self, Response, URL, setTimeout */
// A service worker that lets the runtime worker wait for an input() answer on pages that have neither
// SharedArrayBuffer (no cross-origin isolation) nor JS Promise Integration (e.g. Safari on a non-isolated page).
// The runtime worker blocks in a synchronous XMLHttpRequest to STDIN_PATH; this worker holds that request until
// the page posts the answer ({ session, answer }) to it. A request is answered "204: ask again" after POLL_MS, so
// no request outlives the browser's limits on a pending fetch. See webworker/PROTOCOL.md.
const STDIN_PATH = '/__pyrite_stdin__';
const POLL_MS = 20_000;
/** session -> the pending request's resolve; session -> an answer that arrived before the request. */
const waiting = new Map();
const early = new Map();

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const { session, answer } = event.data ?? {};
  if (typeof session !== 'string' || typeof answer !== 'object' || answer === null) return;
  const resolve = waiting.get(session);
  if (resolve) {
    waiting.delete(session);
    resolve(answer);
  } else {
    early.set(session, answer);
  }
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !url.pathname.endsWith(STDIN_PATH)) return;
  const session = url.searchParams.get('session') ?? '';
  const sleep = url.searchParams.get('sleep');
  if (sleep !== null) {
    // time.sleep() in the runtime worker: a timer, so that the worker blocks instead of spinning on the clock.
    const ms = Math.min(Math.max(Number(sleep) || 0, 0), POLL_MS);
    event.respondWith(
      new Promise((resolve) =>
        setTimeout(() => resolve(new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })), ms),
      ),
    );
    return;
  }
  event.respondWith(
    new Promise((resolve) => {
      if (early.has(session)) {
        resolve(early.get(session));
        early.delete(session);
        return;
      }
      waiting.get(session)?.(null); // a request left over from an earlier read gives way
      waiting.set(session, resolve);
      setTimeout(() => {
        if (waiting.get(session) !== resolve) return;
        waiting.delete(session);
        resolve(null);
      }, POLL_MS);
    }).then((answer) =>
      answer === null
        ? new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })
        : new Response(JSON.stringify(answer), {
            headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
          }),
    ),
  );
});

// Service worker of 行動電話認證: keeps this build's files (by their hashed names) so the app
// opens offline, and waits for the user's 重新整理 before a new build takes over.
// The BUILD line is written by `cargo xtask build` (its precache step): the list is never kept
// by hand, and the worker changes with every build, so browsers see each new deployment. APP
// holds the names it shares with the page (src/startup.rs), written in by the same build.
const BUILD = { version: 'dev', files: [], hashed: [] };
const APP = {};

const PREFIX = `mobile-auth:${self.registration.scope}:`;
const CACHE = PREFIX + BUILD.version;
// config.json is the operator's, edited after the build: the last one fetched is kept.
const CONFIG_CACHE = PREFIX + 'config';
const here = (file) => new URL(file, self.location).href;

// A file named by its content (BUILD.hashed) never changes: the copy the page has just fetched
// is this build's, so it comes from the HTTP cache and the app is not downloaded a second time.
// Any other file (index.html, boot.js, config.json…) is asked again, so an older copy in the
// HTTP cache cannot pass for this build's (an unchanged one costs a 304, no body). index.html is
// asked under the URL the page was opened with, the worker's scope, whose copy the cache holds.
async function precache(f, cache) {
  const url = f === 'index.html' ? self.registration.scope : here(f);
  const response = await fetch(url, { cache: BUILD.hashed.includes(f) ? 'default' : 'no-cache' });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await cache.put(here(f), response);
}

// The installation icons are the browser's to ask for (when it offers to install the app, or adds
// it to a home screen), never the page's: precaching them cost every first visit 16 kB over the
// wire (issue 27). The worker keeps each the first time the browser asks, so it is there offline.
const onRequest = (f) => f.startsWith('icons/');

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => Promise.all(BUILD.files.filter((f) => !onRequest(f)).map((f) => precache(f, c)))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE && key !== CONFIG_CACHE) await caches.delete(key);
    }
    // The first visit is served by the worker at once, so it works offline without a reload.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === APP.message.skipWaiting) self.skipWaiting();
});

async function fromNetworkElse(request, fallback) {
  try {
    return await fetch(request);
  } catch (e) {
    const cached = await fallback();
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const file = url.pathname.slice(scope.pathname.length);

  // Everything else (the API above all: its answers carry personal data) goes to the network
  // untouched and is never stored.
  if (request.mode === 'navigate') {
    // The network's page when there is one (a new deployment shows at once); offline, this
    // build's shell.
    event.respondWith(fromNetworkElse(request, () => caches.open(CACHE).then((c) => c.match(here('index.html')))));
  } else if (file === 'config.json') {
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CONFIG_CACHE).then((c) => c.put(here('config.json'), copy)));
        }
        return response;
      } catch (e) {
        const cached = (await caches.open(CONFIG_CACHE).then((c) => c.match(here('config.json'))))
          ?? (await caches.open(CACHE).then((c) => c.match(here('config.json'))));
        if (cached) return cached;
        throw e;
      }
    })());
  } else if (BUILD.files.includes(file)) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(here(file));
      if (cached) return cached;
      const response = await fetch(request);
      if (onRequest(file) && response.ok) event.waitUntil(cache.put(here(file), response.clone()));
      return response;
    })());
  }
});

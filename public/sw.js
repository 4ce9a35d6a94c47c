// Service worker of 行動電話認證: keeps this build's files (by their hashed names) so the app
// opens offline, and waits for the user's 重新整理 before a new build takes over.
// The BUILD line is written by `cargo xtask build` (its precache step): the list is never kept
// by hand, and the worker changes with every build, so browsers see each new deployment. APP
// holds the names it shares with the page (src/startup.rs), written in by the same build.
const BUILD = { version: 'dev', files: [] };
const APP = {};

const PREFIX = `mobile-auth:${self.registration.scope}:`;
const CACHE = PREFIX + BUILD.version;
// config.json is the operator's, edited after the build: the last one fetched is kept.
const CONFIG_CACHE = PREFIX + 'config';
const here = (file) => new URL(file, self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((c) => c.addAll(BUILD.files.map((f) => new Request(here(f), { cache: 'reload' })))),
  );
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
    event.respondWith(caches.open(CACHE).then((c) => c.match(here(file))).then((r) => r ?? fetch(request)));
  }
});

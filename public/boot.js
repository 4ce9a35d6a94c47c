// Starts the Wasm app. An external module (not Trunk's inline loader) so the page runs under a
// strict CSP (script-src 'self'). Trunk.toml's pattern_script puts the hashed file names on the
// tag: <script type="module" src="boot.js" data-js="…" data-wasm="…">.
const tag = document.querySelector('script[data-js][data-wasm]');
const fail = () => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'boot-error';
  p.textContent = '無法載入此服務，請重新整理頁面或改用最新版瀏覽器。 The service could not start: reload the page or use an up-to-date browser.';
  document.body.appendChild(p);
};

// The service worker (sw.js beside this file) keeps the app usable offline. When a new
// deployment's worker is waiting, src/pwa.rs is told by an event and offers 重新整理; choosing it
// sends 'mobile-auth:apply-update' back, and the page reloads once the new worker is in charge.
function watchForUpdates(registration) {
  const ready = () => {
    window.__mobileAuthUpdateReady = true;
    dispatchEvent(new Event('mobile-auth:update-ready'));
  };
  // A controller means an older build is running: a first install is not an update.
  if (registration.waiting && navigator.serviceWorker.controller) ready();
  const track = (worker) => worker?.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) ready();
  });
  // The browser may have found the new build before this ran.
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  addEventListener('mobile-auth:apply-update', () => {
    if (!registration.waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting.postMessage({ type: 'mobile-auth:skip-waiting' });
  });
  // A tab left open for hours still learns of a new deployment.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(new URL('sw.js', import.meta.url))
    .then(watchForUpdates)
    // Without a worker the app still works online; nothing to tell the user.
    .catch(() => {});
}

// Without the tag, Trunk's own inline loader is in charge (e.g. a build without pattern_script).
if (tag) {
  import(tag.dataset.js)
    .then((m) => m.default({ module_or_path: tag.dataset.wasm }))
    .then(() => dispatchEvent(new CustomEvent('TrunkApplicationStarted')))
    .then(registerWorker)
    .catch(fail);
}

// Starts the Wasm app. An external module (not Trunk's inline loader) so the page runs under a
// strict CSP (script-src 'self'). Trunk.toml's pattern_script puts the hashed file names on the
// tag: <script type="module" src="boot.js" data-js="…" data-wasm="…">.
const tag = document.querySelector('script[data-js][data-wasm]');
const fail = () => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'boot-error';
  p.textContent = '無法載入此服務，請重新整理頁面或改用最新版瀏覽器。 The service could not start: reload the page or use an up-to-date browser.';
  // index.html's static first screen cannot work without the app: the message takes its place.
  document.getElementById('boot-shell')?.remove();
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
// index.html's static first screen (#boot-shell) is step 1 in zh-TW. It gives way at once to the
// app's own start when the page opens on another screen (a #/… link, a flow resumed in this tab,
// English chosen). Otherwise 驗證 or Enter pressed on it before the app is up is remembered, and
// the app does it when it takes the shell's place (src/boot_shell.rs).
const shell = document.getElementById('boot-shell');
if (shell) {
  let saved = {};
  try { saved = JSON.parse(sessionStorage.getItem('mobile-auth.state') ?? '{}') ?? {}; } catch { /* none */ }
  if (/^#\/./.test(location.hash) || (saved.step && saved.step !== 'id_entry') || saved.lang === 'en') shell.remove();
  const remember = () => { shell.dataset.submit = 'yes'; };
  shell.addEventListener('click', (e) => { if (e.target.closest('.button')) remember(); });
  shell.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.target.matches('input')) remember(); });
}

const start = () => {
  // The Wasm download starts with the glue's, not after it: one round trip less on mobile data.
  const wasm = fetch(tag.dataset.wasm);
  wasm.catch(() => {}); // a failure is reported once, by init below
  return import(tag.dataset.js)
    .then((m) => m.default({ module_or_path: wasm }))
    .then(() => dispatchEvent(new CustomEvent('TrunkApplicationStarted')))
    .then(registerWorker)
    .catch(fail);
};
// index.html's static first screen (#boot-shell) paints first, with the whole connection to
// itself; the app's download starts in the frame after (at once in a hidden tab, which has none).
if (tag && document.getElementById('boot-shell') && document.visibilityState === 'visible') {
  requestAnimationFrame(() => setTimeout(start));
} else if (tag) {
  start();
}

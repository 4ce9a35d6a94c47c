// Starts the Wasm app: index.html's one script, external (no inline script, so a CSP of
// `script-src 'self' 'wasm-unsafe-eval'` runs the page as is). A module script never holds up the
// first paint; this one only listens until the visitor starts using the page. The build puts the
// hashed file names on its tag: <script type="module" src="./boot.js" data-js="…" data-wasm="…">.
// The start-up manifest: every name this script shares with the app, the storage key, the time
// limit and what it says, written in by `cargo xtask build` from the app's own code
// (src/startup.rs, src/i18n.rs; docs/architecture.md, "Start-up"). Empty under `trunk serve`,
// whose own loader starts the (unsplit) app: this script then does nothing.
const APP = {};
const tag = APP.shell && document.querySelector('script[data-js][data-wasm]');
const shell = APP.shell && document.getElementById(APP.shell.id);

function fail() {
  // Still on index.html's static first screen: what was typed stays, and the next touch or key
  // tries again (start() below), so the message says to check the connection, not to reload.
  if (shell?.isConnected) {
    // A press that could not be carried out is not carried out later, by surprise.
    shell.removeAttribute(APP.shell.pressedAttr);
    shell.removeAttribute(APP.shell.keyAttr);
    if (!navigator.onLine) {
      offline(true);
      return;
    }
    if (verify) verify.disabled = false;
    waiting?.replaceChildren();
    const notices = shell.querySelector('.app-notices');
    let box = shell.querySelector('.boot-error');
    if (!box) {
      box = document.createElement('div');
      box.className = 'problem boot-error';
      box.appendChild(document.createElement('p')).setAttribute('role', 'alert');
      notices?.appendChild(box);
    }
    // Set again on every failure, so a screen reader hears it again.
    box.firstElementChild.textContent = '';
    requestAnimationFrame(() => {
      box.firstElementChild.textContent = APP.text.loadFailedRetry;
    });
    return;
  }
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'boot-error';
  p.textContent = APP.text.loadFailedReload;
  document.body.appendChild(p);
}

// The service worker (sw.js beside this file) keeps the app usable offline. When a new
// deployment's worker is waiting, src/pwa.rs is told by an event and offers 重新整理; choosing it
// sends APP.event.applyUpdate back, and the page reloads once the new worker is in charge.
function watchForUpdates(registration) {
  const ready = () => {
    window[APP.global.updateReady] = true;
    dispatchEvent(new Event(APP.event.updateReady));
  };
  // A controller means an older build is running: a first install is not an update.
  if (registration.waiting && navigator.serviceWorker.controller) ready();
  const track = (worker) => worker?.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) ready();
  });
  // The browser may have found the new build before this ran.
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  addEventListener(APP.event.applyUpdate, () => {
    if (!registration.waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting.postMessage({ type: APP.message.skipWaiting });
  });
  // A tab left open for hours still learns of a new deployment.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

let registered = false;
function registerWorker() {
  if (registered) return;
  registered = true;
  navigator.serviceWorker.register(new URL('sw.js', import.meta.url))
    .then(watchForUpdates)
    // Without a worker the app still works online; nothing to tell the user.
    .catch(() => {});
}

/**
 * Calls `then` when the page is idle once nothing has been fetched (and none of the visitor's
 * `actions` has happened) for `ms`.
 */
function afterQuiet(ms, actions, then) {
  let timer;
  const observer = new PerformanceObserver(() => wait());
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      observer.disconnect();
      for (const type of actions) removeEventListener(type, wait, true);
      (window.requestIdleCallback ?? setTimeout)(then);
    }, ms);
  };
  observer.observe({ type: 'resource' });
  for (const type of actions) addEventListener(type, wait, true);
  wait();
}

// Step 2 has shown (the app says so): a first visit's critical path (the app, config.json, the
// backend's settings, the ID check) is over.
const step2Shown = tag && new Promise((resolve) => addEventListener(APP.event.step2Shown, resolve, { once: true }));

// On a first visit the worker's precache (every file of the build, the later screens' code
// among them) would share the phone's slow link with what step 2 waits for: it is registered
// only once step 2 has shown and what that screen fetches has come, or, on any other path, once
// the page has been left alone for a while. It then takes the files the page has already
// fetched from the HTTP cache (sw.js). A later visit registers at once: the worker is there, and
// the browser only looks for a new build.
const QUIET_AFTER_STEP2_MS = 2000;
const QUIET_AFTER_START_MS = 10000;
function registerWorkerWhenDue() {
  if (!('serviceWorker' in navigator)) return;
  if (navigator.serviceWorker.controller) {
    registerWorker();
    return;
  }
  step2Shown.then(() => afterQuiet(QUIET_AFTER_STEP2_MS, [], registerWorker));
  afterQuiet(QUIET_AFTER_START_MS, ['keydown', 'pointerdown', 'input'], registerWorker);
}

// The backend's settings (`GET {api_base}/config`), without which the app cannot check an ID:
// asked as soon as config.json names the backend, beside the Wasm's download, so that after 驗證
// only the ID check is left. The URL follows the rule of src/startup.rs (BACKEND_CONFIG_GLOBAL);
// the app takes this answer only when it would have asked that same URL, and judges a failed or
// broken answer as it judges its own. The answer is the same in every language.
function askBackend(config) {
  return config
    .then((r) => (r.ok ? r.clone().json() : null))
    .then((c) => {
      if (typeof c?.api_base !== 'string' || !c.api_base.trim()) return null;
      const url = new URL(`${c.api_base.replace(/\/+$/, '')}/config`, document.baseURI);
      const response = fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: url.origin === location.origin ? 'same-origin' : 'include',
        ...(AbortSignal.timeout ? { signal: AbortSignal.timeout(APP.timeoutMs) } : {}),
      });
      response.catch(() => {}); // the app reports a failure, once
      return { url: url.href, response };
    })
    .catch(() => null);
}

let starting = null;
let attempts = 0;
/** Downloads and starts the app, once; after a failure the next call tries again. */
function start() {
  starting ??= (() => {
    // A module whose download failed stays failed for this page, whatever import() is asked
    // again: a retry asks for it under another URL (the query changes nothing on the server).
    const js = attempts++ ? `${tag.dataset.js}?retry=${attempts}` : tag.dataset.js;
    // The Wasm download starts with the glue's, not after it: one round trip less on mobile data.
    const wasm = fetch(tag.dataset.wasm);
    wasm.catch(() => {}); // a failure is reported once, by init below
    // So does config.json's, which the app would otherwise ask for only once it runs
    // (src/api.rs takes this one; a failure is the app's to explain, as for its own fetch).
    // The same time limit as the app's own requests.
    const limit = AbortSignal.timeout ? { signal: AbortSignal.timeout(APP.timeoutMs) } : {};
    const config = fetch(new URL('config.json', import.meta.url), limit);
    config.catch(() => {});
    window[APP.global.config] = config;
    window[APP.global.backendConfig] = askBackend(config);
    return import(js)
      .then((m) => m.default({ module_or_path: wasm }))
      // The chunk loader (xtask/src/build.rs writes it) links later screens' Wasm to this instance.
      // A message from an earlier failed try goes with the shell when the app takes its place,
      // not before: removing it now would move the shell's buttons under a press in progress.
      .then((exports) => { globalThis[APP.global.wasm] = exports; })
      .then(registerWorkerWhenDue)
      .catch(() => {
        starting = null;
        fail();
      });
  })();
  return starting;
}

// 驗證 pressed before the app is up: if it is not there in a moment (a slow connection), the
// button is busy, as the app's is while it checks, and the page says why.
const verify = shell?.querySelector('.input-row .button');
const waiting = shell?.querySelector('.app-notices [role=status]');
/** The app's offline notice (src/pwa.rs), on the shell. */
function offline(on) {
  if (!shell?.isConnected) return;
  waiting.querySelector('.offline-notice')?.remove();
  verify.disabled = on;
  if (!on) return;
  shell.querySelector('.boot-error')?.remove();
  const notice = Object.assign(document.createElement('div'), { className: 'offline-notice', id: 'offline-notice', tabIndex: -1 });
  notice.append(
    Object.assign(document.createElement('p'), { className: 'offline-notice__title', textContent: APP.text.offlineTitle }),
    Object.assign(document.createElement('p'), { textContent: APP.text.offlineBody }),
  );
  waiting.replaceChildren(notice);
}

function waitForApp() {
  if (!navigator.onLine) return;
  setTimeout(() => {
    if (!shell.isConnected || !starting) return;
    verify.disabled = true;
    waiting.replaceChildren(Object.assign(document.createElement('p'), {
      className: 'loading', textContent: APP.text.loading,
    }));
  }, 300);
}

// With no script at all, the static screen's 驗證 opens a message that the service has not
// started (src/bin/first_screen/static_shell.rs). A script runs now: presses are the app's from here.
// A message already open was a press on 驗證 before this script arrived (a slow connection): it
// goes, and the press is the app's to carry out, as any other early press.
const notStarted = APP.shell && document.getElementById(APP.shell.notStarted);
let pressedEarly = false;
try { pressedEarly = Boolean(notStarted?.matches(':popover-open')); } catch { /* no popovers */ }
for (const button of shell?.querySelectorAll('[popovertarget]') ?? []) button.removeAttribute('popovertarget');
try { notStarted?.hidePopover?.(); } catch { /* not open */ }

/** Runs `then` once the page has painted: what the first paint must not wait for comes after it. */
function afterFirstPaint(then) {
  if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    new PerformanceObserver((list, o) => {
      if (list.getEntriesByName('first-contentful-paint').length) { o.disconnect(); setTimeout(then); }
    }).observe({ type: 'paint', buffered: true });
  } else {
    requestAnimationFrame(() => setTimeout(then));
  }
}

// What the first paint did not wait for, fetched after it, at low priority: the later screens'
// style sheets (src/boot_shell.rs applies them once the app has started) and the PWA's manifest.
afterFirstPaint(() => {
  for (const sheet of document.querySelectorAll('link[data-later][disabled]')) sheet.disabled = false;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'manifest', href: new URL('manifest.webmanifest', import.meta.url).href }));
});

// index.html's static first screen (#boot-shell) is step 1 in zh-TW, complete with its text,
// links and the 身分證號 field, and costs no script to show. The app (~200 kB brotli, Wasm and glue)
// is downloaded only when the visitor starts using the page — a focus, a touch or a key — and
// arrives while the ID is being typed; a visitor who only reads, or leaves for another login
// method's page, pays nothing for it (docs/performance.md). The shell gives way at once when the
// page opens on another screen (a #/… link, a flow resumed in this tab, English chosen).
// A button pressed on the shell before the app is up is remembered and pressed again by the app
// when it takes the shell's place (src/boot_shell.rs) — Enter in the field counts as 驗證 — and
// so is an arrow key on the tabs; the focus stays on the same control.
if (tag && shell) {
  let saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(APP.storageKey) ?? '{}') ?? {}; } catch { /* none */ }
  if (/^#\/./.test(location.hash) || (saved.step && saved.step !== 'id_entry') || saved.lang === 'en') {
    shell.remove();
    start();
  } else {
    const wake = () => { if (shell.isConnected) start(); };
    const press = (button) => {
      shell.setAttribute(APP.shell.pressedAttr, String([...shell.querySelectorAll('button')].indexOf(button)));
      if (button === verify) waitForApp();
    };
    // What each of the visitor's actions means before the app is up.
    const on = {
      click(e) {
        const button = shell.contains(e.target) && e.target.closest('button');
        if (button) press(button);
      },
      keydown(e) {
        if (!shell.contains(e.target)) return;
        // Enter in the field is 驗證, as in the app's form.
        if (e.key === 'Enter' && e.target.matches('input')) {
          press(verify);
        } else if (e.target.matches('[role=tab]') && /^(Arrow(Left|Right|Up|Down)|Home|End)$/.test(e.key)) {
          e.preventDefault();
          shell.setAttribute(APP.shell.keyAttr, e.key);
        }
      },
      // The app waits for a press in progress to end (for a second at most: a release outside
      // the window is never seen) before it takes the shell's place, so the press is not split
      // between the shell's button and the app's.
      pointerdown(e) { shell.setAttribute(APP.shell.heldAttr, String(Math.round(performance.timeOrigin + e.timeStamp))); },
      pointerup() { shell.removeAttribute(APP.shell.heldAttr); },
      pointercancel() { shell.removeAttribute(APP.shell.heldAttr); },
    };
    if (pressedEarly && verify) press(verify);
    for (const [type, handle] of Object.entries(on)) document.addEventListener(type, handle, true);
    // Any use of the page starts the app. click and input too: assistive technology may press a
    // button or fill the field with neither a pointer nor a focus event first.
    for (const type of ['focusin', 'pointerdown', 'keydown', 'click', 'input']) document.addEventListener(type, wake, true);
    addEventListener('hashchange', wake);
    if (pressedEarly) wake();
    // Offline, the shell says so as the app would, and pauses 驗證; back online, it carries on.
    addEventListener('offline', () => offline(true));
    // In use already: the focus is on the shell or something is typed in its field.
    const inUse = () => shell.contains(document.activeElement) || Boolean(shell.querySelector('input')?.value);
    addEventListener('online', () => {
      offline(false);
      if (shell.isConnected && inUse()) start();
    });
    if (!navigator.onLine) offline(true);
    // In a portal's iframe the app starts at once: the portal waits for its "ready" and sizes.
    // So it does when the visitor was quicker than this script (on a slow connection it arrives
    // after the page).
    if (window.parent !== window || inUse()) start();
  }
} else if (tag) {
  start();
}

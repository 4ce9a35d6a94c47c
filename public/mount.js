// Mounts 行動電話認證 into a portal's own page:
//   <div data-mobile-auth data-lang="zh-TW"></div>
//   <script type="module" src="https://www.example.gov.tw/services/mobile-auth/mount.js"></script>
// The app's files are found beside this script (mount.json, written at build time, names the
// hashed ones); config.json and the API base resolve against the app's folder, not the portal's
// page. The CSS is a copy scoped to the host element, so the portal and the app keep their own
// looks. Events: mobile-auth:enrolled | logged-in | logged-out | cancelled (bubbling, on the host).
// Names and texts shared with the app, written in by `cargo xtask build` (src/startup.rs).
const APP = {};
const host = document.querySelector('[data-mobile-auth]');
const base = new URL('./', import.meta.url);

async function start() {
  if (!host) throw new Error('mobile-auth: no <div data-mobile-auth> on this page');
  if (!host.dataset.base) host.dataset.base = base.href;
  const response = await fetch(new URL('mount.json', base));
  if (!response.ok) throw new Error(`mobile-auth: mount.json: HTTP ${response.status}`);
  const files = await response.json();
  await new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(files.css, base).href;
    link.onload = resolve;
    link.onerror = () => reject(new Error('mobile-auth: the stylesheet did not load'));
    document.head.appendChild(link);
  });
  const app = await import(new URL(files.js, base).href);
  // The chunk loader (xtask/src/build.rs writes it) links later screens' Wasm to this instance.
  globalThis[APP.global.wasm] = await app.default({ module_or_path: new URL(files.wasm, base) });
}

start().catch((e) => {
  console.error(e);
  if (!host) return;
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = APP.text.mountFailed;
  host.replaceChildren(p);
  host.dispatchEvent(new CustomEvent('mobile-auth:error', { bubbles: true }));
});

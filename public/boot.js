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
// Without the tag, Trunk's own inline loader is in charge (e.g. a build without pattern_script).
if (tag) {
  import(tag.dataset.js)
    .then((m) => m.default({ module_or_path: tag.dataset.wasm }))
    .then(() => dispatchEvent(new CustomEvent('TrunkApplicationStarted')))
    .catch(fail);
}

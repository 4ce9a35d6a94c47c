//! The start-up protocol: every name the page's scripts (public/boot.js, public/mount.js,
//! public/sw.js, the chunk loader) and the app share, written once, here. The JS files hold no
//! copy: `cargo xtask build` writes this module's values into them from the first-screen
//! binary's manifest (src/bin/first_screen/main.rs), so the two sides cannot drift.
//! docs/architecture.md ("Start-up") tells the hand-over these names carry.

/// `<div id>` of index.html's static step 1, which the app replaces (src/boot_shell.rs).
pub const SHELL_ID: &str = "boot-shell";
/// `id` of the popover the static 驗證 opens while no script runs; boot.js takes the attribute
/// that opens it away as soon as it runs.
pub const NOT_STARTED_ID: &str = "app-not-started";

/// Attributes boot.js sets on the shell for the app to act on when it takes over: the index of
/// the last button pressed (Enter in the field counts as 驗證), the last arrow, Home or End key on
/// a tab, and since when a press is held (ms since the epoch, an integer).
pub const PRESSED_ATTR: &str = "data-click";
pub const KEY_ATTR: &str = "data-key";
pub const HELD_ATTR: &str = "data-held";

/// `window` property: the `fetch` of config.json boot.js starts with the Wasm's (src/api.rs
/// takes it once).
pub const CONFIG_GLOBAL: &str = "__mobileAuthConfig";
/// `window` property: the backend's settings (`GET {api_base}/config`), which boot.js asks as soon
/// as config.json has come, beside the Wasm's download, so that after 驗證 only the ID check is
/// left: a promise of `{ url, response }` (`response`: a promise of the fetch's `Response`), or of
/// null when config.json could not be read. `url` is config.json's `api_base` without its
/// trailing slashes, then `/config`, resolved against the page's base URL (`document.baseURI`).
/// The app takes the answer only when the URL it would ask itself is exactly `url`
/// (`api::Api::config`): a disagreement (this rule changed on one side only, a page whose base URL
/// moved) costs a request, never a wrong answer. Taken once: 重試 asks anew. Mount mode
/// (public/mount.js) asks neither config.json nor this ahead: the host element may override both.
pub const BACKEND_CONFIG_GLOBAL: &str = "__mobileAuthBackendConfig";
/// `globalThis` property: the main module's exports, through which the chunk loader links the
/// later screens' Wasm (set by boot.js and mount.js once the app has started).
pub const WASM_GLOBAL: &str = "__mobileAuthWasm";
/// `window` property and event: a new deployment's service worker is waiting (set and fired by
/// boot.js; src/pwa.rs offers 重新整理).
pub const UPDATE_READY_GLOBAL: &str = "__mobileAuthUpdateReady";
pub const UPDATE_READY_EVENT: &str = "mobile-auth:update-ready";
/// Event the app fires when step 2 shows: a first visit's critical path is over, and boot.js lets
/// the service worker (public/sw.js) precache the build from now on, not while the app, its
/// settings or the ID check are still on their way.
pub const STEP2_SHOWN_EVENT: &str = "mobile-auth:step2-shown";
/// Event the app fires when 重新整理 is chosen; boot.js moves to the waiting worker and reloads.
pub const APPLY_UPDATE_EVENT: &str = "mobile-auth:apply-update";
/// Message boot.js posts to the waiting service worker (public/sw.js) to take over.
pub const SKIP_WAITING_MESSAGE: &str = "mobile-auth:skip-waiting";

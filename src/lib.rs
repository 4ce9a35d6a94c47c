//! 行動電話認證 single-page application (Leptos, client-side rendered).
//!
//! In layers that only look down (docs/architecture.md's table of ranks, kept by `cargo xtask
//! modules`): `host` (where the app runs) → `config` (the deployment's settings) → `network`
//! (online, reachable) → `api` (every backend call) → `state` (the shared, persisted state) →
//! `ui` (what draws) → `actions` (what asks the backend and changes the state) → `screens`, one
//! per screen of the manual, the one `which_screen` names; `app` is the shell, `embed` and `pwa`
//! the portal's and the offline side, `keys` the device credential, `device` the browser's
//! signals, `i18n` the UI strings.

// Natively (index.html's static first screen, `--features prerender`) views are not erased as in
// the Wasm (.cargo/config.toml), and their nested types outgrow the default limit.
#![cfg_attr(feature = "prerender", recursion_limit = "512")]

pub mod actions;
pub mod api;
pub mod app;
#[cfg(feature = "bench")]
mod bench_hooks;
pub mod binding;
mod boot_shell;
pub mod config;
pub mod device;
pub mod embed;
pub mod host;
pub mod i18n;
pub mod json;
pub mod keys;
pub mod network;
pub mod pwa;
pub mod screens;
pub mod startup;
pub mod state;
pub mod ui;
pub mod which_screen;

/// Mounts the app on `<body>` (in place of index.html's static first screen when there is one),
/// or on the portal's `<div data-mobile-auth>` when there is one.
pub fn mount() {
    match host::host() {
        Some(host) => leptos::mount::mount_to(host, app::App).forget(),
        None => {
            if !boot_shell::mount_over_shell(app::App) {
                leptos::mount::mount_to_body(app::App);
            }
            boot_shell::apply_later_sheets();
        }
    }
}

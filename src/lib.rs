//! 行動電話認證 single-page application (Leptos, client-side rendered).
//!
//! `app` is the shell, `screens` one module per screen of the manual, `components` the pieces
//! they share, `api` every backend call, `keys` the device credential, `device` the browser's
//! signals, `i18n` the UI strings and `state` the shared, persisted state.

pub mod api;
pub mod app;
#[cfg(feature = "bench")]
mod bench_hooks;
pub mod binding;
mod boot_shell;
pub mod components;
pub mod device;
pub mod embed;
pub mod i18n;
pub mod keys;
pub mod pwa;
pub mod screens;
pub mod state;

/// Mounts the app on `<body>` (in place of index.html's static first screen when there is one),
/// or on the portal's `<div data-mobile-auth>` when there is one.
pub fn mount() {
    match embed::host() {
        Some(host) => leptos::mount::mount_to(host, app::App).forget(),
        None => {
            if !boot_shell::mount_over_shell(app::App) {
                leptos::mount::mount_to_body(app::App);
            }
            boot_shell::apply_later_sheets();
        }
    }
}

//! Component tests in a real browser (wasm-bindgen-test): mount a screen into a fresh element,
//! act on the DOM, let Leptos update (`tick`), and check what a user and a screen reader get.
//! None of these needs the backend: validation failures must not send anything. One module per
//! screen; `setup` mounts any of them with the app's context.

#![cfg(target_arch = "wasm32")]

mod api;
mod enroll;
mod i18n;
mod id_entry;
mod qr;
mod records;
mod setup;
mod state;
mod tabs;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

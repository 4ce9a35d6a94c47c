//! The installable, offline-capable side of the app. public/boot.js registers the service worker
//! (public/sw.js) and tells this module, by window events, when a new deployment is waiting;
//! this module shows "新版本已可使用" with a 重新整理 button, and the offline notice.
//!
//! Offline, the shell still opens (the worker serves it from its precache) and what was typed
//! is still there (sessionStorage, see state.rs); sending anything waits for the connection.

use std::cell::Cell;

use leptos::ev;
use leptos::prelude::*;
use mobile_auth_core::contract::BackendConfig;

use crate::i18n::{tr, T};

/// The backend's public settings (carriers, terms; nothing about the user), kept for this tab
/// so a reload while offline can still show the form that was being filled in.
const BACKEND_KEY: &str = "mobile-auth.backend-config";
/// boot.js sets this on `window` and fires the event when a new service worker is waiting.
const UPDATE_FLAG: &str = "__mobileAuthUpdateReady";
const UPDATE_READY_EVENT: &str = "mobile-auth:update-ready";
const APPLY_UPDATE_EVENT: &str = "mobile-auth:apply-update";
pub const OFFLINE_NOTICE_ID: &str = "offline-notice";

pub fn is_online() -> bool {
    window().navigator().on_line()
}

pub fn remember_backend(config: &BackendConfig) {
    if let (Some(s), Ok(json)) = (
        window().session_storage().ok().flatten(),
        serde_json::to_string(config),
    ) {
        let _ = s.set_item(BACKEND_KEY, &json);
    }
}

pub fn remembered_backend() -> Option<BackendConfig> {
    let json = window()
        .session_storage()
        .ok()
        .flatten()?
        .get_item(BACKEND_KEY)
        .ok()
        .flatten()?;
    serde_json::from_str(&json).ok()
}

/// Whether the browser is online, kept current; one signal per app, shared through context so
/// the notice and every action that needs the backend agree.
#[derive(Clone, Copy)]
struct Online(RwSignal<bool>);

/// The app's online signal (created on first use, at the app's root).
pub fn use_online() -> RwSignal<bool> {
    if let Some(Online(s)) = use_context::<Online>() {
        return s;
    }
    let s = online_signal();
    provide_context(Online(s));
    s
}

fn online_signal() -> RwSignal<bool> {
    let online = RwSignal::new(is_online());
    let on = window_event_listener(ev::online, move |_| online.set(true));
    let off = window_event_listener(ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}

thread_local! {
    /// Whether the last request reached a server. `navigator.onLine` alone misses a network
    /// that is up but leads nowhere (and browsers differ in when they update it).
    static REACHABLE: Cell<bool> = const { Cell::new(true) };
    static REACHABLE_SIGNAL: Cell<Option<RwSignal<bool>>> = const { Cell::new(None) };
}

/// Every request's outcome (api.rs): a server answered, or the network failed.
pub fn report_network(ok: bool) {
    REACHABLE.with(|r| r.set(ok));
    if let Some(s) = REACHABLE_SIGNAL.with(Cell::get) {
        let _ = s.try_set(ok);
    }
}

/// While the connection is down, asks the backend every few seconds (and when the user tries to
/// is back online) so the app resumes by itself when it is back. `/config` carries no personal data.
fn probe_while_down(reachable: RwSignal<bool>, online: RwSignal<bool>) {
    let app = use_context::<crate::state::AppState>();
    let probe = move || {
        if let Some(app) = app {
            if !reachable.get_untracked() || !online.get_untracked() {
                let api = app.api();
                leptos::task::spawn_local(async move {
                    let _ = api.config().await;
                });
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(probe, std::time::Duration::from_secs(5)) {
        on_cleanup(move || handle.clear());
    }
    // Back online by the browser's word: ask now rather than at the next tick.
    let listener = window_event_listener(ev::online, move |_| probe());
    on_cleanup(move || listener.remove());
}

/// The offline notice and the update prompt, above the screen.
#[component]
pub fn Notices() -> impl IntoView {
    let online = use_online();
    let reachable = RwSignal::new(REACHABLE.with(Cell::get));
    REACHABLE_SIGNAL.with(|s| s.set(Some(reachable)));
    probe_while_down(reachable, online);
    let offline = move || !online.get() || !reachable.get();
    let flagged = js_sys::Reflect::get(&window(), &UPDATE_FLAG.into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    let update_ready = RwSignal::new(flagged);
    let listener =
        window_event_listener_untyped(UPDATE_READY_EVENT, move |_| update_ready.set(true));
    on_cleanup(move || listener.remove());
    let apply = move |_| {
        if let Ok(e) = web_sys::Event::new(APPLY_UPDATE_EVENT) {
            let _ = window().dispatch_event(&e);
        }
    };
    view! {
        <div class="app-notices">
            <div role="status" aria-live="polite">
                <Show when=offline>
                    <div class="offline-notice" id=OFFLINE_NOTICE_ID tabindex="-1">
                        <p class="offline-notice__title">{tr(T::OfflineTitle)}</p>
                        <p>{tr(T::OfflineBody)}</p>
                    </div>
                </Show>
            </div>
            <Show when=move || update_ready.get()>
                <div class="update-notice" role="region" aria-label=tr(T::UpdateRegion)>
                    <p>
                        {tr(T::UpdateReady)}
                        <button
                            type="button"
                            class="button button--secondary update-notice__reload"
                            on:click=apply
                        >
                            {tr(T::UpdateReload)}
                        </button>
                    </p>
                </div>
            </Show>
        </div>
    }
}

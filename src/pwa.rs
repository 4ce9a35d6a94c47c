//! The installable, offline-capable side of the app. public/boot.js registers the service worker
//! (public/sw.js) and tells this module, by window events, when a new deployment is waiting;
//! this module shows "新版本已可使用" with a 重新整理 button, and the offline notice.
//!
//! Offline, the shell still opens (the worker serves it from its precache) and what was typed
//! is still there (sessionStorage, see state.rs); sending anything waits for the connection.

use leptos::ev;
use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::network::{use_online, watch_reachable};

use crate::startup::{APPLY_UPDATE_EVENT, UPDATE_READY_EVENT, UPDATE_READY_GLOBAL as UPDATE_FLAG};
pub const OFFLINE_NOTICE_ID: &str = "offline-notice";

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
    let reachable = watch_reachable();
    probe_while_down(reachable, online);
    let flagged = js_sys::Reflect::get(&window(), &UPDATE_FLAG.into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    let update_ready = RwSignal::new(flagged);
    let listener =
        window_event_listener_untyped(UPDATE_READY_EVENT, move |_| update_ready.set(true));
    on_cleanup(move || listener.remove());
    view! {
        <NoticeArea offline=Memo::new(move |_| !online.get() || !reachable.get()) update_ready />
    }
}

/// What the notices show: also index.html's static first screen's, with neither shown.
#[component]
pub fn NoticeArea(offline: Memo<bool>, update_ready: RwSignal<bool>) -> impl IntoView {
    let apply = move |_| {
        if let Ok(e) = web_sys::Event::new(APPLY_UPDATE_EVENT) {
            let _ = window().dispatch_event(&e);
        }
    };
    view! {
        <div class="app-notices">
            <div role="status" aria-live="polite">
                <Show when=move || offline.get()>
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

//! Network state: whether the browser says it is online, and whether the last request reached a
//! server. The API client reports each request's outcome here; the offline notice and every
//! action that needs the backend read it. Nothing here knows about the app's state or screens.

use std::cell::Cell;

use leptos::ev;
use leptos::prelude::*;

pub fn is_online() -> bool {
    window().navigator().on_line()
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

/// Online, with no browser to ask: for a page rendered at build time (index.html's static first
/// screen), which shows what the app shows online.
pub fn assume_online() {
    provide_context(Online(RwSignal::new(true)));
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

/// A signal of whether the last request reached a server, from now on kept current by
/// `report_network` (the app's one watcher: the offline notice).
pub fn watch_reachable() -> RwSignal<bool> {
    let reachable = RwSignal::new(REACHABLE.with(Cell::get));
    REACHABLE_SIGNAL.with(|s| s.set(Some(reachable)));
    reachable
}

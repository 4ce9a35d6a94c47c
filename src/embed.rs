//! Running inside an agency's portal, in one of two ways (docs/deploy.md):
//! - in an `<iframe>`: the app posts `{type: "mobile-auth:…"}` messages, only to origins on
//!   config.json's `embed.allowed_origins`, on enrollment, login, logout and cancel, and its
//!   content height so the portal can size the frame;
//! - mounted into the portal's own page, on `<div data-mobile-auth data-base="…">`: URLs are
//!   resolved against the app's base instead of the portal's page, and the same events are
//!   dispatched as DOM `CustomEvent`s on that element.
//!
//! Messages and events carry no personal data: the portal learns what happened, and asks its
//! backend (which shares the session) for anything more.

use leptos::prelude::*;
use mobile_auth_core::flow::Step;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::host::{host, in_iframe, is_mounted};
use crate::state::AppState;

/// Where the iframe's messages may go: the allowed origin that is actually our parent when the
/// browser tells (location.ancestorOrigins), else every allowed origin (the browser drops
/// messages whose target origin is not the parent's).
fn targets(allowed: &[String]) -> Vec<String> {
    let parent = js_sys::Reflect::get(&window().location(), &"ancestorOrigins".into())
        .ok()
        .and_then(|l| l.dyn_into::<web_sys::DomStringList>().ok())
        .and_then(|l| l.item(0));
    let allowed = allowed.iter().map(|o| o.trim_end_matches('/').to_string());
    match parent {
        Some(p) => allowed.filter(|o| *o == p).collect(),
        None => allowed.collect(),
    }
}

fn message(kind: &str, height: Option<u32>) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"type".into(), &format!("mobile-auth:{kind}").into());
    if let Some(h) = height {
        let _ = js_sys::Reflect::set(&o, &"height".into(), &h.into());
    }
    o.into()
}

/// Tells the portal: a DOM event on the host when mounted, a message to the parent in an iframe.
pub fn notify(kind: &str, allowed: &[String]) {
    if let Some(host) = host() {
        let init = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&init, &"bubbles".into(), &true.into());
        let _ = js_sys::Reflect::set(&init, &"detail".into(), &message(kind, None));
        let ctor = js_sys::Reflect::get(&window(), &"CustomEvent".into())
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
        if let Some(ctor) = ctor {
            let args = js_sys::Array::of2(&format!("mobile-auth:{kind}").into(), &init);
            if let Ok(ev) = js_sys::Reflect::construct(&ctor, &args) {
                let _ = host.dispatch_event(ev.unchecked_ref());
            }
        }
    } else if in_iframe() {
        post(&message(kind, None), allowed);
    }
}

fn post(msg: &JsValue, allowed: &[String]) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    for origin in targets(allowed) {
        let _ = parent.post_message(msg, &origin);
    }
}

/// What a step change means to the portal, if anything.
fn event_of(prev: Step, now: Step, logged_in: bool) -> Option<&'static str> {
    match (prev, now) {
        (Step::Qr | Step::PhoneVerify | Step::Enroll, Step::Welcome) => Some("enrolled"),
        (Step::Login, Step::Welcome | Step::Home) => Some("logged-in"),
        (Step::Home | Step::Welcome, Step::IdEntry | Step::Login) if !logged_in => {
            Some("logged-out")
        }
        (Step::Enroll | Step::Qr | Step::PhoneVerify | Step::Login, Step::IdEntry) => {
            Some("cancelled")
        }
        _ => None,
    }
}

/// Watches the flow for the events above and, in an iframe, keeps the portal told of the height.
pub fn watch(app: AppState) {
    let allowed = app.config.with_value(|c| c.embed.allowed_origins.clone());
    if !is_mounted() && !in_iframe() {
        return;
    }
    {
        let allowed = allowed.clone();
        Effect::new(move |prev: Option<Step>| {
            let now = app.step.get();
            if let Some(kind) =
                prev.and_then(|p| event_of(p, now, app.session.get_untracked().is_some()))
            {
                notify(kind, &allowed);
            }
            now
        });
    }
    if in_iframe() && !is_mounted() && !allowed.is_empty() {
        notify("ready", &allowed);
        observe_height(allowed);
    }
}

/// Posts the body's height whenever it changes (ResizeObserver, looked up at run time).
fn observe_height(allowed: Vec<String>) {
    let Some(body) = document().body() else {
        return;
    };
    let last = std::cell::Cell::new(0u32);
    let measure = {
        let body = body.clone();
        move || {
            let h = body.offset_height().max(0) as u32;
            if h != last.get() {
                last.set(h);
                post(&message("height", Some(h)), &allowed);
            }
        }
    };
    measure();
    let callback = Closure::<dyn FnMut()>::new(measure);
    let ctor = js_sys::Reflect::get(&window(), &"ResizeObserver".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
    if let Some(ctor) = ctor {
        if let Ok(observer) =
            js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(callback.as_ref()))
        {
            if let Ok(observe) = js_sys::Reflect::get(&observer, &"observe".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
            {
                let _ = observe.call1(&observer, &body);
            }
        }
    }
    // The observer lives as long as the page.
    callback.forget();
}

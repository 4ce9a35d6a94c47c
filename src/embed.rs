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
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::AppState;

/// The host element's attribute that marks where the app mounts.
pub const HOST_ATTR: &str = "data-mobile-auth";

/// `embed` in config.json.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbedConfig {
    /// Portal origins (`https://portal.example.gov.tw`) that may receive the iframe's messages.
    pub allowed_origins: Vec<String>,
}

impl EmbedConfig {
    pub fn validate(&self) -> Result<(), String> {
        for o in &self.allowed_origins {
            let parsed = web_sys::Url::new(o).ok();
            let ok = parsed.as_ref().is_some_and(|u| {
                matches!(u.protocol().as_str(), "https:" | "http:")
                    && u.origin() == o.trim_end_matches('/')
            });
            if !ok {
                return Err(format!(
                    "\"embed.allowed_origins\" has {o:?}: each entry must be an origin such as \"https://portal.example.gov.tw\" (no path, no \"*\")"
                ));
            }
        }
        Ok(())
    }
}

/// The portal's element the app is mounted into, if the page has one.
pub fn host() -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(&format!("[{HOST_ATTR}]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

pub fn is_mounted() -> bool {
    host().is_some()
}

fn host_data(name: &str) -> Option<String> {
    host()
        .and_then(|h| h.get_attribute(&format!("data-{name}")))
        .filter(|v| !v.trim().is_empty())
}

/// A URL of the app's own (config.json, the API base): unchanged on the app's page, where
/// relative URLs already resolve beside index.html; resolved against `data-base` when mounted.
pub fn app_url(path: &str) -> String {
    let Some(base) = host_data("base") else {
        return path.to_string();
    };
    web_sys::Url::new_with_base(path, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| path.to_string())
}

/// Mount mode: `data-config` names another config.json, `data-api-base` overrides its backend.
pub fn config_url() -> String {
    host_data("config")
        .map(|c| app_url(&c))
        .unwrap_or_else(|| app_url("config.json"))
}

pub fn apply_overrides(config: &mut crate::api::AppConfig) {
    if let Some(api_base) = host_data("api-base") {
        config.api_base = api_base;
    }
}

/// `data-lang="en"` on the host chooses English when the user has not chosen yet.
pub fn host_lang() -> Option<mobile_auth_core::Lang> {
    match host_data("lang")?.as_str() {
        "en" => Some(mobile_auth_core::Lang::En),
        "zh-TW" | "zh-Hant-TW" | "zh" => Some(mobile_auth_core::Lang::ZhTw),
        _ => None,
    }
}

fn in_iframe() -> bool {
    let w = window();
    match w.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &w),
        _ => false,
    }
}

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

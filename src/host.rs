//! Facts about where the app runs: on its own page, or mounted into a portal's page on
//! `<div data-mobile-auth data-base="…">` (docs/deploy.md), and inside an iframe or not. The
//! lowest layer: everything else may ask, and this asks nothing of the app.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The host element's attribute that marks where the app mounts.
pub const HOST_ATTR: &str = "data-mobile-auth";

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

pub fn host_data(name: &str) -> Option<String> {
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

/// `data-lang="en"` on the host chooses English when the user has not chosen yet.
pub fn host_lang() -> Option<mobile_auth_core::Lang> {
    match host_data("lang")?.as_str() {
        // The contract's codes, or the BCP 47 tags a portal's page would use.
        "zh-Hant-TW" | "zh" => Some(mobile_auth_core::Lang::ZhTw),
        code => mobile_auth_core::Lang::from_code(code),
    }
}

pub fn in_iframe() -> bool {
    let w = window();
    match w.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &w),
        _ => false,
    }
}

//! What the browser says about the device and its connection. The decision itself is the core
//! crate's pure `detect_device`; this module only reads the signals it needs.

use js_sys::Reflect;
use mobile_auth_core::contract::ConnectionHint;
use mobile_auth_core::device::{
    detect_device, in_app_browser, safari as safari_from, DeviceKind, DeviceSignals, InAppBrowser,
    Safari,
};
use wasm_bindgen::JsValue;

fn prop(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Reads the signals: User-Agent Client Hints where present, the UA string, touch points,
/// pointer precision and the screen size.
pub fn signals() -> DeviceSignals {
    let Some(window) = web_sys::window() else {
        return DeviceSignals::default();
    };
    let nav = window.navigator();
    let ua_data = prop(&nav, "userAgentData");
    let coarse = window
        .match_media("(pointer: coarse)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false);
    let (w, h) = window
        .screen()
        .map(|s| {
            (
                s.width().unwrap_or(0).max(0) as u32,
                s.height().unwrap_or(0).max(0) as u32,
            )
        })
        .unwrap_or((0, 0));
    DeviceSignals {
        user_agent: nav.user_agent().unwrap_or_default(),
        ch_mobile: ua_data
            .as_ref()
            .and_then(|d| prop(d, "mobile"))
            .and_then(|v| v.as_bool()),
        ch_platform: ua_data
            .as_ref()
            .and_then(|d| prop(d, "platform"))
            .and_then(|v| v.as_string()),
        max_touch_points: nav.max_touch_points().max(0) as u32,
        coarse_pointer: coarse,
        screen_short_side: w.min(h),
        screen_long_side: w.max(h),
    }
}

/// Desktop, tablet or phone, from this browser's signals.
pub fn detect() -> DeviceKind {
    detect_device(&signals())
}

/// The Network Information API's `navigator.connection.type`, where the browser has it
/// (Chrome on Android); `Unknown` elsewhere.
pub fn connection() -> ConnectionHint {
    let Some(window) = web_sys::window() else {
        return ConnectionHint::Unknown;
    };
    let kind = prop(&window.navigator(), "connection")
        .and_then(|c| prop(&c, "type"))
        .and_then(|t| t.as_string());
    match kind.as_deref() {
        Some("wifi") | Some("ethernet") => ConnectionHint::Wifi,
        Some("cellular") => ConnectionHint::Cellular,
        _ => ConnectionHint::Unknown,
    }
}

/// The in-app browser this page runs inside (LINE, Facebook, Instagram), if any.
pub fn in_app() -> Option<InAppBrowser> {
    let ua = web_sys::window()?.navigator().user_agent().ok()?;
    in_app_browser(&ua)
}

/// Safari itself, on iOS/iPadOS or a Mac, if this page runs in it.
pub fn safari() -> Option<Safari> {
    let nav = web_sys::window()?.navigator();
    safari_from(
        &nav.user_agent().ok()?,
        nav.max_touch_points().max(0) as u32,
    )
}

/// Whether the page runs as an installed app: iOS's `navigator.standalone` (home-screen web
/// apps) or the standard display mode of an installed web app.
pub fn standalone() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let ios = prop(&window.navigator(), "standalone").and_then(|v| v.as_bool()) == Some(true);
    ios || window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

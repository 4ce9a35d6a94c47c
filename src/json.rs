//! JSON with the browser's own parser and writer (`JSON.parse`, `JSON.stringify`), to and from
//! serde types through serde-wasm-bindgen, so serde_json is not part of the Wasm (issue 27:
//! the main module 3 to 4 % smaller; `docs/performance.md`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// `text` as a `T`, or what is wrong with it: the browser's `SyntaxError` message (Chromium's
/// names the line and column) or the shape serde expected.
///
/// Unlike serde_json, a struct reads only the keys it declares: `deny_unknown_fields` is not
/// enforced here (see `unknown_keys`), and of a key given twice the last one counts.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    from_value(&parse(text)?)
}

/// `text` parsed by `JSON.parse`, not yet typed.
pub fn parse(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => "not JSON".to_string(),
    })
}

/// A value `parse` returned, as a `T`.
pub fn from_value<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| e.to_string())
}

/// The keys of the object at `path` (keys of nested objects, from the top) that are not among
/// `known`, in the object's order; none when there is no object there.
pub fn unknown_keys(value: &JsValue, path: &[&str], known: &[&str]) -> Vec<String> {
    let mut at = value.clone();
    for key in path {
        if !at.is_object() {
            return Vec::new();
        }
        at = js_sys::Reflect::get(&at, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    }
    if !at.is_object() || js_sys::Array::is_array(&at) {
        return Vec::new();
    }
    js_sys::Object::keys(at.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| !known.contains(&k.as_str()))
        .collect()
}

/// `value` as JSON text, as serde_json writes it: `None` as `null`, maps as objects, fields in
/// their declared order (a number may be written shorter: `1` for `1.0`).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())?;
    js_sys::JSON::stringify(&js)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| "not serialisable as JSON".to_string())
}

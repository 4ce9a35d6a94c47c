//! Object URLs for bytes made or received in the page (a captcha picture, a CSV download),
//! revoked when dropped, so nothing outlives the screen that showed it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The DOM `Blob`, bound here so the crate needs no extra web-sys feature for it.
    type Blob;
    #[wasm_bindgen(constructor)]
    fn new(parts: &js_sys::Array, options: &js_sys::Object) -> Blob;
    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL)]
    fn create_object_url(blob: &Blob) -> String;
    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn revoke_object_url(url: &str);
    #[wasm_bindgen(catch)]
    fn atob(data: &str) -> Result<String, JsValue>;
}

/// A `blob:` URL for one Blob, revoked on drop.
pub struct ObjectUrl(String);

impl ObjectUrl {
    /// A Blob of `part` (a string or a typed array) with media type `mime`.
    pub fn new(part: &JsValue, mime: &str) -> Self {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"type".into(), &mime.into());
        Self(create_object_url(&Blob::new(
            &js_sys::Array::of1(part),
            &options,
        )))
    }

    /// The bytes of a base64 text; `None` when it does not decode.
    pub fn from_base64(data: &str, mime: &str) -> Option<Self> {
        // `atob` answers one character per byte (U+0000 to U+00FF).
        let bytes: Vec<u8> = atob(data).ok()?.chars().map(|c| c as u32 as u8).collect();
        Some(Self::new(
            &js_sys::Uint8Array::from(&bytes[..]).into(),
            mime,
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        revoke_object_url(&self.0);
    }
}

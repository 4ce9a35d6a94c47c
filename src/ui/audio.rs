//! Playing an `<audio>` element, and knowing when the browser could not (no source it can play,
//! autoplay refused): `play()`'s promise says so, not an event.

/// Plays `audio` from `src`; `failed` runs if the browser refuses.
pub fn play(audio: &web_sys::HtmlAudioElement, src: &str, failed: impl FnOnce() + 'static) {
    audio.set_src(src);
    if let Ok(p) = audio.play() {
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(p).await.is_err() {
                failed();
            }
        });
    }
}

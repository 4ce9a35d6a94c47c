//! Screens whose code is fetched when first shown: the part of the app a citizen needs before
//! step 2 is the only Wasm the first use downloads (docs/performance.md).
//!
//! In the release build (`split` feature, built by `cargo xtask build`) each `on_first_use!`
//! function is a wasm-split point: its code, and whatever only it uses, lands in a chunk of its
//! own that is fetched the first time it is called. Any other build (tests, clippy) calls it
//! directly. A chunk that cannot be fetched shows the network message with 重試: the app's state,
//! and so everything typed, is untouched, and the next try fetches it afresh.

use std::future::Future;
use std::time::Duration;

use futures_util::FutureExt;
use leptos::prelude::*;
use mobile_auth_core::ErrorCode;
use wasm_split_helpers::SplitLoaderError;

use crate::i18n::{tr, use_lang, Text, T};

/// A chunk that could not be fetched or instantiated (the browser console has the cause).
#[derive(Debug, Clone, Copy)]
pub struct ChunkError;

impl From<SplitLoaderError> for ChunkError {
    fn from(_: SplitLoaderError) -> Self {
        ChunkError
    }
}

/// `on_first_use!(chunk, preload_fn: pub fn name(args) -> AnyView { body })` declares
/// `async fn name(args) -> Result<AnyView, ChunkError>` and `async fn preload_fn()`, which starts
/// fetching the chunk ahead of need. Functions naming the same chunk share it.
#[macro_export]
macro_rules! on_first_use {
    ($chunk:ident, $preload:ident: $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> AnyView $body:block) => {
        #[cfg(feature = "split")]
        #[::wasm_split_helpers::wasm_split(
            $chunk,
            wasm_split_path = ::wasm_split_helpers,
            fallible,
            preload($preload)
        )]
        $vis fn $name($($arg: $ty),*)
            -> ::core::result::Result<::leptos::prelude::AnyView, $crate::ui::on_first_use::ChunkError>
        {
            ::core::result::Result::Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*)
            -> ::core::result::Result<::leptos::prelude::AnyView, $crate::ui::on_first_use::ChunkError>
        {
            ::core::result::Result::Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $vis async fn $preload() -> ::core::result::Result<(), ::wasm_split_helpers::SplitLoaderError> {
            ::core::result::Result::Ok(())
        }
    };
}

/// Starts fetching a chunk the user is about to need, so its screen does not wait visibly. A
/// failure here is not shown: the screen itself retries and explains.
pub fn fetch_ahead<P, PF>(preload: P)
where
    P: FnOnce() -> PF + 'static,
    PF: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    leptos::task::spawn_local(async move {
        let _ = preload().await;
    });
}

/// Shows the screen `build` makes once its chunk is there (at once when it already is): until
/// then the loading line; if the chunk cannot be fetched, the network message and 重試. The
/// screen is built in this reactive closure, as any other screen is, not inside a future: its
/// owner, effects and clean-ups are the usual ones.
pub fn on_first_use<P, PF, B, BF>(preload: P, build: B) -> impl IntoView
where
    P: Fn() -> PF + Copy + Send + Sync + 'static,
    PF: Future<Output = Result<(), SplitLoaderError>> + 'static,
    B: Fn() -> BF + Send + Sync + 'static,
    BF: Future<Output = Result<AnyView, ChunkError>>,
{
    let lang = use_lang();
    // None while fetching, then whether it worked. A chunk fetched before is ready on the first
    // poll; an unfinished poll leaves the fetch running in the loader, which the next call joins.
    let loaded = RwSignal::new(preload().now_or_never().map(|r| r.is_ok()));
    let fetch = move || {
        leptos::task::spawn_local(async move {
            let ok = preload().await.is_ok();
            // The screen may have been left meanwhile.
            let _ = loaded.try_set(Some(ok));
            if ok {
                crate::ui::step_heading::screen_arrived();
            }
        })
    };
    if loaded.get_untracked().is_none() {
        fetch();
    }
    let failed = move || {
        view! {
            <div class="problem">
                <p role="alert">{move || ErrorCode::Network.text(lang.get())}</p>
            </div>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    loaded.set(None);
                    fetch();
                }
            >
                {tr(T::Retry)}
            </button>
        }
        .into_any()
    };
    // The loading line says so only when the wait is noticeable: a chunk that comes at once
    // (fetched ahead, or a fast connection) is neither flashed nor announced.
    let slow = RwSignal::new(false);
    set_timeout(
        move || {
            let _ = slow.try_set(true);
        },
        Duration::from_millis(300),
    );
    move || match loaded.get() {
        None => view! {
            <p class="loading" role="status">
                {move || slow.get().then(|| tr(T::Loading))}
            </p>
        }
        .into_any(),
        // Loaded, so the call completes on its first poll.
        Some(true) => match build().now_or_never() {
            Some(Ok(view)) => view,
            _ => failed(),
        },
        Some(false) => failed(),
    }
}

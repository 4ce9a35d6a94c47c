//! The language switch: English is a table fetched the first time it is chosen (src/i18n.rs), so
//! choosing it may wait for a download and may fail. The language signal becomes English only once
//! the table is there; until then the switch is busy, and a failure keeps zh-TW on screen with
//! a message in both languages. Nothing else changes: what was typed lives in the app's state.

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use mobile_auth_core::Lang;
use web_sys::AbortController;

use crate::i18n;

/// The switch's state, shared by the header's button and the app's start.
#[derive(Clone, Copy)]
pub struct LanguageSwitch {
    pub lang: RwSignal<Lang>,
    /// The English table is being fetched.
    pub busy: RwSignal<bool>,
    /// The last fetch failed (cleared by the next try, or by staying in zh-TW).
    pub failed: RwSignal<bool>,
}

impl LanguageSwitch {
    /// For a start in `wanted`: the language signal holds it at once unless it is English and
    /// its table must be fetched first ([`LanguageSwitch::choose`]).
    pub fn new(wanted: Lang) -> LanguageSwitch {
        let shown = if i18n::english_ready() {
            wanted
        } else {
            Lang::ZhTw
        };
        LanguageSwitch {
            lang: RwSignal::new(shown),
            busy: RwSignal::new(false),
            failed: RwSignal::new(false),
        }
    }

    /// The header's button: the other language.
    pub fn toggle(self) {
        match self.lang.get_untracked() {
            Lang::En => {
                self.failed.set(false);
                self.lang.set(Lang::ZhTw);
            }
            Lang::ZhTw => leptos::task::spawn_local(self.choose(Lang::En)),
        }
    }

    /// Shows `lang`, once its texts are there; a second call while one fetch runs does nothing.
    pub async fn choose(self, lang: Lang) {
        if lang == Lang::ZhTw || i18n::english_ready() {
            self.failed.set(false);
            self.lang.set(lang);
            return;
        }
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.failed.set(false);
        let loaded = fetch_english().await;
        if let Err(e) = &loaded {
            web_sys::console::error_1(&e.into());
        }
        self.busy.set(false);
        self.failed.set(loaded.is_err());
        if loaded.is_ok() {
            self.lang.set(Lang::En);
        }
    }
}

/// The build's English table (`i18n::ENGLISH_FILE`, beside the app's other files), within the
/// API's time limit.
async fn fetch_english() -> Result<(), String> {
    let url = crate::host::app_url(i18n::ENGLISH_FILE);
    let controller = AbortController::new().map_err(|_| "no AbortController".to_string())?;
    let timer = {
        let controller = controller.clone();
        Timeout::new(crate::api::TIMEOUT_MS, move || controller.abort())
    };
    let answer = Request::get(&url)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await;
    let text = match answer {
        Ok(r) if r.ok() => r.text().await.map_err(|e| e.to_string()),
        Ok(r) => Err(format!("{url}: HTTP {}", r.status())),
        Err(e) => Err(format!("{url}: {e}")),
    };
    drop(timer);
    i18n::install_english(crate::json::from_str(&text?)?)
}

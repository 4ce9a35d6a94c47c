//! The binding's life in this browser: what is left of it on a return visit (a broken half is
//! removed), the persistence request once an enrollment succeeds, and the home-screen offer on
//! iOS Safari. The rules are the core crate's `binding`; this module reads and writes storage.
//!
//! localStorage, besides the bound key's id (`keys`), holds three small facts, none personal:
//! that an enrollment once succeeded here, the browser's answer to the persistence request, and
//! that the home-screen offer was dismissed.

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use mobile_auth_core::binding::{
    after_id_check, offer_home_screen, outlook, Half, Local, LocalFacts, Outcome, Outlook,
    Persistence,
};
use mobile_auth_core::device::Safari;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::keys;

const ENROLLED_BEFORE: &str = "mobile-auth.enrolled_before";
const PERSISTENCE: &str = "mobile-auth.storage_persistence";
const HOME_SCREEN_OFFER: &str = "mobile-auth.home_screen_offer";
const DISMISSED: &str = "dismissed";

fn read(key: &str) -> Option<String> {
    keys::local()?.get_item(key).ok()?
}

fn write(key: &str, value: &str) {
    if let Some(s) = keys::local() {
        let _ = s.set_item(key, value);
    }
}

/// What the home page shows about the binding; loaded from localStorage, updated when the
/// persistence answer arrives or the offer is dismissed.
#[derive(Debug, Clone, Copy)]
pub struct BindingState {
    pub persistence: RwSignal<Option<Persistence>>,
    pub offer_dismissed: RwSignal<bool>,
}

impl BindingState {
    pub fn load() -> BindingState {
        BindingState {
            persistence: RwSignal::new(read(PERSISTENCE).and_then(|s| Persistence::parse(&s))),
            offer_dismissed: RwSignal::new(read(HOME_SCREEN_OFFER).as_deref() == Some(DISMISSED)),
        }
    }

    /// Nothing known yet (no storage read): no persistence answer, the offer not dismissed.
    pub fn unknown() -> BindingState {
        BindingState {
            persistence: RwSignal::new(None),
            offer_dismissed: RwSignal::new(false),
        }
    }

    /// How long the binding can be expected to last here (tracked).
    pub fn outlook(&self) -> Option<Outlook> {
        let safari_tab = crate::device::safari().is_some() && !crate::device::standalone();
        outlook(self.persistence.get(), safari_tab)
    }

    /// Whether to offer adding the service to the home screen (tracked).
    pub fn offers_home_screen(&self) -> bool {
        offer_home_screen(
            crate::device::safari() == Some(Safari::Ios),
            crate::device::standalone(),
            self.offer_dismissed.get(),
        )
    }

    /// 知道了: the offer is not shown again in this browser.
    pub fn dismiss_offer(&self) {
        write(HOME_SCREEN_OFFER, DISMISSED);
        self.offer_dismissed.set(true);
    }
}

/// What is left of a binding in this browser, read before the ID check.
#[derive(Debug, Clone)]
pub struct LocalBinding {
    pub local: Local,
    key_id: Option<String>,
    marked: Option<String>,
    /// IndexedDB answered; when it did not, nothing is concluded and nothing removed.
    readable: bool,
}

impl LocalBinding {
    pub async fn read() -> LocalBinding {
        let key_id = keys::bound_key_id();
        let (key_for_id, marked, readable) = match &key_id {
            Some(k) => match keys::key_exists(k).await {
                Ok(found) => (found, None, true),
                Err(_) => (false, None, false),
            },
            None => match keys::marked_key().await {
                Ok(m) => (false, m, true),
                Err(_) => (false, None, false),
            },
        };
        let facts = LocalFacts {
            key_id: key_id.is_some(),
            key_for_id,
            marked_key: marked.is_some(),
            enrolled_before: read(ENROLLED_BEFORE).is_some(),
        };
        LocalBinding {
            // Unreadable IndexedDB proves nothing: the check goes on as for a browser without a
            // binding (the enrollment form then says why a key cannot be made).
            local: if readable {
                Local::of(facts)
            } else {
                Local::Nothing
            },
            key_id,
            marked,
            readable,
        }
    }

    /// Whether the ID check will carry no key id whatever IndexedDB holds: localStorage names no
    /// bound key (a first visit above all), and only a whole binding's key is sent.
    pub fn sends_no_key() -> bool {
        keys::bound_key_id().is_none()
    }

    /// The key id to send with the ID check: only a whole binding's.
    pub fn key_id(&self) -> Option<String> {
        self.local
            .has_usable_key()
            .then(|| self.key_id.clone())
            .flatten()
    }

    /// Given the backend's answer, where to go; removes a broken half, and remembers that a
    /// binding existed here whenever there is evidence of one.
    pub async fn settle(self, bound: bool) -> Outcome {
        let outcome = after_id_check(self.local, bound);
        if matches!(outcome, Outcome::Login | Outcome::Lost(_)) {
            write(ENROLLED_BEFORE, "1");
        }
        if let (Outcome::Login, Some(k)) = (outcome, &self.key_id) {
            keys::ensure_marked(k).await;
        }
        match self.local.half_to_remove().filter(|_| self.readable) {
            Some(Half::KeyId) => keys::forget_key_id(),
            Some(Half::Key) => {
                if let Some(k) = &self.marked {
                    keys::remove_marked(k).await;
                }
            }
            None => {}
        }
        outcome
    }
}

/// An enrollment succeeded with `key_id`: bind it, remember that this browser enrolled, and ask
/// the browser once to keep this site's data (the answer arrives later in some browsers, which
/// may ask the user first).
pub async fn enrolled(state: BindingState, key_id: &str) {
    keys::bind(key_id).await;
    write(ENROLLED_BEFORE, "1");
    leptos::task::spawn_local(async move {
        let answer = request_persistence().await;
        write(PERSISTENCE, answer.as_str());
        state.persistence.set(Some(answer));
    });
}

/// `navigator.storage.persist()`, where the browser has it.
async fn request_persistence() -> Persistence {
    let Some(storage) = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &JsValue::from_str("storage")).ok())
        .filter(|s| s.is_object())
    else {
        return Persistence::Unsupported;
    };
    let Some(persist) = Reflect::get(&storage, &JsValue::from_str("persist"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return Persistence::Unsupported;
    };
    let Some(promise) = persist
        .call0(&storage)
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok())
    else {
        return Persistence::Unsupported;
    };
    match JsFuture::from(promise).await.map(|v| v.as_bool()) {
        Ok(Some(true)) => Persistence::Granted,
        Ok(Some(false)) => Persistence::Denied,
        _ => Persistence::Unsupported,
    }
}

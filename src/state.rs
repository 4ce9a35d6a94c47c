//! The app's state, shared through context: the current step, the typed data, the application
//! in progress, the session, the language. One `Effect` keeps in sessionStorage what a reload
//! needs: the step, and the typed data only while its form is being filled in
//! (`flow::kept_on_reload`); never a password, and nothing personal once a flow has ended.

use std::collections::BTreeMap;

use leptos::prelude::*;
use mobile_auth_core::contract::{BackendConfig, Session};
use mobile_auth_core::device::{DeviceKind, VerifyPath};
use mobile_auth_core::flow::{self, Event, Kept, Step};
use mobile_auth_core::form::{EnrollmentInput, LoginInput};
use mobile_auth_core::roc_date::AdDate;
use mobile_auth_core::{ErrorCode, Field, Lang};
use serde::{Deserialize, Serialize};

use crate::api::{Api, ApiResult};
use crate::binding::BindingState;
use crate::config::AppConfig;

/// The sessionStorage key of what a step in progress keeps (public/boot.js reads the step and
/// the language from it too; the build writes the key into it: src/startup.rs).
pub const STORAGE_KEY: &str = "mobile-auth.state";

/// Field errors of a form, in screen order (the `Field` order is the screen order).
pub type Errors = RwSignal<BTreeMap<Field, ErrorCode>>;

/// Where the hash points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The enrollment and login flow, at `AppState::step`.
    Flow,
    /// `#/verify/<token>`: the phone-side page opened from the QR code.
    Verify(String),
    /// `#/help/guide`: 問題導引.
    Guide,
    /// `#/help/faq`: 行動電話認證常見問題.
    Faq,
    /// `#/accessibility`: 無障礙聲明.
    Accessibility,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(token) = h.strip_prefix("verify/") {
            let token = token.split(['?', '/']).next().unwrap_or("");
            if !token.is_empty() {
                return Route::Verify(token.to_string());
            }
        }
        match h {
            "help/guide" => Route::Guide,
            "help/faq" => Route::Faq,
            "accessibility" => Route::Accessibility,
            _ => Route::Flow,
        }
    }

    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }
}

/// What the user typed, in core's shape (`EnrollmentInput`, whose login fields are the same
/// values); every screen edits this one value, so nothing is lost between steps, on errors, or
/// on a language switch.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub input: RwSignal<EnrollmentInput>,
}

/// One text field of the form, for the `TextField` that edits it.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    input: RwSignal<EnrollmentInput>,
    field: Field,
}

impl Text {
    /// Tracked: reruns on any edit of the form.
    pub fn get(self) -> String {
        self.input.with(|i| i.text(self.field).to_owned())
    }

    pub fn get_untracked(self) -> String {
        self.input.with_untracked(|i| i.text(self.field).to_owned())
    }

    pub fn set(self, value: String) {
        self.input.update(|i| {
            if let Some(text) = i.text_mut(self.field) {
                *text = value;
            }
        });
    }
}

/// Nothing typed; the confirmation is part of the SPA's form.
fn blank() -> EnrollmentInput {
    EnrollmentInput {
        password_confirm: Some(String::new()),
        ..EnrollmentInput::default()
    }
}

impl Form {
    fn new(saved: &Saved) -> Form {
        Form {
            input: RwSignal::new(EnrollmentInput {
                password_confirm: Some(String::new()),
                ..saved.form.clone()
            }),
        }
    }

    pub fn text(self, field: Field) -> Text {
        Text {
            input: self.input,
            field,
        }
    }

    pub fn enrollment_input(&self) -> EnrollmentInput {
        let mut input = self.input.get_untracked();
        input.name = nfc(&input.name);
        input
    }

    pub fn login_input(&self) -> LoginInput {
        self.input.with_untracked(|i| LoginInput {
            national_id: i.national_id.clone(),
            birth_date: i.birth_date.clone(),
            name: nfc(&i.name),
            password: i.password.clone(),
        })
    }

    /// 清空輸入區 of the enrollment form: everything but the ID checked in step 1.
    pub fn clear_enrollment(&self) {
        self.input.update(|i| {
            *i = EnrollmentInput {
                national_id: std::mem::take(&mut i.national_id),
                ..blank()
            }
        });
    }

    /// Everything typed, when a flow ends: a shared computer keeps nothing of it.
    pub fn clear_all(&self) {
        self.input.set(blank());
    }

    /// 清空輸入區 of the four-field login.
    pub fn clear_login(&self) {
        self.input.update(|i| {
            for field in [Field::NationalId, Field::BirthDate, Field::Name] {
                if let Some(text) = i.text_mut(field) {
                    text.clear();
                }
            }
        });
        self.forget_passwords();
    }

    pub fn forget_passwords(&self) {
        self.input.update(|i| {
            i.password.clear();
            i.password_confirm = Some(String::new());
        });
    }

    /// The typed data a reload at this step needs (tracked: the caller's effect reruns on
    /// edits); serde leaves the captcha answer and the passwords out.
    fn saved(&self, kept: Kept) -> EnrollmentInput {
        match kept {
            Kept::Nothing => EnrollmentInput::default(),
            Kept::Login => self.input.with(|i| EnrollmentInput {
                national_id: i.national_id.clone(),
                birth_date: i.birth_date.clone(),
                name: i.name.clone(),
                ..EnrollmentInput::default()
            }),
            Kept::Enrollment => self.input.get(),
        }
    }
}

/// The application in progress (after 送出).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub token: String,
    pub path: VerifyPath,
    /// When the token stops working, in ms since the epoch.
    pub expires_at: f64,
    /// The device key registered with this application; bound when it succeeds.
    pub key_id: String,
}

/// The logged-in session as the SPA sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub name_masked: String,
    pub national_id_masked: String,
    /// Idle expiry, ms since the epoch.
    pub expires_at: f64,
    /// The idle period the backend grants, for the warning threshold.
    pub idle_seconds: u32,
}

impl SessionInfo {
    pub fn from_session(s: &Session) -> SessionInfo {
        SessionInfo {
            name_masked: s.name_masked.clone(),
            national_id_masked: s.national_id_masked.clone(),
            expires_at: deadline_in(s.expires_in_seconds),
            idle_seconds: s.expires_in_seconds,
        }
    }
}

/// What survives a reload, in sessionStorage. No password is ever part of it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct Saved {
    step: Option<Step>,
    lang: Option<Lang>,
    device: Option<DeviceKind>,
    form: EnrollmentInput,
    application: Option<Application>,
    session: Option<SessionInfo>,
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn load_saved() -> Saved {
    session_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| crate::json::from_str(&json).ok())
        .unwrap_or_default()
}

/// What the browser holds when the app starts.
struct Start {
    saved: Saved,
    route: Route,
    binding: BindingState,
    api: Api,
}

/// Everything the screens share.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub step: RwSignal<Step>,
    pub route: RwSignal<Route>,
    pub form: Form,
    /// The detected device kind, or the user's correction of it.
    pub device: RwSignal<DeviceKind>,
    pub application: RwSignal<Option<Application>>,
    pub session: RwSignal<Option<SessionInfo>>,
    /// A message carried to the next screen (e.g. why the user is back at step 1).
    pub notice: RwSignal<Option<ErrorCode>>,
    /// Errors shown on the current screen, for the "錯誤：" title prefix.
    pub error_count: RwSignal<usize>,
    /// The text of the polite live region.
    pub announcement: RwSignal<String>,
    /// What the home page says about the binding (from localStorage).
    pub binding: BindingState,
    pub api: StoredValue<Api>,
    pub config: StoredValue<AppConfig>,
    pub backend: StoredValue<BackendConfig>,
}

impl AppState {
    /// The session is over (idle expiry, or the backend said so): back to step 1, which says
    /// why and offers the login again.
    pub fn session_ended(self) {
        self.session.set(None);
        self.notice.set(Some(ErrorCode::SessionExpired));
        self.dispatch(Event::SessionExpired);
    }

    /// The answer to a call made in the session: when the backend says the session is over, it
    /// ends here too; a success renews the idle countdown, as the backend renewed its period.
    /// The error's code otherwise, for the screen to show.
    pub fn in_session<T>(self, answer: ApiResult<T>) -> Result<T, ErrorCode> {
        match answer {
            Ok(v) => {
                self.session.update(|s| {
                    if let Some(s) = s {
                        s.expires_at = deadline_in(s.idle_seconds);
                    }
                });
                Ok(v)
            }
            Err(p) => {
                if p.code == ErrorCode::SessionExpired {
                    self.session_ended();
                }
                Err(p.code)
            }
        }
    }

    /// Builds the state from sessionStorage (if any), the detected device and the configs, and
    /// keeps what a reload needs in sessionStorage from then on.
    pub fn new(
        config: AppConfig,
        backend: BackendConfig,
        detected: DeviceKind,
        lang: RwSignal<Lang>,
    ) -> AppState {
        let mut saved = load_saved();
        if let Some(typed) = crate::boot_shell::take_typed_before_start() {
            if saved.form.national_id.is_empty() {
                saved.form.national_id = typed;
            }
        }
        let start = Start {
            saved,
            route: Route::current(),
            binding: BindingState::load(),
            api: Api::new(&config.api_base),
        };
        let state = AppState::from_start(start, config, backend, detected, lang);
        state.persist();
        state
    }

    /// A first visit's state, built without a browser to read: nothing saved, step 1, no
    /// binding facts, a client that is never called. index.html's static first screen is
    /// rendered from it at build time (`app::first_visit_html`).
    pub fn first_visit(
        config: AppConfig,
        backend: BackendConfig,
        lang: RwSignal<Lang>,
    ) -> AppState {
        let start = Start {
            saved: Saved::default(),
            route: Route::Flow,
            binding: BindingState::unknown(),
            api: Api::unresolved(&config.api_base),
        };
        // Step 1 is the same on every device.
        AppState::from_start(start, config, backend, DeviceKind::Desktop, lang)
    }

    fn from_start(
        start: Start,
        config: AppConfig,
        backend: BackendConfig,
        detected: DeviceKind,
        lang: RwSignal<Lang>,
    ) -> AppState {
        let Start {
            saved,
            route,
            binding,
            api,
        } = start;
        AppState {
            lang,
            step: RwSignal::new(saved.step.unwrap_or(Step::IdEntry)),
            route: RwSignal::new(route),
            form: Form::new(&saved),
            device: RwSignal::new(saved.device.unwrap_or(detected)),
            application: RwSignal::new(saved.application.clone()),
            session: RwSignal::new(saved.session.clone()),
            notice: RwSignal::new(None),
            error_count: RwSignal::new(0),
            announcement: RwSignal::new(String::new()),
            binding,
            api: StoredValue::new(api),
            config: StoredValue::new(config),
            backend: StoredValue::new(backend),
        }
    }

    /// Writes what a reload needs to sessionStorage whenever it changes.
    fn persist(self) {
        Effect::new(move |_| {
            let step = self.step.get();
            let saved = Saved {
                step: Some(step),
                lang: Some(self.lang.get()),
                device: Some(self.device.get()),
                application: self.application.get(),
                session: self.session.get(),
                form: self.form.saved(flow::kept_on_reload(step)),
            };
            if let (Some(s), Ok(json)) = (session_storage(), crate::json::to_string(&saved)) {
                let _ = s.set_item(STORAGE_KEY, &json);
            }
        });
        Effect::new(move |_| crate::i18n::set_current_lang(self.lang.get()));
    }

    pub fn api(&self) -> Api {
        self.api.get_value()
    }

    /// Feeds the flow state machine; events that do not apply are ignored.
    pub fn dispatch(&self, event: Event) {
        if let Some(next) = flow::next(self.step.get_untracked(), event) {
            self.go(next);
        }
    }

    /// Moves to a step (also used to restore after a reload).
    pub fn go(&self, step: Step) {
        if flow::flow_ended(step) {
            self.form.clear_all();
        }
        self.error_count.set(0);
        self.step.set(step);
        if self.route.get_untracked() != Route::Flow {
            clear_hash();
            self.route.set(Route::Flow);
        }
    }

    pub fn announce(&self, text: impl Into<String>) {
        // Clearing first makes a repeated message be announced again.
        self.announcement.set(String::new());
        let text = text.into();
        let a = self.announcement;
        request_animation_frame(move || a.set(text));
    }

    /// The QR link's target: config.json's URL, else the backend's, else this page.
    pub fn public_app_url(&self) -> String {
        let base = self
            .config
            .with_value(|c| c.public_app_url.clone())
            .or_else(|| self.backend.with_value(|b| b.public_app_url.clone()))
            .unwrap_or_else(|| {
                web_sys::window()
                    .and_then(|w| w.location().href().ok())
                    .unwrap_or_default()
            });
        base.split('#').next().unwrap_or("").to_string()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Removes the hash from the address, keeping the path and query (no hashchange fires).
pub fn clear_hash() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// When something the backend grants for `seconds` from now ends, in ms since the epoch.
pub fn deadline_in(seconds: u32) -> f64 {
    now_ms() + f64::from(seconds) * 1000.0
}

/// A name as Unicode NFC, before any rule sees it (an input method may type a base letter and a
/// combining mark where another types the precomposed letter). The browser's own
/// `String.prototype.normalize` does it, so no tables are added to the Wasm.
fn nfc(name: &str) -> String {
    js_sys::JsString::from(name)
        .normalize("NFC")
        .as_string()
        .unwrap_or_else(|| name.to_string())
}

/// Today in Taiwan, for the birth-date and records rules (the backend's day too).
pub fn today() -> AdDate {
    AdDate::today_in_taiwan(js_sys::Date::now())
}

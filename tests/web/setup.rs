//! The one setup: a fresh element, the app's context around what is mounted, and the few DOM
//! helpers every screen's tests use.

use leptos::prelude::*;
use mobile_auth::config::AppConfig;
use mobile_auth::state::AppState;
use mobile_auth_core::contract::{BackendConfig, Carrier, Localized};
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::flow::Step;
use mobile_auth_core::Lang;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

fn backend() -> BackendConfig {
    BackendConfig {
        carriers: vec![Carrier {
            id: "cht".into(),
            name_zh: "中華電信".into(),
            name_en: "Chunghwa Telecom".into(),
        }],
        qr_validity_seconds: 300,
        verification_unit: Localized {
            zh: "勞動部勞工保險局".into(),
            en: "Bureau of Labor Insurance".into(),
        },
        terms: Localized {
            zh: "條款".into(),
            en: "Terms".into(),
        },
        session_idle_seconds: 900,
        public_app_url: None,
    }
}

/// A fresh container, with the page's saved state cleared so tests do not leak into each other.
fn container() -> HtmlElement {
    let w = web_sys::window().unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
    let d = w.document().unwrap();
    let el: HtmlElement = d.create_element("div").unwrap().unchecked_into();
    d.body().unwrap().append_child(&el).unwrap();
    el
}

/// Mounts `f` in a fresh element with the app's context (zh-TW, a desktop, at `step`).
pub fn mount<V: IntoView + 'static>(
    step: Step,
    f: impl FnOnce() -> V + 'static,
) -> (HtmlElement, AppState) {
    let el = container();
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let s2 = slot.clone();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let lang = RwSignal::new(Lang::ZhTw);
        provide_context(lang);
        let app = AppState::new(AppConfig::default(), backend(), DeviceKind::Desktop, lang);
        app.step.set(step);
        provide_context(app);
        *s2.borrow_mut() = Some(app);
        f()
    });
    std::mem::forget(handle);
    let app = slot.borrow().unwrap();
    (el, app)
}

/// `mount`, then one tick: the screen as first drawn.
pub async fn show<V: IntoView + 'static>(
    step: Step,
    f: impl FnOnce() -> V + 'static,
) -> (HtmlElement, AppState) {
    let mounted = mount(step, f);
    leptos::task::tick().await;
    mounted
}

pub fn q(root: &HtmlElement, sel: &str) -> Option<web_sys::Element> {
    root.query_selector(sel).unwrap()
}

pub fn input(root: &HtmlElement, sel: &str) -> HtmlInputElement {
    q(root, sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .unchecked_into()
}

pub fn type_into(el: &HtmlInputElement, value: &str) {
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

pub fn submit(root: &HtmlElement) {
    let button: HtmlElement = q(root, "form button[type=submit]")
        .expect("a submit button")
        .unchecked_into();
    button.click();
}

pub fn text(root: &HtmlElement, sel: &str) -> String {
    q(root, sel)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

//! Form fields in the GOV.UK error pattern: a visible label above the input (the required "*"
//! hidden from assistive technology so the accessible name is exactly the manual's label), an
//! optional hint, and an inline message with a visually hidden "錯誤：" prefix that the input
//! names in `aria-describedby` and flags with `aria-invalid`.

use std::cell::{Cell, RefCell};

use leptos::html;
use leptos::prelude::*;
use mobile_auth_core::{ErrorCode, Field};

use crate::i18n::{tr, use_lang, Text, T};
use crate::state::Errors;

/// The DOM id a field's error-summary link points at (the first control of the field).
pub fn input_id(field: Field) -> String {
    match field {
        Field::HasSim => "has_sim-yes".into(),
        f => f.as_str().into(),
    }
}

pub fn error_id(field: Field) -> String {
    format!("{}-error", field.as_str())
}

pub fn hint_id(field: Field) -> String {
    format!("{}-hint", field.as_str())
}

/// Sets or clears one field's error.
pub fn set_error(errors: Errors, field: Field, code: Option<ErrorCode>) {
    errors.update(|m| match code {
        Some(c) => {
            m.insert(field, c);
        }
        None => {
            m.remove(&field);
        }
    });
}

/// The `aria-describedby` value: the hint and, when failing, the error.
pub fn described_by(
    field: Field,
    has_hint: bool,
    errors: Errors,
) -> impl Fn() -> Option<String> + Copy + Send + Sync {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id(field));
        }
        if errors.with(|m| m.contains_key(&field)) {
            ids.push(error_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The label text with the manual's "*" that screen readers do not read.
#[component]
pub fn RequiredLabel(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! {
        <span class="req" aria-hidden="true">
            "*"
        </span>
        {move || text.get()}
    }
}

/// A visible label with the manual's "*" kept outside the `<label>` element, so the label's
/// text (what `getByLabel` and screen readers see) is exactly the manual's words.
#[component]
pub fn FieldLabel(
    #[prop(into)] for_id: String,
    #[prop(into)] text: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="label">
            <span class="req" aria-hidden="true">
                "*"
            </span>
            <label id=format!("{for_id}-label") for=for_id.clone()>
                {move || text.get()}
            </label>
        </div>
    }
}

/// The inline error message of a field, when it has one.
#[component]
pub fn ErrorMessage(field: Field, errors: Errors) -> impl IntoView {
    let lang = use_lang();
    move || {
        errors.with(|m| m.get(&field).copied()).map(|code| {
            view! {
                <p class="error-message" id=error_id(field)>
                    <span class="visually-hidden">{tr(T::ErrorPrefix)}</span>
                    {move || code.text(lang.get())}
                </p>
            }
        })
    }
}

thread_local! {
    static POINTER_DOWN: Cell<bool> = const { Cell::new(false) };
    static TRACKING: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// Runs `f` now, or — while a mouse button or finger is down — once the click has landed. A
/// blur message appearing between mousedown and mouseup would move the control being clicked
/// away from under the pointer, and the click would be lost.
pub fn after_pointer(f: impl FnOnce() + 'static) {
    if POINTER_DOWN.with(Cell::get) {
        PENDING.with(|p| p.borrow_mut().push(Box::new(f)));
    } else {
        f();
    }
}

/// Installs the window listeners `after_pointer` relies on; call once.
pub fn track_pointer() {
    if TRACKING.with(|t| t.replace(true)) {
        return;
    }
    let down = window_event_listener(leptos::ev::pointerdown, |_| {
        POINTER_DOWN.with(|d| d.set(true))
    });
    let release = |_| {
        POINTER_DOWN.with(|d| d.set(false));
        // After this task, so the click that follows pointerup is dispatched first.
        set_timeout(
            || {
                let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
                pending.into_iter().for_each(|f| f());
            },
            std::time::Duration::ZERO,
        );
    };
    let up = window_event_listener(leptos::ev::pointerup, release);
    let cancel = window_event_listener(leptos::ev::pointercancel, release);
    // The shell lives as long as the page; the listeners are never removed.
    std::mem::forget((down, up, cancel));
}

fn focus_goes_to_button(ev: &web_sys::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("button"))
}

/// How a text field behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Text,
    /// Digits only (numeric keyboard on phones).
    Numeric,
    /// Hidden by default with a 顯示/隱藏 toggle.
    Secret,
}

/// A labelled text input with hint, inline error, optional show/hide and ✖ clear buttons.
#[component]
pub fn TextField(
    field: Field,
    errors: Errors,
    /// Runs when the input loses focus (validation on blur).
    #[prop(into)]
    on_check: Callback<Field>,
    #[prop(optional)] kind: Kind,
    /// A label other than the field's own (e.g. 憑證密碼 on the login form).
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    #[prop(optional)] placeholder: Option<T>,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] clearable: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Shown under the input, e.g. the AD date once the ROC date is valid.
    #[prop(optional, into)]
    echo: Option<Signal<Option<String>>>,
    /// Extra content after the input row (e.g. the 驗證 button of step 1).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    // Not a memo: the input's own value changes under it as the user types, so the form's
    // value is set again even when it equals the last one drawn (✖ after typing).
    let value = crate::state::use_app().form.text(field);
    let id = field.as_str();
    let label = label.unwrap_or_else(|| Signal::derive(move || field.text(lang.get()).to_string()));
    let shown = RwSignal::new(false);
    let input_ref = NodeRef::<html::Input>::new();
    let invalid = move || errors.with(|m| m.contains_key(&field)).then_some("true");
    let input_type = move || match kind {
        Kind::Secret if !shown.get() => "password",
        _ => "text",
    };
    // The buttons beside a field are named by their verb alone and described by the field's
    // label: a name such as "顯示身分證號" would also answer to the label 身分證號 (a screen
    // reader's "go to field 身分證號", or a test's getByLabel) and make it ambiguous.
    let label_id = format!("{id}-label");
    let clear_label = move || T::Clear.get(lang.get()).trim().to_string();
    view! {
        <div class="form-group" class:form-group--error=move || invalid().is_some()>
            <FieldLabel for_id=id text=label/>
            {hint.map(|h| view! { <p class="hint" id=hint_id(field)>{tr(h)}</p> })}
            <ErrorMessage field errors/>
            <div class="input-row">
                <input
                    node_ref=input_ref
                    class="input"
                    id=id
                    name=id
                    type=input_type
                    // The label's "*" is hidden from assistive technology; this says it.
                    required=true
                    inputmode=(kind == Kind::Numeric).then_some("numeric")
                    autocomplete=autocomplete.unwrap_or("off")
                    autocapitalize="off"
                    spellcheck="false"
                    placeholder=move || placeholder.map(|p| p.get(lang.get()))
                    aria-describedby=described_by(field, hint.is_some(), errors)
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:blur=move |ev| {
                        // Moving to a button (送出, 顯示, ✖…) is not leaving the field: a message
                        // appearing now would shift the button away from under the pointer.
                        if !focus_goes_to_button(&ev) {
                            after_pointer(move || on_check.run(field));
                        }
                    }
                />
                {(kind == Kind::Secret).then(|| view! {
                    <button type="button" class="icon-button" aria-describedby=label_id.clone() aria-controls=id
                        on:click=move |_| shown.update(|s| *s = !*s)>
                        {move || if shown.get() { tr(T::Hide)() } else { tr(T::Show)() }}
                    </button>
                })}
                {clearable.then(|| view! {
                    <button type="button" class="icon-button" aria-label=clear_label
                        aria-describedby=label_id.clone() aria-controls=id
                        on:click=move |_| {
                            value.set(String::new());
                            if let Some(i) = input_ref.get() { let _ = i.focus(); }
                        }>
                        <span aria-hidden="true">"✖"</span>
                    </button>
                })}
                {children.map(|c| c())}
            </div>
            {echo.map(|e| view! {
                <p class="echo" aria-live="polite">{move || e.get()}</p>
            })}
        </div>
    }
}

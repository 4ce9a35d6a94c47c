//! The GOV.UK error summary: above the form, titled plainly, one link per failing field; it takes
//! focus when a submit fails. The alert role sits on an inner element so the focus move and the
//! announcement do not race.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_lang, Text, T};
use crate::state::Errors;
use crate::ui::field::input_id;

pub const SUMMARY_ID: &str = "error-summary";
pub const PROBLEM_ID: &str = "problem";

/// Focuses an element by id once the DOM has caught up with the last update.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || focus_now(id));
}

pub fn focus_now(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves focus to a field from a summary link, bringing its label into view as well.
fn focus_field(id: &str) {
    let Some(el) = document().get_element_by_id(id) else {
        return;
    };
    let label = document()
        .query_selector(&format!("label[for=\"{id}\"], legend"))
        .ok()
        .flatten()
        .filter(|_| id != "has_sim-yes")
        .unwrap_or_else(|| el.clone());
    label.scroll_into_view();
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = h.focus_with_options(&opts);
    }
}

/// Shown while `visible` and there are errors.
#[component]
pub fn ErrorSummary(errors: Errors, visible: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let show = move || visible.get() && errors.with(|m| !m.is_empty());
    let items = Signal::derive(move || {
        let l = lang.get();
        errors.with(|m| {
            m.iter()
                .map(|(&field, code)| (input_id(field), code.text(l).to_string()))
                .collect()
        })
    });
    view! {
        <Show when=show>
            <SummaryBox id=SUMMARY_ID items />
        </Show>
    }
}

/// The summary itself, for any form: `items` are (the control's id, its message) in screen
/// order. `nested` under a page's own `h2` makes its title an `h3`.
#[component]
pub fn SummaryBox(
    id: &'static str,
    items: Signal<Vec<(String, String)>>,
    #[prop(optional)] nested: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let title = if nested {
        view! { <h3 class="error-summary__title" id=title_id.clone()>{tr(T::ErrorSummaryTitle)}</h3> }
            .into_any()
    } else {
        view! { <h2 class="error-summary__title" id=title_id.clone()>{tr(T::ErrorSummaryTitle)}</h2> }
            .into_any()
    };
    view! {
        <div
            class=format!("error-summary {class}").trim_end().to_string()
            id=id
            tabindex="-1"
            aria-labelledby=title_id
        >
            <div role="alert">
                {title}
                <ul class="error-summary__list">
                    {move || {
                        items
                            .get()
                            .into_iter()
                            .map(|(target, message)| {
                                let href = format!("#{target}");
                                view! {
                                    <li>
                                        <a
                                            href=href
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                focus_field(&target);
                                            }
                                        >
                                            {message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </div>
    }
}

/// A problem that is not about one field (network, carrier outcome…), with its message.
#[component]
pub fn ProblemBanner(problem: RwSignal<Option<mobile_auth_core::ErrorCode>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        problem.get().map(|code| {
            view! {
                <div class="problem" id=PROBLEM_ID tabindex="-1">
                    <p role="alert">
                        <span class="visually-hidden">{tr(T::ErrorPrefix)}</span>
                        {move || code.text(lang.get())}
                    </p>
                </div>
            }
        })
    }
}

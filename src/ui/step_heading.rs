//! The heading each screen starts with: focus moves there on a step change, so keyboard and
//! screen-reader users land at the start of the new screen.

use std::cell::Cell;

use leptos::prelude::*;

use crate::ui::summary::focus_now;

/// Heading every screen marks as its start; focus moves there on a step change.
pub const STEP_HEADING_ID: &str = "step-heading";

/// The heading a screen starts with: an `h1` on a page of its own, an `h2` (`h2=true`) for a
/// step shown under the login chooser's title. It can take focus, but is not in the tab order.
#[component]
pub fn StepHeading(#[prop(optional)] h2: bool, children: Children) -> impl IntoView {
    if h2 {
        view! { <h2 id=STEP_HEADING_ID tabindex="-1">{children()}</h2> }.into_any()
    } else {
        view! { <h1 id=STEP_HEADING_ID tabindex="-1">{children()}</h1> }.into_any()
    }
}

thread_local! {
    /// A step change whose screen was still being fetched when its heading was to take focus.
    static HEADING_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Moves focus to the new screen's heading, or, for a screen still being fetched
/// (ui/on_first_use.rs), to its heading when it arrives.
pub fn focus_step_heading() {
    request_animation_frame(|| {
        let there = document().get_element_by_id(STEP_HEADING_ID).is_some();
        HEADING_PENDING.set(!there);
        if there {
            focus_now(STEP_HEADING_ID);
        }
    });
}

/// A fetched screen is on the page: it takes the focus its step change could not give it, or
/// that was lost with the element that had it (a link on the screen it replaced).
pub fn screen_arrived() {
    request_animation_frame(|| {
        let doc = document();
        let lost = doc.active_element().is_none_or(|e| e.tag_name() == "BODY");
        if HEADING_PENDING.take() || lost {
            focus_now(STEP_HEADING_ID);
        }
    });
}

//! The static first screen in `index.html` (`<div id="boot-shell">`) is what a visitor sees and
//! types into until the app is needed (public/boot.js downloads it on the first focus, touch or
//! key). The app mounts off-document and takes the shell's place once it shows a screen of its
//! own (not its loading state), in one animation frame: no flash, no layout shift, and never two
//! copies of the same ids or labels in the document. What the user already typed into the
//! shell's 身分證號 field and where the focus was carry over; so do the last button pressed (Enter
//! in the field counts as 驗證) and an arrow key on the tabs (public/boot.js notes them): the app
//! does them again.
//!
//! tests/e2e/app/shell.spec.ts keeps the shell equal to the app's first screen.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

use crate::startup::{HELD_ATTR, KEY_ATTR, PRESSED_ATTR, SHELL_ID};

thread_local! {
    /// What was typed on index.html's static step 1 when a start that failed took its place (its
    /// message and 重試): for the form of the start that works (`state`). In memory only, as step
    /// 1's ID always is (`flow::kept_on_reload`).
    static TYPED_BEFORE_START: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// What was typed on the static step 1 before a start that failed, once.
pub fn take_typed_before_start() -> Option<String> {
    TYPED_BEFORE_START.take()
}

/// Whether the app is starting over index.html's static first screen (still in the document).
pub fn taking_over() -> bool {
    document().get_element_by_id(SHELL_ID).is_some()
}

/// Applies the style sheets index.html loads without blocking the first paint (`media="not all"
/// data-later`): the first screen needs none of them, and later screens come after the app.
pub fn apply_later_sheets() {
    let Ok(sheets) = document().query_selector_all("link[data-later]") else {
        return;
    };
    for i in 0..sheets.length() {
        if let Some(link) = sheets
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = link.set_attribute("media", "all");
        }
    }
}

/// Mounts `app` in place of the shell; `false` (nothing done) when the page has no shell.
pub fn mount_over_shell<V: IntoView + 'static>(app: fn() -> V) -> bool {
    let doc = document();
    let Some(shell) = doc.get_element_by_id(SHELL_ID) else {
        return false;
    };
    let Ok(staging) = doc
        .create_element("div")
        .map(|e| e.unchecked_into::<HtmlElement>())
    else {
        return false;
    };
    leptos::mount::mount_to(staging.clone(), app).forget();
    swap_when_ready(shell, staging);
    true
}

/// Checks once per frame, before it is painted, whether the app has left its loading state.
fn swap_when_ready(shell: web_sys::Element, staging: HtmlElement) {
    request_animation_frame(move || {
        let loading = staging.query_selector(".loading").ok().flatten().is_some();
        // A press in progress on the shell ends on the shell (boot.js marks it).
        let held = shell
            .get_attribute(HELD_ATTR)
            // An integer: parsing a float would add Rust's float parser to the Wasm (~18 kB).
            .and_then(|t| t.parse::<u64>().ok())
            .is_some_and(|since| (js_sys::Date::now() as u64).saturating_sub(since) < 1000);
        if loading || held || staging.first_element_child().is_none() {
            swap_when_ready(shell, staging);
        } else {
            swap(&shell, &staging);
        }
    });
}

/// What can hold the focus or be pressed; the shell's and the app's, in document order, are the
/// same controls (tests/e2e/app/shell.spec.ts), so index i names the same one in both.
const CONTROLS: &str = "a[href], button, input, select, textarea, [tabindex]";

fn swap(shell: &web_sys::Element, staging: &HtmlElement) {
    // Set by boot.js: the index of the last button pressed (Enter in the field is 驗證); the last
    // arrow, Home or End key pressed on a tab.
    let pressed = shell
        .get_attribute(PRESSED_ATTR)
        .and_then(|i| i.parse::<u32>().ok());
    let key = shell.get_attribute(KEY_ATTR);
    // Static lists: they still name the app's elements once these are moved into the document.
    let (Ok(shell_controls), Ok(controls), Ok(buttons)) = (
        shell.query_selector_all(CONTROLS),
        staging.query_selector_all(CONTROLS),
        staging.query_selector_all("button"),
    ) else {
        return;
    };
    let same = shell_controls.length() == controls.length()
        && shell.query_selector_all("button").map(|l| l.length()).ok() == Some(buttons.length());
    let active = document().active_element();
    let focused = (0..shell_controls.length())
        .find(|&i| {
            shell_controls
                .item(i)
                .is_some_and(|n| active.as_ref().map(AsRef::as_ref) == Some(&n))
        })
        .filter(|_| same);
    let typed = shell_input(shell);
    let Some(parent) = shell.parent_node() else {
        return;
    };
    while let Some(node) = staging.first_child() {
        let _ = parent.insert_before(&node, Some(shell));
    }
    shell.remove();
    match (typed.filter(|t| !t.value().is_empty()), app_input()) {
        (Some(typed), Some(input)) => carry_over(&typed, &input),
        // A start that failed shows its message and 重試 in step 1's place: what was typed waits
        // for the next start's form.
        (Some(typed), None) => TYPED_BEFORE_START.set(Some(typed.value())),
        (None, _) => {}
    }
    // Where the focus was — a keyboard user tabbing through the page goes on from there.
    let target = focused
        .and_then(|i| controls.item(i))
        .and_then(|n| n.dyn_into::<HtmlElement>().ok());
    if let Some(el) = &target {
        let _ = el.focus();
        if let Ok(input) = el.clone().dyn_into::<HtmlInputElement>() {
            let end = input.value().encode_utf16().count() as u32;
            let _ = input.set_selection_range(end, end);
        }
        if let Some(key) = key.filter(|_| el.get_attribute("role").as_deref() == Some("tab")) {
            replay_key(el, &key);
        }
    }
    let pressed = pressed.filter(|_| same).and_then(|i| buttons.item(i));
    if let Some(b) = pressed.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
        b.click();
    }
}

fn carry_over(typed: &HtmlInputElement, input: &HtmlInputElement) {
    let value = typed.value();
    if !value.is_empty() && input.value().is_empty() {
        input.set_value(&value);
        // The app's field keeps its value in a signal fed by `input` events.
        if let Ok(ev) = web_sys::Event::new("input") {
            let _ = input.dispatch_event(&ev);
        }
    }
}

/// An arrow key pressed on a tab of the shell moves the app's tabs as it would have.
fn replay_key(el: &HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    if let Ok(ev) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
        let _ = el.dispatch_event(&ev);
    }
}

fn shell_input(shell: &web_sys::Element) -> Option<HtmlInputElement> {
    shell
        .query_selector("input")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

fn app_input() -> Option<HtmlInputElement> {
    document().get_element_by_id("national_id")?.dyn_into().ok()
}

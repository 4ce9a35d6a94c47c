//! 步驟1: the ID's inline message and summary, its show/hide and clear, a language switch.

use leptos::prelude::*;
use leptos::task::tick;
use mobile_auth::state::AppState;
use mobile_auth_core::flow::Step;
use mobile_auth_core::Field;
use mobile_auth_core::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::setup::*;

/// 步驟1, drawn.
async fn step1() -> (HtmlElement, AppState) {
    show(
        Step::IdEntry,
        || view! { <mobile_auth::screens::id_entry::IdEntry /> },
    )
    .await
}

#[wasm_bindgen_test]
async fn step1_wrong_checksum_shows_inline_message_and_summary_without_network() {
    let (root, _) = step1().await;
    let id = input(&root, "#national_id");
    type_into(&id, "A123456788");
    submit(&root);
    tick().await;
    let inline = text(&root, "#national_id-error");
    assert!(
        inline.starts_with("錯誤："),
        "visually hidden prefix: {inline}"
    );
    assert!(inline.contains("身分證號檢查碼不正確"), "{inline}");
    assert_eq!(id.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(id
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("national_id-error"));
    let summary = q(&root, "#error-summary").expect("summary");
    assert_eq!(summary.get_attribute("tabindex").as_deref(), Some("-1"));
    assert!(q(&root, "#error-summary [role=alert]").is_some());
    assert_eq!(text(&root, "#error-summary h2"), "請修正以下問題");
    let link = q(&root, "#error-summary a").unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("#national_id"));
    assert!(link
        .text_content()
        .unwrap()
        .contains("身分證號檢查碼不正確"));
    // What was typed is kept.
    assert_eq!(id.value(), "A123456788");
}

#[wasm_bindgen_test]
async fn step1_resident_certificate_is_for_citizens_only() {
    let (root, _) = step1().await;
    type_into(&input(&root, "#national_id"), "A812345671");
    submit(&root);
    tick().await;
    assert!(text(&root, "#national_id-error").contains("限本國自然人使用"));
}

#[wasm_bindgen_test]
async fn step1_has_show_hide_and_clear_with_accessible_names() {
    let (root, _) = step1().await;
    let id = input(&root, "#national_id");
    assert_eq!(id.type_(), "password");
    // The buttons are named by their verb and described by the label, so that the label
    // 身分證號 names the input alone.
    let show: HtmlElement = q(&root, "button[aria-controls=national_id]:not([aria-label])")
        .expect("show button")
        .unchecked_into();
    assert_eq!(show.text_content().unwrap().trim(), "顯示");
    assert_eq!(
        show.get_attribute("aria-describedby").as_deref(),
        Some("national_id-label")
    );
    show.click();
    tick().await;
    assert_eq!(id.type_(), "text");
    assert_eq!(show.text_content().unwrap().trim(), "隱藏");
    type_into(&id, "A123456789");
    let clear: HtmlElement = q(
        &root,
        "button[aria-label='清除'][aria-controls=national_id]",
    )
    .expect("clear button")
    .unchecked_into();
    clear.click();
    tick().await;
    assert_eq!(id.value(), "");
    assert_eq!(
        root.query_selector_all("[aria-label*='身分證號']")
            .unwrap()
            .length(),
        0
    );
    // The label's text is exactly the manual's; the "*" sits outside it, hidden from AT.
    assert_eq!(text(&root, "label[for=national_id]"), "身分證號");
}

#[wasm_bindgen_test]
async fn language_switch_keeps_typed_data() {
    let (root, app) = step1().await;
    let id = input(&root, "#national_id");
    type_into(&id, "A12345");
    app.lang.set(Lang::En);
    tick().await;
    assert_eq!(text(&root, "label[for=national_id]"), "National ID number");
    assert_eq!(input(&root, "#national_id").value(), "A12345");
    assert_eq!(app.form.text(Field::NationalId).get_untracked(), "A12345");
}

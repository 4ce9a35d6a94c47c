//! 請選擇登入方式: the five methods' tabs.

use leptos::prelude::*;
use leptos::task::tick;
use mobile_auth::state::{AppState, Route};
use mobile_auth_core::flow::Step;
use wasm_bindgen_test::*;

use crate::setup::*;

#[wasm_bindgen_test]
async fn login_tabs_are_in_the_manuals_order_with_mobile_selected() {
    let (root, app) = mount(Step::IdEntry, || {
        let app = expect_context::<AppState>();
        let screen = Memo::new(move |_| {
            mobile_auth::which_screen::which_screen(&Route::Flow, app.step.get(), || None)
        });
        view! { <mobile_auth::screens::tabs::LoginChooser screen /> }
    });
    tick().await;
    assert_eq!(app.step.get_untracked(), Step::IdEntry);
    let tabs = root
        .query_selector_all("[role=tablist] [role=tab]")
        .unwrap();
    let names: Vec<String> = (0..tabs.length())
        .map(|i| tabs.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "自然人憑證",
            "虛擬勞保憑證",
            "行動自然人憑證",
            "金融電子憑證",
            "行動電話認證"
        ]
    );
    let selected = q(&root, "[role=tab][aria-selected=true]").unwrap();
    assert_eq!(selected.text_content().unwrap(), "行動電話認證");
    // The in-app help pages (the manual and video links come from config.json, absent here).
    assert_eq!(text(&root, "a[href='#/help/guide']"), "問題導引");
    assert_eq!(text(&root, "a[href='#/help/faq']"), "行動電話認證常見問題");
}

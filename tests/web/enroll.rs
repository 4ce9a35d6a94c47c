//! 步驟2: the form's labels, its summary in screen order, the SIM question.

use leptos::prelude::*;
use leptos::task::tick;
use mobile_auth::state::AppState;
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::flow::Step;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::setup::*;

/// 步驟2, drawn.
async fn step2() -> (HtmlElement, AppState) {
    show(
        Step::Enroll,
        || view! { <mobile_auth::screens::enroll::Enroll /> },
    )
    .await
}

#[wasm_bindgen_test]
async fn enrollment_summary_links_every_failing_field_in_screen_order() {
    let (root, _) = step2().await;
    // Exact labels of the manual.
    for (id, label) in [
        ("carrier", "電信業者"),
        ("mobile", "手機門號"),
        ("nhi_card", "健保卡號"),
        ("birth_date", "出生日期"),
        ("name", "姓名"),
        ("confirm", "確認為本人且本國自然人持有月租型門號"),
        ("captcha", "請輸入下圖中的字"),
        ("password", "設定憑證密碼"),
        ("password_confirm", "確認憑證密碼"),
    ] {
        assert_eq!(text(&root, &format!("label[for={id}]")), label);
    }
    assert!(text(&root, "#birth_date-hint").contains("民國00年1月1日 請輸入0000101"));
    type_into(&input(&root, "#national_id"), "A123456789");
    type_into(&input(&root, "#birth_date"), "0800101");
    submit(&root);
    tick().await;
    let links = root.query_selector_all("#error-summary a").unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            links
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(
        hrefs,
        [
            "#carrier",
            "#mobile",
            "#nhi_card",
            "#name",
            "#confirm",
            "#captcha",
            "#password",
            "#password_confirm"
        ]
    );
    // The AD date is echoed once the ROC date is valid.
    assert!(text(&root, ".echo").contains("西元1991年1月1日"));
    // A summary link focuses its field.
    let first: HtmlElement = links.item(1).unwrap().unchecked_into();
    first.click();
    tick().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "mobile");
}

#[wasm_bindgen_test]
async fn sim_question_only_on_tablets() {
    let (root, app) = step2().await;
    assert!(q(&root, "#has_sim-yes").is_none());
    assert!(text(&root, "#device-detected").contains("偵測到您使用：電腦"));
    app.device.set(DeviceKind::Tablet);
    tick().await;
    assert!(q(&root, "#has_sim-yes").is_some());
    assert!(text(&root, "fieldset[role=radiogroup] legend").contains("裝置有無SIM卡"));
    assert!(text(&root, "fieldset[role=radiogroup] legend").contains("(有4G/5G網路連線)"));
}

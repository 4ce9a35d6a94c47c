//! Component tests in a real browser (wasm-bindgen-test): mount a screen into a fresh element,
//! act on the DOM, let Leptos update (`tick`), and check what a user and a screen reader get.
//! None of these needs the backend: validation failures must not send anything.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use mobile_auth::components::qr::{qr_svg, QrImage};
use mobile_auth::components::timer::mm_ss;
use mobile_auth::config::AppConfig;
use mobile_auth::keys::{b64url_decode, b64url_encode};
use mobile_auth::state::{AppState, Route};
use mobile_auth_core::contract::{BackendConfig, Carrier, Localized};
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::flow::Step;
use mobile_auth_core::records::format_salary;
use mobile_auth_core::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

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

/// Mounts `f` with the app's context (zh-TW unless `lang` says otherwise).
fn mount_with_app<V: IntoView + 'static>(
    lang: Lang,
    step: Step,
    f: impl FnOnce() -> V + 'static,
) -> (HtmlElement, AppState) {
    let el = container();
    let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
    let s2 = slot.clone();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let lang = RwSignal::new(lang);
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

fn q(root: &HtmlElement, sel: &str) -> Option<web_sys::Element> {
    root.query_selector(sel).unwrap()
}

fn input(root: &HtmlElement, sel: &str) -> HtmlInputElement {
    q(root, sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .unchecked_into()
}

fn type_into(el: &HtmlInputElement, value: &str) {
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn submit(root: &HtmlElement) {
    let button: HtmlElement = q(root, "form button[type=submit]")
        .expect("a submit button")
        .unchecked_into();
    button.click();
}

fn text(root: &HtmlElement, sel: &str) -> String {
    q(root, sel)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn step1_wrong_checksum_shows_inline_message_and_summary_without_network() {
    let (root, _) = mount_with_app(
        Lang::ZhTw,
        Step::IdEntry,
        || view! { <mobile_auth::screens::id_entry::IdEntry /> },
    );
    tick().await;
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
    let (root, _) = mount_with_app(
        Lang::ZhTw,
        Step::IdEntry,
        || view! { <mobile_auth::screens::id_entry::IdEntry /> },
    );
    tick().await;
    type_into(&input(&root, "#national_id"), "A812345671");
    submit(&root);
    tick().await;
    assert!(text(&root, "#national_id-error").contains("限本國自然人使用"));
}

#[wasm_bindgen_test]
async fn step1_has_show_hide_and_clear_with_accessible_names() {
    let (root, _) = mount_with_app(
        Lang::ZhTw,
        Step::IdEntry,
        || view! { <mobile_auth::screens::id_entry::IdEntry /> },
    );
    tick().await;
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
async fn enrollment_summary_links_every_failing_field_in_screen_order() {
    let (root, _) = mount_with_app(
        Lang::ZhTw,
        Step::Enroll,
        || view! { <mobile_auth::screens::enroll::Enroll /> },
    );
    tick().await;
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
    let (root, app) = mount_with_app(
        Lang::ZhTw,
        Step::Enroll,
        || view! { <mobile_auth::screens::enroll::Enroll /> },
    );
    tick().await;
    assert!(q(&root, "#has_sim-yes").is_none());
    assert!(text(&root, "#device-detected").contains("偵測到您使用：電腦"));
    app.device.set(DeviceKind::Tablet);
    tick().await;
    assert!(q(&root, "#has_sim-yes").is_some());
    assert!(text(&root, "fieldset[role=radiogroup] legend").contains("裝置有無SIM卡"));
    assert!(text(&root, "fieldset[role=radiogroup] legend").contains("(有4G/5G網路連線)"));
}

#[wasm_bindgen_test]
async fn qr_component_renders_a_non_empty_svg_with_a_text_alternative() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <QrImage
                url="https://example.test/app/#/verify/abc".to_string()
                alt="QR code".to_string()
            />
        }
    });
    std::mem::forget(handle);
    tick().await;
    let qr = q(&root, ".qr").unwrap();
    assert_eq!(qr.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(qr.get_attribute("aria-label").as_deref(), Some("QR code"));
    let path = q(&root, ".qr svg path").expect("svg path");
    assert!(path.get_attribute("d").unwrap().len() > 100);
    assert!(
        !qr_svg("x").contains("style="),
        "no inline styles under the CSP"
    );
}

#[wasm_bindgen_test]
async fn login_tabs_are_in_the_manuals_order_with_mobile_selected() {
    let (root, app) = mount_with_app(Lang::ZhTw, Step::IdEntry, || {
        let app = expect_context::<AppState>();
        let step = Memo::new(move |_| app.step.get());
        view! { <mobile_auth::screens::tabs::LoginChooser step /> }
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

#[wasm_bindgen_test]
async fn language_switch_keeps_typed_data() {
    let (root, app) = mount_with_app(
        Lang::ZhTw,
        Step::IdEntry,
        || view! { <mobile_auth::screens::id_entry::IdEntry /> },
    );
    tick().await;
    let id = input(&root, "#national_id");
    type_into(&id, "A12345");
    app.lang.set(Lang::En);
    tick().await;
    assert_eq!(text(&root, "label[for=national_id]"), "National ID number");
    assert_eq!(input(&root, "#national_id").value(), "A12345");
    assert_eq!(app.form.national_id.get_untracked(), "A12345");
}

#[wasm_bindgen_test]
async fn state_survives_reload_without_passwords() {
    let (_root, app) = mount_with_app(Lang::ZhTw, Step::Enroll, || ());
    app.form.name.set("王小明".into());
    app.form.password.set("secret123".into());
    tick().await;
    let saved = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("mobile-auth.state")
        .unwrap()
        .unwrap();
    assert!(saved.contains("王小明"));
    assert!(saved.contains("\"enroll\""));
    assert!(!saved.contains("secret123"));
}

#[wasm_bindgen_test]
fn helpers() {
    for n in 0..40u8 {
        let bytes: Vec<u8> = (0..n)
            .map(|i| i.wrapping_mul(37).wrapping_add(200))
            .collect();
        assert_eq!(b64url_decode(&b64url_encode(&bytes)).unwrap(), bytes);
    }
    assert_eq!(b64url_encode(b"\xfb\xff"), "-_8");
    assert_eq!(mm_ss(284), "04:44");
    assert_eq!(format_salary(45800), "45,800");
    assert_eq!(
        Route::parse("#/verify/abc_-1"),
        Route::Verify("abc_-1".into())
    );
    assert_eq!(Route::parse("#/help/faq"), Route::Faq);
    assert_eq!(Route::parse("#main"), Route::Flow);
}

#[wasm_bindgen_test]
async fn device_key_signs_and_is_stored_non_extractable() {
    let key = mobile_auth::keys::generate().await.expect("key");
    assert_eq!(key.crv, "P-256");
    assert_eq!(b64url_decode(&key.x).unwrap().len(), 32);
    assert_eq!(b64url_decode(&key.key_id).unwrap().len(), 16);
    assert!(mobile_auth::keys::has_key(&key.key_id).await);
    let sig = mobile_auth::keys::sign(&key.key_id, "AAECAwQ")
        .await
        .expect("signature");
    assert_eq!(b64url_decode(&sig).unwrap().len(), 64, "P1363 r‖s");
    mobile_auth::keys::delete(&key.key_id).await;
    assert!(!mobile_auth::keys::has_key(&key.key_id).await);
}

#[wasm_bindgen_test]
async fn records_table_has_headers_and_the_cards_show_the_same_cells() {
    use mobile_auth::screens::records::{RecordCards, RecordsTable};
    use mobile_auth_core::contract::{InsuranceRecord, InsuranceType};
    let rec = |insurance, start: &str, end: Option<&str>| InsuranceRecord {
        insurance,
        employer_name: "宏盛建設股份有限公司".into(),
        employer_number: "12345678A".into(),
        insured_salary: 45_800,
        start_date: start.into(),
        end_date: end.map(String::from),
    };
    let list = vec![
        rec(InsuranceType::Labor, "1120501", None),
        rec(InsuranceType::Employment, "0950301", Some("1000615")),
    ];
    let (root, _) = mount_with_app(Lang::ZhTw, Step::Home, move || {
        let caption = "投保資料（新到舊）：全部期間；保險別：全部".to_string();
        view! {
            <RecordsTable records=list.clone() caption=caption.clone() />
            <RecordCards records=list caption />
        }
    });
    tick().await;
    let cols = root.query_selector_all("thead th[scope=col]").unwrap();
    assert_eq!(cols.length(), 6);
    assert_eq!(text(&root, "thead th"), "保險別");
    assert_eq!(
        text(&root, "caption"),
        "投保資料（新到舊）：全部期間；保險別：全部"
    );
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 2);
    assert_eq!(
        text(&root, "tbody tr th[scope=row]"),
        "宏盛建設股份有限公司"
    );
    let first_row: Vec<String> = {
        let cells = root
            .query_selector_all("tbody tr:first-child th, tbody tr:first-child td")
            .unwrap();
        (0..cells.length())
            .map(|i| cells.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        first_row,
        [
            "勞工保險",
            "宏盛建設股份有限公司",
            "12345678A",
            "45,800",
            "112/05/01",
            "在保中"
        ]
    );
    assert_eq!(root.query_selector_all(".record-card").unwrap().length(), 2);
    assert_eq!(
        q(&root, "ul.record-cards")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("投保資料（新到舊）：全部期間；保險別：全部")
    );
    assert_eq!(
        text(&root, ".record-card:last-child dl div:last-child dd"),
        "100/06/15"
    );
}

//! The API client reads answers with the browser's `JSON.parse` (src/json.rs): what it makes of
//! a good answer, and that garbage, a wrong shape or a page that is not JSON is still the one
//! retryable "bad answer", a 5xx the retryable "internal". The page's `fetch` is replaced for
//! each call by one that answers with the given status and body.

use mobile_auth::api::{load_app_config, Api};
use mobile_auth::config::ConfigError;
use mobile_auth_core::contract::Problem;
use mobile_auth_core::ErrorCode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Until dropped, every `fetch` of the page answers `status` with `body`.
struct FakeFetch(JsValue);

impl FakeFetch {
    fn answering(status: u16, body: &str) -> FakeFetch {
        let window = web_sys::window().unwrap();
        let fetch = JsValue::from_str("fetch");
        let real = js_sys::Reflect::get(&window, &fetch).unwrap();
        let fake = js_sys::Function::new_with_args(
            "",
            &format!(
                "return Promise.resolve(new Response({}, {{ status: {status}, headers: {{ 'Content-Type': 'application/json' }} }}));",
                js_sys::JSON::stringify(&JsValue::from_str(body)).unwrap()
            ),
        );
        js_sys::Reflect::set(&window, &fetch, &fake).unwrap();
        FakeFetch(real)
    }
}

impl Drop for FakeFetch {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &JsValue::from_str("fetch"), &self.0).unwrap();
    }
}

const CONFIG: &str = r#"{"carriers":[{"id":"cht","name_zh":"中華電信","name_en":"Chunghwa Telecom"}],
  "qr_validity_seconds":300,"verification_unit":{"zh":"勞動部勞工保險局","en":"Bureau of Labor Insurance"},
  "terms":{"zh":"條款","en":"Terms"},"session_idle_seconds":900,"some_later_key":[1,2]}"#;

async fn config_answer(status: u16, body: &str) -> Result<(), Problem> {
    let _fake = FakeFetch::answering(status, body);
    Api::new("api/v1").config().await.map(|_| ())
}

#[wasm_bindgen_test]
async fn a_good_answer_is_read_into_the_contract_type() {
    let _fake = FakeFetch::answering(200, CONFIG);
    let config = Api::new("api/v1").config().await.expect("a good answer");
    assert_eq!(config.carriers[0].name_zh, "中華電信");
    assert_eq!(config.qr_validity_seconds, 300);
    assert_eq!(config.terms.en, "Terms");
    assert_eq!(config.public_app_url, None);
}

#[wasm_bindgen_test]
async fn garbage_a_wrong_shape_or_not_json_is_a_retryable_bad_answer() {
    for body in [
        r#"{"bound": tru"#,
        "<!doctype html><title>502 Bad Gateway</title>",
        "",
        "null",
        "[]",
        r#"{"carriers":"cht"}"#,
        r#"{"carriers":[],"qr_validity_seconds":-1,"verification_unit":{"zh":"","en":""},"terms":{"zh":"","en":""},"session_idle_seconds":900}"#,
        r#"{"carriers":[],"qr_validity_seconds":"300","verification_unit":{"zh":"","en":""},"terms":{"zh":"","en":""},"session_idle_seconds":900}"#,
    ] {
        let p = config_answer(200, body).await.expect_err(body);
        assert_eq!(p.code, ErrorCode::BadResponse, "{body}");
        assert!(p.retryable, "{body}");
    }
}

#[wasm_bindgen_test]
async fn a_failure_is_the_backends_problem_or_a_fault_of_its_status() {
    let problem = r#"{"code":"locked","message":"鎖定","retryable":false}"#;
    let p = config_answer(423, problem).await.unwrap_err();
    assert_eq!((p.code, p.message.as_str()), (ErrorCode::Locked, "鎖定"));
    for (status, body, code) in [
        (
            500,
            "<html>Internal Server Error</html>",
            ErrorCode::Internal,
        ),
        (503, r#"{"code": "#, ErrorCode::Internal),
        (400, "Bad Request", ErrorCode::BadResponse),
        (
            404,
            r#"{"code":"no_such_code","message":"x","retryable":true}"#,
            ErrorCode::BadResponse,
        ),
    ] {
        let p = config_answer(status, body).await.unwrap_err();
        assert_eq!(p.code, code, "{status} {body}");
        assert!(p.retryable, "{status} {body}");
    }
}

async fn app_config(body: &str) -> Result<(), ConfigError> {
    let _fake = FakeFetch::answering(200, body);
    load_app_config().await.map(|_| ())
}

#[wasm_bindgen_test]
async fn config_json_errors_name_what_is_wrong() {
    assert_eq!(app_config(r#"{"api_base": "api/v1"}"#).await, Ok(()));
    let Err(ConfigError::Broken(why)) = app_config("{\n  \"api_base\": \"api/v1\",\n}\n").await
    else {
        panic!("a trailing comma is a broken config.json");
    };
    assert!(why.contains("line 3 column 1"), "{why}");
    let Err(ConfigError::Broken(why)) = app_config(r#"{"api_base": 1}"#).await else {
        panic!("a number for the API base is a broken config.json");
    };
    assert!(why.contains("invalid type"), "{why}");
    // `embed` takes `allowed_origins` only: a misspelt key is named, not read as an empty list.
    let Err(ConfigError::Broken(why)) =
        app_config(r#"{"embed": {"allowed_origin": ["https://portal.example.gov.tw"]}}"#).await
    else {
        panic!("an unknown key in embed is a broken config.json");
    };
    assert!(why.contains("`allowed_origin`"), "{why}");
}

/// What the client writes (request bodies, the saved state) is what serde_json wrote, to the
/// byte: `None` as `null` unless skipped, fields in order, enums by their wire names.
#[wasm_bindgen_test]
fn requests_are_written_as_serde_json_wrote_them() {
    use mobile_auth_core::contract::*;
    use mobile_auth_core::device::DeviceKind;
    fn same<T: serde::Serialize>(value: &T) {
        let ours = mobile_auth::json::to_string(value).unwrap();
        assert_eq!(ours, serde_json::to_string(value).unwrap());
    }
    let key = DevicePublicKey {
        key_id: "k1".into(),
        kty: "EC".into(),
        crv: "P-256".into(),
        x: "eA".into(),
        y: "eQ".into(),
    };
    for has_sim in [None, Some(true)] {
        same(&ApplicationRequest {
            national_id: "A123456789".into(),
            carrier: "cht".into(),
            mobile: "0912345678".into(),
            nhi_card: "000012345678".into(),
            birth_date: "0800101".into(),
            name: "王小明\"\\\u{1}".into(),
            confirm: true,
            captcha_id: "c".into(),
            captcha: "TEST1".into(),
            password: "pässwörd 😀".into(),
            device: DeviceInfo {
                kind: DeviceKind::Tablet,
                has_sim,
            },
            device_key: key.clone(),
        });
    }
    for key_id in [None, Some("k1".to_string())] {
        same(&IdCheckRequest {
            national_id: "A123456789".into(),
            key_id,
        });
    }
    same(&StartVerificationRequest {
        agree_terms: true,
        connection: ConnectionHint::Wifi,
    });
    same(&Some(Localized {
        zh: "中".into(),
        en: "en".into(),
    }));
    same(&None::<Localized>);
    same(&mobile_auth::config::AppConfig::default());
}

//! What no screen draws: the state kept over a reload, the device key, small helpers.

use leptos::task::tick;
use mobile_auth::keys::{b64url_decode, b64url_encode};
use mobile_auth::state::Route;
use mobile_auth::ui::timer::mm_ss;
use mobile_auth_core::flow::Step;
use mobile_auth_core::records::format_salary;
use mobile_auth_core::Field;
use wasm_bindgen_test::*;

use crate::setup::*;

#[wasm_bindgen_test]
async fn state_survives_reload_without_passwords() {
    let (_root, app) = mount(Step::Enroll, || ());
    app.form.text(Field::Name).set("王小明".into());
    app.form.text(Field::Password).set("secret123".into());
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

//! 步驟4: the QR code's picture and its text alternative.

use leptos::prelude::*;
use leptos::task::tick;
use mobile_auth::ui::qr::{qr_svg, QrImage};
use mobile_auth_core::flow::Step;
use wasm_bindgen_test::*;

use crate::setup::*;

#[wasm_bindgen_test]
async fn qr_component_renders_a_non_empty_svg_with_a_text_alternative() {
    let (root, _) = mount(Step::IdEntry, || {
        view! {
            <QrImage
                url="https://example.test/app/#/verify/abc".to_string()
                alt="QR code".to_string()
            />
        }
    });
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

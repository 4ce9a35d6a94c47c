//! Entry points for `cargo xtask bench` (feature `bench`, off by default, so release builds do
//! not carry them): the Wasm logic a regression would slow down, callable from the page so the
//! benchmark can time it with `performance.now()`.

use mobile_auth_core::contract::Carrier;
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::form::{validate_enrollment, EnrollmentInput};
use mobile_auth_core::roc_date::AdDate;
use wasm_bindgen::prelude::*;

/// Renders the step-4 QR code for `data`; returns the SVG's length so the work is not elided.
#[wasm_bindgen]
pub fn bench_qr_svg(data: &str) -> usize {
    crate::ui::qr::qr_svg(data).len()
}

/// Validates a whole, valid step-2 form the way the SPA does before sending; returns the
/// number of failing fields (0).
#[wasm_bindgen]
pub fn bench_validate_enrollment() -> usize {
    let input = EnrollmentInput {
        national_id: "A123456789".into(),
        carrier: "cht".into(),
        mobile: "0912345678".into(),
        nhi_card: "000012345678".into(),
        birth_date: "0790101".into(),
        name: "王小明".into(),
        confirm: true,
        has_sim: None,
        captcha: "TEST1".into(),
        password: "abc12345".into(),
        password_confirm: Some("abc12345".into()),
    };
    let carriers = [Carrier {
        id: "cht".into(),
        name_zh: "中華電信".into(),
        name_en: "Chunghwa Telecom".into(),
    }];
    let today = AdDate {
        year: 2026,
        month: 1,
        day: 1,
    };
    match validate_enrollment(&input, &carriers, DeviceKind::Desktop, today) {
        Ok(_) => 0,
        Err(errors) => errors.len(),
    }
}

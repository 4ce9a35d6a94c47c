//! No input may panic a validator: they run on every keystroke in the SPA (a panic kills the Wasm
//! instance) and on every request in a backend. One combined fuzz over arbitrary Unicode, through
//! the public API only.

use mobile_auth_core::device::{detect_device, in_app_browser, DeviceSignals};
use mobile_auth_core::mask::{mask_mobile, mask_name, mask_national_id};
use mobile_auth_core::mobile::validate_mobile;
use mobile_auth_core::name::{normalize_name, validate_name};
use mobile_auth_core::national_id::{check_digit, is_valid_national_id, validate_national_id};
use mobile_auth_core::nhi::validate_nhi_card;
use mobile_auth_core::normalize::{normalize_code, normalize_digits, to_half_width};
use mobile_auth_core::password::{validate_password, validate_password_confirm};
use mobile_auth_core::roc_date::{roc_compact, validate_birth_date, AdDate};
use proptest::prelude::*;

/// Arbitrary strings, plus strings built from the characters the rules care about, so the fuzz
/// also reaches the deeper branches (right length, right prefix) and not only the first check.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9A-Za-z０-９Ａ-Ｚ+()\\-－ 　.．·‧・’'王𡘙]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, ..ProptestConfig::default() })]

    #[test]
    fn validators_never_panic(s in input(), t in input(), days in any::<i64>()) {
        let _ = to_half_width(&s);
        let _ = normalize_code(&s);
        let _ = normalize_digits(&s);

        let _ = validate_national_id(&s);
        let _ = is_valid_national_id(&s);
        let _ = check_digit(&s);

        if let Ok(m) = validate_mobile(&s) {
            prop_assert_eq!(mask_mobile(&m).chars().count(), 10);
        }
        let _ = validate_nhi_card(&s);

        let today = AdDate::from_days_since_epoch(days);
        let _ = today.iso();
        let _ = roc_compact(today);
        if let Ok(d) = validate_birth_date(&s, today) {
            prop_assert_eq!(validate_birth_date(&d.compact(), today), Ok(d));
        }

        let _ = normalize_name(&s);
        if let Ok(n) = validate_name(&s) {
            prop_assert_eq!(mask_name(&n).chars().count(), n.chars().count());
        }

        let _ = validate_password(&s);
        let _ = validate_password_confirm(&s, &t);

        prop_assert_eq!(mask_mobile(&s).chars().count(), s.chars().count());
        prop_assert_eq!(mask_national_id(&s).chars().count(), s.chars().count());
        prop_assert_eq!(mask_name(&s).chars().count(), s.chars().count());

        let signals = DeviceSignals {
            user_agent: s.clone(),
            ch_platform: Some(t.clone()),
            ch_mobile: Some(days % 2 == 0),
            ..DeviceSignals::default()
        };
        let _ = detect_device(&signals);
        let _ = in_app_browser(&s);
    }
}

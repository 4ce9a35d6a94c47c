//! 步驟2's 送出 once the form has passed its checks: a new device key, the application sent with
//! it, and the backend's answer applied to the app's state. The screen only shows the outcome.

use std::collections::BTreeMap;

use leptos::prelude::*;
use mobile_auth_core::contract::{ApplicationRequest, Captcha, DeviceInfo};
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::flow::Event;
use mobile_auth_core::form::{EnrollmentInput, ValidEnrollment};
use mobile_auth_core::{ErrorCode, Field};

use crate::keys;
use crate::state::{deadline_in, AppState, Application};

/// Why no application was made.
pub struct Refusal {
    /// The fields the backend refused, with why; empty when the problem is the whole form's.
    pub fields: BTreeMap<Field, ErrorCode>,
    pub code: ErrorCode,
    /// The backend may have used the captcha up: the next try needs a new picture.
    pub captcha_spent: bool,
}

/// Sends the application; on success the app moves to the next step with the application, and
/// the passwords and captcha answer are forgotten.
pub async fn apply(
    app: AppState,
    valid: ValidEnrollment,
    input: EnrollmentInput,
    captcha: Captcha,
    device: DeviceKind,
) -> Result<(), Refusal> {
    let Ok(key) = keys::generate().await else {
        return Err(Refusal {
            fields: BTreeMap::new(),
            code: ErrorCode::Internal,
            captcha_spent: false,
        });
    };
    let key_id = key.key_id.clone();
    let req = ApplicationRequest {
        national_id: valid.national_id,
        carrier: valid.carrier,
        mobile: valid.mobile,
        nhi_card: valid.nhi_card,
        birth_date: valid.birth_date.compact(),
        name: valid.name,
        confirm: true,
        captcha_id: captcha.captcha_id,
        captcha: valid.captcha,
        password: input.password,
        device: DeviceInfo {
            kind: device,
            // Only a tablet says whether it has a SIM (its answer decides its path).
            has_sim: (device == DeviceKind::Tablet)
                .then_some(input.has_sim)
                .flatten(),
        },
        device_key: key,
    };
    match app.api().apply(&req).await {
        Ok(r) => {
            let f = app.form;
            f.forget_passwords();
            f.captcha.set(String::new());
            app.application.set(Some(Application {
                id: r.application_id,
                token: r.token,
                path: r.path,
                expires_at: deadline_in(r.expires_in_seconds),
                key_id,
            }));
            app.dispatch(Event::Applied(r.path));
            Ok(())
        }
        Err(p) => {
            keys::delete(&key_id).await;
            Err(Refusal {
                fields: p.field_errors(),
                code: p.code,
                // A captcha is single use: any answer from the backend needs a new picture. A
                // transport fault most likely never reached it, so the picture stays for the
                // retry (if it did arrive, the retry is told captcha_wrong and gets one then).
                captcha_spent: !p.maybe_unsent(),
            })
        }
    }
}

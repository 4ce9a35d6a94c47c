//! 步驟2's 送出: every field checked in Wasm (the same rules the backend runs), a new device key,
//! the application sent with it and the captcha `captcha` supplies, and the backend's answer
//! applied to the app's state. The screen only shows the form and the outcome.

use leptos::prelude::*;
use mobile_auth_core::contract::{Captcha, Carrier};
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::flow::Event;
use mobile_auth_core::form::{
    check_enrollment_field, validate_enrollment, EnrollmentInput, ValidEnrollment,
};
use mobile_auth_core::{ErrorCode, Field};

use crate::actions::captcha::CaptchaSupply;
use crate::actions::form_action::{FormAction, Ready, Refusal};
use crate::keys;
use crate::state::{deadline_in, today, AppState, Application};

#[derive(Clone, Copy)]
pub struct Apply {
    app: AppState,
    pub form: FormAction<()>,
    pub captcha: CaptchaSupply,
    /// The backend's carriers, as the deployment narrowed them.
    carriers: StoredValue<Vec<Carrier>>,
}

impl Apply {
    /// Fetches the first captcha.
    pub fn new(app: AppState) -> Apply {
        let form = FormAction::new(app, None, true);
        let a = Apply {
            app,
            form,
            captcha: CaptchaSupply::new(app, form.problem),
            carriers: StoredValue::new(app.backend.with_value(|b| b.carriers.clone())),
        };
        a.captcha.send_when_ready(move || a.submit());
        a
    }

    pub fn carriers(self) -> Vec<Carrier> {
        self.carriers.get_value()
    }

    /// A field left: judged as typed so far.
    pub fn judge(self, field: Field) {
        let input = self.app.form.enrollment_input();
        let code = self.carriers.with_value(|carriers| {
            check_enrollment_field(
                field,
                &input,
                carriers,
                self.app.device.get_untracked(),
                today(),
            )
        });
        // A box or a choice is never "typed": its message is only mended here.
        let typed = match field {
            Field::Confirm | Field::HasSim => false,
            Field::PasswordConfirm => !input.password_confirm.as_deref().unwrap_or("").is_empty(),
            _ => !input.text(field).trim().is_empty(),
        };
        self.form.judge(field, typed, code);
    }

    /// 送出; pressed while the picture is on its way, the form is sent when it comes.
    pub fn submit(self) {
        let app = self.app;
        let captcha = self.captcha;
        let carriers = self.carriers;
        self.form.submit(
            move || {
                let device = app.device.get_untracked();
                let input = app.form.enrollment_input();
                let valid =
                    carriers.with_value(|c| validate_enrollment(&input, c, device, today()));
                match valid {
                    Err(list) => Ready::Invalid(list),
                    Ok(valid) => match captcha.for_submit() {
                        Some(c) => Ready::Send((valid, input, c, device)),
                        None => Ready::Later,
                    },
                }
            },
            move |(valid, input, c, device)| apply(app, valid, input, c, device, captcha),
        );
    }

    /// 清除.
    pub fn clear(self) {
        self.app.form.clear_enrollment();
        self.form.clear();
    }

    /// 重新產生驗證碼.
    pub fn new_captcha(self) {
        self.form.problem.set(None);
        self.captcha.renew();
    }
}

/// Sends the application; on success the app moves to the next step with the application, and
/// the passwords and captcha answer are forgotten. A captcha the backend may have used up is
/// replaced.
async fn apply(
    app: AppState,
    valid: ValidEnrollment,
    input: EnrollmentInput,
    captcha: Captcha,
    device: DeviceKind,
    supply: CaptchaSupply,
) -> Result<(), Refusal> {
    let Ok(key) = keys::generate().await else {
        return Err(ErrorCode::Internal.into());
    };
    let key_id = key.key_id.clone();
    let req = valid.request(&input, captcha.captcha_id, device, key);
    match app.api().apply(&req).await {
        Ok(r) => {
            let f = app.form;
            f.forget_passwords();
            f.text(Field::Captcha).set(String::new());
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
            // A captcha is single use: any answer from the backend needs a new picture. A
            // transport fault most likely never reached it, so the picture stays for the retry
            // (if it did arrive, the retry is told captcha_wrong and gets one then).
            if !p.maybe_unsent() {
                supply.renew();
            }
            Err(Refusal::from(p))
        }
    }
}

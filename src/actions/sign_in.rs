//! 步驟7's 登入: the four fields checked in Wasm, then the bound device key proves this browser
//! (`POST /login/challenge`, sign it, `POST /login`), and the answer is applied to the app's
//! state. The screen only shows the outcome.

use leptos::prelude::*;
use mobile_auth_core::contract::{ChallengeRequest, LoginRequest, Session};
use mobile_auth_core::flow::{Event, Step};
use mobile_auth_core::form::{check_login_field, validate_login, ValidLogin};
use mobile_auth_core::{ErrorCode, Field};

use crate::actions::form_action::{FormAction, Ready, Refusal};
use crate::keys;
use crate::state::{today, AppState, SessionInfo};

#[derive(Clone, Copy)]
pub struct SignIn {
    app: AppState,
    pub form: FormAction<()>,
}

impl SignIn {
    pub fn new(app: AppState) -> SignIn {
        SignIn {
            app,
            form: FormAction::new(app, None, true),
        }
    }

    /// A field left: judged as typed so far.
    pub fn judge(self, field: Field) {
        let input = self.app.form.login_input();
        let typed = match field {
            Field::NationalId => &input.national_id,
            Field::BirthDate => &input.birth_date,
            Field::Name => &input.name,
            _ => &input.password,
        };
        let code = check_login_field(field, &input, today());
        self.form.judge(field, !typed.trim().is_empty(), code);
    }

    /// 登入.
    pub fn submit(self) {
        let app = self.app;
        self.form.submit(
            move || {
                let input = app.form.login_input();
                match validate_login(&input, today()) {
                    Ok(valid) => Ready::Send((valid, input.password)),
                    Err(list) => Ready::Invalid(list),
                }
            },
            move |(valid, password)| async move {
                log_in(app, valid, password).await.map_err(Refusal::from)
            },
        );
    }

    /// 清除.
    pub fn clear(self) {
        self.app.form.clear_login();
        self.form.clear();
    }

    /// A browser that is not bound, or whose binding is locked, is offered 重新申請.
    pub fn offers_reapply(self) -> bool {
        matches!(
            self.form.problem.get(),
            Some(ErrorCode::NotBound | ErrorCode::Locked)
        )
    }

    /// 重新申請: the enrollment form.
    pub fn reapply(self) {
        self.form.problem.set(None);
        self.app.go(Step::Enroll);
    }
}

/// Logs in; on success the app moves on with the session and the password is forgotten. A
/// wrong password is cleared from its field; any refusal is returned for the screen to show.
async fn log_in(app: AppState, valid: ValidLogin, password: String) -> Result<(), ErrorCode> {
    let f = app.form;
    match prove(app, valid, password).await {
        Ok(session) => {
            f.forget_passwords();
            app.session.set(Some(SessionInfo::from_session(&session)));
            app.dispatch(Event::LoggedIn);
            Ok(())
        }
        Err(code) => {
            // NotBound keeps the key: it may be bound to another ID typed here (a shared
            // computer); step 1 names the situation next time (`binding::LocalBinding`).
            if code == ErrorCode::LoginFailed {
                f.text(Field::Password).set(String::new());
            }
            Err(code)
        }
    }
}

async fn prove(app: AppState, valid: ValidLogin, password: String) -> Result<Session, ErrorCode> {
    let key_id = match keys::bound_key_id() {
        Some(k) if keys::has_key(&k).await => k,
        _ => return Err(ErrorCode::NotBound),
    };
    let api = app.api();
    let ch = api
        .challenge(&ChallengeRequest {
            key_id: key_id.clone(),
        })
        .await
        .map_err(|p| p.code)?;
    let signature = keys::sign(&key_id, &ch.challenge)
        .await
        .map_err(|_| ErrorCode::NotBound)?;
    api.login(&LoginRequest {
        national_id: valid.national_id,
        birth_date: valid.birth_date.compact(),
        name: valid.name,
        password,
        key_id,
        challenge_id: ch.challenge_id,
        signature,
    })
    .await
    .map_err(|p| p.code)
}

//! 步驟7's 登入 once the four fields have passed their checks: the bound device key proves this
//! browser (`POST /login/challenge`, sign it, `POST /login`), and the answer is applied to the
//! app's state. The screen only shows the outcome.

use leptos::prelude::*;
use mobile_auth_core::contract::{ChallengeRequest, LoginRequest, Session};
use mobile_auth_core::flow::Event;
use mobile_auth_core::form::ValidLogin;
use mobile_auth_core::ErrorCode;

use crate::keys;
use crate::state::{AppState, SessionInfo};

/// Logs in; on success the app moves on with the session and the password is forgotten. A
/// wrong password is cleared from its field; any refusal is returned for the screen to show.
pub async fn log_in(app: AppState, valid: ValidLogin, password: String) -> Result<(), ErrorCode> {
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
                f.password.set(String::new());
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

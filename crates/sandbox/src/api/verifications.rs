//! The phone's side: `GET /verifications/{token}` shows what is being verified, and
//! `POST /verifications/{token}/start` asks the carrier and binds the credential.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mobile_auth_core::contract::{
    ApplicationState, Localized, StartVerificationRequest, StartVerificationResponse,
    VerificationSummary,
};
use mobile_auth_core::device::VerifyPath;
use mobile_auth_core::{mask, ErrorCode, Field, Lang};

use super::applications::Application;
use super::cookies::{with_cookie, SESSION_COOKIE};
use crate::error::{ApiError, ApiResult, Body, ReqLang};
use crate::store::Credential;
use crate::{carrier, crypto, App};

/// The application behind a live phone-side token, or the reason there is none. On the direct
/// path the phone is the browser that applied, so only it may use the token: a token copied
/// out of its address bar, storage or screen is worth nothing elsewhere. (On the QR path the
/// phone is another device by design; the session goes to the applicant's desktop alone.)
fn by_token<'m>(
    app: &App,
    mem: &'m mut crate::Memory,
    headers: &HeaderMap,
    token: &str,
    now: Instant,
    lang: Lang,
) -> ApiResult<(String, &'m mut Application)> {
    let invalid = || ApiError::new(ErrorCode::TokenInvalid, lang);
    let id = mem
        .tokens
        .get(&token.to_string(), now)
        .cloned()
        .ok_or_else(invalid)?;
    let a = mem.applications.get_mut(&id, now).ok_or_else(invalid)?;
    if a.token.as_deref() != Some(token) {
        return Err(invalid());
    }
    if a.path == VerifyPath::Direct && !app.is_applicant(headers, a) {
        return Err(invalid());
    }
    match a.state(now) {
        ApplicationState::Expired => Err(ApiError::new(ErrorCode::Expired, lang)),
        ApplicationState::Pending | ApplicationState::Opened => Ok((id, a)),
        ApplicationState::Verified | ApplicationState::Failed => Err(invalid()),
    }
}

pub(super) async fn verification_summary(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> ApiResult<Json<VerificationSummary>> {
    let now = Instant::now();
    let mut mem = app.mem();
    let (_, a) = by_token(&app, &mut mem, &headers, &token, now, lang)?;
    a.state = ApplicationState::Opened;
    Ok(Json(VerificationSummary {
        verification_type: Localized {
            zh: "行動電話驗證".into(),
            en: "Mobile phone verification".into(),
        },
        verification_unit: app.backend.verification_unit.clone(),
        carrier: carrier::carrier_name(&a.carrier),
        mobile_masked: mask::mask_mobile(&a.mobile),
        national_id_masked: mask::mask_national_id(&a.national_id),
        path: a.path,
        expires_in_seconds: a.expires_in(now),
    }))
}

pub(super) async fn start_verification(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Path(token): Path<String>,
    Body(req): Body<StartVerificationRequest>,
) -> ApiResult<Response> {
    let now = Instant::now();
    // One critical section from the carrier's answer to the new session: a login or a claim
    // for this ID either finishes before the binding changes (and its session is ended here) or
    // sees the new binding (and is refused).
    let mut mem = app.mem();
    let (id, a) = by_token(&app, &mut mem, &headers, &token, now, lang)?;
    if !req.agree_terms {
        return Err(ApiError::fields(
            &[(Field::Terms, ErrorCode::TermsRequired)],
            lang,
        ));
    }
    a.attempts += 1;
    a.state = ApplicationState::Opened;
    if let Err(code) = carrier::outcome(&a.mobile, a.attempts) {
        if !code.retryable() {
            a.state = ApplicationState::Failed;
            a.code = Some(code);
            a.token = None;
            mem.tokens.remove(&token);
        }
        return Err(ApiError::new(code, lang));
    }
    a.state = ApplicationState::Verified;
    a.token = None;
    let direct = a.path == VerifyPath::Direct;
    a.session_claimed = direct;
    let credential = Credential {
        national_id: a.national_id.clone(),
        key_id: a.device_key.key_id.clone(),
        jwk_x: a.device_key.x.clone(),
        jwk_y: a.device_key.y.clone(),
        password_hash: a.password_hash.clone(),
        birth_date: a.birth_date.compact(),
        name: a.name.clone(),
    };
    let session =
        direct.then(|| app.session_data(a.national_id.clone(), a.name.clone(), a.birth_date));
    let path = a.path;
    mem.tokens.remove(&token);
    app.store
        .bind(&credential)
        .map_err(|_| ApiError::internal(lang))?;
    let nid = &credential.national_id;
    // A new enrollment is the documented way out of a lock (忘記密碼請重新申請).
    mem.failures.remove(&crypto::sha256(nid.as_bytes()));
    // The old binding is gone, and so is every way in it left: its sessions (another
    // browser's, perhaps one the citizen lost) and every other application for this ID not yet
    // claimed, verified or not.
    mem.sessions.retain(|_, s| &s.national_id != nid);
    mem.applications
        .retain(|other, a| *other == id || &a.national_id != nid);
    let answer = match session {
        Some(data) => {
            let (sid, session) = app.new_session(&mut mem, data, lang)?;
            with_cookie(
                StatusCode::OK,
                StartVerificationResponse {
                    path,
                    session: Some(session),
                },
                app.cookie(SESSION_COOKIE, Some(&sid)),
            )
        }
        None => Json(StartVerificationResponse {
            path,
            session: None,
        })
        .into_response(),
    };
    Ok(answer)
}

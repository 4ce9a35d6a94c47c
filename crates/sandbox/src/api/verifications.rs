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
use mobile_auth_core::{mask, ErrorCode, Field};

use super::applications::{is_applicant, Application};
use super::cookies::{self, with_cookie, SESSION_COOKIE};
use super::extractor::Body;
use super::sessions::{new_session, SessionData};
use crate::error::{ApiError, ApiResult};
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
) -> ApiResult<(String, &'m mut Application)> {
    let invalid = || ApiError::new(ErrorCode::TokenInvalid);
    let id = mem
        .tokens
        .get(&token.to_string(), now)
        .cloned()
        .ok_or_else(invalid)?;
    let a = mem.applications.get_mut(&id, now).ok_or_else(invalid)?;
    if a.token.as_deref() != Some(token) {
        return Err(invalid());
    }
    if a.path == VerifyPath::Direct && !is_applicant(app, headers, a) {
        return Err(invalid());
    }
    match a.state(now) {
        ApplicationState::Expired => Err(ApiError::new(ErrorCode::Expired)),
        ApplicationState::Pending | ApplicationState::Opened => Ok((id, a)),
        ApplicationState::Verified | ApplicationState::Failed => Err(invalid()),
    }
}

pub(super) async fn verification_summary(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> ApiResult<Json<VerificationSummary>> {
    let now = Instant::now();
    let mut mem = app.mem();
    let (_, a) = by_token(&app, &mut mem, &headers, &token, now)?;
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
    headers: HeaderMap,
    Path(token): Path<String>,
    Body(req): Body<StartVerificationRequest>,
) -> ApiResult<Response> {
    let now = Instant::now();
    // One critical section from the carrier's answer to the new session: a login or a claim
    // for this ID either finishes before the binding changes (and its session is ended here) or
    // sees the new binding (and is refused).
    let mut mem = app.mem();
    let (id, a) = by_token(&app, &mut mem, &headers, &token, now)?;
    if !req.agree_terms {
        return Err(ApiError::fields(&[(
            Field::Terms,
            ErrorCode::TermsRequired,
        )]));
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
        return Err(ApiError::new(code));
    }
    a.state = ApplicationState::Verified;
    a.token = None;
    let direct = a.path == VerifyPath::Direct;
    a.session_claimed = direct;
    let credential = credential(a);
    let session =
        direct.then(|| SessionData::new(&app, a.national_id.clone(), a.name.clone(), a.birth_date));
    let path = a.path;
    mem.tokens.remove(&token);
    rebind(&app, &mut mem, &credential, &id)?;
    let answer = match session {
        Some(data) => {
            let (sid, session) = new_session(&app, &mut mem, data)?;
            with_cookie(
                StatusCode::OK,
                StartVerificationResponse {
                    path,
                    session: Some(session),
                },
                cookies::set(&app, SESSION_COOKIE, Some(&sid)),
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

/// What the verified application binds: its ID, the browser's key and the login fields.
fn credential(a: &Application) -> Credential {
    Credential {
        national_id: a.national_id.clone(),
        key_id: a.device_key.key_id.clone(),
        jwk_x: a.device_key.x.clone(),
        jwk_y: a.device_key.y.clone(),
        password_hash: a.password_hash.clone(),
        birth_date: a.birth_date.compact(),
        name: a.name.clone(),
    }
}

/// Binds `credential` in place of the ID's old binding (application `id` verified it), in the
/// caller's critical section.
fn rebind(
    app: &App,
    mem: &mut crate::Memory,
    credential: &Credential,
    id: &String,
) -> ApiResult<()> {
    app.store
        .bind(credential)
        .map_err(|_| ApiError::internal())?;
    let nid = &credential.national_id;
    // A new enrollment is the documented way out of a lock (忘記密碼請重新申請).
    mem.failures.remove(&crypto::sha256(nid.as_bytes()));
    // The old binding is gone, and so is every way in it left: its sessions (another browser's,
    // perhaps one the citizen lost) and every other application for this ID not yet claimed,
    // verified or not.
    mem.sessions.retain(|_, s| &s.national_id != nid);
    mem.applications
        .retain(|other, a| other == id || &a.national_id != nid);
    Ok(())
}

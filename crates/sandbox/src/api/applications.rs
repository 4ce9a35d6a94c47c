//! `POST /applications` and what its browser may do next: follow it, renew its QR code, and claim
//! the session its phone earned.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use mobile_auth_core::contract::{
    ApplicationRequest, ApplicationResponse, ApplicationState, ApplicationStatus, DevicePublicKey,
    QrToken,
};
use mobile_auth_core::device::{decide_path, VerifyPath};
use mobile_auth_core::form::{self, EnrollmentInput, ValidEnrollment};
use mobile_auth_core::roc_date::RocDate;
use mobile_auth_core::{ErrorCode, Field};

use super::binding::valid_device_key;
use super::clock::{secs, today};
use super::cookies::{self, with_cookie, APPLICANT_COOKIE, SESSION_COOKIE};
use super::extractor::Body;
use super::limits::{client, full, rate_limit, refused};
use super::names::nfc;
use super::sessions::{new_session, SessionData};
use crate::error::{ApiError, ApiResult};
use crate::security::Bucket;
use crate::{captcha, crypto, App};

/// How long a finished or abandoned application is remembered after its last token.
const APPLICATION_GRACE: Duration = Duration::from_secs(30 * 60);

/// An application between `POST /applications` and its outcome.
pub(crate) struct Application {
    pub(super) path: VerifyPath,
    pub(super) state: ApplicationState,
    pub(super) code: Option<ErrorCode>,
    /// The current phone-side token; `None` once used.
    pub(super) token: Option<String>,
    pub(super) token_expires: Instant,
    pub(super) attempts: u32,
    pub(super) session_claimed: bool,
    /// SHA-256 of the applicant cookie's value (the value itself is never kept).
    pub(super) applicant: [u8; 32],
    pub(super) national_id: String,
    pub(super) carrier: String,
    pub(super) mobile: String,
    pub(super) birth_date: RocDate,
    pub(super) name: String,
    pub(super) password_hash: String,
    pub(super) device_key: DevicePublicKey,
}

impl Application {
    pub(super) fn state(&self, now: Instant) -> ApplicationState {
        match self.state {
            ApplicationState::Pending | ApplicationState::Opened if now >= self.token_expires => {
                ApplicationState::Expired
            }
            s => s,
        }
    }

    pub(super) fn expires_in(&self, now: Instant) -> u32 {
        secs(self.token_expires.saturating_duration_since(now))
    }
}

/// Whether the caller is the browser that applied for `a` (it holds the applicant cookie).
pub(super) fn is_applicant(app: &App, headers: &HeaderMap, a: &Application) -> bool {
    cookies::read(app, headers, APPLICANT_COOKIE)
        .is_some_and(|v| crypto::sha256(v.as_bytes()) == a.applicant)
}

/// The application `id`, if this browser is the one that applied; otherwise it does not exist
/// as far as the caller can tell.
fn own_application<'m>(
    app: &App,
    mem: &'m mut crate::Memory,
    headers: &HeaderMap,
    id: &String,
    now: Instant,
) -> ApiResult<&'m mut Application> {
    mem.applications
        .get_mut(id, now)
        .filter(|a| is_applicant(app, headers, a))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

pub(super) async fn apply(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(mut req): Body<ApplicationRequest>,
) -> ApiResult<Response> {
    rate_limit(&app, peer, &headers, Bucket::Applications)?;
    let client = client(&app, peer, &headers);
    req.name = nfc(&req.name);
    let valid = checked(&app, &req)?;

    let password = req.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || crypto::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal())?;

    let path = decide_path(req.device.kind, req.device.has_sim);
    let validity = Duration::from_secs(u64::from(app.config.qr_validity_seconds));
    let (id, token, applicant) = (crypto::token(), crypto::token(), crypto::token());
    let now = Instant::now();
    let application = Application {
        path,
        state: ApplicationState::Pending,
        code: None,
        token: Some(token.clone()),
        token_expires: now + validity,
        attempts: 0,
        session_claimed: false,
        applicant: crypto::sha256(applicant.as_bytes()),
        national_id: valid.national_id,
        carrier: valid.carrier,
        mobile: valid.mobile,
        birth_date: valid.birth_date,
        name: valid.name,
        password_hash,
        device_key: req.device_key,
    };
    {
        let mut mem = app.mem();
        let until = now + validity + APPLICATION_GRACE;
        mem.tokens
            .insert(token.clone(), id.clone(), until)
            .map_err(full)?;
        if let Err(r) = mem
            .applications
            .insert_for(client, id.clone(), application, until)
        {
            mem.tokens.remove(&token);
            return Err(refused(r));
        }
    }
    Ok(with_cookie(
        StatusCode::CREATED,
        ApplicationResponse {
            application_id: id,
            path,
            token,
            expires_in_seconds: secs(validity),
        },
        cookies::set(&app, APPLICANT_COOKIE, Some(&applicant)),
    ))
}

/// The application's fields, captcha and device key, checked together so every failing field is
/// named at once. Every attempt uses up its captcha, so the fields cannot be probed with one
/// solved image.
fn checked(app: &App, req: &ApplicationRequest) -> ApiResult<ValidEnrollment> {
    let expected = app.mem().captchas.take(&req.captcha_id, Instant::now());
    let captcha_wrong = !req.captcha.trim().is_empty()
        && !expected
            .as_ref()
            .is_some_and(|c| captcha::matches(&c.text, &req.captcha));

    let input = EnrollmentInput::from(req);
    let valid = form::validate_enrollment(&input, &app.backend.carriers, req.device.kind, today());
    let mut errors = valid.as_ref().err().cloned().unwrap_or_default();
    if captcha_wrong {
        errors.push((Field::Captcha, ErrorCode::CaptchaWrong));
        errors.sort_by_key(|(f, _)| *f);
    }
    if !errors.is_empty() {
        return Err(ApiError::fields(&errors));
    }
    let Ok(valid) = valid else {
        return Err(ApiError::internal());
    };
    if !valid_device_key(&req.device_key) {
        return Err(ApiError::new(ErrorCode::InvalidRequest));
    }
    Ok(valid)
}

pub(super) async fn application_status(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<ApplicationStatus>> {
    let now = Instant::now();
    let mut mem = app.mem();
    let a = own_application(&app, &mut mem, &headers, &id, now)?;
    Ok(Json(ApplicationStatus {
        state: a.state(now),
        code: a.code,
        expires_in_seconds: a.expires_in(now),
    }))
}

/// The answer for an application that is finished: its failure, its expiry, or a conflict.
fn finished(a: &Application, now: Instant) -> ApiError {
    match a.state(now) {
        ApplicationState::Failed => ApiError::new(a.code.unwrap_or(ErrorCode::Expired)),
        ApplicationState::Expired => ApiError::new(ErrorCode::Expired),
        _ => ApiError::conflict(),
    }
}

pub(super) async fn regenerate_qr(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<QrToken>> {
    rate_limit(&app, peer, &headers, Bucket::Applications)?;
    let now = Instant::now();
    let validity = Duration::from_secs(u64::from(app.config.qr_validity_seconds));
    let mut mem = app.mem();
    let a = own_application(&app, &mut mem, &headers, &id, now)?;
    if matches!(
        a.state,
        ApplicationState::Verified | ApplicationState::Failed
    ) {
        return Err(finished(a, now));
    }
    let token = crypto::token();
    let old = a.token.replace(token.clone());
    a.token_expires = now + validity;
    a.state = ApplicationState::Pending;
    if let Some(old) = old {
        mem.tokens.remove(&old);
    }
    mem.tokens
        .insert(
            token.clone(),
            id.clone(),
            now + validity + APPLICATION_GRACE,
        )
        .map_err(full)?;
    mem.applications
        .set_expiry(&id, now + validity + APPLICATION_GRACE);
    Ok(Json(QrToken {
        token,
        expires_in_seconds: secs(validity),
    }))
}

/// The desktop's session once its phone verified: only for the browser that applied.
pub(super) async fn claim_session(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let now = Instant::now();
    let mut mem = app.mem();
    let a = own_application(&app, &mut mem, &headers, &id, now)?;
    if a.state(now) != ApplicationState::Verified || a.session_claimed {
        return Err(finished(a, now));
    }
    let data = SessionData::new(&app, a.national_id.clone(), a.name.clone(), a.birth_date);
    let (sid, session) = new_session(&app, &mut mem, data)?;
    if let Some(a) = mem.applications.get_mut(&id, now) {
        a.session_claimed = true;
    }
    drop(mem);
    Ok(with_cookie(
        StatusCode::OK,
        session,
        cookies::set(&app, SESSION_COOKIE, Some(&sid)),
    ))
}

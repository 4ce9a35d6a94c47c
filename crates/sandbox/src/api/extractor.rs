//! What a handler can ask for besides the path and state: the signed-in citizen, a JSON body
//! that refuses itself as a `Problem`, and the request's language where an answer (not an error)
//! depends on it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use mobile_auth_core::contract::Session;
use mobile_auth_core::{ErrorCode, Lang};
use serde::de::DeserializeOwned;

use super::clock::secs;
use super::cookies::{self, SESSION_COOKIE};
use super::sessions::{session_view, SessionData};
use crate::error::{lang_of, ApiError};
use crate::App;

/// The caller's live session: the request counts as activity, so its idle timer restarts
/// (never past the session's absolute end). Without one: `session_expired`.
pub(super) struct SignedIn {
    pub session: Session,
    pub citizen: SessionData,
}

/// The same without counting as activity: the SPA asking how long is left does not extend it.
pub(super) struct SignedInIdle(pub SignedIn);

impl FromRequestParts<Arc<App>> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        signed_in(app, parts, true)
    }
}

impl FromRequestParts<Arc<App>> for SignedInIdle {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        signed_in(app, parts, false).map(SignedInIdle)
    }
}

fn signed_in(app: &App, parts: &Parts, touch: bool) -> Result<SignedIn, ApiError> {
    let expired = || ApiError::new(ErrorCode::SessionExpired);
    let sid = cookies::read(app, &parts.headers, SESSION_COOKIE).ok_or_else(expired)?;
    let now = Instant::now();
    let idle = Duration::from_secs(u64::from(app.config.session_idle_seconds));
    let mut mem = app.mem();
    let data = mem.sessions.get(&sid, now).ok_or_else(expired)?;
    if now >= data.ends {
        mem.sessions.remove(&sid);
        return Err(expired());
    }
    let citizen = SessionData {
        national_id: data.national_id.clone(),
        name: data.name.clone(),
        birth_date: data.birth_date,
        ends: data.ends,
    };
    if touch {
        mem.sessions
            .set_expiry(&sid, (now + idle).min(citizen.ends));
    }
    let left = mem
        .sessions
        .expires_at(&sid)
        .map_or(0, |e| secs(e.saturating_duration_since(now)));
    Ok(SignedIn {
        session: session_view(&citizen, left),
        citizen,
    })
}

/// A JSON body read whatever the Content-Type; anything unparsable is `invalid_request`.
pub(super) struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let invalid = || ApiError::new(ErrorCode::InvalidRequest);
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| invalid())?;
        serde_json::from_slice(&bytes)
            .map(Body)
            .map_err(|_| invalid())
    }
}

/// The request's language, from Accept-Language (zh-TW unless English is preferred), for an
/// answer that is itself in a language (the captcha's voice). Errors need no language: see
/// `crate::error::localize`.
#[derive(Debug, Clone, Copy)]
pub(super) struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(lang_of(&parts.headers)))
    }
}

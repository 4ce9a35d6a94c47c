//! `POST /login/challenge` and `POST /login`: the enrolled browser signs a challenge, and the
//! password is checked under a per-ID lock.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, State};
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use mobile_auth_core::contract::{Challenge, ChallengeRequest, LoginRequest};
use mobile_auth_core::form::{self, LoginInput};
use mobile_auth_core::ErrorCode;

use super::binding::MAX_KEY_ID_LEN;
use super::clock::{secs, today};
use super::cookies::{self, with_cookie, SESSION_COOKIE};
use super::extractor::Body;
use super::limits::{busy, client, full, rate_limit, refused};
use super::names::nfc;
use super::sessions::{new_session, SessionData};
use crate::error::{ApiError, ApiResult};
use crate::security::Bucket;
use crate::{crypto, App};

const CHALLENGE_TTL: Duration = Duration::from_secs(120);
const MAX_FAILED_LOGINS: u32 = 5;
const LOCK_TIME: Duration = Duration::from_secs(15 * 60);

pub(crate) struct PendingChallenge {
    pub(super) key_id: String,
    pub(super) bytes: [u8; 32],
}

#[derive(Default)]
pub(crate) struct Failures {
    pub(super) count: u32,
    pub(super) locked_until: Option<Instant>,
}

pub(super) async fn login_challenge(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(req): Body<ChallengeRequest>,
) -> ApiResult<Json<Challenge>> {
    rate_limit(&app, peer, &headers, Bucket::Login)?;
    if req.key_id.is_empty() || req.key_id.len() > MAX_KEY_ID_LEN {
        return Err(ApiError::new(ErrorCode::InvalidRequest));
    }
    let bytes = crypto::random_bytes::<32>();
    let id = crypto::token();
    app.mem()
        .challenges
        .insert_for(
            client(&app, peer, &headers),
            id.clone(),
            PendingChallenge {
                key_id: req.key_id,
                bytes,
            },
            Instant::now() + CHALLENGE_TTL,
        )
        .map_err(refused)?;
    Ok(Json(Challenge {
        challenge_id: id,
        challenge: crypto::b64(&bytes),
        expires_in_seconds: secs(CHALLENGE_TTL),
    }))
}

pub(super) async fn login(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(mut req): Body<LoginRequest>,
) -> ApiResult<Response> {
    rate_limit(&app, peer, &headers, Bucket::Login)?;
    req.name = nfc(&req.name);
    let valid =
        form::validate_login(&LoginInput::from(&req), today()).map_err(|e| ApiError::fields(&e))?;
    let now = Instant::now();
    let failed = || ApiError::new(ErrorCode::LoginFailed);
    let challenge = app
        .mem()
        .challenges
        .take(&req.challenge_id, now)
        .ok_or_else(failed)?;
    if challenge.key_id != req.key_id {
        return Err(failed());
    }
    // Only the enrolled browser gets further: whether an ID is locked is told to it alone.
    let not_bound = || ApiError::new(ErrorCode::NotBound);
    let cred = app
        .store
        .get(&valid.national_id)
        .map_err(|_| ApiError::internal())?;
    let cred = cred
        .filter(|c| c.key_id == req.key_id)
        .ok_or_else(not_bound)?;
    let key = crypto::verifying_key(&cred.jwk_x, &cred.jwk_y).ok_or_else(not_bound)?;
    if !crypto::verify_signature(&key, &challenge.bytes, &req.signature) {
        return Err(not_bound());
    }
    let id_hash = crypto::sha256(valid.national_id.as_bytes());
    reserve_attempt(&app, id_hash, now)?;
    let (password, phc) = (req.password.clone(), cred.password_hash.clone());
    let password_ok = tokio::task::spawn_blocking(move || crypto::verify_password(&password, &phc))
        .await
        .map_err(|_| ApiError::internal())?;
    if !(password_ok
        && cred.birth_date == valid.birth_date.compact()
        && cred.name == nfc(&valid.name))
    {
        return Err(attempt_failed(&app, id_hash, now));
    }
    // The check and the session are one critical section with re-enrollment: a binding
    // replaced while the password was being checked lets nobody in.
    let mut mem = app.mem();
    let current = app
        .store
        .get(&valid.national_id)
        .map_err(|_| ApiError::internal())?;
    if current.as_ref() != Some(&cred) {
        return Err(not_bound());
    }
    mem.failures.remove(&id_hash);
    let data = SessionData::new(&app, cred.national_id, cred.name, valid.birth_date);
    let (sid, session) = new_session(&app, &mut mem, data)?;
    drop(mem);
    Ok(with_cookie(
        StatusCode::OK,
        session,
        cookies::set(&app, SESSION_COOKIE, Some(&sid)),
    ))
}

/// Counts an attempt before its password is checked, in the same critical section as the lock
/// check: however many arrive at once, at most `MAX_FAILED_LOGINS` are ever checked per window.
fn reserve_attempt(app: &App, id_hash: [u8; 32], now: Instant) -> ApiResult<()> {
    let mut mem = app.mem();
    if mem.failures.get(&id_hash, now).is_none() {
        mem.failures
            .insert(id_hash, Failures::default(), now + LOCK_TIME)
            .map_err(full)?;
    }
    let f = mem.failures.get_mut(&id_hash, now).ok_or_else(busy)?;
    if f.locked_until.is_some_and(|t| t > now) || f.count >= MAX_FAILED_LOGINS {
        return Err(ApiError::new(ErrorCode::Locked));
    }
    f.count += 1;
    Ok(())
}

/// A checked attempt failed: the last one allowed locks the ID for `LOCK_TIME`.
fn attempt_failed(app: &App, id_hash: [u8; 32], now: Instant) -> ApiError {
    let mut mem = app.mem();
    let Some(f) = mem.failures.get_mut(&id_hash, now) else {
        return ApiError::new(ErrorCode::LoginFailed);
    };
    if f.count >= MAX_FAILED_LOGINS {
        let until = now + LOCK_TIME;
        f.locked_until = Some(until);
        mem.failures.set_expiry(&id_hash, until);
        return ApiError::new(ErrorCode::Locked);
    }
    ApiError::new(ErrorCode::LoginFailed)
}

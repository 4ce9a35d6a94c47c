//! Sessions: how one starts, is read and refreshed (`GET /session`, `POST /session/refresh`),
//! and ends (`DELETE /session`). Who is signed in is the `SignedIn` extractor's business.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mobile_auth_core::contract::Session;
use mobile_auth_core::mask;
use mobile_auth_core::roc_date::RocDate;

use super::clock::secs;
use super::cookies::{self, SESSION_COOKIE};
use super::extractor::{SignedIn, SignedInIdle};
use super::limits::full;
use crate::error::ApiResult;
use crate::{crypto, App};

pub(crate) struct SessionData {
    pub(super) national_id: String,
    pub(super) name: String,
    pub(super) birth_date: RocDate,
    /// The absolute end, however active the session is.
    pub(super) ends: Instant,
}

impl SessionData {
    /// A session for this citizen that ends at most `session_max_seconds` from now.
    pub(super) fn new(
        app: &App,
        national_id: String,
        name: String,
        birth_date: RocDate,
    ) -> SessionData {
        let max = Duration::from_secs(u64::from(app.config.session_max_seconds));
        SessionData {
            national_id,
            name,
            birth_date,
            ends: Instant::now() + max,
        }
    }
}

/// A new session, created in the caller's critical section: whatever the caller checked (the
/// binding is still current, the application is unclaimed) still holds when it exists.
pub(super) fn new_session(
    app: &App,
    mem: &mut crate::Memory,
    data: SessionData,
) -> ApiResult<(String, Session)> {
    let sid = crypto::token();
    let now = Instant::now();
    let idle = Duration::from_secs(u64::from(app.config.session_idle_seconds));
    let expires = (now + idle).min(data.ends);
    let session = session_view(&data, secs(expires.saturating_duration_since(now)));
    mem.sessions
        .insert(sid.clone(), data, expires)
        .map_err(full)?;
    Ok((sid, session))
}

pub(super) fn session_view(d: &SessionData, expires_in_seconds: u32) -> Session {
    Session {
        name_masked: mask::mask_name(&d.name),
        national_id_masked: mask::mask_national_id(&d.national_id),
        expires_in_seconds,
    }
}

pub(super) async fn get_session(SignedInIdle(signed_in): SignedInIdle) -> Json<Session> {
    Json(signed_in.session)
}

pub(super) async fn refresh_session(signed_in: SignedIn) -> Json<Session> {
    Json(signed_in.session)
}

pub(super) async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Some(sid) = cookies::read(&app, &headers, SESSION_COOKIE) {
        app.mem().sessions.remove(&sid);
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, cookies::set(&app, SESSION_COOKIE, None));
    res
}

//! Sessions: how one starts, is read and refreshed (`GET /session`, `POST /session/refresh`),
//! and ends (`DELETE /session`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mobile_auth_core::contract::Session;
use mobile_auth_core::roc_date::RocDate;
use mobile_auth_core::{mask, ErrorCode, Lang};

use super::clock::secs;
use super::cookies::SESSION_COOKIE;
use super::limits::full;
use crate::error::{ApiError, ApiResult, ReqLang};
use crate::{crypto, App};

pub(crate) struct SessionData {
    pub(super) national_id: String,
    pub(super) name: String,
    pub(super) birth_date: RocDate,
    /// The absolute end, however active the session is.
    pub(super) ends: Instant,
}

impl App {
    /// A new session, created in the caller's critical section: whatever the caller checked
    /// (the binding is still current, the application is unclaimed) still holds when it exists.
    pub(super) fn new_session(
        &self,
        mem: &mut crate::Memory,
        data: SessionData,
        lang: Lang,
    ) -> ApiResult<(String, Session)> {
        let sid = crypto::token();
        let now = Instant::now();
        let idle = Duration::from_secs(u64::from(self.config.session_idle_seconds));
        let expires = (now + idle).min(data.ends);
        let session = session_view(&data, secs(expires.saturating_duration_since(now)));
        mem.sessions
            .insert(sid.clone(), data, expires)
            .map_err(full(lang))?;
        Ok((sid, session))
    }

    /// A session that ends at most `session_max_seconds` from now.
    pub(super) fn session_data(
        &self,
        national_id: String,
        name: String,
        birth_date: RocDate,
    ) -> SessionData {
        let max = Duration::from_secs(u64::from(self.config.session_max_seconds));
        SessionData {
            national_id,
            name,
            birth_date,
            ends: Instant::now() + max,
        }
    }

    /// The caller's live session; with `touch`, its idle timer restarts (never past its end).
    pub(super) fn session(
        &self,
        headers: &HeaderMap,
        touch: bool,
        lang: Lang,
    ) -> ApiResult<(String, Session, SessionData)> {
        let expired = || ApiError::new(ErrorCode::SessionExpired, lang);
        let sid = self
            .read_cookie(headers, SESSION_COOKIE)
            .ok_or_else(expired)?;
        let now = Instant::now();
        let idle = Duration::from_secs(u64::from(self.config.session_idle_seconds));
        let mut mem = self.mem();
        let data = mem.sessions.get(&sid, now).ok_or_else(expired)?;
        if now >= data.ends {
            mem.sessions.remove(&sid);
            return Err(expired());
        }
        let data = SessionData {
            national_id: data.national_id.clone(),
            name: data.name.clone(),
            birth_date: data.birth_date,
            ends: data.ends,
        };
        if touch {
            mem.sessions.set_expiry(&sid, (now + idle).min(data.ends));
        }
        let left = mem
            .sessions
            .expires_at(&sid)
            .map_or(0, |e| secs(e.saturating_duration_since(now)));
        let view = session_view(&data, left);
        Ok((sid, view, data))
    }
}

fn session_view(d: &SessionData, expires_in_seconds: u32) -> Session {
    Session {
        name_masked: mask::mask_name(&d.name),
        national_id_masked: mask::mask_national_id(&d.national_id),
        expires_in_seconds,
    }
}

pub(super) async fn get_session(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<Json<Session>> {
    app.session(&headers, false, lang).map(|(_, s, _)| Json(s))
}

pub(super) async fn refresh_session(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<Json<Session>> {
    app.session(&headers, true, lang).map(|(_, s, _)| Json(s))
}

pub(super) async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Some(sid) = app.read_cookie(&headers, SESSION_COOKIE) {
        app.mem().sessions.remove(&sid);
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, app.cookie(SESSION_COOKIE, None));
    res
}

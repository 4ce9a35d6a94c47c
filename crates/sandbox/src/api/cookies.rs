//! The session and applicant cookies: their names, attributes and reading.

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::App;

/// The session; `__Host-` prefixed when Secure (bound to this host, path `/`, never set by a
/// subdomain).
pub(super) const SESSION_COOKIE: &str = "ma_session";
/// Proof of the browser that applied: only it may follow, renew and claim its application.
pub(super) const APPLICANT_COOKIE: &str = "ma_applicant";

/// `__Host-NAME` when cookies are Secure; the plain name for loopback development.
fn name(app: &App, base: &str) -> String {
    if app.config.secure_cookies() {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// An HttpOnly, SameSite=Strict cookie for the whole host; `None` removes it.
pub(super) fn set(app: &App, base: &str, value: Option<&str>) -> HeaderValue {
    let mut c = Cookie::build((name(app, base), value.unwrap_or("").to_string()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .secure(app.config.secure_cookies());
    if value.is_none() {
        c = c.removal();
    }
    HeaderValue::from_str(&c.build().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("ma_session=; Max-Age=0"))
}

pub(super) fn read(app: &App, headers: &HeaderMap, base: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(&name(app, base))
        .map(|c| c.value().to_string())
        .filter(|v| !v.is_empty())
}

pub(super) fn with_cookie<T: serde::Serialize>(
    status: StatusCode,
    body: T,
    cookie: HeaderValue,
) -> Response {
    let mut res = (status, Json(body)).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    res
}

//! Response headers, request logs and per-client rate limits.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::App;

/// Every response, static or API, carries these; the API's answers are never cached.
pub async fn headers(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&app.csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if is_api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

pub fn csp(frame_ancestors: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors {frame_ancestors}"
    )
}

/// One line per request: method, path with identifiers replaced, status, time. Bodies, query
/// strings and headers are never logged, so no ID, number, name or password can appear.
pub async fn log(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = redact_path(req.uri().path());
    let res = next.run(req).await;
    app.config.log.line(format!(
        "{method} {path} {} {}ms",
        res.status().as_u16(),
        started.elapsed().as_millis()
    ));
    res
}

/// Replaces every path segment that could carry data (digits, escapes, long tokens, anything
/// outside a conservative character set) with `{id}`.
pub fn redact_path(path: &str) -> String {
    let plain = |s: &str| {
        s.len() <= 24
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_' || b == b'.')
            || matches!(s, "v1")
    };
    let mut out: Vec<&str> = Vec::new();
    for s in path.split('/') {
        // What follows a collection name is always an identifier or a token, however it looks.
        let after_collection = matches!(
            out.last(),
            Some(&("applications" | "verifications" | "captchas"))
        );
        out.push(if s.is_empty() || (plain(s) && !after_collection) {
            s
        } else {
            "{id}"
        });
    }
    out.join("/")
}

/// The three rate-limited families of endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    Captcha,
    Applications,
    Login,
}

pub type Limiter = crate::state::RateLimiter<(IpAddr, Bucket)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_their_data() {
        assert_eq!(
            redact_path("/api/v1/applications/abcDEF123_-x/qr"),
            "/api/v1/applications/{id}/qr"
        );
        assert_eq!(
            redact_path("/api/v1/verifications/Zk3x9QpLw0aa/start"),
            "/api/v1/verifications/{id}/start"
        );
        assert_eq!(redact_path("/A123456789"), "/{id}");
        assert_eq!(redact_path("/%E7%8E%8B"), "/{id}");
        assert_eq!(
            redact_path("/api/v1/login/challenge"),
            "/api/v1/login/challenge"
        );
        assert_eq!(redact_path("/index.html"), "/index.html");
        assert_eq!(
            redact_path("/api/v1/verifications/abc/start"),
            "/api/v1/verifications/{id}/start"
        );
    }
}

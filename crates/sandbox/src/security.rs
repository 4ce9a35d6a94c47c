//! Security headers, cross-site write refusal, request logs and per-client rate limits.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::client_ip::ClientKey;
use crate::error::ApiError;
use crate::request_origin::{from_trusted_proxy, known_host, same_origin};
use crate::App;

/// The headers every answer carries, static file or API; set over whatever a handler wrote.
pub fn with_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    csp: HeaderValue,
) -> Router<S> {
    let set =
        |name: HeaderName, value: HeaderValue| SetResponseHeaderLayer::overriding(name, value);
    router
        .layer(set(header::CONTENT_SECURITY_POLICY, csp))
        .layer(set(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(set(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(set(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
}

/// API answers are personal and short-lived: never stored by a browser or a proxy.
pub fn no_store<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ))
}

/// The build's files: a content-named one (`app-<16 hex>.css`, `mobile-auth-<16 hex>_bg.wasm`)
/// never changes, so browsers and the service worker keep it for a year and never ask again;
/// every other name (index.html, boot.js, sw.js, config.json, the manifest) is asked again each
/// time, so a new deployment shows at once. The same rule as deploy/nginx.conf and deploy/Caddyfile.
pub async fn static_cache(request: Request, next: Next) -> Response {
    let immutable = content_named(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if immutable {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            }),
        );
    }
    response
}

/// `…-<15 or 16 hex digits>[_bg].(wasm|js|css|json)`: a name the build gave by content.
fn content_named(path: &str) -> bool {
    let Some((stem, ext)) = path.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "wasm" | "js" | "css" | "json") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        matches!(hash.len(), 15 | 16)
            && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

#[cfg(test)]
mod content_named_tests {
    use super::content_named;

    #[test]
    fn only_the_builds_content_names() {
        for hashed in [
            "/mobile-auth-0123456789abcdef_bg.wasm",
            "/x/mobile-auth-0123456789abcdef.js",
            "/app-0123456789abcdef.css",
            "/chunk-qr-0123456789abcde.wasm",
            "/texts-en-0123456789abcdef.json",
        ] {
            assert!(content_named(hashed), "{hashed}");
        }
        for stable in [
            "/",
            "/index.html",
            "/boot.js",
            "/sw.js",
            "/config.json",
            "/mount.json",
            "/no-modules.js",
            "/mount.js",
            "/manifest.webmanifest",
            "/icon-192.png",
            "/app-0123456789ABCDEF.css",
            "/app-0123456789abcdef.png",
            "/app-0123456789abcdefa.js",
        ] {
            assert!(!content_named(stable), "{stable}");
        }
    }
}

/// The Content-Security-Policy, or why `frame_ancestors` cannot be part of one. A value that is
/// not a valid header would otherwise drop the whole policy without a word.
/// Scripts are files of this origin only: index.html has no inline script (the build fails if it
/// gets one), so no hash is ever part of a policy, here or in a deployer's server.
pub fn csp(frame_ancestors: &str) -> Result<HeaderValue, String> {
    let source_ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"'*:/.-_[]%+".contains(&b))
    };
    let sources: Vec<&str> = frame_ancestors.split_ascii_whitespace().collect();
    let control = frame_ancestors.bytes().any(|b| b.is_ascii_control());
    if control || sources.is_empty() || !sources.iter().all(|s| source_ok(s)) {
        return Err(format!(
            "--frame-ancestors {frame_ancestors:?} is not a list of CSP sources (e.g. \
             \"'self' https://portal.example.gov.tw\"): the server would send no CSP at all"
        ));
    }
    // `*`, a scheme alone (`https:`) or a host of `*` lets every site frame the app, which is
    // what frame-ancestors exists to stop (clickjacking of the ID and password fields).
    let too_wide = |s: &str| {
        s == "*" || s.ends_with(':') || crate::config::url_host(s).is_some_and(|h| h == "*")
    };
    if let Some(wide) = sources.iter().find(|s| too_wide(s)) {
        return Err(format!(
            "--frame-ancestors {frame_ancestors:?} is refused: {wide} lets any site show the app \
             in a frame; name each portal's origin, e.g. \"'self' https://portal.example.gov.tw\""
        ));
    }
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' blob: data:; media-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors {}",
        sources.join(" ")
    );
    HeaderValue::from_str(&policy).map_err(|e| format!("CSP header: {e}"))
}

/// Login CSRF and its kin: a write must be JSON (a form or `text/plain` POST, which a foreign
/// page can send without asking, is refused) and must not come from another site, unless that
/// site is a configured CORS origin.
pub async fn same_site_writes(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let h = req.headers();
    if *req.method() == Method::POST && !is_json(h) {
        return ApiError::refused(StatusCode::UNSUPPORTED_MEDIA_TYPE).into_response();
    }
    let trusted = from_trusted_proxy(&app.config, req.extensions());
    if cross_site(&app, h, trusted) {
        return ApiError::refused(StatusCode::FORBIDDEN).into_response();
    }
    next.run(req).await
}

fn is_json(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

/// Whether the request was sent by a page of another site. Browsers say so in `Sec-Fetch-Site`
/// (and always send `Origin` on a cross-origin POST); a client that sends neither is not a
/// browser acting for someone else.
fn cross_site(app: &App, h: &HeaderMap, trusted: bool) -> bool {
    let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let allowed = |o: &str| {
        app.config
            .cors_origins
            .iter()
            .any(|c| c.trim_end_matches('/').eq_ignore_ascii_case(o))
    };
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if matches!(site, "same-origin" | "none") {
            return false;
        }
        return !origin.is_some_and(allowed);
    }
    match origin {
        None => false,
        Some(o) => !(allowed(o) || same_origin(&app.config, o, h, trusted)),
    }
}

/// A request for a host this server does not answer to (see `known_host`) is refused before
/// anything else reads it.
pub async fn known_hosts(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let trusted = from_trusted_proxy(&app.config, req.extensions());
    if known_host(&app.config, req.headers(), trusted) {
        return next.run(req).await;
    }
    ApiError::refused(StatusCode::MISDIRECTED_REQUEST).into_response()
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

/// The rate-limited families of endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    Captcha,
    CaptchaAudio,
    Applications,
    Login,
}

const BUCKETS: usize = 4;

/// Per-client limits (governor's GCRA: `per_minute` at once, then one more every 60/`per_minute`
/// s), one limiter per family. Its map holds at most `cap` clients: idle ones are dropped when
/// it fills, and if it is still full the new client is told to come back (503) instead of
/// anyone's count being forgotten.
pub struct Limits {
    per_family: Option<[DefaultKeyedRateLimiter<ClientKey>; BUCKETS]>,
    cap: usize,
}

/// Why a request is not served now, with the seconds to wait.
pub enum Limited {
    TooMany(u64),
    Busy(u64),
}

impl Limits {
    pub fn new(per_minute: u32, cap: usize) -> Limits {
        let per_family = NonZeroU32::new(per_minute)
            .map(|n| std::array::from_fn(|_| RateLimiter::keyed(Quota::per_minute(n))));
        Limits { per_family, cap }
    }

    pub fn check(&self, bucket: Bucket, client: ClientKey) -> Result<(), Limited> {
        let Some(limiters) = &self.per_family else {
            return Err(Limited::TooMany(60));
        };
        let limiter = &limiters[bucket as usize];
        if limiter.len() >= self.cap {
            limiter.retain_recent();
            limiter.shrink_to_fit();
            if limiter.len() >= self.cap {
                return Err(Limited::Busy(60));
            }
        }
        limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            Limited::TooMany(wait.as_secs().max(1))
        })
    }
}

/// The client as this server should count it (see `client_ip`).
pub fn client_key(app: &App, peer: ConnectInfo<std::net::SocketAddr>, h: &HeaderMap) -> ClientKey {
    ClientKey::of(crate::client_ip::client_ip(
        peer.0.ip(),
        h,
        &app.config.trusted_proxies,
        app.config.client_ip_header,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_this_origins_files_and_nothing_inline() {
        let csp = csp("'self'").unwrap();
        let csp = csp.to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{csp}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("sha256-"),
            "{csp}"
        );
    }

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

//! The sandbox tried as an attacker would (issue 14): each test fails on the code before its fix.

mod common;

use std::time::Duration;

use common::*;
use mobile_auth_core::contract::*;
use mobile_auth_core::device::DeviceKind;
use mobile_auth_sandbox::{serve, Config};
use reqwest::StatusCode;
use serde_json::json;

/// A request with headers of the attacker's choosing, from a client without cookies.
async fn raw(
    s: &Server,
    method: reqwest::Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (StatusCode, String) {
    let mut req = reqwest::Client::new().request(method, format!("{}{path}", s.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(b) = body {
        req = req.body(b.to_string());
    }
    let res = req.send().await.expect("answer");
    let status = res.status();
    (status, res.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_stranger_who_knows_the_application_id_gets_nothing() {
    let s = Server::start(|_| {}).await;
    let (desktop, phone, stranger) = (s.client(), s.client(), s.client());
    let p = Person::new(1401, 12);
    let app = desktop.apply_ok(&p, DeviceKind::Desktop).await;
    let path = format!("/applications/{}", app.application_id);
    assert_eq!(phone.start(&app.token).await.status, StatusCode::OK);

    // The id leaked (a proxy log, a shared screen): without the applicant's cookie it is unknown.
    assert_eq!(stranger.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        stranger.post_empty(&format!("{path}/qr")).await.status,
        StatusCode::NOT_FOUND
    );
    let claim = stranger.post_empty(&format!("{path}/session")).await;
    assert_eq!(claim.status, StatusCode::NOT_FOUND);
    assert!(!claim.headers.contains_key("set-cookie"));
    assert_eq!(stranger.get("/session").await.code(), "session_expired");
    // The phone verified it, but the phone is not the applicant either.
    assert_eq!(
        phone.post_empty(&format!("{path}/session")).await.status,
        StatusCode::NOT_FOUND
    );

    // The browser that applied still can.
    let st: ApplicationStatus = desktop.get(&path).await.parse();
    assert_eq!(st.state, ApplicationState::Verified);
    assert_eq!(
        desktop.post_empty(&format!("{path}/session")).await.status,
        StatusCode::OK
    );
    assert_eq!(desktop.get("/session").await.status, StatusCode::OK);
    s.stop();
}

/// `POST /captchas` with this `X-Forwarded-For`, as a client without cookies.
async fn captcha_as(s: &Server, forwarded_for: &str) -> StatusCode {
    let h = [
        ("x-forwarded-for", forwarded_for),
        ("content-type", "application/json"),
    ];
    raw(s, reqwest::Method::POST, "/captchas", &h, Some("{}"))
        .await
        .0
}

#[tokio::test]
async fn behind_a_trusted_proxy_one_client_flooding_does_not_limit_another() {
    let s = Server::start(|c| {
        c.rate_limit_per_minute = 3;
        Server::behind_proxy(c);
    })
    .await;
    for _ in 0..3 {
        assert_eq!(captcha_as(&s, "127.0.0.2").await, StatusCode::CREATED);
    }
    assert_eq!(
        captcha_as(&s, "127.0.0.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        captcha_as(&s, "127.0.0.3").await,
        StatusCode::CREATED,
        "another client is not limited"
    );
    // A client cannot escape its limit by prepending addresses of its own.
    assert_eq!(
        captcha_as(&s, "9.9.9.9, 127.0.0.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    s.stop();
}

#[tokio::test]
async fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
    let s = Server::start(|c| c.rate_limit_per_minute = 3).await;
    for i in 0..4 {
        let want = if i < 3 {
            StatusCode::CREATED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(
            captcha_as(&s, &format!("10.0.0.{i}")).await,
            want,
            "request {i}"
        );
    }
    s.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_guesses_check_at_most_five_passwords() {
    let s = Server::start(|_| {}).await;
    let (c, p) = s.enrolled(1402, 22).await;
    // Fifty wrong logins, each with its own challenge signed by the enrolled key, fired at once.
    let mut bodies = Vec::new();
    for _ in 0..50 {
        let ch = c.challenge(&p).await;
        bodies.push(p.login_body(&ch, NAME, "wrong999"));
    }
    let mut set = tokio::task::JoinSet::new();
    for body in bodies {
        let c = s.client();
        set.spawn(async move { c.post("/login", body).await.code().to_string() });
    }
    let mut codes = Vec::new();
    while let Some(code) = set.join_next().await {
        codes.push(code.unwrap());
    }
    let checked = codes.iter().filter(|c| *c == "login_failed").count();
    let locked = codes.iter().filter(|c| *c == "locked").count();
    assert_eq!(checked + locked, 50, "{codes:?}");
    // The fifth failure answers `locked` itself, so at most four say `login_failed`.
    assert!(
        checked <= 4,
        "{checked} passwords judged wrong before the lock: {codes:?}"
    );
    // And the right password is refused now too.
    assert_eq!(c.login(&p, PASSWORD).await.code(), "locked");
    s.stop();
}

#[tokio::test]
async fn a_lock_is_told_only_to_the_enrolled_browser() {
    let s = Server::start(|_| {}).await;
    let (c, p) = s.enrolled(1403, 33).await;
    for _ in 0..5 {
        c.login(&p, "wrong999").await;
    }
    assert_eq!(c.login(&p, PASSWORD).await.code(), "locked");
    // Another browser, with a key of its own, learns nothing about the ID.
    let other = p.in_another_browser();
    assert_eq!(s.client().login(&other, PASSWORD).await.code(), "not_bound");
    s.stop();
}

#[tokio::test]
async fn refreshing_never_extends_a_session_past_its_absolute_end() {
    let s = Server::start(|c| c.session_max_seconds = 2).await;
    let (c, _) = s.enrolled(1404, 44).await;
    let session: Session = c.post_empty("/session/refresh").await.parse();
    assert!(
        session.expires_in_seconds <= 2,
        "{}",
        session.expires_in_seconds
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        c.post_empty("/session/refresh").await.status,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        c.post_empty("/session/refresh").await.code(),
        "session_expired"
    );
    assert_eq!(c.get("/records").await.code(), "session_expired");
    s.stop();
}

#[tokio::test]
async fn cross_site_and_non_json_writes_are_refused() {
    let s = Server::start(|c| c.cors_origins = vec!["https://portal.example.gov.tw".into()]).await;
    let post = reqwest::Method::POST;
    let id_check = Some(r#"{"national_id":"A123456789"}"#);
    let cases: [(&[(&str, &str)], StatusCode); 7] = [
        (
            &[
                ("content-type", "text/plain"),
                ("origin", "https://evil.example"),
            ],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            &[("content-type", "text/plain")],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            &[("content-type", "application/x-www-form-urlencoded")],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            &[
                ("content-type", "application/json"),
                ("origin", "https://evil.example"),
            ],
            StatusCode::FORBIDDEN,
        ),
        (
            &[
                ("content-type", "application/json"),
                ("sec-fetch-site", "cross-site"),
            ],
            StatusCode::FORBIDDEN,
        ),
        (
            &[
                ("content-type", "application/json"),
                ("sec-fetch-site", "same-site"),
                ("origin", "https://x.example.gov.tw"),
            ],
            StatusCode::FORBIDDEN,
        ),
        (
            &[("content-type", "application/json"), ("origin", "null")],
            StatusCode::FORBIDDEN,
        ),
    ];
    for (headers, want) in cases {
        for path in ["/captchas", "/id-check"] {
            let (st, body) = raw(&s, post.clone(), path, headers, id_check).await;
            assert_eq!(st, want, "{path} {headers:?}: {body}");
            assert!(body.contains("invalid_request"), "{body}");
        }
    }
    let (st, _) = raw(
        &s,
        reqwest::Method::DELETE,
        "/session",
        &[("sec-fetch-site", "cross-site")],
        None,
    )
    .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // The page itself, and the configured portal, are served.
    let host = s.addr.to_string();
    let own = format!("http://{host}");
    let fine: [&[(&str, &str)]; 4] = [
        &[
            ("content-type", "application/json"),
            ("sec-fetch-site", "same-origin"),
            ("origin", own.as_str()),
        ],
        &[
            ("content-type", "application/json; charset=utf-8"),
            ("origin", own.as_str()),
        ],
        &[
            ("content-type", "application/json"),
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://portal.example.gov.tw"),
        ],
        &[("content-type", "application/json")],
    ];
    for headers in fine {
        let (st, body) = raw(&s, post.clone(), "/id-check", headers, id_check).await;
        assert_eq!(st, StatusCode::OK, "{headers:?}: {body}");
    }
    s.stop();
}

#[tokio::test]
async fn cookies_are_secure_and_host_bound_by_default() {
    let s = Server::start(|c| c.insecure_http_cookies = false).await;
    let c = s.client();
    let p = Person::new(1405, 55);
    let applied = c.apply(&p, DeviceKind::Phone).await;
    let cookie = applied.headers["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-ma_applicant="), "{cookie}");
    let app: ApplicationResponse = applied.parse();
    let started = c.start(&app.token).await;
    let cookie = started.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-ma_session="), "{cookie}");
    for attr in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{attr} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    s.stop();
}

#[tokio::test]
async fn unsafe_settings_stop_the_server_with_the_reason() {
    let start = |adjust: fn(&mut Config)| async move {
        let mut config = Config {
            port: 0,
            db: std::env::temp_dir().join(format!("sandbox-unsafe-{}.sqlite", std::process::id())),
            ..Config::default()
        };
        adjust(&mut config);
        serve(config).await.err().map(|e| e.to_string())
    };
    let e = start(|c| {
        c.bind = "0.0.0.0".parse().unwrap();
        c.captcha_text = Some("TEST1".into());
    })
    .await;
    assert!(e.is_some_and(|e| e.contains("SANDBOX_CAPTCHA")));
    let e = start(|c| {
        c.bind = "0.0.0.0".parse().unwrap();
        c.insecure_http_cookies = true;
    })
    .await;
    assert!(e.is_some_and(|e| e.contains("--insecure-http-cookies")));
    let e = start(|c| c.frame_ancestors = "'self'\nX-Injected: 1".into()).await;
    assert!(e.is_some_and(|e| e.contains("--frame-ancestors")));
    let e = start(|c| c.frame_ancestors = "'self'; script-src *".into()).await;
    assert!(e.is_some_and(|e| e.contains("--frame-ancestors")));
    let e = start(|c| c.session_max_seconds = 13 * 3600).await;
    assert!(e.is_some_and(|e| e.contains("--session-max-seconds")));

    // Exposure, not the bind address, decides (issue 25): the documented deployment is loopback
    // behind a proxy, and an https public URL means others reach it too.
    let behind_proxy = |c: &mut Config| c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    let published = |c: &mut Config| c.public_app_url = Some("https://auth.example.gov.tw/".into());
    for expose in [behind_proxy, published] {
        let mut fixed = Config::default();
        expose(&mut fixed);
        fixed.captcha_text = Some("TEST1".into());
        assert!(fixed
            .validate()
            .is_err_and(|e| e.contains("SANDBOX_CAPTCHA")));
        let mut insecure = Config::default();
        expose(&mut insecure);
        insecure.insecure_http_cookies = true;
        assert!(insecure
            .validate()
            .is_err_and(|e| e.contains("--insecure-http-cookies")));
    }
    // Local development keeps both.
    let dev = Config {
        captcha_text: Some("TEST1".into()),
        insecure_http_cookies: true,
        public_app_url: Some("http://127.0.0.1:8080/".into()),
        ..Config::default()
    };
    assert_eq!(dev.validate(), Ok(()));
    // Settings that let everyone in, whatever the address.
    for wide in [
        "*",
        "'self' https:",
        "http: https:",
        "https://*",
        "'self' *",
    ] {
        let c = Config {
            frame_ancestors: wide.into(),
            ..Config::default()
        };
        assert!(
            c.validate().is_err_and(|e| e.contains("--frame-ancestors")),
            "{wide}"
        );
    }
    for origin in [
        "null",
        "*",
        "http://portal.example.gov.tw",
        "portal.example.gov.tw",
    ] {
        let e = Config {
            cors_origins: vec![origin.into()],
            ..Config::default()
        }
        .validate();
        assert!(e.is_err_and(|e| e.contains("--cors-origin")), "{origin}");
    }
    for net in [
        "0.0.0.0/0",
        "::/0",
        "8.0.0.0/8",
        "203.0.113.0/23",
        "2001:db8::/32",
    ] {
        let c = Config {
            trusted_proxies: vec![net.parse().unwrap()],
            ..Config::default()
        };
        assert!(
            c.validate().is_err_and(|e| e.contains("--trusted-proxy")),
            "{net}"
        );
    }
    let fine = Config {
        cors_origins: vec![
            "https://portal.example.gov.tw".into(),
            "http://localhost:5173".into(),
        ],
        trusted_proxies: ["127.0.0.1/32", "10.0.0.0/8", "fd00::/8", "203.0.113.7/32"]
            .map(|n| n.parse().unwrap())
            .to_vec(),
        frame_ancestors: "'self' https://portal.example.gov.tw https://*.example.gov.tw".into(),
        ..Config::default()
    };
    assert_eq!(fine.validate(), Ok(()));
    // A portal list is fine, and so is a plain start.
    assert_eq!(
        start(|c| c.frame_ancestors = "'self' https://portal.example.gov.tw".into()).await,
        None
    );
}

#[tokio::test]
async fn re_enrolling_ends_the_sessions_of_the_old_binding() {
    let s = Server::start(|_| {}).await;
    let (lost_phone, p) = s.enrolled(1406, 66).await;
    assert_eq!(lost_phone.get("/session").await.status, StatusCode::OK);
    let new_phone = s.client();
    new_phone.enroll(&p.in_another_browser()).await;
    assert_eq!(lost_phone.get("/session").await.code(), "session_expired");
    assert_eq!(new_phone.get("/session").await.status, StatusCode::OK);
    s.stop();
}

#[tokio::test]
async fn the_audio_captcha_is_limited_and_used_up_by_listening() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    let captcha = c.captcha().await;
    let path = format!("/captchas/{}/audio?lang=en", captcha.captcha_id);
    for _ in 0..5 {
        assert_eq!(c.get(&path).await.status, StatusCode::OK);
    }
    assert_eq!(c.get(&path).await.status, StatusCode::NOT_FOUND);
    s.stop();

    let s = Server::start(|c| c.rate_limit_per_minute = 2).await;
    let c = s.client();
    let captcha = c.captcha().await;
    let path = format!("/captchas/{}/audio?lang=en", captcha.captcha_id);
    assert_eq!(c.get(&path).await.status, StatusCode::OK);
    assert_eq!(c.get(&path).await.status, StatusCode::OK);
    assert_eq!(c.get(&path).await.status, StatusCode::TOO_MANY_REQUESTS);
    s.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_passes_the_conformance_security_section_with_tight_settings() {
    use mobile_auth_conformance::{run, Options, SecurityOptions};
    // Two deployments: a test-mode one showing the fixed captcha (the enrollment checks), and
    // one behind this client as its trusted proxy, which cannot show a fixed captcha too.
    let test_mode = Server::start(|c| {
        c.rate_limit_per_minute = 60;
        c.session_max_seconds = 2;
    })
    .await;
    let proxied = Server::start(|c| {
        c.rate_limit_per_minute = 60;
        Server::behind_proxy(c);
    })
    .await;
    let mut checks = Vec::new();
    for (s, captcha, forwarded_clients, session_max_seconds) in [
        (&test_mode, Some(CAPTCHA.to_string()), false, Some(2)),
        (&proxied, None, true, None),
    ] {
        let report = run(Options {
            url: format!("http://{}", s.addr),
            captcha,
            security: SecurityOptions {
                forwarded_clients,
                session_max_seconds,
            },
            security_only: true,
        })
        .await;
        let failures: Vec<String> = report
            .failures()
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        checks.extend(report.checks.into_iter().map(|c| c.name));
    }
    for check in [
        "security: a stranger's session claim is refused",
        "security: on the direct path a token alone is no session",
        "security: re-enrollment voids unclaimed applications",
        "security: cross-site and text/plain POSTs are refused",
        "security: lockout holds under 20 parallel attempts",
        "security: per-client limits through a trusted proxy",
        "security: the absolute session lifetime is honoured",
    ] {
        assert!(
            checks.iter().any(|c| c == check),
            "{check} not run: {checks:?}"
        );
    }
    test_mode.stop();
    proxied.stop();
}

#[tokio::test]
async fn a_name_typed_decomposed_logs_in_as_the_precomposed_one() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    // "Nguyễn" with the precomposed ễ at enrollment, typed as e + two combining marks later.
    let p = Person::new(1407, 77);
    let captcha = c.captcha().await;
    let mut body = p.application(DeviceKind::Phone, &captcha.captcha_id, CAPTCHA);
    body["name"] = json!("Nguy\u{1ec5}n Van");
    let app: ApplicationResponse = c.post("/applications", body).await.parse();
    assert_eq!(c.start(&app.token).await.status, StatusCode::OK);
    let ch = c.challenge(&p).await;
    let login = p.login_body(&ch, "Nguye\u{302}\u{303}n Van", PASSWORD);
    let a = c.post("/login", login).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    s.stop();
}

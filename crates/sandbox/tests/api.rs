//! The sandbox over real HTTP: every outcome, QR lifecycle, single use, login, lockout, restart,
//! concurrency, rate limits, logs.

mod common;

use std::time::Duration;

use common::*;
use mobile_auth_core::contract::*;
use mobile_auth_core::device::{DeviceKind, VerifyPath};
use mobile_auth_core::ErrorCode;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn config_headers_and_static_files() {
    let dist = std::env::temp_dir().join(format!(
        "sandbox-dist-{}",
        mobile_auth_sandbox::crypto::token()
    ));
    std::fs::create_dir_all(&dist).unwrap();
    // An inline script, as an old build's loader had: never allowed (the app's one script is a
    // file), so a page that still has one shows the static step 1's "not started" message.
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>SPA</title><script type=\"module\">b()</script>",
    )
    .unwrap();
    let s = Server::start(|c| {
        c.dist = Some(dist.clone());
        c.frame_ancestors = "'none'".into();
    })
    .await;
    let c = s.client();
    let a = c.get("/config").await;
    assert_eq!(a.status, StatusCode::OK);
    let config: BackendConfig = a.parse();
    assert_eq!(config.qr_validity_seconds, 300);
    assert!(config.carriers.iter().any(|c| c.id == "cht"));
    assert_eq!(a.headers["cache-control"], "no-store");
    assert_eq!(a.headers["x-content-type-options"], "nosniff");
    assert_eq!(a.headers["referrer-policy"], "no-referrer");
    assert_eq!(
        a.headers["permissions-policy"],
        "camera=(), microphone=(), geolocation=()"
    );
    let csp = a.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval';")
            && !csp.contains("sha256-")
            && !csp.contains("unsafe-inline")
            && csp.ends_with("frame-ancestors 'none'"),
        "{csp}"
    );

    for path in ["/", "/verify/some-client-route"] {
        let res = reqwest::get(format!("http://{}{path}", s.addr))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().contains_key("content-security-policy"));
        // The page is revalidated (a new deployment shows at once), as nginx and Caddy serve it.
        assert_eq!(res.headers()["cache-control"], "no-cache");
        assert!(res.text().await.unwrap().contains("<title>SPA</title>"));
    }
    let a = c.get("/nope").await;
    assert_eq!((a.status, a.code()), (StatusCode::NOT_FOUND, "not_found"));
    let a = c.delete("/config").await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::METHOD_NOT_ALLOWED, "invalid_request")
    );
}

#[tokio::test]
async fn every_row_of_the_outcome_table() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    for (i, last_two) in [0, 1, 45, 88, 89].into_iter().enumerate() {
        let p = Person::new(100 + i as u32, last_two);
        let app = c.apply_ok(&p, DeviceKind::Phone).await;
        assert_eq!(app.path, VerifyPath::Direct);
        let a = c.start(&app.token).await;
        assert_eq!(a.status, StatusCode::OK, "{last_two}: {}", a.body);
        let r: StartVerificationResponse = a.parse();
        assert!(r.session.is_some(), "direct path logs in");
        assert!(a.headers["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("ma_session="));
    }
    let failing = [
        (90, ErrorCode::NotHolder),
        (91, ErrorCode::Prepaid),
        (92, ErrorCode::FamilyCard),
        (93, ErrorCode::Mvno),
        (94, ErrorCode::Enterprise),
        (96, ErrorCode::Roaming),
        (98, ErrorCode::CarrierMismatch),
        (99, ErrorCode::DataMismatch),
    ];
    for (i, (last_two, code)) in failing.into_iter().enumerate() {
        let p = Person::new(200 + i as u32, last_two);
        let app = c.apply_ok(&p, DeviceKind::Desktop).await;
        let a = c.start(&app.token).await;
        assert_eq!(a.code(), code.as_str(), "{last_two}");
        assert_eq!(a.status.as_u16(), code.http_status());
        assert_eq!(a.body["retryable"], false);
        let status: ApplicationStatus = c
            .get(&format!("/applications/{}", app.application_id))
            .await
            .parse();
        assert_eq!(
            (status.state, status.code),
            (ApplicationState::Failed, Some(code))
        );
        // The token is spent: neither the summary nor a retry works.
        assert_eq!(c.start(&app.token).await.code(), "token_invalid");
        assert_eq!(
            c.get(&format!("/verifications/{}", app.token)).await.code(),
            "token_invalid"
        );
        let a = c
            .post_empty(&format!("/applications/{}/session", app.application_id))
            .await;
        assert_eq!(a.code(), code.as_str());
    }
    for (i, (last_two, code)) in [(95, ErrorCode::Wifi), (97, ErrorCode::CarrierUnavailable)]
        .into_iter()
        .enumerate()
    {
        let p = Person::new(300 + i as u32, last_two);
        let app = c.apply_ok(&p, DeviceKind::Phone).await;
        let a = c.start(&app.token).await;
        assert_eq!(a.code(), code.as_str());
        assert_eq!(a.status.as_u16(), code.http_status());
        assert_eq!(a.body["retryable"], true);
        let status: ApplicationStatus = c
            .get(&format!("/applications/{}", app.application_id))
            .await
            .parse();
        assert_eq!(status.state, ApplicationState::Opened);
        let a = c.start(&app.token).await;
        assert_eq!(
            a.status,
            StatusCode::OK,
            "retry with the same token succeeds: {}",
            a.body
        );
    }
}

#[tokio::test]
async fn desktop_qr_flow_and_single_use() {
    let s = Server::start(|_| {}).await;
    let desktop = s.client();
    let phone = s.client();
    let p = Person::new(1, 27);
    let app = desktop.apply_ok(&p, DeviceKind::Desktop).await;
    assert_eq!(app.path, VerifyPath::Qr);
    assert_eq!(app.expires_in_seconds, 300);
    let status_path = format!("/applications/{}", app.application_id);
    let st: ApplicationStatus = desktop.get(&status_path).await.parse();
    assert_eq!(st.state, ApplicationState::Pending);
    let early = desktop.post_empty(&format!("{status_path}/session")).await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    let summary: VerificationSummary = phone
        .get(&format!("/verifications/{}", app.token))
        .await
        .parse();
    assert_eq!(summary.mobile_masked, format!("09■■■■■■{}", &p.mobile[8..]));
    assert_eq!(summary.national_id_masked, "A1■■■■■■■■");
    assert_eq!(summary.path, VerifyPath::Qr);
    assert_eq!(summary.carrier.zh, "中華電信");
    let st: ApplicationStatus = desktop.get(&status_path).await.parse();
    assert_eq!(st.state, ApplicationState::Opened);

    let no_terms = phone
        .post(
            &format!("/verifications/{}/start", app.token),
            json!({"agree_terms": false}),
        )
        .await;
    assert_eq!(
        (no_terms.status, no_terms.code()),
        (StatusCode::BAD_REQUEST, "terms_required")
    );
    let a = phone.start(&app.token).await;
    assert_eq!(a.status, StatusCode::OK);
    let r: StartVerificationResponse = a.parse();
    assert_eq!((r.path, r.session), (VerifyPath::Qr, None));
    assert!(
        !a.headers.contains_key("set-cookie"),
        "the phone is not logged in on the QR path"
    );

    // Single use: the token is spent.
    assert_eq!(phone.start(&app.token).await.code(), "token_invalid");
    assert_eq!(
        phone
            .get(&format!("/verifications/{}", app.token))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let st: ApplicationStatus = desktop.get(&status_path).await.parse();
    assert_eq!(st.state, ApplicationState::Verified);
    assert_eq!(desktop.get("/session").await.code(), "session_expired");
    let a = desktop.post_empty(&format!("{status_path}/session")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let cookie = a.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/")
    );
    assert!(!cookie.contains("Secure"));
    let session: Session = desktop.get("/session").await.parse();
    assert_eq!(session.name_masked, "王○明");
    // The desktop's login is single use too.
    assert_eq!(
        desktop
            .post_empty(&format!("{status_path}/session"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        desktop.get("/applications/unknown").await.code(),
        "not_found"
    );
}

#[tokio::test]
async fn qr_expiry_and_regeneration() {
    let s = Server::start(|c| c.qr_validity_seconds = 1).await;
    let c = s.client();
    let p = Person::new(2, 10);
    let app = c.apply_ok(&p, DeviceKind::Desktop).await;
    assert_eq!(app.expires_in_seconds, 1);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let st: ApplicationStatus = c
        .get(&format!("/applications/{}", app.application_id))
        .await
        .parse();
    assert_eq!(
        (st.state, st.expires_in_seconds),
        (ApplicationState::Expired, 0)
    );
    let a = c.get(&format!("/verifications/{}", app.token)).await;
    assert_eq!((a.status, a.code()), (StatusCode::GONE, "expired"));
    assert_eq!(c.start(&app.token).await.code(), "expired");

    let fresh: QrToken = c
        .post_empty(&format!("/applications/{}/qr", app.application_id))
        .await
        .parse();
    assert_ne!(fresh.token, app.token);
    let st: ApplicationStatus = c
        .get(&format!("/applications/{}", app.application_id))
        .await
        .parse();
    assert_eq!(st.state, ApplicationState::Pending);
    let again: QrToken = c
        .post_empty(&format!("/applications/{}/qr", app.application_id))
        .await
        .parse();
    // Regenerating invalidates the previous token, even a live one.
    let a = c.get(&format!("/verifications/{}", fresh.token)).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::NOT_FOUND, "token_invalid")
    );
    assert_eq!(
        c.get(&format!("/verifications/{}", app.token)).await.code(),
        "token_invalid"
    );
    assert_eq!(c.start(&again.token).await.status, StatusCode::OK);
    let a = c
        .post_empty(&format!("/applications/{}/qr", app.application_id))
        .await;
    assert_eq!(
        a.status,
        StatusCode::CONFLICT,
        "a verified application gets no new QR"
    );
}

#[tokio::test]
async fn captchas_are_single_use_and_checked() {
    let s = Server::start(|c| c.captcha_text = None).await;
    let c = s.client();
    let cap = c.captcha().await;
    assert!(cap.image.starts_with("data:image/png;base64,"));
    assert_eq!(cap.expires_in_seconds, 120);
    let p = Person::new(3, 11);
    let a = c
        .post(
            "/applications",
            p.application(DeviceKind::Desktop, &cap.captcha_id, "ZZZZZZZ"),
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "captcha_wrong")
    );
    assert_eq!(a.body["field"], "captcha");
    assert_eq!(a.body["errors"].as_array().unwrap().len(), 1);

    let s = Server::start(|_| {}).await;
    let c = s.client();
    let cap = c.captcha().await;
    let body = p.application(
        DeviceKind::Desktop,
        &cap.captcha_id,
        &CAPTCHA.to_lowercase(),
    );
    assert_eq!(
        c.post("/applications", body.clone()).await.status,
        StatusCode::CREATED,
        "case-insensitive"
    );
    let a = c.post("/applications", body).await;
    assert_eq!(a.code(), "captcha_wrong", "a captcha works once");
    let a = c
        .post(
            "/applications",
            p.application(DeviceKind::Desktop, "no-such-captcha", CAPTCHA),
        )
        .await;
    assert_eq!(a.code(), "captcha_wrong");
}

#[tokio::test]
async fn field_errors_come_in_screen_order() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    let cap = c.captcha().await;
    let p = Person::new(4, 12);
    let mut body = p.application(DeviceKind::Tablet, &cap.captcha_id, "WRONG");
    body["national_id"] = json!("A123");
    body["mobile"] = json!("0812");
    body["birth_date"] = json!("0801301");
    body["name"] = json!("");
    body["password"] = json!("abcdef");
    body["device"] = json!({"kind": "tablet"});
    let a = c.post("/applications", body).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let problem: Problem = a.parse();
    let got: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("national_id", "id_format"),
            ("mobile", "mobile_format"),
            ("birth_date", "birth_invalid"),
            ("name", "name_required"),
            ("has_sim", "has_sim_required"),
            ("captcha", "captcha_wrong"),
            ("password", "password_mix"),
        ]
    );
    assert_eq!(
        (problem.code, problem.field.map(|f| f.as_str())),
        (ErrorCode::IdFormat, Some("national_id"))
    );
    assert!(
        problem.message.starts_with("Enter the ID"),
        "Accept-Language: en is honoured"
    );

    for bad in [
        json!(null),
        json!([1, 2]),
        json!({"national_id": 5}),
        json!("x"),
    ] {
        let a = c.post("/applications", bad).await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::BAD_REQUEST, "invalid_request")
        );
    }
    let mut bad_key = p.application(DeviceKind::Phone, &c.captcha().await.captcha_id, CAPTCHA);
    bad_key["device_key"]["x"] = json!("AAAA");
    assert_eq!(
        c.post("/applications", bad_key).await.code(),
        "invalid_request"
    );
    let a = c
        .post("/id-check", json!({"national_id": "A123456788"}))
        .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "id_checksum")
    );
}

#[tokio::test]
async fn login_with_a_device_signature() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    let p = Person::new(5, 33);
    let id_check = |key_id: Option<String>| {
        let c = &c;
        let id = p.national_id.clone();
        async move {
            c.post("/id-check", json!({"national_id": id, "key_id": key_id}))
                .await
                .parse::<IdCheckResponse>()
        }
    };
    assert!(!id_check(Some(p.key_id.clone())).await.bound);
    c.enroll(&p).await;
    assert!(id_check(Some(p.key_id.clone())).await.bound);
    assert!(!id_check(Some("other".into())).await.bound);
    assert!(!id_check(None).await.bound);
    assert_eq!(c.delete("/session").await.status, StatusCode::NO_CONTENT);
    assert_eq!(c.get("/session").await.code(), "session_expired");

    let a = c.login(&p, PASSWORD).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let session: Session = a.parse();
    assert_eq!(session.national_id_masked, "A1■■■■■■■■");
    assert_eq!(session.expires_in_seconds, 900);
    let refreshed: Session = c.post_empty("/session/refresh").await.parse();
    assert_eq!(refreshed.expires_in_seconds, 900);

    // A challenge works once, and only with the key it was issued for.
    let ch = c.challenge(&p).await;
    let body = p.login_body(&ch, NAME, PASSWORD);
    assert_eq!(c.post("/login", body.clone()).await.status, StatusCode::OK);
    assert_eq!(c.post("/login", body).await.code(), "login_failed");

    // Another browser's key, even with the right password, is not bound.
    let other = p.in_another_browser();
    assert_eq!(s.client().login(&other, PASSWORD).await.code(), "not_bound");
    // A signature by another key over the right challenge fails the same way.
    let ch = c.challenge(&p).await;
    let forged = json!({
        "national_id": p.national_id, "birth_date": BIRTH, "name": NAME, "password": PASSWORD,
        "key_id": p.key_id, "challenge_id": ch.challenge_id, "signature": other.sign(&ch.challenge),
    });
    let a = c.post("/login", forged).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNAUTHORIZED, "not_bound")
    );
    // An unknown ID answers exactly like an enrolled ID with a foreign key.
    let nobody = Person::new(6, 33);
    let a = s.client().login(&nobody, PASSWORD).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNAUTHORIZED, "not_bound")
    );

    // Re-enrolling from a new browser replaces the binding.
    let newer = p.in_another_browser();
    s.client().enroll(&newer).await;
    assert_eq!(s.client().login(&p, PASSWORD).await.code(), "not_bound");
    assert_eq!(
        s.client().login(&newer, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_for_fifteen_minutes() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    let p = Person::new(7, 20);
    c.enroll(&p).await;
    for i in 1..=4 {
        let a = c.login(&p, "wrong123").await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::UNAUTHORIZED, "login_failed"),
            "attempt {i}"
        );
    }
    let a = c.login(&p, "wrong123").await;
    assert_eq!((a.status, a.code()), (StatusCode::LOCKED, "locked"));
    let a = c.login(&p, PASSWORD).await;
    assert_eq!(
        a.code(),
        "locked",
        "even the right password waits out the lock"
    );
    // Applying again is the documented way out.
    c.enroll(&p).await;
    assert_eq!(c.login(&p, PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn rate_limit_answers_429() {
    let s = Server::start(|c| c.rate_limit_per_minute = 3).await;
    let c = s.client();
    for _ in 0..3 {
        c.captcha().await;
    }
    let a = c.post_empty("/captchas").await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
    );
    assert!(
        a.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            <= 60
    );
    assert_eq!(a.body["retryable"], true);
    // Buckets are separate.
    assert_eq!(
        c.post("/login/challenge", json!({"key_id": "k"}))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn enrollments_survive_a_restart() {
    let s = Server::start(|_| {}).await;
    let db = s.db.clone();
    let p = Person::new(8, 55);
    s.client().enroll(&p).await;
    s.stop();
    let s = Server::start_with_db(db, |_| {}).await;
    let c = s.client();
    let a = c
        .post(
            "/id-check",
            json!({"national_id": p.national_id, "key_id": p.key_id}),
        )
        .await;
    assert_eq!(a.body["bound"], true);
    assert_eq!(c.login(&p, PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_applications() {
    let s = Server::start(|_| {}).await;
    let mut set = tokio::task::JoinSet::new();
    for n in 0..20 {
        let c = s.client();
        set.spawn(async move {
            let p = Person::new(1000 + n, n % 90);
            let kind = if n % 2 == 0 {
                DeviceKind::Desktop
            } else {
                DeviceKind::Phone
            };
            let app = c.apply_ok(&p, kind).await;
            assert_eq!(c.start(&app.token).await.status, StatusCode::OK);
            (app.application_id, app.token)
        });
    }
    let mut ids = std::collections::HashSet::new();
    while let Some(r) = set.join_next().await {
        let (id, token) = r.unwrap();
        assert!(ids.insert(id) && ids.insert(token));
    }
    assert_eq!(ids.len(), 40);
}

#[tokio::test]
async fn records_only_for_the_own_session_and_idle_expiry() {
    let s = Server::start(|c| c.session_idle_seconds = 2).await;
    let (alice, bob) = (s.client(), s.client());
    let (pa, pb) = (Person::new(9, 1), Person::new(10, 2));
    alice.enroll(&pa).await;
    bob.enroll(&pb).await;
    let ra: Records = alice.get("/records").await.parse();
    let rb: Records = bob.get("/records").await.parse();
    assert!(!ra.records.is_empty() && ra != rb);
    assert_eq!(
        ra,
        alice.get("/records").await.parse::<Records>(),
        "deterministic"
    );
    assert_eq!(
        ra.records
            .iter()
            .filter(|r| r.end_date.is_none() && r.insurance == InsuranceType::Labor)
            .count(),
        1
    );
    let stranger = s.client();
    assert_eq!(stranger.get("/records").await.code(), "session_expired");
    assert_eq!(
        stranger.get("/records").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(bob.delete("/session").await.status, StatusCode::NO_CONTENT);
    assert_eq!(bob.get("/records").await.status, StatusCode::UNAUTHORIZED);
    tokio::time::sleep(Duration::from_millis(2300)).await;
    assert_eq!(alice.get("/session").await.code(), "session_expired");
}

#[tokio::test]
async fn logs_carry_no_personal_data() {
    let s = Server::start(|_| {}).await;
    let c = s.client();
    let p = Person::new(11, 42);
    c.enroll(&p).await;
    let app = c.apply_ok(&p, DeviceKind::Desktop).await;
    c.get(&format!("/verifications/{}", app.token)).await;
    c.get(&format!("/applications/{}", app.application_id))
        .await;
    c.login(&p, PASSWORD).await;
    c.get("/records").await;
    reqwest::get(format!("http://{}/{}", s.addr, p.national_id))
        .await
        .unwrap();
    let logs = s.log_text();
    assert!(logs.contains("POST /api/v1/applications 201"), "{logs}");
    assert!(
        logs.contains("GET /api/v1/verifications/{id} 200"),
        "{logs}"
    );
    let secrets: [&str; 8] = [
        &p.national_id,
        &p.mobile,
        NAME,
        PASSWORD,
        BIRTH,
        &p.key_id,
        &app.token,
        &app.application_id,
    ];
    for secret in secrets {
        assert!(!logs.contains(secret), "log leaks {secret}:\n{logs}");
    }
    assert!(!logs.contains(&p.national_id[..5]));
    for line in logs.lines().filter(|l| !l.starts_with("WARNING")) {
        let ms = line.rsplit(' ').next().unwrap();
        assert!(ms.ends_with("ms"), "{line}");
    }
}

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let s = Server::start(|c| c.cors_origins = vec!["https://agency.example".into()]).await;
    let http = reqwest::Client::new();
    let url = format!("{}/config", s.base);
    let res = http
        .get(&url)
        .header("origin", "https://agency.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://agency.example"
    );
    assert_eq!(res.headers()["access-control-allow-credentials"], "true");
    let res = http
        .get(&url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(!res.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_passes_its_own_conformance_checks() {
    let s = Server::start(|_| {}).await;
    let report = mobile_auth_conformance::run(mobile_auth_conformance::Options {
        url: format!("http://{}", s.addr),
        captcha: Some(CAPTCHA.into()),
        security: Default::default(),
        security_only: false,
    })
    .await;
    let failures: Vec<String> = report
        .failures()
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(report.checks.len() > 300, "{} checks", report.checks.len());
}

/// Every kind of refusal, from each place one is made (a handler, the signed-in check, a body
/// that does not parse, the write and host guards, the router's fallbacks), answered in the
/// request's language: exactly the `Problem` core builds for that language, byte for byte.
#[tokio::test]
async fn refusals_speak_the_request_language() {
    use mobile_auth_core::{Field, Lang};
    use StatusCode as S;
    let s = Server::start(|_| {}).await;
    let http = reqwest::Client::new();
    // (method, path, body: "" none / "text" as text/plain / JSON otherwise, Host, answer)
    let cases = [
        (
            "GET",
            "/session",
            "",
            None,
            S::UNAUTHORIZED,
            ErrorCode::SessionExpired,
        ),
        (
            "POST",
            "/session/refresh",
            "{}",
            None,
            S::UNAUTHORIZED,
            ErrorCode::SessionExpired,
        ),
        (
            "GET",
            "/records",
            "",
            None,
            S::UNAUTHORIZED,
            ErrorCode::SessionExpired,
        ),
        (
            "POST",
            "/id-check",
            "{",
            None,
            S::BAD_REQUEST,
            ErrorCode::InvalidRequest,
        ),
        (
            "GET",
            "/verifications/x",
            "",
            None,
            S::NOT_FOUND,
            ErrorCode::TokenInvalid,
        ),
        (
            "GET",
            "/applications/x",
            "",
            None,
            S::NOT_FOUND,
            ErrorCode::NotFound,
        ),
        (
            "GET",
            "/no-such-thing",
            "",
            None,
            S::NOT_FOUND,
            ErrorCode::NotFound,
        ),
        (
            "DELETE",
            "/config",
            "",
            None,
            S::METHOD_NOT_ALLOWED,
            ErrorCode::InvalidRequest,
        ),
        (
            "POST",
            "/captchas",
            "{}",
            Some("evil.example"),
            S::MISDIRECTED_REQUEST,
            ErrorCode::InvalidRequest,
        ),
        (
            "POST",
            "/captchas",
            "text",
            None,
            S::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::InvalidRequest,
        ),
    ];
    let id_code = mobile_auth_core::national_id::validate_national_id("A123").unwrap_err();
    for (accept, lang) in [
        (Some("en"), Lang::En),
        (Some("zh-TW"), Lang::ZhTw),
        (None, Lang::ZhTw),
    ] {
        let send = |method: &str, path: &str, body: &str, host: Option<&str>| {
            let mut req = http.request(method.parse().unwrap(), format!("{}{path}", s.base));
            if let Some(a) = accept {
                req = req.header("accept-language", a);
            }
            if let Some(h) = host {
                req = req.header("host", h);
            }
            if !body.is_empty() {
                let kind = if body == "text" {
                    "text/plain"
                } else {
                    "application/json"
                };
                req = req.header("content-type", kind).body(body.to_string());
            }
            req.send()
        };
        for (method, path, body, host, status, code) in cases {
            let res = send(method, path, body, host).await.unwrap();
            let what = format!("{method} {path} {accept:?}");
            assert_eq!(res.status(), status, "{what}");
            assert_eq!(res.headers()["content-type"], "application/json", "{what}");
            let want = serde_json::to_string(&Problem::new(code, lang)).unwrap();
            assert_eq!(res.text().await.unwrap(), want, "{what}");
        }
        let res = send("POST", "/id-check", r#"{"national_id":"A123"}"#, None);
        let want = Problem::fields(&[(Field::NationalId, id_code)], lang).unwrap();
        assert_eq!(
            res.await.unwrap().text().await.unwrap(),
            serde_json::to_string(&want).unwrap(),
            "fields {accept:?}"
        );
    }
    // The languages really differ, so the comparisons above tell them apart.
    let message = |lang| Problem::new(ErrorCode::SessionExpired, lang).message;
    assert_ne!(message(Lang::En), message(Lang::ZhTw));
}

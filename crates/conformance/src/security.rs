//! The security section of the conformance run: what any backend behind the SPA must refuse,
//! each a named check in the report. Beyond the contract's shapes: these are the attacks the
//! sandbox was tried with (docs/security.md).

use std::time::Duration;

use mobile_auth_core::contract::{ApplicationResponse, Captcha, Challenge};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::checker::{client, Checker};
use crate::person::{mobile, Person};

/// Settings of the backend under test that some checks need.
#[derive(Debug, Clone, Default)]
pub struct SecurityOptions {
    /// The backend trusts this client as a proxy (its `X-Forwarded-For` names clients):
    /// check that two forwarded clients are limited apart.
    pub forwarded_clients: bool,
    /// The backend's configured absolute session lifetime, when short enough to wait for.
    pub session_max_seconds: Option<u64>,
}

struct Raw {
    status: StatusCode,
    body: Value,
    cookies: Vec<String>,
}

impl Raw {
    fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

async fn send(
    http: &reqwest::Client,
    method: Method,
    url: String,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Result<Raw, String> {
    let mut req = http.request(method, url).header("accept-language", "en");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(b) = body {
        req = req.body(b);
    }
    let res = req.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = res.status();
    let cookies = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    let text = res.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok(Raw {
        status,
        body,
        cookies,
    })
}

const JSON: (&str, &str) = ("content-type", "application/json");

async fn post_json(
    c: &Checker,
    http: &reqwest::Client,
    path: &str,
    body: Value,
) -> Result<Raw, String> {
    send(
        http,
        Method::POST,
        format!("{}{path}", c.base),
        &[JSON],
        Some(body.to_string()),
    )
    .await
}

fn expect(ok: bool, detail: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(detail())
    }
}

/// The checks that need an enrollment run only with the backend's captcha text; a backend
/// that trusts this client as its proxy cannot also show a fixed captcha (the sandbox refuses
/// both at once), so the forwarded-client check runs without it.
pub(super) async fn security(
    c: &mut Checker,
    text: Option<&str>,
    carrier: &str,
    opts: &SecurityOptions,
) {
    let r = foreign_writes(c, opts.forwarded_clients).await;
    c.record(
        "security: cross-site and text/plain POSTs are refused".into(),
        r,
    );
    if opts.forwarded_clients {
        let r = forwarded_limits(c).await;
        c.record(
            "security: per-client limits through a trusted proxy".into(),
            r,
        );
    }
    let Some(text) = text else {
        return;
    };
    let r = stranger_claim(c, text, carrier).await;
    c.record("security: a stranger's session claim is refused".into(), r);
    let r = direct_token_alone(c, text, carrier).await;
    c.record(
        "security: on the direct path a token alone is no session".into(),
        r,
    );
    let r = re_enrollment_voids(c, text, carrier).await;
    c.record(
        "security: re-enrollment voids unclaimed applications".into(),
        r,
    );
    let r = parallel_lockout(c, text, carrier).await;
    c.record(
        "security: lockout holds under 20 parallel attempts".into(),
        r,
    );
    if let Some(max) = opts.session_max_seconds {
        let r = absolute_expiry(c, text, carrier, max).await;
        c.record(
            "security: the absolute session lifetime is honoured".into(),
            r,
        );
    }
}

async fn new_application(
    c: &Checker,
    http: &reqwest::Client,
    p: &Person,
    kind: &str,
    text: &str,
    carrier: &str,
) -> Result<ApplicationResponse, String> {
    let cap = post_json(c, http, "/captchas", json!({})).await?;
    let cap: Captcha =
        serde_json::from_value(cap.body.clone()).map_err(|e| format!("captcha: {e}"))?;
    let a = post_json(
        c,
        http,
        "/applications",
        p.application(&mobile(0), kind, &cap, text, carrier),
    )
    .await?;
    serde_json::from_value(a.body.clone()).map_err(|e| format!("application: {e}: {}", a.body))
}

/// A new person enrolled on the direct path: the phone's client is logged in.
async fn enrolled_on_a_phone(
    c: &Checker,
    text: &str,
    carrier: &str,
) -> Result<(reqwest::Client, Person), String> {
    let http = client();
    let p = Person::new();
    let app = new_application(c, &http, &p, "phone", text, carrier).await?;
    let start = json!({"agree_terms": true, "connection": "cellular"});
    let path = format!("/verifications/{}/start", app.token);
    let started = post_json(c, &http, &path, start).await?;
    expect(started.status == StatusCode::OK, || {
        format!("direct start: {}", started.body)
    })?;
    Ok((http, p))
}

async fn stranger_claim(c: &Checker, text: &str, carrier: &str) -> Result<(), String> {
    let (desktop, phone, stranger) = (client(), client(), client());
    let p = Person::new();
    let app = new_application(c, &desktop, &p, "desktop", text, carrier).await?;
    let start = json!({"agree_terms": true, "connection": "cellular"});
    let started = post_json(
        c,
        &phone,
        &format!("/verifications/{}/start", app.token),
        start,
    )
    .await?;
    expect(started.status == StatusCode::OK, || {
        format!("phone start: {}", started.body)
    })?;
    let path = format!("/applications/{}", app.application_id);
    for who in [&stranger, &phone] {
        let claim = post_json(c, who, &format!("{path}/session"), json!({})).await?;
        expect(
            !claim.status.is_success() && claim.cookies.is_empty(),
            || {
                format!(
                    "another browser claimed the session: {} {}",
                    claim.status, claim.body
                )
            },
        )?;
        let status = send(who, Method::GET, format!("{}{path}", c.base), &[], None).await?;
        expect(!status.status.is_success(), || {
            format!("another browser read the application: {}", status.body)
        })?;
    }
    let own = post_json(c, &desktop, &format!("{path}/session"), json!({})).await?;
    expect(own.status == StatusCode::OK, || {
        format!("the applicant's claim failed: {}", own.body)
    })
}

/// The phone that applied on the direct path shows its token in its address; another client
/// holding it must get neither the summary, nor a verification, nor a session.
async fn direct_token_alone(c: &Checker, text: &str, carrier: &str) -> Result<(), String> {
    let (phone, stranger) = (client(), client());
    let p = Person::new();
    let app = new_application(c, &phone, &p, "phone", text, carrier).await?;
    let url = format!("{}/verifications/{}", c.base, app.token);
    let seen = send(&stranger, Method::GET, url.clone(), &[], None).await?;
    expect(!seen.status.is_success(), || {
        format!(
            "another client read the direct path's summary: {}",
            seen.body
        )
    })?;
    let start = json!({"agree_terms": true, "connection": "cellular"});
    let path = format!("/verifications/{}/start", app.token);
    let taken = post_json(c, &stranger, &path, start.clone()).await?;
    expect(
        !taken.status.is_success() && taken.cookies.is_empty(),
        || {
            format!(
                "another client holding the token verified it: {} {}",
                taken.status, taken.body
            )
        },
    )?;
    let own = post_json(c, &phone, &path, start).await?;
    expect(
        own.status == StatusCode::OK && !own.cookies.is_empty(),
        || format!("the applicant's own phone was refused: {}", own.body),
    )
}

/// An application verified on the QR path but not claimed, then the same ID enrolled again
/// from another browser: the old application must not give a session any more.
async fn re_enrollment_voids(c: &Checker, text: &str, carrier: &str) -> Result<(), String> {
    let (desktop, phone, new_phone) = (client(), client(), client());
    let p = Person::new();
    let app = new_application(c, &desktop, &p, "desktop", text, carrier).await?;
    let start = json!({"agree_terms": true, "connection": "cellular"});
    let verified = post_json(
        c,
        &phone,
        &format!("/verifications/{}/start", app.token),
        start.clone(),
    )
    .await?;
    expect(verified.status == StatusCode::OK, || {
        format!("phone start: {}", verified.body)
    })?;
    let again = new_application(
        c,
        &new_phone,
        &p.in_another_browser(),
        "phone",
        text,
        carrier,
    )
    .await?;
    let path = format!("/verifications/{}/start", again.token);
    let re = post_json(c, &new_phone, &path, start).await?;
    expect(re.status == StatusCode::OK, || {
        format!("re-enrollment: {}", re.body)
    })?;
    let claim = format!("/applications/{}/session", app.application_id);
    let late = post_json(c, &desktop, &claim, json!({})).await?;
    expect(!late.status.is_success() && late.cookies.is_empty(), || {
        format!(
            "the application verified before the re-enrollment still gave a session: {} {}",
            late.status, late.body
        )
    })
}

/// `trusted`: the backend trusts this client as its proxy, so the proxy's own headers are
/// believed and the forged-proxy-header case does not apply.
async fn foreign_writes(c: &Checker, trusted: bool) -> Result<(), String> {
    let http = reqwest::Client::new();
    let id_check = json!({"national_id": "A123456789"}).to_string();
    let evil = ("origin", "https://evil.example");
    let mut cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "text/plain from another site",
            vec![("content-type", "text/plain"), evil],
        ),
        (
            "a form post",
            vec![("content-type", "application/x-www-form-urlencoded")],
        ),
        ("JSON with a foreign Origin", vec![JSON, evil]),
        (
            "JSON marked cross-site",
            vec![JSON, evil, ("sec-fetch-site", "cross-site")],
        ),
    ];
    if !trusted {
        cases.push((
            "JSON from a foreign Origin that names itself in X-Forwarded-Host",
            vec![JSON, evil, ("x-forwarded-host", "evil.example")],
        ));
    }
    for (what, headers) in cases {
        for path in ["/captchas", "/id-check"] {
            let a = send(
                &http,
                Method::POST,
                format!("{}{path}", c.base),
                &headers,
                Some(id_check.clone()),
            )
            .await?;
            expect(!a.status.is_success(), || {
                format!("POST {path} ({what}) answered {}", a.status)
            })?;
        }
    }
    Ok(())
}

async fn parallel_lockout(c: &Checker, text: &str, carrier: &str) -> Result<(), String> {
    let (http, p) = enrolled_on_a_phone(c, text, carrier).await?;
    let login = |ch: &Challenge, password: &str| {
        json!({
            "national_id": p.national_id, "birth_date": "0800101", "name": "王小明", "password": password,
            "key_id": p.key_id, "challenge_id": ch.challenge_id, "signature": p.sign(&ch.challenge),
        })
    };
    let mut bodies = Vec::new();
    for _ in 0..21 {
        let ch = post_json(c, &http, "/login/challenge", json!({"key_id": p.key_id})).await?;
        let ch: Challenge = serde_json::from_value(ch.body.clone())
            .map_err(|e| format!("challenge: {e}: {}", ch.body))?;
        bodies.push(ch);
    }
    let last = bodies.pop().ok_or("no challenge")?;
    let mut set = tokio::task::JoinSet::new();
    for ch in &bodies {
        let (http, url, body) = (
            http.clone(),
            format!("{}/login", c.base),
            login(ch, "wrong999").to_string(),
        );
        set.spawn(async move { send(&http, Method::POST, url, &[JSON], Some(body)).await });
    }
    let mut checked = 0;
    while let Some(a) = set.join_next().await {
        let a = a.map_err(|e| e.to_string())??;
        match a.code() {
            "login_failed" => checked += 1,
            "locked" | "too_many_attempts" => {}
            other => return Err(format!("a wrong password answered {} {other}", a.status)),
        }
    }
    expect(checked <= 4, || {
        format!("{checked} of 20 parallel wrong passwords were judged before the lock")
    })?;
    let right = post_json(c, &http, "/login", login(&last, "abc123")).await?;
    expect(right.code() == "locked", || {
        format!("after the lock the right password answered {}", right.body)
    })
}

/// This client is the backend's trusted proxy, writing X-Forwarded-For as the shipped proxies
/// do. A client behind it may also send `Forwarded` and `X-Real-IP` itself, which a proxy
/// passes through: with a new value in each every time, it must still be limited as one
/// client, and spend no other client's allowance by naming it.
async fn forwarded_limits(c: &Checker) -> Result<(), String> {
    let http = reqwest::Client::new();
    let url = format!("{}/captchas", c.base);
    let as_client = |xff: &'static str, claim: String| {
        let (http, url) = (http.clone(), url.clone());
        async move {
            let forwarded = format!("for={claim}");
            let h = [
                JSON,
                ("x-forwarded-for", xff),
                ("forwarded", forwarded.as_str()),
                ("x-real-ip", claim.as_str()),
            ];
            send(&http, Method::POST, url, &h, Some("{}".into())).await
        }
    };
    let mut limited = false;
    for i in 0..2000u32 {
        let claim = format!("203.0.{}.{}", i / 250, i % 250 + 1);
        let a = as_client("198.51.100.1", claim).await?;
        if a.status == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
    }
    expect(limited, || {
        "2000 captchas for one forwarded client, each claiming another address in Forwarded and \
         X-Real-IP, were never limited"
            .into()
    })?;
    for _ in 0..5 {
        let a = as_client("198.51.100.1", "198.51.100.2".into()).await?;
        expect(a.status == StatusCode::TOO_MANY_REQUESTS, || {
            format!(
                "the limited client, naming another, was served: {}",
                a.status
            )
        })?;
    }
    let other = as_client("198.51.100.2", "198.51.100.1".into()).await?;
    expect(other.status == StatusCode::CREATED, || {
        format!(
            "another forwarded client was limited too: {} {}",
            other.status, other.body
        )
    })
}

async fn absolute_expiry(c: &Checker, text: &str, carrier: &str, max: u64) -> Result<(), String> {
    let (http, _) = enrolled_on_a_phone(c, text, carrier).await?;
    let deadline =
        std::time::Instant::now() + Duration::from_secs(max) + Duration::from_millis(1500);
    while std::time::Instant::now() < deadline {
        let a = post_json(c, &http, "/session/refresh", json!({})).await?;
        if a.code() == "session_expired" {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Err(format!(
        "refreshed every 0.5 s, the session outlived its {max} s lifetime"
    ))
}

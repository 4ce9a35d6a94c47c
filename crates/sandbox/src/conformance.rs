//! Contract checks against any backend URL: documented shapes for valid and generated malformed
//! requests, no 5xx, status codes matching their error codes, and (when the backend's captcha
//! text is known) the whole enrollment, QR, login and outcome-table flows.

use mobile_auth_core::contract::{
    ApplicationResponse, ApplicationStatus, Captcha, Challenge, QrToken, StartVerificationResponse,
};
use mobile_auth_core::national_id::check_digit;
use mobile_auth_core::ErrorCode;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use reqwest::Method;
use serde_json::{json, Value};

use crate::crypto;
use crate::schema::Spec;

mod security;
pub use security::SecurityOptions;

pub struct Options {
    /// Backend base URL, with or without the `/api/v1` suffix.
    pub url: String,
    /// The backend's fixed captcha text (test mode); without it the flows and the security
    /// section are skipped.
    pub captcha: Option<String>,
    /// What the security section may assume of the backend's settings.
    pub security: SecurityOptions,
    /// Only the security section (for a backend configured with tight limits to test them).
    pub security_only: bool,
}

#[derive(Debug)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.ok)
    }
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.ok).count()
    }
}

struct Answer {
    status: u16,
    body: Value,
}

impl Answer {
    fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    fn parse<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.body.clone()).ok()
    }
}

struct Checker {
    spec: Spec,
    base: String,
    report: Report,
}

enum Payload {
    None,
    Json(Value),
    Raw(String),
}

impl Checker {
    fn record(&mut self, name: String, result: Result<(), String>) {
        let (ok, detail) = match result {
            Ok(()) => (true, String::new()),
            Err(e) => (false, e),
        };
        self.report.checks.push(Check { name, ok, detail });
    }

    /// Sends one request and checks its answer against the document. `doc_path` is the path as
    /// documented; `path` the one sent. `expect` optionally names the status and code wanted.
    // Every argument is one part of the request or of its expectation, so each call reads as a row.
    #[allow(clippy::too_many_arguments)]
    async fn call(
        &mut self,
        http: &reqwest::Client,
        method: Method,
        doc_path: &str,
        path: &str,
        payload: Payload,
        expect: Option<(u16, Option<ErrorCode>)>,
        label: &str,
    ) -> Option<Answer> {
        let name = format!("{method} {doc_path} {label}");
        let mut req = http
            .request(method.clone(), format!("{}{path}", self.base))
            .header("accept-language", "en");
        req = match payload {
            // A write always says it is JSON: a backend may (and should) refuse any other.
            Payload::None if method == Method::POST => req.json(&serde_json::json!({})),
            Payload::None => req,
            Payload::Json(v) => req.json(&v),
            Payload::Raw(s) => req.header("content-type", "application/json").body(s),
        };
        let res = match req.send().await {
            Ok(r) => r,
            Err(e) => {
                self.record(name, Err(format!("no answer: {e}")));
                return None;
            }
        };
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        let body: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        let answer = Answer { status, body };
        let result = self.judge(&method, doc_path, &answer, expect);
        self.record(name, result);
        Some(answer)
    }

    fn judge(
        &self,
        method: &Method,
        doc_path: &str,
        a: &Answer,
        expect: Option<(u16, Option<ErrorCode>)>,
    ) -> Result<(), String> {
        let code = ErrorCode::parse(a.code());
        if a.status >= 500 && !(a.status == 503 && code == Some(ErrorCode::CarrierUnavailable)) {
            return Err(format!("server error {}: {}", a.status, a.body));
        }
        let schema = self
            .spec
            .response_schema(method.as_str(), doc_path, a.status)?;
        match schema.as_deref() {
            Some(name) => self
                .spec
                .validate(name, &a.body)
                .map_err(|e| format!("{} answer: {e}", a.status))?,
            None if !a.body.is_null() => {
                return Err(format!("{}: expected no body, got {}", a.status, a.body))
            }
            None => {}
        }
        if schema.as_deref() == Some("Problem") {
            let code = code.ok_or("unknown code")?;
            let exception = code == ErrorCode::InvalidRequest && matches!(a.status, 405 | 409);
            if a.status != code.http_status() && !exception {
                return Err(format!(
                    "status {} does not match code {code} ({})",
                    a.status,
                    code.http_status()
                ));
            }
        }
        if let Some((status, want)) = expect {
            if a.status != status || want.is_some_and(|w| Some(w) != code) {
                return Err(format!(
                    "expected {status} {}, got {} {}",
                    want.map_or("", |c| c.as_str()),
                    a.status,
                    a.body
                ));
            }
        }
        Ok(())
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("HTTP client")
}

/// A random valid citizen ID, so runs never collide with earlier enrollments.
fn random_id() -> String {
    let b = crypto::random_bytes::<8>();
    let digits = u64::from_le_bytes(b) % 10_000_000;
    let first9 = format!(
        "{}{}{digits:07}",
        char::from(b'A' + b[0] % 26),
        1 + b[1] % 2
    );
    let check = check_digit(&first9).unwrap_or(0);
    format!("{first9}{check}")
}

struct Person {
    national_id: String,
    key: SigningKey,
    key_id: String,
}

impl Person {
    fn new() -> Person {
        let key = loop {
            if let Ok(k) = SigningKey::from_bytes(&crypto::random_bytes::<32>().into()) {
                break k;
            }
        };
        Person {
            national_id: random_id(),
            key,
            key_id: crypto::token(),
        }
    }

    fn application(
        &self,
        mobile: &str,
        kind: &str,
        captcha: &Captcha,
        text: &str,
        carrier: &str,
    ) -> Value {
        let p = self.key.verifying_key().to_encoded_point(false);
        json!({
            "national_id": self.national_id, "carrier": carrier, "mobile": mobile, "nhi_card": "000012345678",
            "birth_date": "0800101", "name": "王小明", "confirm": true, "captcha_id": captcha.captcha_id,
            "captcha": text, "password": "abc123", "device": {"kind": kind},
            "device_key": {"key_id": self.key_id, "kty": "EC", "crv": "P-256",
                "x": crypto::b64(p.x().map(|x| x.as_slice()).unwrap_or_default()),
                "y": crypto::b64(p.y().map(|y| y.as_slice()).unwrap_or_default())},
        })
    }

    fn sign(&self, challenge: &str) -> String {
        let sig: Signature = self
            .key
            .sign(&crypto::b64_decode(challenge).unwrap_or_default());
        crypto::b64(&sig.to_bytes())
    }
}

fn mobile(last_two: u32) -> String {
    let b = crypto::random_bytes::<4>();
    format!("091{:05}{last_two:02}", u32::from_le_bytes(b) % 100_000)
}

/// Runs every check and returns the report; it never panics on a misbehaving backend.
pub async fn run(opts: Options) -> Report {
    let url = opts.url.trim_end_matches('/');
    let base = if url.ends_with("/api/v1") {
        url.to_string()
    } else {
        format!("{url}/api/v1")
    };
    let mut c = Checker {
        spec: Spec::bundled(),
        base,
        report: Report::default(),
    };
    let carrier = basics(&mut c).await;
    if let Some(text) = opts.captcha.as_deref() {
        if !opts.security_only {
            flows(&mut c, text, &carrier).await;
        }
        security::security(&mut c, text, &carrier, &opts.security).await;
    }
    if !opts.security_only {
        malformed(&mut c).await;
    }
    c.report
}

/// Valid requests every backend answers the same way; returns a carrier id to apply with.
async fn basics(c: &mut Checker) -> String {
    let http = client();
    let config = c
        .call(
            &http,
            Method::GET,
            "/config",
            "/config",
            Payload::None,
            Some((200, None)),
            "",
        )
        .await;
    let carrier = config
        .and_then(|a| a.body["carriers"][0]["id"].as_str().map(str::to_string))
        .unwrap_or_else(|| "cht".into());
    if let Some(a) = c
        .call(
            &http,
            Method::POST,
            "/captchas",
            "/captchas",
            Payload::None,
            Some((201, None)),
            "",
        )
        .await
    {
        let image_ok = a.body["image"]
            .as_str()
            .is_some_and(|i| i.starts_with("data:image/"));
        c.record(
            "POST /captchas image is a data URL".into(),
            if image_ok {
                Ok(())
            } else {
                Err(a.body.to_string())
            },
        );
    }
    let id = random_id();
    let bound = c
        .call(
            &http,
            Method::POST,
            "/id-check",
            "/id-check",
            Payload::Json(json!({"national_id": id, "key_id": "nope"})),
            Some((200, None)),
            "unknown ID",
        )
        .await;
    if let Some(a) = bound {
        c.record(
            "POST /id-check unknown ID is not bound".into(),
            if a.body["bound"] == false {
                Ok(())
            } else {
                Err(a.body.to_string())
            },
        );
    }
    c.call(
        &http,
        Method::POST,
        "/id-check",
        "/id-check",
        Payload::Json(json!({"national_id": "A123"})),
        Some((400, Some(ErrorCode::IdFormat))),
        "bad ID",
    )
    .await;
    c.call(
        &http,
        Method::POST,
        "/login/challenge",
        "/login/challenge",
        Payload::Json(json!({"key_id": "k"})),
        Some((200, None)),
        "",
    )
    .await;
    for (method, doc, expect) in [
        (
            Method::GET,
            "/session",
            Some((401, Some(ErrorCode::SessionExpired))),
        ),
        (
            Method::POST,
            "/session/refresh",
            Some((401, Some(ErrorCode::SessionExpired))),
        ),
        (
            Method::GET,
            "/records",
            Some((401, Some(ErrorCode::SessionExpired))),
        ),
        (Method::DELETE, "/session", Some((204, None))),
    ] {
        c.call(
            &http,
            method,
            doc,
            doc,
            Payload::None,
            expect,
            "without a session",
        )
        .await;
    }
    let missing = "does-not-exist-0123456789abcdef";
    for (method, doc, path, code) in [
        (
            Method::GET,
            "/applications/{application_id}",
            format!("/applications/{missing}"),
            ErrorCode::NotFound,
        ),
        (
            Method::POST,
            "/applications/{application_id}/qr",
            format!("/applications/{missing}/qr"),
            ErrorCode::NotFound,
        ),
        (
            Method::POST,
            "/applications/{application_id}/session",
            format!("/applications/{missing}/session"),
            ErrorCode::NotFound,
        ),
        (
            Method::GET,
            "/verifications/{token}",
            format!("/verifications/{missing}"),
            ErrorCode::TokenInvalid,
        ),
    ] {
        c.call(
            &http,
            method,
            doc,
            &path,
            Payload::None,
            Some((404, Some(code))),
            "unknown id",
        )
        .await;
    }
    let start = json!({"agree_terms": true});
    c.call(
        &http,
        Method::POST,
        "/verifications/{token}/start",
        &format!("/verifications/{missing}/start"),
        Payload::Json(start),
        Some((404, Some(ErrorCode::TokenInvalid))),
        "unknown token",
    )
    .await;
    carrier
}

async fn captcha(c: &mut Checker, http: &reqwest::Client) -> Option<Captcha> {
    c.call(
        http,
        Method::POST,
        "/captchas",
        "/captchas",
        Payload::None,
        Some((201, None)),
        "",
    )
    .await?
    .parse()
}

async fn apply(
    c: &mut Checker,
    http: &reqwest::Client,
    p: &Person,
    mobile: &str,
    kind: &str,
    text: &str,
    carrier: &str,
) -> Option<ApplicationResponse> {
    let cap = captcha(c, http).await?;
    let body = p.application(mobile, kind, &cap, text, carrier);
    let a = c
        .call(
            http,
            Method::POST,
            "/applications",
            "/applications",
            Payload::Json(body),
            Some((201, None)),
            kind,
        )
        .await?;
    a.parse()
}

async fn flows(c: &mut Checker, text: &str, carrier: &str) {
    let (phone, desktop) = (client(), client());
    // Direct path on a phone: verified, logged in, records, logout, then the four-field login.
    let p = Person::new();
    if let Some(app) = apply(c, &phone, &p, &mobile(0), "phone", text, carrier).await {
        let tok = format!("/verifications/{}", app.token);
        c.call(
            &phone,
            Method::GET,
            "/verifications/{token}",
            &tok,
            Payload::None,
            Some((200, None)),
            "summary",
        )
        .await;
        let start = json!({"agree_terms": true, "connection": "cellular"});
        if let Some(a) = c
            .call(
                &phone,
                Method::POST,
                "/verifications/{token}/start",
                &format!("{tok}/start"),
                Payload::Json(start.clone()),
                Some((200, None)),
                "direct",
            )
            .await
        {
            let has = a
                .parse::<StartVerificationResponse>()
                .is_some_and(|r| r.session.is_some());
            c.record(
                "direct path start returns a session".into(),
                if has { Ok(()) } else { Err(a.body.to_string()) },
            );
        }
        c.call(
            &phone,
            Method::POST,
            "/verifications/{token}/start",
            &format!("{tok}/start"),
            Payload::Json(start),
            Some((404, Some(ErrorCode::TokenInvalid))),
            "token used twice",
        )
        .await;
        c.call(
            &phone,
            Method::GET,
            "/session",
            "/session",
            Payload::None,
            Some((200, None)),
            "after direct verification",
        )
        .await;
        c.call(
            &phone,
            Method::GET,
            "/records",
            "/records",
            Payload::None,
            Some((200, None)),
            "own records",
        )
        .await;
        c.call(
            &phone,
            Method::POST,
            "/session/refresh",
            "/session/refresh",
            Payload::None,
            Some((200, None)),
            "",
        )
        .await;
        c.call(
            &phone,
            Method::DELETE,
            "/session",
            "/session",
            Payload::None,
            Some((204, None)),
            "logout",
        )
        .await;
        c.call(
            &phone,
            Method::GET,
            "/session",
            "/session",
            Payload::None,
            Some((401, Some(ErrorCode::SessionExpired))),
            "after logout",
        )
        .await;
        let check = json!({"national_id": p.national_id, "key_id": p.key_id});
        if let Some(a) = c
            .call(
                &phone,
                Method::POST,
                "/id-check",
                "/id-check",
                Payload::Json(check),
                Some((200, None)),
                "bound key",
            )
            .await
        {
            c.record(
                "POST /id-check bound after enrollment".into(),
                if a.body["bound"] == true {
                    Ok(())
                } else {
                    Err(a.body.to_string())
                },
            );
        }
        for (password, expect) in [
            ("wrong999", (401, Some(ErrorCode::LoginFailed))),
            ("abc123", (200, None)),
        ] {
            let ch = c
                .call(
                    &phone,
                    Method::POST,
                    "/login/challenge",
                    "/login/challenge",
                    Payload::Json(json!({"key_id": p.key_id})),
                    Some((200, None)),
                    "",
                )
                .await;
            let Some(ch) = ch.and_then(|a| a.parse::<Challenge>()) else {
                continue;
            };
            let body = json!({"national_id": p.national_id, "birth_date": "0800101", "name": "王小明", "password": password,
                "key_id": p.key_id, "challenge_id": ch.challenge_id, "signature": p.sign(&ch.challenge)});
            c.call(
                &phone,
                Method::POST,
                "/login",
                "/login",
                Payload::Json(body),
                Some(expect),
                "signed",
            )
            .await;
        }
    }

    // QR path on a desktop: regenerate, phone verifies, desktop claims its session once.
    let p = Person::new();
    if let Some(app) = apply(c, &desktop, &p, &mobile(27), "desktop", text, carrier).await {
        let status = format!("/applications/{}", app.application_id);
        if let Some(a) = c
            .call(
                &desktop,
                Method::GET,
                "/applications/{application_id}",
                &status,
                Payload::None,
                Some((200, None)),
                "pending",
            )
            .await
        {
            let pending = a
                .parse::<ApplicationStatus>()
                .is_some_and(|s| s.state == mobile_auth_core::contract::ApplicationState::Pending);
            c.record(
                "new QR application is pending".into(),
                if pending {
                    Ok(())
                } else {
                    Err(a.body.to_string())
                },
            );
        }
        c.call(
            &desktop,
            Method::POST,
            "/applications/{application_id}/session",
            &format!("{status}/session"),
            Payload::None,
            Some((409, None)),
            "before verification",
        )
        .await;
        let fresh = c
            .call(
                &desktop,
                Method::POST,
                "/applications/{application_id}/qr",
                &format!("{status}/qr"),
                Payload::None,
                Some((200, None)),
                "regenerate",
            )
            .await;
        c.call(
            &phone,
            Method::GET,
            "/verifications/{token}",
            &format!("/verifications/{}", app.token),
            Payload::None,
            Some((404, Some(ErrorCode::TokenInvalid))),
            "replaced token",
        )
        .await;
        if let Some(q) = fresh.and_then(|a| a.parse::<QrToken>()) {
            let tok = format!("/verifications/{}", q.token);
            c.call(
                &phone,
                Method::GET,
                "/verifications/{token}",
                &tok,
                Payload::None,
                Some((200, None)),
                "new token",
            )
            .await;
            c.call(
                &phone,
                Method::POST,
                "/verifications/{token}/start",
                &format!("{tok}/start"),
                Payload::Json(json!({"agree_terms": false})),
                Some((400, Some(ErrorCode::TermsRequired))),
                "without terms",
            )
            .await;
            c.call(
                &phone,
                Method::POST,
                "/verifications/{token}/start",
                &format!("{tok}/start"),
                Payload::Json(json!({"agree_terms": true})),
                Some((200, None)),
                "qr",
            )
            .await;
            c.call(
                &desktop,
                Method::POST,
                "/applications/{application_id}/session",
                &format!("{status}/session"),
                Payload::None,
                Some((200, None)),
                "after verification",
            )
            .await;
            c.call(
                &desktop,
                Method::GET,
                "/records",
                "/records",
                Payload::None,
                Some((200, None)),
                "desktop records",
            )
            .await;
        }
    }

    // Every failing row of the outcome table.
    for (digits, code) in crate::carrier::OUTCOMES.iter().skip(1) {
        let Some(code) = *code else { continue };
        let http = client();
        let p = Person::new();
        let Some(app) = apply(c, &http, &p, &mobile(*digits), "phone", text, carrier).await else {
            continue;
        };
        let start = format!("/verifications/{}/start", app.token);
        let body = json!({"agree_terms": true});
        let label = format!("outcome {digits}");
        c.call(
            &http,
            Method::POST,
            "/verifications/{token}/start",
            &start,
            Payload::Json(body.clone()),
            Some((code.http_status(), Some(code))),
            &label,
        )
        .await;
        let again = if code.retryable() {
            (200, None)
        } else {
            (404, Some(ErrorCode::TokenInvalid))
        };
        c.call(
            &http,
            Method::POST,
            "/verifications/{token}/start",
            &start,
            Payload::Json(body),
            Some(again),
            &format!("{label} retried"),
        )
        .await;
    }
}

/// Generated malformed requests: raw garbage bodies, every member replaced by values of the
/// wrong type or removed, odd path ids. Only the shape of the answer is judged.
async fn malformed(c: &mut Checker) {
    let http = client();
    let bodies = [
        "",
        "null",
        "[]",
        "\"x\"",
        "{",
        "{}",
        "1e999",
        &"[".repeat(2000),
        "{\"a\":\u{0}}",
    ];
    let junk = [
        json!(null),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(true),
        json!(""),
        json!([]),
        json!({}),
        json!("x".repeat(5000)),
        json!("𠀀🙂\u{0}\u{202e}"),
    ];
    let ops: Vec<(String, String)> = c.spec.doc["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(path, item)| {
            let schema = item
                .pointer("/post/requestBody/content/application~1json/schema/$ref")?
                .as_str()?;
            Some((path.clone(), schema.rsplit('/').next()?.to_string()))
        })
        .collect();
    for (doc_path, schema_name) in ops {
        let path = doc_path.replace("{token}", "not-a-token");
        for raw in bodies {
            c.call(
                &http,
                Method::POST,
                &doc_path,
                &path,
                Payload::Raw(raw.to_string()),
                None,
                "raw body",
            )
            .await;
        }
        let Some(schema) = c.spec.schema(&schema_name).cloned() else {
            continue;
        };
        let base = c.spec.example(&schema);
        for pointer in members(&base, "") {
            let mut removed = base.clone();
            remove(&mut removed, &pointer);
            c.call(
                &http,
                Method::POST,
                &doc_path,
                &path,
                Payload::Json(removed),
                None,
                &format!("without {pointer}"),
            )
            .await;
            for v in &junk {
                let mut body = base.clone();
                if let Some(slot) = body.pointer_mut(&pointer) {
                    *slot = v.clone();
                }
                c.call(
                    &http,
                    Method::POST,
                    &doc_path,
                    &path,
                    Payload::Json(body),
                    None,
                    &format!("{pointer} = junk"),
                )
                .await;
            }
        }
    }
    for id in [
        "x",
        "%00",
        "..%2F..%2Fetc",
        "%F0%A0%80%80",
        &"a".repeat(3000),
    ] {
        for (method, doc, path) in [
            (
                Method::GET,
                "/applications/{application_id}",
                format!("/applications/{id}"),
            ),
            (
                Method::POST,
                "/applications/{application_id}/qr",
                format!("/applications/{id}/qr"),
            ),
            (
                Method::POST,
                "/applications/{application_id}/session",
                format!("/applications/{id}/session"),
            ),
            (
                Method::GET,
                "/verifications/{token}",
                format!("/verifications/{id}"),
            ),
        ] {
            c.call(&http, method, doc, &path, Payload::None, None, "odd id")
                .await;
        }
    }
}

/// JSON pointers of every member, nested objects included.
fn members(v: &Value, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (k, child) in v.as_object().into_iter().flatten() {
        let p = format!("{prefix}/{k}");
        out.push(p.clone());
        if child.is_object() {
            out.extend(members(child, &p));
        }
    }
    out
}

fn remove(v: &mut Value, pointer: &str) {
    if let Some((parent, key)) = pointer.rsplit_once('/') {
        if let Some(obj) = v.pointer_mut(parent).and_then(Value::as_object_mut) {
            obj.remove(key);
        }
    }
}

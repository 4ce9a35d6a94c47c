//! One request to the backend under test, and the judgement of its answer against the document.

use mobile_auth_core::ErrorCode;
use reqwest::Method;
use serde_json::Value;

use crate::schema::Spec;
use crate::{Check, Report};

pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Value,
}

impl Answer {
    pub(crate) fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    pub(crate) fn parse<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.body.clone()).ok()
    }
}

pub(crate) struct Checker {
    pub(crate) spec: Spec,
    pub(crate) base: String,
    pub(crate) report: Report,
}

pub(crate) enum Payload {
    None,
    Json(Value),
    Raw(String),
}

impl Checker {
    pub(crate) fn record(&mut self, name: String, result: Result<(), String>) {
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
    pub(crate) async fn call(
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

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("HTTP client")
}

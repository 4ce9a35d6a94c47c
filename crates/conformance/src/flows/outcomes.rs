use mobile_auth_core::contract::SANDBOX_OUTCOMES;
use mobile_auth_core::ErrorCode;
use reqwest::Method;
use serde_json::json;

use super::apply;
use crate::checker::{client, Checker, Payload};
use crate::person::{mobile, Person};

/// Every failing row of the outcome table.
pub(super) async fn outcome_table(c: &mut Checker, text: &str, carrier: &str) {
    for (digits, code) in SANDBOX_OUTCOMES.iter().skip(1) {
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

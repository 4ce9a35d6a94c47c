//! Valid requests every backend answers the same way, with or without a test captcha.

use mobile_auth_core::ErrorCode;
use reqwest::Method;
use serde_json::json;

use crate::checker::{client, Checker, Payload};
use crate::person::random_id;

/// Valid requests every backend answers the same way; returns a carrier id to apply with.
pub(crate) async fn basics(c: &mut Checker) -> String {
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

use mobile_auth_core::contract::{Challenge, StartVerificationResponse};
use mobile_auth_core::ErrorCode;
use reqwest::Method;
use serde_json::json;

use super::apply;
use crate::checker::{Checker, Payload};
use crate::person::{mobile, Person};

/// Direct path on a phone: verified, logged in, records, logout, then the four-field login.
pub(super) async fn direct_path(
    c: &mut Checker,
    phone: &reqwest::Client,
    text: &str,
    carrier: &str,
) {
    let p = Person::new();
    if let Some(app) = apply(c, phone, &p, &mobile(0), "phone", text, carrier).await {
        let tok = format!("/verifications/{}", app.token);
        c.call(
            phone,
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
                phone,
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
            phone,
            Method::POST,
            "/verifications/{token}/start",
            &format!("{tok}/start"),
            Payload::Json(start),
            Some((404, Some(ErrorCode::TokenInvalid))),
            "token used twice",
        )
        .await;
        c.call(
            phone,
            Method::GET,
            "/session",
            "/session",
            Payload::None,
            Some((200, None)),
            "after direct verification",
        )
        .await;
        c.call(
            phone,
            Method::GET,
            "/records",
            "/records",
            Payload::None,
            Some((200, None)),
            "own records",
        )
        .await;
        c.call(
            phone,
            Method::POST,
            "/session/refresh",
            "/session/refresh",
            Payload::None,
            Some((200, None)),
            "",
        )
        .await;
        c.call(
            phone,
            Method::DELETE,
            "/session",
            "/session",
            Payload::None,
            Some((204, None)),
            "logout",
        )
        .await;
        c.call(
            phone,
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
                phone,
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
                    phone,
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
                phone,
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
}

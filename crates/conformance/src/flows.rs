//! The whole enrollment, QR, login and carrier-outcome flows, for a backend whose captcha text is
//! known (test mode).

use mobile_auth_core::contract::{
    ApplicationResponse, ApplicationState, ApplicationStatus, Captcha, Challenge, QrToken,
    StartVerificationResponse, SANDBOX_OUTCOMES,
};
use mobile_auth_core::ErrorCode;
use reqwest::Method;
use serde_json::json;

use crate::checker::{client, Checker, Payload};
use crate::person::{mobile, Person};

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

pub(crate) async fn flows(c: &mut Checker, text: &str, carrier: &str) {
    let (phone, desktop) = (client(), client());
    direct_path(c, &phone, text, carrier).await;
    qr_path(c, &desktop, &phone, text, carrier).await;
    outcome_table(c, text, carrier).await;
}

/// Direct path on a phone: verified, logged in, records, logout, then the four-field login.
async fn direct_path(c: &mut Checker, phone: &reqwest::Client, text: &str, carrier: &str) {
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

/// QR path on a desktop: regenerate, phone verifies, desktop claims its session once.
async fn qr_path(
    c: &mut Checker,
    desktop: &reqwest::Client,
    phone: &reqwest::Client,
    text: &str,
    carrier: &str,
) {
    let p = Person::new();
    if let Some(app) = apply(c, desktop, &p, &mobile(27), "desktop", text, carrier).await {
        let status = format!("/applications/{}", app.application_id);
        if let Some(a) = c
            .call(
                desktop,
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
                .is_some_and(|s| s.state == ApplicationState::Pending);
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
            desktop,
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
                desktop,
                Method::POST,
                "/applications/{application_id}/qr",
                &format!("{status}/qr"),
                Payload::None,
                Some((200, None)),
                "regenerate",
            )
            .await;
        c.call(
            phone,
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
                phone,
                Method::GET,
                "/verifications/{token}",
                &tok,
                Payload::None,
                Some((200, None)),
                "new token",
            )
            .await;
            c.call(
                phone,
                Method::POST,
                "/verifications/{token}/start",
                &format!("{tok}/start"),
                Payload::Json(json!({"agree_terms": false})),
                Some((400, Some(ErrorCode::TermsRequired))),
                "without terms",
            )
            .await;
            c.call(
                phone,
                Method::POST,
                "/verifications/{token}/start",
                &format!("{tok}/start"),
                Payload::Json(json!({"agree_terms": true})),
                Some((200, None)),
                "qr",
            )
            .await;
            c.call(
                desktop,
                Method::POST,
                "/applications/{application_id}/session",
                &format!("{status}/session"),
                Payload::None,
                Some((200, None)),
                "after verification",
            )
            .await;
            c.call(
                desktop,
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
}

/// Every failing row of the outcome table.
async fn outcome_table(c: &mut Checker, text: &str, carrier: &str) {
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

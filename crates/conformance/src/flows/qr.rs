use mobile_auth_core::contract::{ApplicationState, ApplicationStatus, QrToken};
use mobile_auth_core::ErrorCode;
use reqwest::Method;
use serde_json::json;

use super::apply;
use crate::checker::{Checker, Payload};
use crate::person::{mobile, Person};

/// QR path on a desktop: regenerate, phone verifies, desktop claims its session once.
pub(super) async fn qr_path(
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

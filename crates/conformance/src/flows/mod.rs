//! The whole enrollment, QR, login and carrier-outcome flows, for a backend whose captcha text is
//! known (test mode).

use mobile_auth_core::contract::{ApplicationResponse, Captcha};
use reqwest::Method;

use crate::checker::{client, Checker, Payload};
use crate::person::Person;

mod direct;
mod outcomes;
mod qr;

pub(crate) async fn flows(c: &mut Checker, text: &str, carrier: &str) {
    let (phone, desktop) = (client(), client());
    direct::direct_path(c, &phone, text, carrier).await;
    qr::qr_path(c, &desktop, &phone, text, carrier).await;
    outcomes::outcome_table(c, text, carrier).await;
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

pub(super) async fn apply(
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

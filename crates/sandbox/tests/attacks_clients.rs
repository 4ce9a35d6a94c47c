//! Who a client is, as an attacker would try to choose it (issue 25): forged forwarding headers
//! behind a trusted proxy, the Origin and Host a request names, and one client filling a store.
//! Each test fails on the code before its fix.

mod common;

use common::*;
use reqwest::StatusCode;

/// `POST /captchas` from a client without cookies, with these extra headers.
async fn captcha_with(s: &Server, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(format!("{}/captchas", s.base))
        .header("content-type", "application/json")
        .body("{}");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.expect("answer")
}

/// Behind the shipped proxies the client address arrives in X-Forwarded-For, which the proxy
/// overwrites; `Forwarded` and `X-Real-IP` are whatever the client wrote. Reading them let one
/// client pick a new rate-limit key for every request, or spend a victim's.
#[tokio::test]
async fn a_client_cannot_choose_its_rate_limit_key_with_another_forwarding_header() {
    let s = Server::start(|c| {
        c.rate_limit_per_minute = 3;
        Server::behind_proxy(c);
    })
    .await;
    // What nginx sends for 127.0.0.2 when that client wrote the other two headers itself.
    let forged = |i: u32| {
        let a = format!("198.51.100.{i}");
        (format!("for={a}"), a)
    };
    let mut statuses = Vec::new();
    for i in 0..6 {
        let (fwd, real) = forged(i);
        let h = [
            ("x-forwarded-for", "127.0.0.2"),
            ("forwarded", fwd.as_str()),
            ("x-real-ip", real.as_str()),
        ];
        statuses.push(captcha_with(&s, &h).await.status());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        3,
        "{statuses:?}"
    );
    // Claiming to be the victim spends nobody's allowance but the flooder's own.
    for _ in 0..5 {
        let h = [
            ("x-forwarded-for", "127.0.0.2"),
            ("forwarded", "for=127.0.0.3"),
            ("x-real-ip", "127.0.0.3"),
        ];
        assert_eq!(
            captcha_with(&s, &h).await.status(),
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let victim = [("x-forwarded-for", "127.0.0.3")];
    assert_eq!(
        captcha_with(&s, &victim).await.status(),
        StatusCode::CREATED
    );
    s.stop();
}

/// A deployment whose proxy writes `X-Real-IP` reads that one alone.
#[tokio::test]
async fn the_configured_header_is_the_only_one_read() {
    let s = Server::start(|c| {
        c.rate_limit_per_minute = 2;
        Server::behind_proxy(c);
        c.client_ip_header = mobile_auth_sandbox::client_ip::ClientIpHeader::XRealIp;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        let xff = format!("198.51.100.{i}");
        let h = [
            ("x-real-ip", "127.0.0.2"),
            ("x-forwarded-for", xff.as_str()),
        ];
        statuses.push(captcha_with(&s, &h).await.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    s.stop();
}

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

/// A request with these headers, from a client without cookies.
async fn send_with(method: reqwest::Method, url: &str, headers: &[(&str, &str)]) -> StatusCode {
    let mut req = reqwest::Client::new().request(method.clone(), url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if method == reqwest::Method::POST {
        req = req.header("content-type", "application/json").body("{}");
    }
    req.send().await.expect("answer").status()
}

/// A page on a name whose DNS answer its owner switched to this machine (DNS rebinding) talks
/// to the sandbox "same-origin" and names its own host: refused, for the API and the files.
#[tokio::test]
async fn a_request_for_a_host_this_server_is_not_is_refused() {
    let s = Server::start(|_| {}).await;
    let port = s.addr.port();
    let rebound = format!("rebind.attacker.example:{port}");
    for path in ["/api/v1/config", "/", "/index.html"] {
        let url = format!("http://{}{path}", s.addr);
        let status = send_with(reqwest::Method::GET, &url, &[("host", &rebound)]).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{path}");
    }
    let write = send_with(
        reqwest::Method::POST,
        &format!("{}/captchas", s.base),
        &[("host", &rebound), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(write, StatusCode::MISDIRECTED_REQUEST);
    // Its own names still work.
    let local = format!("localhost:{port}");
    let url = format!("{}/config", s.base);
    assert_eq!(
        send_with(reqwest::Method::GET, &url, &[("host", &local)]).await,
        StatusCode::OK
    );
    s.stop();
}

/// `X-Forwarded-Host` and `X-Forwarded-Proto` are a proxy's words: from anyone else they name
/// nothing, and behind the proxy an Origin must match in scheme as well as host.
#[tokio::test]
async fn a_writes_origin_is_compared_with_scheme_and_forwarded_host_only_from_the_proxy() {
    let s = Server::start(|_| {}).await;
    let url = format!("{}/captchas", s.base);
    let forged = [
        ("origin", "http://evil.example"),
        ("x-forwarded-host", "evil.example"),
    ];
    assert_eq!(
        send_with(reqwest::Method::POST, &url, &forged).await,
        StatusCode::FORBIDDEN
    );
    s.stop();

    let s = Server::start(|c| {
        Server::behind_proxy(c);
        c.public_app_url = Some("https://auth.example.gov.tw/services/mobile-auth/".into());
    })
    .await;
    let url = format!("{}/captchas", s.base);
    let proxied = |origin: &'static str| {
        [
            ("host", "auth.example.gov.tw"),
            ("x-forwarded-host", "auth.example.gov.tw"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-for", "198.51.100.7"),
            ("origin", origin),
        ]
    };
    let plain = proxied("http://auth.example.gov.tw");
    assert_eq!(
        send_with(reqwest::Method::POST, &url, &plain).await,
        StatusCode::FORBIDDEN,
        "an http page of the same host is another origin"
    );
    let own = proxied("https://auth.example.gov.tw");
    assert_eq!(
        send_with(reqwest::Method::POST, &url, &own).await,
        StatusCode::CREATED
    );
    s.stop();
}

/// One holder of an IPv6 /48 (65 536 /64s, each a client of its own to the rate limit) asks
/// for login challenges from /64 after /64: it gets its network's share of the store (5 %), and
/// everyone else is still served. One IPv4 client gets its own share (2 %). (Captchas and
/// applications are held in the same kind of store with the same quota; challenges cost the
/// server least to make, so the test floods those.)
#[tokio::test]
async fn one_client_or_network_cannot_fill_a_store() {
    let s = Server::start(|c| {
        Server::behind_proxy(c);
        c.rate_limit_per_minute = 100_000;
    })
    .await;
    let http = reqwest::Client::new();
    let url = format!("{}/login/challenge", s.base);
    let as_client = |addr: String| {
        let req = http
            .post(&url)
            .header("x-forwarded-for", addr)
            .json(&serde_json::json!({"key_id": "k1"}));
        async move { req.send().await.expect("answer").status() }
    };
    let mut served = 0;
    let mut refused = None;
    for n in 0..1200u32 {
        match as_client(format!("2001:db8:1:{n:x}::1")).await {
            StatusCode::OK => served += 1,
            other => {
                refused = Some(other);
                break;
            }
        }
    }
    assert_eq!(
        refused,
        Some(StatusCode::TOO_MANY_REQUESTS),
        "served {served}"
    );
    assert_eq!(served, 1000, "the /48's share of a 20 000-entry store");
    assert_eq!(
        as_client("2001:db8:2::1".into()).await,
        StatusCode::OK,
        "another network is served"
    );
    let mut served = 0;
    while as_client("198.51.100.9".into()).await == StatusCode::OK {
        served += 1;
        assert!(served <= 400, "one IPv4 client held more than its share");
    }
    assert_eq!(served, 400);
    assert_eq!(as_client("198.51.100.10".into()).await, StatusCode::OK);
    s.stop();
}

//! Which site a request is for and which page sent it: the Host allow-list (a DNS-rebinding
//! page names its own host) and whether a write's `Origin` is this server, scheme included.
//! What a proxy writes (`X-Forwarded-Host`, `X-Forwarded-Proto`) is believed only from a
//! configured trusted proxy: anyone else could write it.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::header::HeaderMap;
use axum::http::Extensions;

use crate::client_ip::is_trusted;
use crate::config::{is_loopback_host, url_host, Config};

/// Whether the request's TCP peer is one of the configured trusted proxies.
pub fn from_trusted_proxy(config: &Config, ext: &Extensions) -> bool {
    ext.get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|c| is_trusted(c.0.ip(), &config.trusted_proxies))
}

fn header<'h>(h: &'h HeaderMap, name: &str) -> Option<&'h str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// The host (and port) the request was sent to: the proxy's `X-Forwarded-Host` when a trusted
/// proxy wrote it, else `Host`.
fn requested_authority(h: &HeaderMap, trusted: bool) -> Option<&str> {
    trusted
        .then(|| header(h, "x-forwarded-host"))
        .flatten()
        .or_else(|| header(h, "host"))
}

/// Whether the request names a host this server answers to: an address literal, `localhost`,
/// the host of `--public-app-url`, or an `--allowed-host`. Any other name reached this server
/// by a DNS answer its owner chose, which is how a rebinding page talks to a loopback server.
/// A request with no Host at all (HTTP/1.0 tools) names nothing and is let through.
pub fn known_host(config: &Config, h: &HeaderMap, trusted: bool) -> bool {
    let Some(authority) = requested_authority(h, trusted) else {
        return true;
    };
    let url = format!("x://{authority}");
    let Some(host) = url_host(&url) else {
        return false;
    };
    host.parse::<IpAddr>().is_ok()
        || is_loopback_host(host)
        || config
            .public_app_url
            .as_deref()
            .and_then(url_host)
            .is_some_and(|p| p.eq_ignore_ascii_case(host))
        || config
            .allowed_hosts
            .iter()
            .any(|a| a.eq_ignore_ascii_case(host))
}

/// `scheme://host[:port]` in lower case, without the scheme's default port, or `None` if `url`
/// has no scheme and host.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => "",
    };
    let authority = match authority.strip_suffix(default_port) {
        Some(a) if !default_port.is_empty() && !a.ends_with(':') => a.to_string(),
        _ => authority,
    };
    Some(format!("{scheme}://{authority}"))
}

/// Whether `origin` is this server: its public URL's origin, or the scheme and host the
/// request was sent to (plain http unless a trusted proxy says it terminated TLS).
pub fn same_origin(config: &Config, origin: &str, h: &HeaderMap, trusted: bool) -> bool {
    let Some(origin) = origin_of(origin) else {
        return false;
    };
    let public = config.public_app_url.as_deref().and_then(origin_of);
    let scheme = trusted
        .then(|| header(h, "x-forwarded-proto"))
        .flatten()
        .unwrap_or("http");
    let requested =
        requested_authority(h, trusted).and_then(|a| origin_of(&format!("{scheme}://{a}")));
    [public, requested]
        .into_iter()
        .flatten()
        .any(|o| o == origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(
            origin_of("HTTPS://Auth.Example.gov.tw:443/x").as_deref(),
            Some("https://auth.example.gov.tw")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("null"), None);
        let config = Config {
            public_app_url: Some("https://auth.example.gov.tw/services/mobile-auth/".into()),
            ..Config::default()
        };
        let h = headers(&[("host", "auth.example.gov.tw")]);
        assert!(same_origin(
            &config,
            "https://auth.example.gov.tw",
            &h,
            false
        ));
        // The same host over plain http is another origin: anyone on the path can be it.
        assert!(!same_origin(
            &config,
            "http://auth.example.gov.tw",
            &headers(&[("host", "x")]),
            false
        ));
        // Direct (no proxy), the server speaks plain http to the Host it was sent to.
        let local = headers(&[("host", "127.0.0.1:8080")]);
        assert!(same_origin(
            &Config::default(),
            "http://127.0.0.1:8080",
            &local,
            false
        ));
        assert!(!same_origin(
            &Config::default(),
            "https://127.0.0.1:8080",
            &local,
            false
        ));
    }

    #[test]
    fn forwarded_host_and_proto_count_only_from_a_trusted_proxy() {
        let h = headers(&[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-proto", "https"),
        ]);
        let c = Config::default();
        assert!(!same_origin(&c, "https://evil.example", &h, false));
        assert!(same_origin(&c, "https://evil.example", &h, true));
        assert!(known_host(&c, &h, false));
        assert!(!known_host(&c, &h, true));
    }

    #[test]
    fn only_known_hosts_are_served() {
        let c = Config {
            public_app_url: Some("https://auth.example.gov.tw/".into()),
            allowed_hosts: vec!["intranet.example".into()],
            ..Config::default()
        };
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "[::1]:8080",
            "192.168.1.20",
            "auth.example.gov.tw",
            "INTRANET.example:8443",
        ] {
            assert!(known_host(&c, &headers(&[("host", ok)]), false), "{ok}");
        }
        for bad in [
            "rebind.attacker.example:8080",
            "auth.example.gov.tw.attacker.example",
            "localhost.attacker.example",
        ] {
            assert!(!known_host(&c, &headers(&[("host", bad)]), false), "{bad}");
        }
    }
}

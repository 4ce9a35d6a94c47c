//! Who the client is, for per-client limits. Behind a reverse proxy every request arrives from
//! the proxy, so the header that proxy writes (`X-Forwarded-For` unless configured otherwise) is
//! read, but only when the TCP peer is one of the configured trusted proxies: anyone else could
//! write it themselves.

use std::net::{IpAddr, Ipv6Addr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The key a client is limited by: an IPv4 address, or an IPv6 /64 (one subscriber's network,
/// which hands its devices addresses at will).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey(IpAddr);

impl ClientKey {
    /// The network the client belongs to: the same IPv4 address, or its IPv6 /48 (what a
    /// subscriber is commonly given, 65 536 /64s).
    pub fn network(self) -> ClientKey {
        match self.0 {
            IpAddr::V6(v6) => ClientKey(IpAddr::V6(prefix(v6, 48))),
            v4 => ClientKey(v4),
        }
    }

    pub fn of(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey(IpAddr::V4(v4)),
                None => ClientKey(IpAddr::V6(prefix(v6, 64))),
            },
            v4 => ClientKey(v4),
        }
    }
}

/// The one header a deployment's proxy writes with the client's address. Only that header is
/// read: a proxy overwrites (or appends to) the header it writes, but passes the others through
/// as the client wrote them, so reading a second header lets every client pick its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ClientIpHeader {
    /// `X-Forwarded-For`, written by both shipped configs (nginx: `$remote_addr`; Caddy: the
    /// peer, replacing what an untrusted client sent).
    #[default]
    XForwardedFor,
    /// `X-Real-IP`: one address, as nginx's `proxy_set_header X-Real-IP $remote_addr` writes it.
    XRealIp,
    /// RFC 7239 `Forwarded`, for proxies configured to write it (`for=` of each element).
    Forwarded,
}

impl ClientIpHeader {
    pub fn name(self) -> &'static str {
        match self {
            ClientIpHeader::XForwardedFor => "x-forwarded-for",
            ClientIpHeader::XRealIp => "x-real-ip",
            ClientIpHeader::Forwarded => "forwarded",
        }
    }
}

/// The first `bits` of `v6`, the rest zero.
fn prefix(v6: Ipv6Addr, bits: u32) -> Ipv6Addr {
    Ipv6Addr::from(u128::from(v6) & !(u128::MAX >> bits))
}

/// Whether `ip` (an IPv4-mapped IPv6 address counts as its IPv4 one) is a configured proxy.
pub fn is_trusted(ip: IpAddr, trusted: &[IpNet]) -> bool {
    trusted.iter().any(|n| n.contains(&unmap(ip)))
}

/// The client's address: the peer, or, when the peer is a trusted proxy, the right-most address
/// in `header` that is not itself a trusted proxy.
pub fn client_ip(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: &[IpNet],
    header: ClientIpHeader,
) -> IpAddr {
    if !is_trusted(peer, trusted) {
        return peer;
    }
    let chain = forwarded_chain(headers, header);
    // Right to left: each hop was added by the proxy in front of it; the first one not written
    // by a trusted proxy is the client as our own proxies saw it.
    chain
        .into_iter()
        .rev()
        .find(|ip| !is_trusted(*ip, trusted))
        .unwrap_or(peer)
}

fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The addresses of `header`, in order. An entry that is not an address (`unknown`, an
/// obfuscated name, garbage) ends the chain there: nothing to its left can be placed.
fn forwarded_chain(headers: &HeaderMap, header: ClientIpHeader) -> Vec<IpAddr> {
    let entries: Vec<Option<IpAddr>> = headers
        .get_all(header.name())
        .iter()
        .flat_map(|v| match v.to_str() {
            Ok(list) => list.split(',').map(Some).collect(),
            Err(_) => vec![None],
        })
        .map(|e| {
            let e = e?.trim();
            match header {
                ClientIpHeader::Forwarded => forwarded_for(e),
                ClientIpHeader::XForwardedFor | ClientIpHeader::XRealIp => parse_addr(e),
            }
        })
        .collect();
    // Keep only the part to the right of the last unreadable entry.
    let start = entries
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |i| i + 1);
    entries[start..].iter().flatten().copied().collect()
}

/// The `for=` of one `Forwarded` element.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
        .and_then(|(_, v)| parse_addr(v.trim().trim_matches('"')))
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:5678`.
fn parse_addr(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    s.rsplit_once(':').and_then(|(ip, _)| ip.parse().ok())
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

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(s: &[&str]) -> Vec<IpNet> {
        s.iter().map(|n| n.parse().unwrap()).collect()
    }

    const XFF: ClientIpHeader = ClientIpHeader::XForwardedFor;

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let h = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            client_ip(ip("198.51.100.7"), &h, &nets(&["127.0.0.1/32"]), XFF),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_ip(ip("198.51.100.7"), &h, &[], XFF),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_client_is_the_last_untrusted_hop() {
        let trusted = nets(&["127.0.0.1/32", "10.0.0.0/8"]);
        // The client wrote a fake first entry; our proxies appended the real ones.
        let h = headers(&[("x-forwarded-for", "1.1.1.1, 127.0.0.2, 10.1.2.3")]);
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, XFF),
            ip("127.0.0.2")
        );
        let h = headers(&[("x-forwarded-for", "127.0.0.3")]);
        assert_eq!(
            client_ip(ip("::ffff:127.0.0.1"), &h, &trusted, XFF),
            ip("127.0.0.3")
        );
        // No header: the proxy itself is all there is.
        assert_eq!(
            client_ip(ip("127.0.0.1"), &HeaderMap::new(), &trusted, XFF),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn only_the_configured_header_is_read_and_garbage_ends_the_chain() {
        let trusted = nets(&["127.0.0.0/8"]);
        let forwarded = (
            "forwarded",
            r#"for=192.0.2.60;proto=https, for="[2001:db8::1]:4711""#,
        );
        let h = headers(&[forwarded]);
        let fwd = ClientIpHeader::Forwarded;
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, fwd),
            ip("2001:db8::1")
        );
        // The proxy writes X-Forwarded-For: a Forwarded or X-Real-IP the client wrote itself,
        // passed through unchanged, names nobody.
        let h = headers(&[
            forwarded,
            ("x-real-ip", "198.51.100.1"),
            ("x-forwarded-for", "203.0.113.5"),
        ]);
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, XFF),
            ip("203.0.113.5")
        );
        let h = headers(&[forwarded, ("x-real-ip", "198.51.100.1")]);
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, XFF),
            ip("127.0.0.1")
        );
        let real = ClientIpHeader::XRealIp;
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, real),
            ip("198.51.100.1")
        );
        let h = headers(&[("x-forwarded-for", "192.0.2.1, nonsense")]);
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, XFF),
            ip("127.0.0.1")
        );
        let h = headers(&[("x-forwarded-for", "192.0.2.1:8080")]);
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &trusted, XFF),
            ip("192.0.2.1")
        );
    }

    #[test]
    fn ipv6_clients_are_keyed_per_64() {
        assert_eq!(
            ClientKey::of(ip("2001:db8:1:2::1")),
            ClientKey::of(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            ClientKey::of(ip("2001:db8:1:2::1")),
            ClientKey::of(ip("2001:db8:1:3::1"))
        );
        assert_eq!(
            ClientKey::of(ip("::ffff:192.0.2.1")),
            ClientKey::of(ip("192.0.2.1"))
        );
        assert_ne!(
            ClientKey::of(ip("192.0.2.1")),
            ClientKey::of(ip("192.0.2.2"))
        );
    }
}

//! Command-line flags and environment variables. Every flag has an env var so a container or a
//! test harness can configure the server without building argument lists.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;
use ipnet::IpNet;

use crate::client_ip::ClientIpHeader;

/// NIST SP 800-63B AAL2: reauthentication at least once per 12 hours, whatever the activity.
pub const MAX_SESSION_LIFETIME_SECONDS: u32 = 12 * 3600;

/// 行動電話認證 sandbox backend: serves the SPA and the `/api/v1` JSON contract with simulated
/// carriers. Mobile numbers ending 00–89 verify; 90–99 give each failure (see README).
#[derive(Debug, Clone, Parser)]
#[command(name = "mobile-auth-sandbox", version, about, long_about = None)]
pub struct Config {
    /// Address to listen on. Use 0.0.0.0 to let a phone on the local network reach the server.
    #[arg(long, env = "SANDBOX_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// TCP port (0 picks a free one).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,

    /// Directory of the built SPA served at `/` (index.html is the fallback for unknown paths).
    #[arg(long, env = "SANDBOX_DIST")]
    pub dist: Option<PathBuf>,

    /// SQLite file for enrolled credentials; created with its directory on first start.
    #[arg(
        long,
        env = "SANDBOX_DB",
        default_value = "target/sandbox/sandbox.sqlite"
    )]
    pub db: PathBuf,

    /// How long a verification token (the QR code) stays valid.
    #[arg(long, env = "SANDBOX_QR_VALIDITY_SECONDS", default_value_t = 300)]
    pub qr_validity_seconds: u32,

    /// Idle time after which a session ends.
    #[arg(long, env = "SANDBOX_SESSION_IDLE_SECONDS", default_value_t = 900)]
    pub session_idle_seconds: u32,

    /// Absolute session lifetime from login, however active (at most 43200 = 12 h).
    #[arg(long, env = "SANDBOX_SESSION_MAX_SECONDS", default_value_t = MAX_SESSION_LIFETIME_SECONDS)]
    pub session_max_seconds: u32,

    /// Public URL of the SPA that the QR code points at, e.g. http://192.168.1.20:8080/ so a
    /// real phone on the LAN can open it.
    #[arg(long, env = "SANDBOX_PUBLIC_APP_URL")]
    pub public_app_url: Option<String>,

    /// A host name this server answers to besides address literals, `localhost` and the host of
    /// `--public-app-url` (repeatable; comma-separated in the env var). A request naming any
    /// other host is refused (421): a DNS-rebinding page names its own.
    #[arg(
        long = "allowed-host",
        env = "SANDBOX_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    pub allowed_hosts: Vec<String>,

    /// Another origin allowed to call the API with credentials (repeatable; comma-separated in
    /// the env var). Same-origin use needs none.
    #[arg(
        long = "cors-origin",
        env = "SANDBOX_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// A reverse proxy in front of this server (CIDR; repeatable, comma-separated in the env
    /// var). Only from these is `--client-ip-header` read to tell clients apart.
    #[arg(
        long = "trusted-proxy",
        env = "SANDBOX_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<IpNet>,

    /// The header the trusted proxy writes with the client's address; no other is read (a
    /// proxy passes the others through as the client wrote them).
    #[arg(
        long,
        env = "SANDBOX_CLIENT_IP_HEADER",
        value_enum,
        default_value = "x-forwarded-for"
    )]
    pub client_ip_header: ClientIpHeader,

    /// Requests per minute per client (IPv4 address or IPv6 /64) on each of captcha,
    /// applications, login and captcha audio.
    #[arg(long, env = "SANDBOX_RATE_LIMIT_PER_MINUTE", default_value_t = 120)]
    pub rate_limit_per_minute: u32,

    /// The CSP `frame-ancestors` value: who may embed the SPA in a frame.
    #[arg(long, env = "SANDBOX_FRAME_ANCESTORS", default_value = "'self'")]
    pub frame_ancestors: String,

    /// Cookies without `Secure` (and without the `__Host-` prefix), for plain-http development
    /// on this machine only: refused unless bound to a loopback address.
    #[arg(long, env = "SANDBOX_INSECURE_HTTP_COOKIES")]
    pub insecure_http_cookies: bool,

    /// Make every captcha show this text (automated tests only; refused unless bound to a
    /// loopback address, and logged as a warning).
    #[arg(long, env = "SANDBOX_CAPTCHA", hide = true)]
    pub captcha_text: Option<String>,

    /// Where request logs go; tests capture them.
    #[arg(skip)]
    pub log: LogSink,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            dist: None,
            db: PathBuf::from("target/sandbox/sandbox.sqlite"),
            qr_validity_seconds: 300,
            session_idle_seconds: 900,
            session_max_seconds: MAX_SESSION_LIFETIME_SECONDS,
            public_app_url: None,
            cors_origins: Vec::new(),
            allowed_hosts: Vec::new(),
            trusted_proxies: Vec::new(),
            client_ip_header: ClientIpHeader::default(),
            rate_limit_per_minute: 120,
            frame_ancestors: "'self'".into(),
            insecure_http_cookies: false,
            captcha_text: None,
            log: LogSink::Stdout,
        }
    }
}

impl Config {
    /// Cookies are `Secure` unless plain-http development on loopback was asked for.
    pub fn secure_cookies(&self) -> bool {
        !self.insecure_http_cookies
    }

    /// Whether anyone but this machine's own user can reach the server: bound off loopback,
    /// behind a proxy (which exists to let others in), or published at an https address. The
    /// bind address alone does not tell: the documented deployment binds to loopback behind
    /// nginx or Caddy.
    pub fn exposed(&self) -> bool {
        !self.bind.is_loopback()
            || !self.trusted_proxies.is_empty()
            || self
                .public_app_url
                .as_deref()
                .is_some_and(|u| !url_host(u).is_some_and(is_loopback_host))
    }

    /// Settings that would make the server unsafe or silently broken stop it at start, with
    /// the reason.
    pub fn validate(&self) -> Result<(), String> {
        let exposed = self.exposed();
        let why_exposed = || {
            if !self.bind.is_loopback() {
                format!("the server listens on {}", self.bind)
            } else if !self.trusted_proxies.is_empty() {
                "a --trusted-proxy puts it behind a proxy that others reach".to_string()
            } else {
                "its --public-app-url is not on this machine".to_string()
            }
        };
        if self.captcha_text.is_some() && exposed {
            return Err(format!(
                "SANDBOX_CAPTCHA (a fixed captcha, for automated tests) is refused when others                  can reach the server ({}): unset it",
                why_exposed()
            ));
        }
        if self.insecure_http_cookies && exposed {
            return Err(format!(
                "--insecure-http-cookies is for plain-http development on this machine only, and                  others can reach the server ({}): serve over TLS (a proxy) and drop the flag",
                why_exposed()
            ));
        }
        crate::security::csp(&self.frame_ancestors)?;
        for origin in &self.cors_origins {
            check_cors_origin(origin)?;
        }
        for net in &self.trusted_proxies {
            check_trusted_proxy(net)?;
        }
        if self.session_max_seconds == 0 || self.session_max_seconds > MAX_SESSION_LIFETIME_SECONDS
        {
            return Err(format!(
                "--session-max-seconds must be 1..={MAX_SESSION_LIFETIME_SECONDS} \
                 (NIST SP 800-63B AAL2: 12 hours at most), not {}",
                self.session_max_seconds
            ));
        }
        Ok(())
    }
}

/// The host of an absolute URL, without brackets or port.
pub(crate) fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split_once(']').map(|(h, _)| h);
    }
    Some(authority.split(':').next().unwrap_or(authority))
}

/// `localhost` or a loopback address literal.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A CORS origin given credentials must be one real site over https (plain http only on this
/// machine): `null` is what sandboxed iframes and `file:` pages send, so allowing it allows
/// anyone, and a plain-http origin can be impersonated by anyone on the network path.
fn check_cors_origin(origin: &str) -> Result<(), String> {
    let o = origin.trim_end_matches('/');
    let refuse = |why: &str| {
        Err(format!(
            "--cors-origin {origin:?} is refused: {why}; give the portal's https origin, e.g. \
             https://portal.example.gov.tw"
        ))
    };
    if o.eq_ignore_ascii_case("null") || o.contains('*') {
        return refuse("it would let any page call the API with the citizen's cookies");
    }
    match o.split_once("://") {
        Some((scheme, _)) if scheme.eq_ignore_ascii_case("https") => Ok(()),
        Some((scheme, _))
            if scheme.eq_ignore_ascii_case("http") && url_host(o).is_some_and(is_loopback_host) =>
        {
            Ok(())
        }
        Some((scheme, _)) if scheme.eq_ignore_ascii_case("http") => {
            refuse("plain http can be impersonated by anyone on the network path")
        }
        _ => refuse("it is not an origin (scheme://host[:port])"),
    }
}

/// A trusted proxy may name any client address, so trusting a range wider than a private
/// network trusts clients themselves. Private, loopback, link-local and carrier-grade NAT
/// ranges are fine at any width; a public range at most a /24 (IPv4) or /48 (IPv6), a proxy's
/// own subnet.
fn check_trusted_proxy(net: &IpNet) -> Result<(), String> {
    let private: [IpNet; 8] = [
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "169.254.0.0/16",
        "::1/128",
        "fc00::/7",
    ]
    .map(|n| n.parse().expect("static network"));
    let link_local_v6: IpNet = "fe80::/10".parse().expect("static network");
    let inside = private
        .iter()
        .chain([&link_local_v6])
        .any(|p| p.contains(net));
    let narrow = match net {
        IpNet::V4(n) => n.prefix_len() >= 24,
        IpNet::V6(n) => n.prefix_len() >= 48,
    };
    if inside || narrow {
        return Ok(());
    }
    Err(format!(
        "--trusted-proxy {net} is refused: every address in it could name its own client \
         address and so choose its rate-limit key; give the proxy's own address (e.g. \
         127.0.0.1/32 or 10.0.0.5/32) or its private network"
    ))
}

/// Destination of log lines.
#[derive(Debug, Clone, Default)]
pub enum LogSink {
    #[default]
    Stdout,
    /// Kept in memory, for tests that check what was logged.
    Memory(Arc<Mutex<Vec<String>>>),
}

impl LogSink {
    pub fn line(&self, line: String) {
        match self {
            LogSink::Stdout => println!("{line}"),
            LogSink::Memory(lines) => lines.lock().unwrap_or_else(|e| e.into_inner()).push(line),
        }
    }
}

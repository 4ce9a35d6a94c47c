//! Command-line flags and environment variables. Every flag has an env var so a container or a
//! test harness can configure the server without building argument lists.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;
use ipnet::IpNet;

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

    /// Another origin allowed to call the API with credentials (repeatable; comma-separated in
    /// the env var). Same-origin use needs none.
    #[arg(
        long = "cors-origin",
        env = "SANDBOX_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// A reverse proxy in front of this server (CIDR; repeatable, comma-separated in the env
    /// var). Only from these is `X-Forwarded-For` / `Forwarded` read to tell clients apart.
    #[arg(
        long = "trusted-proxy",
        env = "SANDBOX_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<IpNet>,

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
            trusted_proxies: Vec::new(),
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

    /// Settings that would make the server unsafe or silently broken stop it at start, with
    /// the reason.
    pub fn validate(&self) -> Result<(), String> {
        let loopback = self.bind.is_loopback();
        if self.captcha_text.is_some() && !loopback {
            return Err(format!(
                "SANDBOX_CAPTCHA (a fixed captcha, for automated tests) is refused on {}: \
                 bind to 127.0.0.1 or ::1, or unset it",
                self.bind
            ));
        }
        if self.insecure_http_cookies && !loopback {
            return Err(format!(
                "--insecure-http-cookies is for plain-http development on loopback only; \
                 {} is not loopback: serve over TLS (a proxy) and drop the flag",
                self.bind
            ));
        }
        crate::security::csp(&self.frame_ancestors)?;
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

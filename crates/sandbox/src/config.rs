//! Command-line flags and environment variables. Every flag has an env var so a container or a
//! test harness can configure the server without building argument lists.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;

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

    /// Public URL of the SPA that the QR code points at, e.g. http://192.168.1.20:8080/ so a
    /// real phone on the LAN can open it. An https URL also marks the session cookie Secure.
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

    /// Requests per minute per client IP on each of captcha, applications and login.
    #[arg(long, env = "SANDBOX_RATE_LIMIT_PER_MINUTE", default_value_t = 120)]
    pub rate_limit_per_minute: u32,

    /// The CSP `frame-ancestors` value: who may embed the SPA in a frame.
    #[arg(long, env = "SANDBOX_FRAME_ANCESTORS", default_value = "'self'")]
    pub frame_ancestors: String,

    /// Mark the session cookie Secure (when a TLS proxy fronts the server).
    #[arg(long, env = "SANDBOX_TLS_COOKIES")]
    pub tls_cookies: bool,

    /// Make every captcha show this text (automated tests only; logged as a warning).
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
            public_app_url: None,
            cors_origins: Vec::new(),
            rate_limit_per_minute: 120,
            frame_ancestors: "'self'".into(),
            tls_cookies: false,
            captcha_text: None,
            log: LogSink::Stdout,
        }
    }
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.tls_cookies
            || self
                .public_app_url
                .as_deref()
                .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"))
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

//! Contract checks against any backend URL: documented shapes for valid and generated malformed
//! requests, no 5xx, status codes matching their error codes, and (when the backend's captcha
//! text is known) the whole enrollment, QR, login and outcome-table flows.

mod basics;
mod checker;
mod flows;
mod malformed;
mod person;
pub mod schema;
mod security;

pub use security::SecurityOptions;

use checker::Checker;
use schema::Spec;

pub struct Options {
    /// Backend base URL, with or without the `/api/v1` suffix.
    pub url: String,
    /// The backend's fixed captcha text (test mode); without it the flows and the security
    /// checks that need an enrollment are skipped.
    pub captcha: Option<String>,
    /// What the security section may assume of the backend's settings.
    pub security: SecurityOptions,
    /// Only the security section (for a backend configured with tight limits to test them).
    pub security_only: bool,
}

#[derive(Debug)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.ok)
    }
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.ok).count()
    }
}

/// Runs every check and returns the report; it never panics on a misbehaving backend.
pub async fn run(opts: Options) -> Report {
    let url = opts.url.trim_end_matches('/');
    let base = if url.ends_with("/api/v1") {
        url.to_string()
    } else {
        format!("{url}/api/v1")
    };
    let mut c = Checker {
        spec: Spec::bundled(),
        base,
        report: Report::default(),
    };
    let carrier = basics::basics(&mut c).await;
    if let Some(text) = opts.captcha.as_deref() {
        if !opts.security_only {
            flows::flows(&mut c, text, &carrier).await;
        }
    }
    security::security(&mut c, opts.captcha.as_deref(), &carrier, &opts.security).await;
    if !opts.security_only {
        malformed::malformed(&mut c).await;
    }
    c.report
}

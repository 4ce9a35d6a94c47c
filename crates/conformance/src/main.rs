//! `conformance URL`: checks a backend against `api/openapi.yaml` (see `--help`).

use clap::Parser;
use mobile_auth_conformance::{run, Options, SecurityOptions};

/// Checks that a backend at URL answers the 行動電話認證 JSON contract: documented shapes for
/// valid and generated malformed requests, no 5xx, and status codes that match their error
/// codes. With --captcha (a backend in test mode showing fixed captcha text) it also walks the
/// enrollment, QR, login and carrier-outcome flows.
#[derive(Parser)]
#[command(name = "conformance")]
struct Args {
    /// Backend base URL, e.g. http://127.0.0.1:8080 (the /api/v1 suffix is optional).
    url: String,
    /// The backend's fixed captcha text (the sandbox's SANDBOX_CAPTCHA).
    #[arg(long, env = "SANDBOX_CAPTCHA")]
    captcha: Option<String>,
    /// The backend trusts this client as a proxy: check that clients named in
    /// X-Forwarded-For are limited apart, whatever they write in Forwarded and X-Real-IP.
    #[arg(long)]
    forwarded_clients: bool,
    /// The backend's absolute session lifetime, when configured short enough to wait for.
    #[arg(long)]
    session_max_seconds: Option<u64>,
    /// Run only the security section (a backend configured with tight limits).
    #[arg(long)]
    security_only: bool,
    /// Print every check, not only failures.
    #[arg(long)]
    verbose: bool,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let report = run(Options {
        url: args.url.clone(),
        captcha: args.captcha,
        security: SecurityOptions {
            forwarded_clients: args.forwarded_clients,
            session_max_seconds: args.session_max_seconds,
        },
        security_only: args.security_only,
    })
    .await;
    for check in &report.checks {
        if !check.ok {
            println!("FAIL {}: {}", check.name, check.detail);
        } else if args.verbose {
            println!("ok   {}", check.name);
        }
    }
    let failed = report.failures().count();
    println!(
        "{}: {} checks, {} passed, {failed} failed",
        args.url,
        report.checks.len(),
        report.passed()
    );
    std::process::exit(i32::from(failed > 0));
}

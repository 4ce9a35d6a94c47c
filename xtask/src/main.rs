//! `cargo xtask <command>`: the project's two README commands and their helpers.
//!
//! - `serve [--port N]`: install missing tools, build the SPA (release) and serve it with the
//!   sandbox backend on one origin (http://127.0.0.1:8080 unless `--port`/`PORT`).
//! - `test`: install what tests need, then run native, Wasm (headless Chromium) and end-to-end
//!   tests, ending with each runner's summary; non-zero exit on any failure.
//! - `build`: the release `dist/` only.
//! - `conformance URL`: check any backend against `api/openapi.yaml`.

mod bench;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Runs a command with the project's PATH, failing on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    cmd.env("PATH", tools::path_env());
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed: {status}").into()) }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("build") => tools::ensure_build_tools().and_then(|_| build_spa()),
        Some("test") => test(),
        Some("conformance") => conformance(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask serve [--port N] | test | build | conformance URL [--captcha TEXT] | bench [--no-build] [--runs N] [--size-only]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `trunk build --release` into `dist/`, offline so a tool mismatch fails at once instead of
/// trying a download that cannot succeed here.
fn build_spa() -> Result<()> {
    run(Command::new("cargo").arg("fetch").current_dir(root()))?;
    eprintln!("xtask: building the SPA (release, wasm-opt -Oz)…");
    run(Command::new("trunk").args(["build", "index.html", "--release", "--offline"])
        .current_dir(root())
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .env("TRUNK_OFFLINE", "true"))
}

fn port_arg(args: &[String]) -> Result<u16> {
    let from_flag = args.iter().position(|a| a == "--port").and_then(|i| args.get(i + 1)).cloned();
    let raw = from_flag.or_else(|| std::env::var("PORT").ok()).unwrap_or_else(|| "8080".into());
    raw.parse().map_err(|_| format!("not a port: {raw}").into())
}

fn serve(args: &[String]) -> Result<()> {
    let port = port_arg(args)?;
    tools::ensure_build_tools()?;
    build_spa()?;
    eprintln!("xtask: starting the sandbox backend with the SPA on http://127.0.0.1:{port}/");
    let extra: Vec<&String> = args.iter().filter(|a| *a != "--port").filter(|a| **a != port.to_string()).collect();
    run(Command::new("cargo")
        .args(["run", "--quiet", "-p", "mobile-auth-sandbox", "--", "--dist"])
        .arg(root().join("dist"))
        .args(["--port", &port.to_string()])
        .args(extra)
        .current_dir(root()))
}

/// Checks any backend against the JSON contract (valid and generated malformed requests).
fn conformance(args: &[String]) -> Result<()> {
    if args.is_empty() {
        return Err("usage: cargo xtask conformance URL [--captcha TEXT]".into());
    }
    run(Command::new("cargo")
        .args(["run", "--quiet", "-p", "mobile-auth-sandbox", "--bin", "conformance", "--"])
        .args(args)
        .current_dir(root()))
}

struct Stage {
    name: &'static str,
    secs: u64,
    ok: bool,
}

fn stage(stages: &mut Vec<Stage>, name: &'static str, f: impl FnOnce() -> Result<()>) -> bool {
    eprintln!("\n=== xtask test: {name} ===");
    let t = Instant::now();
    let res = f();
    if let Err(e) = &res {
        eprintln!("xtask: {name} failed: {e}");
    }
    stages.push(Stage { name, secs: t.elapsed().as_secs(), ok: res.is_ok() });
    res.is_ok()
}

fn test() -> Result<()> {
    let root = root();
    let mut stages = Vec::new();
    let tools_ok = stage(&mut stages, "install tools", || {
        tools::ensure_build_tools()?;
        tools::ensure_browser()
    });
    stage(&mut stages, "native unit, property and integration tests", || {
        run(Command::new("cargo").args(["test", "--workspace", "--exclude", "mobile-auth"]).current_dir(&root))
    });
    if tools_ok {
        stage(&mut stages, "Wasm component tests (headless Chromium)", || {
            run(Command::new("cargo")
                .args(["test", "-p", "mobile-auth", "--target", "wasm32-unknown-unknown"])
                .current_dir(&root)
                .env("CHROMEDRIVER", "chromedriver")
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
        });
        let built = stage(&mut stages, "release build of the SPA", build_spa);
        if built && root.join("tests/e2e").read_dir().map(|mut d| d.any(|e| {
            e.map(|e| e.file_name().to_string_lossy().ends_with(".spec.ts")).unwrap_or(false)
        })).unwrap_or(false) {
            stage(&mut stages, "end-to-end tests (Playwright, Chromium)", || {
                run(Command::new("cargo").args(["build", "-p", "mobile-auth-sandbox"]).current_dir(&root))?;
                run(Command::new("npx").args(["playwright", "test"]).current_dir(&root))
            });
        }
    }
    eprintln!("\n=== xtask test: summary ===");
    for s in &stages {
        eprintln!("{:>4}  {:>5}s  {}", if s.ok { "ok" } else { "FAIL" }, s.secs, s.name);
    }
    if stages.iter().all(|s| s.ok) { Ok(()) } else { Err("some test stages failed".into()) }
}

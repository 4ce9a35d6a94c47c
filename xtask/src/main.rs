//! `cargo xtask <command>`: the project's two README commands and their helpers.
//!
//! - `serve [--port N]`: install missing tools, build the SPA (release) and serve it with the
//!   sandbox backend on one origin (http://127.0.0.1:8080 unless `--port`/`PORT`).
//! - `test`: install what tests need, then run native, Wasm (headless Chromium) and end-to-end
//!   tests, ending with each runner's summary; non-zero exit on any failure.
//! - `build`: the release `dist/` only.
//! - `conformance URL`: check any backend against `api/openapi.yaml`.
//! - `deploy-check`: `nginx -t` and `caddy validate` on the shipped `deploy/` files.
//! - `modules`: the SPA's module graph has no cycle and follows the layer order of
//!   docs/architecture.md (also in `test`'s lint).

mod bench;
mod build;
mod moda;
mod modules;
mod proxies;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs a command with the project's PATH, failing on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    cmd.env("PATH", tools::path_env());
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}").into())
    }
}

/// Runs `a` and `b` at the same time, answering both results (or the first error). On 2 cores two
/// cargo builds in different profiles overlap where each alone leaves a core idle: its last
/// crate's codegen and LTO, its link, a test binary that runs on one thread.
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> Result<A> + Send,
    b: impl FnOnce() -> Result<B> + Send,
) -> Result<(A, B)> {
    let (a, b) = std::thread::scope(|s| {
        let b = s.spawn(|| b().map_err(|e| e.to_string()));
        let a = a().map_err(|e| e.to_string());
        (a, b.join().unwrap_or_else(|_| Err("panicked".into())))
    });
    Ok((a?, b?))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("build") => build_spa(),
        Some("test") => test(),
        Some("conformance") => conformance(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("modules") => modules::check(&root().join("src")),
        Some("deploy-check") => proxies::ensure_installed().and_then(|_| proxies::check_configs()),
        _ => {
            eprintln!("usage: cargo xtask serve [--port N] | test | build | conformance URL [--captcha TEXT] | bench [--no-build] [--runs N] [--size-only] | deploy-check | modules");
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

/// The release `dist/` (src/build.rs, step by step).
fn build_spa() -> Result<()> {
    build::build(&root().join("dist"), &[])
}

fn port_arg(args: &[String]) -> Result<u16> {
    let from_flag = args
        .iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let raw = from_flag
        .or_else(|| std::env::var("PORT").ok())
        .unwrap_or_else(|| "8080".into());
    raw.parse().map_err(|_| format!("not a port: {raw}").into())
}

fn serve(args: &[String]) -> Result<()> {
    let port = port_arg(args)?;
    // The sandbox (dev profile) compiles while the SPA does (release, and the first-screen
    // binary in its own profile): cargo locks each profile's folder, not the whole target/.
    both(build_spa, || {
        run(Command::new("cargo")
            .args(["build", "-p", "mobile-auth-sandbox"])
            .current_dir(root()))
    })?;
    eprintln!("xtask: starting the sandbox backend with the SPA on http://127.0.0.1:{port}/");
    let extra: Vec<&String> = args
        .iter()
        .filter(|a| *a != "--port")
        .filter(|a| **a != port.to_string())
        .collect();
    let mut cmd = sandbox_command(port);
    // Plain http on this machine: cookies without Secure, which the sandbox allows only while
    // nobody else can reach it. Served to the network (`--bind`) or behind a proxy, it needs TLS
    // in front (docs/deploy.md).
    if !args.iter().any(|a| a == "--bind" || a == "--trusted-proxy") {
        cmd.arg("--insecure-http-cookies");
    }
    run(cmd.args(extra))
}

/// The sandbox serving `dist/` on `port`: what `serve` runs, and what the test smoke-checks.
fn sandbox_command(port: u16) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args([
        "run",
        "--quiet",
        "-p",
        "mobile-auth-sandbox",
        "--bin",
        "mobile-auth-sandbox",
        "--",
        "--dist",
    ])
    .arg(root().join("dist"))
    .args(["--port", &port.to_string()])
    .current_dir(root());
    cmd
}

/// A plain HTTP/1.1 GET on loopback (std only), answering the body.
fn http_get(port: u16, path: &str) -> Result<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    let text = String::from_utf8_lossy(&out).into_owned();
    if !text.starts_with("HTTP/1.1 200") {
        return Err(format!("GET {path}: {}", text.lines().next().unwrap_or("no answer")).into());
    }
    Ok(text)
}

/// What `cargo xtask serve` starts really serves the first screen and the API on one origin.
fn serve_smoke() -> Result<()> {
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))?
        .local_addr()?
        .port();
    let mut child = sandbox_command(port)
        .arg("--insecure-http-cookies")
        .env("PATH", tools::path_env())
        .spawn()?;
    let result = (|| {
        let started = Instant::now();
        while http_get(port, "/api/v1/config").is_err() {
            if started.elapsed().as_secs() > 120 {
                return Err("the sandbox did not answer within 120 s".into());
            }
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        let page = http_get(port, "/")?;
        let config = http_get(port, "/api/v1/config")?;
        if !page.contains("身分證號") || !config.contains("\"carriers\"") {
            return Err("the first screen or /api/v1/config is not what serve should show".into());
        }
        eprintln!("xtask: serve answers / (身分證號) and /api/v1/config on port {port}");
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    result
}

/// Checks any backend against the JSON contract (valid and generated malformed requests).
fn conformance(args: &[String]) -> Result<()> {
    if args.is_empty() {
        return Err("usage: cargo xtask conformance URL [--captcha TEXT]".into());
    }
    run(Command::new("cargo")
        .args([
            "run",
            "--quiet",
            "-p",
            "mobile-auth-conformance",
            "--bin",
            "conformance",
            "--",
        ])
        .args(args)
        .current_dir(root()))
}

struct Stage {
    name: &'static str,
    secs: u64,
    ok: bool,
}

fn timed(name: &'static str, f: impl FnOnce() -> Result<()>) -> Stage {
    eprintln!("\n=== xtask test: {name} ===");
    let t = Instant::now();
    let res = f();
    if let Err(e) = &res {
        eprintln!("xtask: {name} failed: {e}");
    }
    Stage {
        name,
        secs: t.elapsed().as_secs(),
        ok: res.is_ok(),
    }
}

fn stage(stages: &mut Vec<Stage>, name: &'static str, f: impl FnOnce() -> Result<()>) -> bool {
    let s = timed(name, f);
    let ok = s.ok;
    stages.push(s);
    ok
}

/// Two stages at the same time (see `both`): their output interleaves, the summary names each.
fn two_stages(
    stages: &mut Vec<Stage>,
    (a, fa): (&'static str, impl FnOnce() -> Result<()> + Send),
    (b, fb): (&'static str, impl FnOnce() -> Result<()> + Send),
) -> (bool, bool) {
    let (a, b) = both(|| Ok(timed(a, fa)), || Ok(timed(b, fb)))
        .unwrap_or_else(|e| unreachable!("a timed stage answers its failure: {e}"));
    let oks = (a.ok, b.ok);
    stages.extend([a, b]);
    oks
}

/// The first, fast stage: formatting, and clippy with warnings as errors for the native crates
/// and for the SPA as it is built (wasm32, with the bench feature's hooks too).
fn lint() -> Result<()> {
    let root = root();
    modules::check(&root.join("src"))?;
    tools::ensure_lint_tools()?;
    run(Command::new("cargo")
        .args(["fmt", "--all", "--", "--check"])
        .current_dir(&root))?;
    run(Command::new("cargo")
        .args([
            "clippy",
            "--workspace",
            "--exclude",
            "mobile-auth",
            "--all-targets",
        ])
        .args(["--", "-D", "warnings"])
        .current_dir(&root))?;
    run(Command::new("cargo")
        .args([
            "clippy",
            "-p",
            "mobile-auth",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args([
            "--all-targets",
            "--features",
            "bench",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&root))
}

/// Whether `dir`, or a folder under it, holds a Playwright spec (the browser suite keeps its specs
/// in a folder per feature: tests/e2e/qr/, tests/e2e/binding/ and so on).
fn has_spec(dir: &std::path::Path) -> bool {
    dir.read_dir().is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let path = e.path();
            if path.is_dir() {
                has_spec(&path)
            } else {
                e.file_name().to_string_lossy().ends_with(".spec.ts")
            }
        })
    })
}

fn test() -> Result<()> {
    let root = root();
    let mut stages = Vec::new();
    // Both of the next two stages would add the target otherwise, at the same time.
    tools::ensure_wasm_target()?;
    // On a new machine the tools compile while clippy does.
    let (_, tools_ok) = two_stages(
        &mut stages,
        ("lint (rustfmt, clippy -D warnings)", lint),
        ("install tools", || {
            // What compiles (the test runner) beside what downloads (npm, apt, pip): on a new
            // machine one after another took 357 s, longer than the lint beside them.
            both(
                || {
                    tools::ensure_build_tools()?;
                    tools::ensure_test_runner()
                },
                || {
                    tools::ensure_npm()?;
                    tools::ensure_browser()?;
                    proxies::ensure_installed()?;
                    moda::install()
                },
            )
            .map(|_| ())
        }),
    );
    // The native tests (dev and prerender profiles) and the release build (wasm32 release and
    // prerender) compile side by side; the Wasm component tests after both.
    let native = || {
        run(Command::new("cargo")
            .args(["test", "--workspace", "--exclude", "mobile-auth"])
            .current_dir(&root))?;
        // The first-screen binary's own tests (static step 1 made inert), in the profile
        // the build runs it with, so its dependencies are compiled once for both.
        run(Command::new("cargo")
            .args(["test", "-p", "mobile-auth", "--bin", "first-screen"])
            .args(["--features", "prerender", "--profile", "prerender"])
            .current_dir(&root))
    };
    let native_name = "native unit, property and integration tests";
    if !tools_ok {
        stage(&mut stages, native_name, native);
        return summary(&stages);
    }
    // The Wasm component tests compile (wasm32, dev: a folder of its own) once the release build
    // is done, while the native tests still run; the stage after both only runs them.
    let wasm_tests = |no_run: bool| {
        run(Command::new("cargo")
            .args([
                "test",
                "-p",
                "mobile-auth",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(no_run.then_some("--no-run"))
            .current_dir(&root)
            .env("CHROMEDRIVER", "chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
    };
    let (_, built) = two_stages(
        &mut stages,
        (native_name, native),
        ("release build of the SPA", || {
            let built = build_spa();
            // A failure to compile is the Wasm stage's to report: it compiles again and says so.
            let _ = wasm_tests(true);
            built
        }),
    );
    stage(
        &mut stages,
        "shipped deploy configs load (nginx -t, caddy validate)",
        proxies::check_configs,
    );
    stage(
        &mut stages,
        "Wasm component tests (headless Chromium)",
        || wasm_tests(false),
    );
    if built {
        stage(
            &mut stages,
            "size budgets of the build (bench/budget.toml)",
            || bench::sizes(&root.join("dist")),
        );
        stage(
            &mut stages,
            "serve smoke test (sandbox + dist on one origin)",
            serve_smoke,
        );
    }
    if built && has_spec(&root.join("tests/e2e")) {
        stage(
            &mut stages,
            "end-to-end tests (Playwright, Chromium; the flows' API calls through Prism validating api/openapi.yaml)",
            || {
                run(Command::new("cargo")
                    .args(["build", "-p", "mobile-auth-sandbox"])
                    .current_dir(&root))?;
                run(Command::new("npx")
                    .args(["playwright", "test"])
                    .env("E2E_CONTRACT_REQUIRED", "1")
                    .current_dir(&root))
            },
        );
        stage(
            &mut stages,
            "MODA 115.11 AAA on every screen (a11y-moda, independent checker)",
            moda::moda,
        );
    }
    summary(&stages)
}

fn summary(stages: &[Stage]) -> Result<()> {
    eprintln!("\n=== xtask test: summary ===");
    for s in stages {
        eprintln!(
            "{:>4}  {:>5}s  {}",
            if s.ok { "ok" } else { "FAIL" },
            s.secs,
            s.name
        );
    }
    if stages.iter().all(|s| s.ok) {
        Ok(())
    } else {
        Err("some test stages failed".into())
    }
}

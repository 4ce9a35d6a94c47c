//! Taiwan's MODA accessibility rules (網站無障礙檢測規範 115.11, level AAA, AA's included)
//! checked over every screen by an independent checker, `a11y-moda` from PyPI (pinned in
//! `tests/moda/requirements.txt`), driving Debian's Chromium through its Python Playwright.
//! The project's own axe scans are one opinion; this is another's.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{http_get, root, run, Result};

/// A server that is stopped when dropped, so a failed scan does not leave it running.
struct Sandbox(std::process::Child);

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The oldest Python the pins install on: soupsieve 4.1.3 needs 3.11.5, and Debian 12's own
/// `python3` is 3.11.2 (pip then fails far down its log).
const PYTHON_AT_LEAST: (u32, u32, u32) = (3, 11, 5);

fn python_new_enough() -> Result<()> {
    let out = Command::new("python3").arg("--version").output()?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let v: Vec<u32> = text
        .trim_start_matches("Python ")
        .split('.')
        .map_while(|p| p.parse().ok())
        .collect();
    match v[..] {
        [a, b, c, ..] if (a, b, c) >= PYTHON_AT_LEAST => Ok(()),
        _ => {
            let (a, b, c) = PYTHON_AT_LEAST;
            Err(format!(
                "the MODA checker's pins (tests/moda/requirements.txt) need Python >= {a}.{b}.{c}; \
                 `python3` on PATH is {text:?} (Debian 12's is 3.11.2: put a newer one first on PATH)"
            )
            .into())
        }
    }
}

/// `python3 -m venv` in target/, with the pinned checker; reinstalled when the pins change.
fn ensure_checker(venv: &Path) -> Result<()> {
    let reqs = root().join("tests/moda/requirements.txt");
    let stamp = venv.join("requirements.installed");
    let wanted = std::fs::read_to_string(&reqs)?;
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing the MODA checker (a11y-moda, PyPI) into {}…",
        venv.display()
    );
    python_new_enough()?;
    run(Command::new("python3").args(["-m", "venv"]).arg(venv))?;
    run(Command::new(venv.join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&reqs)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    std::fs::write(stamp, wanted)?;
    Ok(())
}

/// Where the checker and its reports live.
fn out_dir() -> std::path::PathBuf {
    root().join("target/moda")
}

/// The checker's install (pip, ~1 min on a new machine): `cargo xtask test` does it beside its
/// lint stage, with the other tools, so the scan at the end of the run only scans.
pub fn install() -> Result<()> {
    std::fs::create_dir_all(out_dir())?;
    ensure_checker(&out_dir().join("venv"))
}

pub fn moda() -> Result<()> {
    let root = root();
    let out = out_dir();
    let venv = out.join("venv");
    install()?;
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))?
        .local_addr()?
        .port();
    let db = out.join("sandbox.sqlite");
    let _ = std::fs::remove_file(&db);
    let _sandbox = Sandbox(
        Command::new(root.join("target/debug/mobile-auth-sandbox"))
            .arg("--dist")
            .arg(root.join("dist"))
            .args(["--port", &port.to_string(), "--insecure-http-cookies"])
            .args(["--rate-limit-per-minute", "100000", "--db"])
            .arg(&db)
            .env("SANDBOX_CAPTCHA", "TEST1")
            .stdout(Stdio::null())
            .spawn()?,
    );
    let started = Instant::now();
    while http_get(port, "/api/v1/config").is_err() {
        if started.elapsed() > Duration::from_secs(60) {
            return Err("the sandbox for the MODA scan did not answer within 60 s".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    run(Command::new(venv.join("bin/python"))
        .arg(root.join("tests/moda/scan_screens.py"))
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg("--report")
        .arg(out.join("report.json")))
}

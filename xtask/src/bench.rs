//! `cargo xtask bench`: what a citizen on a cheap phone pays before the first field can be typed,
//! side by side with a no-script baseline of the same screen. Not a test: `cargo xtask test`
//! never runs it.
//!
//! Builds the release SPA into `target/bench/dist/` (and a second build with the `bench` feature's
//! timing hooks into `target/bench/dist-hooks/`), serves each with the sandbox backend, then `bench/run.mjs`
//! measures (asset bytes, Lighthouse, a throttled Playwright run, heaps, in-browser timings) and
//! writes `target/bench/report.json` and `target/bench/metrics.tsv`. Every `name = limit` in
//! `bench/budget.toml` is checked against the metric of that name; any exceeded → non-zero exit.
//!
//! `--no-build` reuses the existing builds; `--runs N` sets Lighthouse runs (median; default 3);
//! `--size-only` measures only bytes (quick; `cargo xtask test` checks the same budgets of its own
//! build, [`sizes`]).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{root, run, tools, Result};

/// The app's, the hooks build's and the baseline's ports (the team's range is 8500–8599).
const PORTS: [u16; 3] = [8561, 8562, 8563];

/// A server that is stopped when dropped, so an error on the way does not leave it running.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn bench(args: &[String]) -> Result<()> {
    let root = root();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out)?;
    let flag = |f: &str| args.iter().any(|a| a == f);
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(3), |r| r.parse::<u32>())?;
    let size_only = flag("--size-only");
    // Own dist directories: `dist/` may be rebuilt by someone's `cargo xtask test` meanwhile.
    let dist = out.join("dist");
    let hooks_dist = out.join("dist-hooks");

    if !flag("--no-build") {
        crate::build::build(&dist, &[])?;
        // Bytes need neither the timing-hooks build nor the backend that serves the pages.
        if !size_only {
            eprintln!("xtask: building the SPA again with the timing hooks (feature `bench`)…");
            crate::build::build(&hooks_dist, &["bench"])?;
            run(Command::new("cargo")
                .args(["build", "-p", "mobile-auth-sandbox"])
                .current_dir(&root))?;
        }
    }

    let mut node = Command::new("node");
    node.arg(root.join("bench/run.mjs"))
        .current_dir(&root)
        .env("BENCH_DIST", &dist)
        .env("BENCH_OUT", &out)
        .env("BENCH_RUNS", runs.to_string())
        .env("CHROME_PATH", "/usr/bin/chromium");
    let mut servers = Vec::new();
    if size_only {
        node.env("BENCH_SIZE_ONLY", "1");
    } else {
        tools::ensure_npm_in(&root.join("bench"), "Lighthouse")?;
        let baseline = stage_baseline(&root, &dist, &out)?;
        let [app, hooks, base] = PORTS;
        servers.push(sandbox(&root, &dist, app, &out.join("app.sqlite"))?);
        servers.push(sandbox(
            &root,
            &hooks_dist,
            hooks,
            &out.join("hooks.sqlite"),
        )?);
        servers.push(sandbox(
            &root,
            &baseline,
            base,
            &out.join("baseline.sqlite"),
        )?);
        node.env("BENCH_APP_URL", format!("http://127.0.0.1:{app}/"))
            .env("BENCH_HOOKS_URL", format!("http://127.0.0.1:{hooks}/"))
            .env("BENCH_BASELINE_URL", format!("http://127.0.0.1:{base}/"));
    }
    run(&mut node)?;
    drop(servers);
    check_budget(&root.join("bench/budget.toml"), &out.join("metrics.tsv"))
}

/// The byte budgets alone, of a build already in `dist` (`cargo xtask test` checks its own
/// release build so, instead of building one more): written to `target/bench/sizes/`.
pub fn sizes(dist: &Path) -> Result<()> {
    let root = root();
    let out = root.join("target/bench/sizes");
    std::fs::create_dir_all(&out)?;
    run(Command::new("node")
        .arg(root.join("bench/run.mjs"))
        .current_dir(&root)
        .env("BENCH_DIST", dist)
        .env("BENCH_OUT", &out)
        .env("BENCH_SIZE_ONLY", "1"))?;
    check_budget(&root.join("bench/budget.toml"), &out.join("metrics.tsv"))
}

/// The baseline page with the style sheets of the app's build `dist` beside it, and
/// `minimal.html` (the same page without them), as a directory the sandbox serves.
fn stage_baseline(root: &Path, dist: &Path, out: &Path) -> Result<PathBuf> {
    let dir = out.join("baseline");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    for entry in std::fs::read_dir(root.join("bench/baseline"))? {
        let entry = entry?;
        std::fs::copy(entry.path(), dir.join(entry.file_name()))?;
    }
    // The markup: the build's own static step 1.
    let built = std::fs::read_to_string(dist.join("index.html"))?;
    let step1 = built
        .split_once("<div id=\"boot-shell\">")
        .and_then(|(_, rest)| rest.rsplit_once("</body>"))
        .and_then(|(shell, _)| shell.trim_end().strip_suffix("</div>"))
        .ok_or_else(|| format!("{} has no #boot-shell", dist.display()))?;
    let template = std::fs::read_to_string(dir.join("index.html"))?;
    if !template.contains("<!-- step 1 -->") {
        return Err("bench/baseline/index.html has lost its <!-- step 1 --> place".into());
    }
    std::fs::write(
        dir.join("index.html"),
        template.replace("<!-- step 1 -->", step1),
    )?;
    // The sheets the build serves (app-<hash>.css, the first screen's, joined by
    // the build; records-<hash>.css, not render-blocking), under plain names.
    for sheet in ["app", "records"] {
        let built = std::fs::read_dir(dist)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(&format!("{sheet}-")) && n.ends_with(".css"))
            .ok_or_else(|| format!("{} has no {sheet}-<hash>.css", dist.display()))?;
        std::fs::copy(dist.join(built), dir.join(format!("{sheet}.css")))?;
    }
    // The same screen with no style sheet at all: the floor issue 17 compares FCP and LCP with.
    let page = std::fs::read_to_string(dir.join("index.html"))?;
    let minimal: String = page
        .lines()
        .filter(|l| !l.trim_start().starts_with("<link rel=\"stylesheet\""))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("minimal.html"), minimal)?;
    Ok(dir)
}

fn sandbox(root: &Path, dist: &Path, port: u16, db: &Path) -> Result<Server> {
    let _ = std::fs::remove_file(db);
    let child = Command::new(root.join("target/debug/mobile-auth-sandbox"))
        .arg("--dist")
        .arg(dist)
        .args([
            "--port",
            &port.to_string(),
            "--rate-limit-per-minute",
            "100000",
            "--insecure-http-cookies",
            "--db",
        ])
        .arg(db)
        .env("SANDBOX_CAPTCHA", "TEST1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting the sandbox: {e}"))?;
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !answers(port) {
        if Instant::now() > deadline {
            return Err(format!("the sandbox on port {port} did not answer within 30 s").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}

/// Whether the sandbox on this port answers `GET /api/v1/config` with 200.
fn answers(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let req = format!(
        "GET /api/v1/config HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    let mut reply = String::new();
    s.write_all(req.as_bytes()).is_ok()
        && s.read_to_string(&mut reply).is_ok()
        && reply.starts_with("HTTP/1.1 200")
}

/// Compares `name = limit` lines of the budget with `name<TAB>value` lines of the metrics.
/// A `_min` suffix on a budget name makes it a floor (scores) instead of a ceiling.
fn check_budget(budget: &Path, metrics: &Path) -> Result<()> {
    let values: Vec<(String, f64)> = std::fs::read_to_string(metrics)?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(k, v)| Some((k.to_string(), v.trim().parse().ok()?)))
        .collect();
    let mut over = Vec::new();
    let mut checked = 0;
    for line in std::fs::read_to_string(budget)?.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((name, limit)) = line.split_once('=') else {
            continue;
        };
        let (name, limit) = (
            name.trim(),
            limit
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("budget: not a number: {line}"))?,
        );
        let (metric, floor) = match name.strip_suffix("_min") {
            Some(m) => (m, true),
            None => (name, false),
        };
        let Some(&(_, value)) = values.iter().find(|(k, _)| k == metric) else {
            continue; // not measured in this run (e.g. --size-only)
        };
        checked += 1;
        if (floor && value < limit) || (!floor && value > limit) {
            over.push(format!(
                "{metric} = {value} ({} {limit})",
                if floor {
                    "budget: at least"
                } else {
                    "budget: at most"
                }
            ));
        }
    }
    eprintln!(
        "\nxtask bench: {checked} budgets checked, {} exceeded",
        over.len()
    );
    for o in &over {
        eprintln!("  over budget: {o}");
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("{} budget(s) exceeded", over.len()).into())
    }
}

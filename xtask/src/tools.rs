//! Pinned tools: found by `--version`, installed from the package registries when missing.
//! Nothing here downloads from outside crates.io, npm or Debian.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, run, Result};

/// A package's version in Cargo.lock (the first entry of that name).
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e} (run `cargo generate-lockfile`)"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err(format!("{package} not found in Cargo.lock").into())
}

/// The wasm-bindgen version in Cargo.lock: everything that reads the app's Wasm after the
/// compiler must match it exactly (xtask's wasm-bindgen-cli-support, the Wasm tests' runner of
/// wasm-bindgen-cli, Trunk's `[tools]`).
pub fn locked_wasm_bindgen() -> Result<String> {
    let wb = locked_version("wasm-bindgen")?;
    let support = locked_version("wasm-bindgen-cli-support")?;
    if support != wb {
        return Err(format!(
            "xtask's wasm-bindgen-cli-support {support} must equal the app's wasm-bindgen {wb} \
             (xtask/Cargo.toml)"
        )
        .into());
    }
    Ok(wb)
}

/// First line of `<cmd> --version`, if the command runs.
fn version_of(cmd: &str) -> Option<String> {
    let out = Command::new(cmd)
        .arg("--version")
        .env("PATH", path_env())
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

/// Cargo's home folder (its bin folder, the registry's sources), as cargo finds it.
pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
}

/// PATH with the project's npm binaries (Playwright) and cargo's bin folder first.
pub fn path_env() -> String {
    let mut parts = vec![root().join("node_modules/.bin")];
    if let Some(home) = cargo_home() {
        parts.push(home.join("bin"));
    }
    let mut path = std::env::join_paths(parts)
        .unwrap()
        .into_string()
        .unwrap_or_default();
    if let Ok(rest) = std::env::var("PATH") {
        path.push(':');
        path.push_str(&rest);
    }
    path
}

fn cargo_install(args: &[&str], what: &str, minutes: u32) -> Result<()> {
    eprintln!(
        "xtask: installing {what} into cargo's bin folder (first run only; about {minutes} min on 2 cores)…"
    );
    run(Command::new("cargo").arg("install").args(args))
}

/// What `cargo xtask build` runs besides cargo and xtask itself (which splits the Wasm and writes
/// its glue through wasm-split's and wasm-bindgen's libraries): Binaryen's wasm-opt (npm, in its
/// own folder). Not Trunk: it is the development loop's tool only (`trunk serve`, Trunk.toml), so
/// a first `serve` does not wait for it to compile.
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    let wb = locked_wasm_bindgen()?;
    let trunk_toml = std::fs::read_to_string(root().join("Trunk.toml"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{wb}\"")) {
        return Err(format!(
            "Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen {wb}"
        )
        .into());
    }
    wasm_opt().map(|_| ())
}

/// wasm-bindgen-cli's `wasm-bindgen-test-runner` (= Cargo.lock's wasm-bindgen), the runner of the
/// Wasm component tests (.cargo/config.toml). Only the tests need it: the build does not.
pub fn ensure_test_runner() -> Result<()> {
    let wb = locked_wasm_bindgen()?;
    let want = format!("wasm-bindgen-test-runner {wb}");
    if version_of("wasm-bindgen-test-runner").as_deref() != Some(want.as_str()) {
        // Not --locked: the CLI's own lockfile pins a webpki-roots the registry no longer has.
        cargo_install(
            &[
                "wasm-bindgen-cli",
                "--version",
                &wb,
                "--bin",
                "wasm-bindgen-test-runner",
            ],
            &want,
            2,
        )?;
    }
    Ok(())
}

/// npm binaryen's `wasm-opt`, installed from `xtask/wasm-opt/`'s lockfile when missing: its own
/// small package, so a build installs no test tools (Debian's binaryen 108 silently breaks the
/// app; 132 is pinned there).
pub fn wasm_opt() -> Result<PathBuf> {
    let dir = root().join("xtask/wasm-opt");
    ensure_npm_in(&dir, "Binaryen's wasm-opt")?;
    let bin = dir.join("node_modules/.bin/wasm-opt");
    let out = Command::new(&bin).arg("--version").output();
    match out {
        Ok(o) if String::from_utf8_lossy(&o.stdout).contains("version 132") => Ok(bin),
        other => Err(format!(
            "{}: wasm-opt of binaryen 132 expected, found {other:?}",
            bin.display()
        )
        .into()),
    }
}

/// rustfmt and clippy, from rustup when the toolchain was installed without them.
pub fn ensure_lint_tools() -> Result<()> {
    ensure_wasm_target()?;
    let has = |sub: &str| {
        Command::new("cargo")
            .args([sub, "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(has("fmt") && has("clippy")) {
        run(Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))?;
    }
    Ok(())
}

pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match out {
        Ok(o) if String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown") => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        // No rustup: assume the toolchain was provisioned with the target.
        Err(_) => Ok(()),
    }
}

/// `npm ci` at the root (the browser test suite) when node_modules is missing or older than
/// the lockfile.
pub fn ensure_npm() -> Result<()> {
    ensure_npm_in(&root(), "Playwright, axe-core, the contract proxy")
}

/// `npm ci` in `dir` (a folder with its own package-lock.json) when needed. The bench's
/// Lighthouse has its own folder so the tests' install does not carry its tree.
pub fn ensure_npm_in(dir: &Path, what: &str) -> Result<()> {
    let stamp = dir.join("node_modules/.package-lock.json");
    if !newer_or_equal(&stamp, &dir.join("package-lock.json")) {
        eprintln!(
            "xtask: npm ci in {} ({what}; no browser download)…",
            dir.display()
        );
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    }
    Ok(())
}

fn newer_or_equal(a: &Path, b: &Path) -> bool {
    let m = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((m(a), m(b)), (Some(x), Some(y)) if x >= y)
}

fn on_path(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .env("PATH", path_env())
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Debian's Chromium and ChromeDriver, for wasm-bindgen-test and Playwright.
pub fn ensure_browser() -> Result<()> {
    // Without a CJK font the zh-TW screens (and the screenshots in docs/screens) render as boxes.
    let cjk_font =
        std::path::Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists();
    if on_path("chromium") && on_path("chromedriver") && cjk_font {
        return Ok(());
    }
    apt_install(
        &["chromium", "chromium-driver", "fonts-noto-cjk"],
        "Chromium, ChromeDriver and a CJK font are",
    )
}

/// Debian packages, when running as root with apt; otherwise an error naming them.
pub fn apt_install(packages: &[&str], what: &str) -> Result<()> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let list = packages.join(" ");
    if !(is_root && on_path("apt-get")) {
        return Err(format!("{what} needed: install Debian's `{list}`").into());
    }
    eprintln!("xtask: installing {list} from Debian (about 1–2 min)…");
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

//! `cargo xtask build`: the release `dist/`, one step after another, each a function below.
//!
//!  1. [`link`]: the app's Wasm (cargo, release, linked with `--emit-relocs` so its functions
//!     can be moved between modules);
//!  2. [`split_and_bind`]: wasm-split cuts it into the main module and one chunk per later
//!     screen (src/ui/on_first_use.rs), wasm-bindgen writes the JS glue of the main module;
//!  3. [`optimise`]: Binaryen's `wasm-opt -Oz` on every module (npm `binaryen`, in its own
//!     folder `xtask/wasm-opt/`), then the main module's imports from its glue under short
//!     names in both (`imports.rs`);
//!  4. [`from_the_app`]: the first-screen binary (src/bin/first_screen/) prints step 1's static
//!     markup, the start-up manifest (src/startup.rs: names, time limit, texts) and the error
//!     catalogue;
//!  5. [`name_by_content`]: every file named by a hash of its content, the references between
//!     them rewritten (the chunk loader reaches the app through the manifest's global);
//!  6. [`english`]: the English texts as a file of their own (the app names it; src/i18n.rs),
//!     and a check that none of them is left in the main module;
//!  7. [`page`]: index.html with its style sheets joined, the app's files on boot.js's tag,
//!     step 1 in place, the tab's icon inline, the files it names copied;
//!  8. [`scripts`]: the manifest written into boot.js, mount.js and sw.js;
//!  9. [`mount`]: mount mode's CSS scoped to the portal's host element, and mount.json;
//!  10. [`precache`]: the service worker's list of this build's files and its version;
//! 11. [`precompress`]: `.br` and `.gz` beside each text and Wasm file.
//!
//! Steps 1 and 4 run at the same time (with the tools' first install), the rest in order.
//! Everything is written into a staging folder that replaces `dist/` only once all steps have
//! passed, so a failed build never leaves half a site. Trunk is not part of it: its Rust
//! pipeline cannot split the Wasm (trunk-rs/trunk#1022), and without that it had nothing left
//! to do here but copy files (docs/architecture.md, "Build"). `trunk serve` stays the
//! development loop (Trunk.toml).

mod css;
mod imports;
mod page;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha384};

use crate::{both, root, tools, Result};

/// The app's files a build names by content, for the page and mount mode.
pub struct AppFiles {
    /// The JS glue (imports the chunk loader).
    pub js: String,
    /// The main module.
    pub wasm: String,
}

/// What the build takes from the app's own code (src/bin/first_screen/).
pub struct FromTheApp {
    /// Step 1's static markup, made inert.
    pub shell: String,
    /// index.html's title, description and `<noscript>` text.
    pub page: Value,
    /// The start-up manifest the page's scripts get (src/startup.rs).
    pub app: Value,
    /// The error catalogue and the UI strings, for the tests
    /// (`target/xtask-build/app-manifest.json`).
    pub errors: Value,
    pub texts: Value,
    /// The English table: its file name and texts (src/i18n.rs).
    pub english: Value,
}

/// The release build into `dist`, with the app's cargo `features` besides `split` (`bench` for
/// the bench's timing hooks).
pub fn build(dist: &Path, features: &[&str]) -> Result<()> {
    let root = root();
    let work = root.join("target/xtask-build").join(slug(dist));
    let stage = work.join("site");
    let wasm = work.join("wasm");
    for dir in [&stage, &wasm] {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir)?;
    }
    let started = Instant::now();
    tools::ensure_wasm_target()?;
    // Steps 1 and 4 are two cargo builds in their own profiles, and the tools step 2 needs may
    // be compiling too on a first run: all three at once (see `both`).
    let ((linked, ()), from_app) = both(
        || {
            both(
                || {
                    step("1/11 link the app's Wasm (cargo, release)", || {
                        link(&root, features)
                    })
                },
                tools::ensure_build_tools,
            )
        },
        || {
            step(
                "4/11 step 1 and the start-up manifest, from the app",
                || from_the_app(&root),
            )
        },
    )?;
    step("2/11 split it and write its JS glue", || {
        split_and_bind(&linked, &wasm)
    })?;
    let modules = modules(&wasm)?;
    step("3/11 optimise every module (wasm-opt -Oz)", || {
        optimise(&modules)?;
        short_import_names(&wasm)
    })?;
    let files = step("5/11 name the files by their content", || {
        name_by_content(&wasm, &modules, &stage, &from_app.app)
    })?;
    step("6/11 the English table, apart from the main module", || {
        english(&stage, &files, &from_app.english)
    })?;
    let sheets = step("7/11 the page", || {
        page::write(&root, &stage, &files, &from_app)
    })?;
    step(
        "8/11 the manifest into the scripts, the names into the PWA's",
        || {
            scripts(&stage, &from_app.app)?;
            web_manifest(&stage, &from_app.page)
        },
    )?;
    let mount_files = step("9/11 mount mode", || mount(&stage, &files, &sheets))?;
    step("10/11 the service worker's precache list", || {
        precache(&stage, &mount_files)
    })?;
    step("11/11 precompressed copies", || precompress(&stage))?;
    // The tests read the error catalogue and the texts from here, never from Rust source.
    fs::write(
        root.join("target/xtask-build/app-manifest.json"),
        serde_json::to_string_pretty(&serde_json::json!({
            "app": from_app.app,
            "errors": from_app.errors,
            "texts": from_app.texts,
            "englishFile": from_app.english["file"],
        }))?,
    )?;
    let _ = fs::remove_dir_all(dist);
    if let Some(parent) = dist.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::rename(&stage, dist).map_err(|e| format!("moving the build to {}: {e}", dist.display()))?;
    eprintln!(
        "xtask build: {} in {:.0} s",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let t = Instant::now();
    eprintln!("xtask build: {name}…");
    let out = f().map_err(|e| format!("{name}: {e}"))?;
    eprintln!(
        "xtask build: {name}: done in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(out)
}

/// A folder name for a build's work files, one per `dist` (the bench builds two at a time).
fn slug(dist: &Path) -> String {
    hex16(dist.to_string_lossy().as_bytes())
}

/// The first 16 hex digits of the content's SHA-256: the hash in a file's name.
pub fn hex16(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `integrity` value of a file (SRI, SHA-384).
pub fn integrity(data: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(data))
    )
}

/// Runs a tool, answering its standard output; its standard error goes to the terminal.
fn output(cmd: &mut Command) -> Result<String> {
    cmd.env("PATH", tools::path_env()).stderr(Stdio::inherit());
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed: {}", out.status).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// Step 1: `cargo rustc` gives the link flag to the app's own link only: its dependencies are not
/// rebuilt for it.
fn link(root: &Path, features: &[&str]) -> Result<PathBuf> {
    let features = ["split"]
        .iter()
        .chain(features)
        .copied()
        .collect::<Vec<_>>()
        .join(",");
    let messages = output(
        Command::new("cargo")
            .args(["rustc", "-p", "mobile-auth", "--bin", "mobile-auth"])
            .args(["--target", "wasm32-unknown-unknown", "--release"])
            .args([
                "--features",
                &features,
                "--message-format=json-render-diagnostics",
            ])
            .args(remap_registry())
            .args(["--", "-Clink-args=--emit-relocs"])
            .current_dir(root),
    )?;
    messages
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "mobile-auth")
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| f.extension().is_some_and(|e| e == "wasm"))
        .ok_or_else(|| "cargo named no mobile-auth .wasm".into())
}

/// Panic locations in the Wasm name each dependency's source file by where cargo keeps it: the
/// same commit built under another cargo home (another user, a CI runner) came out 232 bytes of
/// brotli larger, over the byte budget. Cut to the path under the registry, the Wasm is the same
/// wherever it is built (the workspace's own files are named relative to it already). Added to
/// `.cargo/config.toml`'s flags for the target: cargo joins `--config` arrays to the file's.
fn remap_registry() -> Vec<String> {
    tools::cargo_home()
        .map(|home| {
            let src = format!("{}/", home.join("registry/src").display());
            vec![
                "--config".to_string(),
                format!("target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix={src}=\"]"),
            ]
        })
        .unwrap_or_default()
}

/// The name step 2 gives the main module and its glue: `app.wasm`, `bg/app.js`, `bg/app_bg.wasm`,
/// and the module `./app_bg.js` the Wasm imports the glue's functions from (imports.rs).
const MAIN: &str = "app";

/// Step 2: The main module `app.wasm`, a Wasm file per chunk and the loader that fetches them
/// (`__wasm_split.js`) into `work`; the main module's glue into `work/bg`. What the command-line
/// tools `wasm-split-cli --out-name app` and `wasm-bindgen --target web --keep-lld-exports
/// --no-typescript` do, through their libraries.
fn split_and_bind(linked: &Path, work: &Path) -> Result<()> {
    let input = fs::read(linked)?;
    let main_module = work.join(format!("{MAIN}.wasm"));
    let glue = format!("./{MAIN}.js");
    let mut split = wasm_split_cli_support::Options::new(&input);
    split.output_dir = work;
    split.main_out_path = &main_module;
    split.main_module = &glue;
    split.target.web();
    wasm_split_cli_support::transform(split).map_err(|e| format!("wasm-split: {e:#}"))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main_module)
        .web(true)?
        .keep_lld_exports(true)
        .typescript(false)
        // The page's scripts always name the main module (boot.js, mount.js): no fallback path
        // in the glue that would fetch a file no build writes.
        .omit_default_module_path(true)
        .out_name(MAIN)
        .generate(work.join("bg"))
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    Ok(())
}

/// One Wasm module of the build: where it is, and the name it gets (`stem-<hash><suffix>.wasm`).
pub struct Module {
    path: PathBuf,
    stem: String,
    suffix: &'static str,
    /// How the chunk loader names it (chunks only).
    loader_ref: Option<String>,
}

fn modules(work: &Path) -> Result<Vec<Module>> {
    let mut chunks = Vec::new();
    for entry in fs::read_dir(work)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".wasm").filter(|s| *s != MAIN) {
            chunks.push(Module {
                path: work.join(&name),
                stem: stem.replace('_', "-"),
                suffix: "",
                loader_ref: Some(name.clone()),
            });
        }
    }
    chunks.sort_by(|a, b| a.stem.cmp(&b.stem));
    let main = Module {
        path: work.join(format!("bg/{MAIN}_bg.wasm")),
        stem: "mobile-auth".into(),
        suffix: "_bg",
        loader_ref: None,
    };
    Ok(std::iter::once(main).chain(chunks).collect())
}

/// Step 3: In place, quietly: it warns about the splitter's name sections, which `--strip-debug`
/// drops anyway. wasm-opt (Binaryen compiled to JS) runs on one thread: the modules are optimised
/// side by side, the chunks while the main module takes its time.
fn optimise(modules: &[Module]) -> Result<()> {
    let wasm_opt = tools::wasm_opt()?;
    let running = modules
        .iter()
        .map(|m| {
            Command::new(&wasm_opt)
                .args(["-Oz", "--strip-debug", "--strip-producers"])
                .arg(&m.path)
                .arg("-o")
                .arg(&m.path)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .map(|child| (m, child))
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    for (m, child) in running {
        let out = child.wait_with_output()?;
        if !out.status.success() {
            return Err(format!(
                "wasm-opt {}: {}",
                m.path.display(),
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
    }
    Ok(())
}

/// Step 3, after wasm-opt: wasm-bindgen's hashed import names shortened in the main module and
/// its glue alike (imports.rs).
fn short_import_names(work: &Path) -> Result<()> {
    let (wasm, glue) = (
        work.join(format!("bg/{MAIN}_bg.wasm")),
        work.join(format!("bg/{MAIN}.js")),
    );
    let (module, js, renamed) = imports::shorten(
        &fs::read(&wasm)?,
        &fs::read_to_string(&glue)?,
        &format!("./{MAIN}_bg.js"),
    )?;
    fs::write(&wasm, module)?;
    fs::write(&glue, js)?;
    eprintln!("xtask build: {renamed} imports of the main module under short names");
    Ok(())
}

/// Step 5: The modules, the chunk loader and the glue under content-hashed names in `stage`.
fn name_by_content(work: &Path, modules: &[Module], stage: &Path, app: &Value) -> Result<AppFiles> {
    let mut loader = fs::read_to_string(work.join("__wasm_split.js"))?;
    let mut main_wasm = String::new();
    for m in modules {
        let data = fs::read(&m.path)?;
        let name = format!("{}-{}{}.wasm", m.stem, hex16(&data), m.suffix);
        fs::write(stage.join(&name), &data)?;
        match &m.loader_ref {
            Some(r) => loader = loader.replace(&format!("\"./{r}\""), &format!("\"./{name}\"")),
            None => main_wasm = name,
        }
    }
    // The loader reaches the main module's exports through the instance boot.js (or mount.js)
    // started, not by importing the glue again: boot.js retries a failed glue download under
    // another URL, and a static import here would load, and start, a second copy.
    let glue_import = format!("import {{ initSync }} from \"./{MAIN}.js\";");
    if !loader.contains(&glue_import) {
        return Err("the split loader no longer imports initSync as expected".into());
    }
    let global = app["global"]["wasm"]
        .as_str()
        .ok_or("the manifest has no global.wasm")?;
    let loader = loader.replace(
        &glue_import,
        &format!("const initSync = () => globalThis.{global};"),
    );
    let loader_name = format!("split-{}.js", hex16(loader.as_bytes()));
    fs::write(stage.join(&loader_name), &loader)?;
    // Only the glue's imports of the loader change: the Wasm still names its module
    // "./__wasm_split.js", so the keys of the glue's import object stay.
    let glue = fs::read_to_string(work.join(format!("bg/{MAIN}.js")))?.replace(
        "from \"./__wasm_split.js\"",
        &format!("from \"./{loader_name}\""),
    );
    let js = format!("mobile-auth-{}.js", hex16(glue.as_bytes()));
    fs::write(stage.join(&js), &glue)?;
    Ok(AppFiles {
        js,
        wasm: main_wasm,
    })
}

/// Step 4: Native, unoptimised and without debug info (Cargo.toml's `prerender` profile): it runs
/// once, here.
fn from_the_app(root: &Path) -> Result<FromTheApp> {
    let printed = output(
        Command::new("cargo")
            .args(["run", "-q", "-p", "mobile-auth", "--bin", "first-screen"])
            .args(["--features", "prerender", "--profile", "prerender"])
            .args(["--", "public/config.json"])
            .current_dir(root),
    )?;
    let mut v: Value = serde_json::from_str(&printed)?;
    let shell = v["shell"].as_str().unwrap_or_default().to_string();
    if !shell.contains("id=\"national_id\"") {
        return Err("the first-screen binary printed no step 1".into());
    }
    Ok(FromTheApp {
        shell,
        page: v["page"].take(),
        app: v["app"].take(),
        errors: v["errors"].take(),
        texts: v["texts"].take(),
        english: v["english"].take(),
    })
}

/// Step 6: The English texts as the file the app fetches when English is chosen, under the name
/// the app gives it (a hash of the texts the compiler computed: src/i18n.rs). They are data the
/// split cannot move, so the app's release build leaves them out of the Wasm altogether; this
/// fails the build if one is still in the main module: some code reaches core's English directly
/// (`message`, `label`, `title` with a language) instead of through `i18n::Text`.
fn english(stage: &Path, files: &AppFiles, english: &Value) -> Result<()> {
    let file = english["file"].as_str().ok_or("no english.file")?;
    let texts: Vec<&str> = english["texts"]
        .as_array()
        .ok_or("no english.texts")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if !file.starts_with("texts-en-") || !file.ends_with(".json") || texts.is_empty() {
        return Err(format!("unexpected English table {file} ({} texts)", texts.len()).into());
    }
    fs::write(stage.join(file), serde_json::to_string(&texts)?)?;
    let main = fs::read(stage.join(&files.wasm))?;
    let left = english_left_in(&main, &texts);
    if !left.is_empty() {
        return Err(format!(
            "{} English texts are still in the main module, e.g. {:?}",
            left.len(),
            &left[..left.len().min(3)]
        )
        .into());
    }
    Ok(())
}

/// The texts of the English table found in `wasm`: only those long enough (24 bytes) that finding
/// one means the text itself, not a short word another string happens to contain.
fn english_left_in<'a>(wasm: &[u8], texts: &[&'a str]) -> Vec<&'a str> {
    texts
        .iter()
        .filter(|t| t.len() >= 24 && wasm.windows(t.len()).any(|w| w == t.as_bytes()))
        .copied()
        .collect()
}

/// The line each page script has where the build writes the start-up manifest.
const APP_LINE: &str = "const APP = {};";

/// Step 8, too: the installed app's name and description are the page's (the app's catalogue),
/// not a second copy in `public/manifest.webmanifest`, whose fields for them are left empty.
fn web_manifest(stage: &Path, page: &Value) -> Result<()> {
    let path = stage.join("manifest.webmanifest");
    let mut m: Value = serde_json::from_str(&fs::read_to_string(&path)?)?;
    for (field, from) in [
        ("name", "title"),
        ("short_name", "shortName"),
        ("description", "description"),
    ] {
        if m.get(field).and_then(Value::as_str) != Some("") {
            return Err(format!(
                "public/manifest.webmanifest must have \"{field}\": \"\" (the build writes it)"
            )
            .into());
        }
        m[field] = page[from].clone();
    }
    fs::write(&path, serde_json::to_string_pretty(&m)? + "\n")?;
    Ok(())
}

/// Step 8: The manifest into the scripts that run beside the app. Each must have the line exactly
/// once: a script that lost it would run with no names and no texts.
fn scripts(stage: &Path, app: &Value) -> Result<()> {
    let line = format!("const APP = {app};");
    for file in ["boot.js", "mount.js", "sw.js"] {
        let path = stage.join(file);
        let text = fs::read_to_string(&path)?;
        if text.matches(APP_LINE).count() != 1 {
            return Err(format!("public/{file} must have the line `{APP_LINE}` once").into());
        }
        fs::write(&path, text.replace(APP_LINE, &line))?;
    }
    for file in ["boot.js", "mount.js", "sw.js", "no-modules.js"] {
        let path = stage.join(file);
        fs::write(&path, without_line_comments(&fs::read_to_string(&path)?))?;
    }
    Ok(())
}

/// The page's own scripts are written to be read, and their comments were 40 % of `boot.js`
/// (the first screen's one script: 5,459 -> 3,274 bytes brotli without them). Only whole lines
/// that are `//` comments, and blank lines, go: outside a template literal (an odd count of
/// backticks so far) nothing else can start with `//`. Not a minifier: names and layout stay.
fn without_line_comments(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_template = false;
    for line in js.lines() {
        let code = line.trim_start();
        if !in_template && (code.starts_with("//") || code.is_empty()) {
            continue;
        }
        let ticks = line
            .char_indices()
            .filter(|&(i, c)| c == '`' && !line[..i].ends_with('\\'))
            .count();
        in_template ^= ticks % 2 == 1;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Step 9: A copy of the page's CSS scoped to the host element `<div data-mobile-auth>`
/// (`mount-<hash>.css`), and mount.json naming the files mount.js loads. Returns the files only
/// mount mode uses.
fn mount(stage: &Path, files: &AppFiles, sheets: &[String]) -> Result<Vec<String>> {
    let mut css = String::new();
    for name in sheets {
        css.push('\n');
        css.push_str(&fs::read_to_string(stage.join(name))?);
    }
    let scoped = css::scoped(&css);
    let name = format!("mount-{}.css", hex16(scoped.as_bytes()));
    fs::write(stage.join(&name), &scoped)?;
    let json = serde_json::json!({ "js": files.js, "wasm": files.wasm, "css": name });
    fs::write(
        stage.join("mount.json"),
        serde_json::to_string_pretty(&json)? + "\n",
    )?;
    Ok(vec!["mount.js".into(), "mount.json".into(), name])
}

/// Every file under `dir`, as `/`-separated paths relative to it, sorted.
fn files_under(dir: &Path) -> Result<Vec<String>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(base, &path, out)?;
            } else {
                let rel = path.strip_prefix(base)?;
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Step 10: The service worker's list: every file of this build by its name, but mount mode's
/// (a portal's page, which the worker never serves), and a version that changes whenever any
/// file does, so browsers see each new deployment.
fn precache(stage: &Path, mount_files: &[String]) -> Result<()> {
    let all = files_under(stage)?;
    let files: Vec<&String> = all
        .iter()
        .filter(|f| *f != "sw.js" && !mount_files.contains(f))
        .collect();
    let mut digest = Sha256::new();
    for f in all.iter().filter(|f| *f != "sw.js") {
        digest.update(f.as_bytes());
        digest.update([0]);
        digest.update(fs::read(stage.join(f))?);
        digest.update([0]);
    }
    let version: String = digest
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let placeholder = "const BUILD = { version: 'dev', files: [], hashed: [] };";
    let hashed: Vec<&&String> = files.iter().filter(|f| content_named(f)).collect();
    let build = serde_json::json!({ "version": version, "files": files, "hashed": hashed });
    let sw = fs::read_to_string(stage.join("sw.js"))?;
    if sw.matches(placeholder).count() != 1 {
        return Err(format!("public/sw.js must have the line `{placeholder}` once").into());
    }
    fs::write(
        stage.join("sw.js"),
        sw.replace(placeholder, &format!("const BUILD = {build};")),
    )?;
    eprintln!(
        "xtask build: {} files precached (build {version})",
        files.len()
    );
    Ok(())
}

/// `…-<15 or 16 hex digits>[_bg].(wasm|js|css|json)`: a name this build gave by content, which never
/// changes what it holds. deploy/nginx.conf and deploy/Caddyfile serve these as immutable (and so
/// does the sandbox); the service worker takes them from the HTTP cache.
fn content_named(file: &str) -> bool {
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    matches!(ext, "wasm" | "js" | "css" | "json")
        && stem.rsplit_once('-').is_some_and(|(_, hash)| {
            matches!(hash.len(), 15 | 16)
                && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
}

/// Step 11: `file.br` and `file.gz` beside each text or Wasm file, for hosts (and the sandbox) that
/// serve them to browsers that accept them. Not config.json: deployers edit it in place, and a
/// stale compressed copy beside it would win.
fn precompress(stage: &Path) -> Result<()> {
    use std::io::Write;
    let compressible = |f: &str| {
        f != "config.json"
            && [
                "html",
                "js",
                "mjs",
                "css",
                "wasm",
                "json",
                "webmanifest",
                "svg",
            ]
            .iter()
            .any(|ext| f.ends_with(&format!(".{ext}")))
    };
    let files: Vec<String> = files_under(stage)?
        .into_iter()
        .filter(|f| compressible(f))
        .collect();
    let compress = |f: &str| -> Result<()> {
        let data = fs::read(stage.join(f))?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            size_hint: data.len(),
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &data[..], &mut br, &params)?;
        fs::write(stage.join(format!("{f}.br")), br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data)?;
        fs::write(stage.join(format!("{f}.gz")), gz.finish()?)?;
        Ok(())
    };
    // One file after another on each core, the largest (the main module) first.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut by_size = files;
    by_size.sort_by_key(|f| std::cmp::Reverse(fs::metadata(stage.join(f)).map_or(0, |m| m.len())));
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                s.spawn(|| -> std::result::Result<(), String> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(f) = by_size.get(i) else {
                            return Ok(());
                        };
                        compress(f).map_err(|e| format!("{f}: {e}"))?;
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().unwrap_or_else(|_| Err("panicked".into())))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_comments_go_and_template_literals_stay_whole() {
        let js = "// why\nconst a = 1; // kept\n\n  // indented\nconst t = `x\n// inside a template\n`;\nconst u = '//not a comment';\n";
        assert_eq!(
            super::without_line_comments(js),
            "const a = 1; // kept\nconst t = `x\n// inside a template\n`;\nconst u = '//not a comment';\n"
        );
    }

    use super::english_left_in;

    #[test]
    fn english_left_in_the_main_module_is_found_and_short_words_are_not() {
        let wasm = b"\0\x01data: The service settings could not load\0Name\0";
        let texts = [
            "The service settings could not load",
            "Name",
            "Something the module does not have at all",
        ];
        assert_eq!(
            english_left_in(wasm, &texts),
            ["The service settings could not load"]
        );
    }
}

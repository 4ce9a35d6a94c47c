//! What the build needs from the app's own code, printed as one JSON object (`cargo xtask build`
//! runs it natively, once per build):
//! - `page`: index.html's title, description and `<noscript>` text, and the PWA manifest's names;
//! - `shell`: index.html's static first screen (the inside of `<div id="boot-shell">`), the app's
//!   step 1 as a first visit shows it, rendered by the app's own components with the links of the
//!   config.json named as the argument and the carriers the manual lists, then made inert
//!   ([`static_shell::inert`]);
//! - `app`: the start-up manifest, every value the page's scripts share with the app
//!   (src/startup.rs, the storage key, the time limit, what they say before the app runs), which
//!   the build writes into public/boot.js, mount.js, sw.js and the chunk loader;
//! - `english`: the English table the app fetches when English is chosen (src/i18n.rs): its file
//!   name and every text, in the order the app reads them;
//! - `errors` and `texts`: the error catalogue (crates/core/src/error.rs) and the UI strings
//!   (src/i18n.rs), for the tests that assert what a user reads.

mod static_shell;

use std::process::ExitCode;

use mobile_auth::config::AppConfig;
use mobile_auth::i18n::{BeforeStart, T};
use mobile_auth::startup as s;
use mobile_auth_core::contract::Carrier;
use mobile_auth_core::{ErrorCode, Lang};
use serde_json::{json, Value};

/// Both languages in one string: the shell is zh-TW, and a visitor who reads only English must
/// understand what the scripts say before the app (and its language switch) runs.
fn both(zh: &str, en: &str) -> String {
    format!("{zh} {en}")
}

fn manifest() -> Value {
    let before = |t: BeforeStart| both(t.get(Lang::ZhTw), t.get(Lang::En));
    json!({
        "storageKey": mobile_auth::state::STORAGE_KEY,
        "timeoutMs": mobile_auth::api::TIMEOUT_MS,
        "shell": {
            "id": s::SHELL_ID,
            "notStarted": s::NOT_STARTED_ID,
            "pressedAttr": s::PRESSED_ATTR,
            "keyAttr": s::KEY_ATTR,
            "heldAttr": s::HELD_ATTR,
        },
        "global": {
            "config": s::CONFIG_GLOBAL,
            "backendConfig": s::BACKEND_CONFIG_GLOBAL,
            "wasm": s::WASM_GLOBAL,
            "updateReady": s::UPDATE_READY_GLOBAL,
        },
        "event": {
            "updateReady": s::UPDATE_READY_EVENT,
            "applyUpdate": s::APPLY_UPDATE_EVENT,
            "step2Shown": s::STEP2_SHOWN_EVENT,
        },
        "message": { "skipWaiting": s::SKIP_WAITING_MESSAGE },
        "text": {
            // The offline notice is the app's own (src/pwa.rs), shown the same on the shell.
            "offlineTitle": T::OfflineTitle.get(Lang::ZhTw),
            "offlineBody": T::OfflineBody.get(Lang::ZhTw),
            "loading": before(BeforeStart::Loading),
            "loadFailedRetry": before(BeforeStart::LoadFailedRetry),
            "loadFailedReload": before(BeforeStart::LoadFailedReload),
            "mountFailed": before(BeforeStart::MountFailed),
        },
    })
}

fn errors() -> Value {
    ErrorCode::ALL
        .iter()
        .map(|&c| {
            json!({
                "code": c.as_str(),
                "retryable": c.retryable(),
                "zh": c.message(Lang::ZhTw),
                "en": c.message(Lang::En),
            })
        })
        .collect()
}

fn texts() -> Value {
    T::ALL
        .iter()
        .map(|&(name, t)| {
            (
                name.to_string(),
                json!({ "zh": t.get(Lang::ZhTw), "en": t.get(Lang::En) }),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "public/config.json".into());
    let config = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|json| serde_json::from_str::<AppConfig>(&json).map_err(|e| e.to_string()))
        .and_then(|c| c.validate().map(|()| c));
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            eprintln!("first-screen: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let html = mobile_auth::app::first_visit_html(config, Carrier::listed_in_manual());
    let not_started = both(
        T::AppNotStarted.get(Lang::ZhTw),
        T::AppNotStarted.get(Lang::En),
    );
    match static_shell::inert(&html, &not_started) {
        Ok(shell) => {
            let page = json!({
                "title": mobile_auth::app::first_visit_title(),
                // The installed app's name under its icon: the service's own name.
                "shortName": mobile_auth_core::flow::Step::IdEntry.title(Lang::ZhTw),
                "description": BeforeStart::Description.get(Lang::ZhTw),
                "noScript": both(BeforeStart::NoScript.get(Lang::ZhTw), BeforeStart::NoScript.get(Lang::En)),
            });
            let out = json!({
                "page": page,
                "shell": shell,
                "app": manifest(),
                "english": {
                    "file": mobile_auth::i18n::ENGLISH_FILE,
                    "texts": mobile_auth::i18n::english_texts(),
                },
                "errors": errors(),
                "texts": texts(),
            });
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("first-screen: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Prints index.html's static first screen (the inside of `<div id="boot-shell">`): the app's
//! step 1 as a first visit shows it, rendered by the app's own components, with the links of the
//! config.json named as the argument and the carriers the manual lists, then made inert
//! (`mobile_auth_core::static_shell::inert`). public/build_wasm.mjs runs it at build time.

use std::process::ExitCode;

use mobile_auth::config::AppConfig;
use mobile_auth_core::contract::Carrier;

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
    // The shell is zh-TW; a visitor who reads only English must understand this one too.
    let not_started = {
        use mobile_auth::i18n::T;
        use mobile_auth_core::Lang;
        format!(
            "{} {}",
            T::AppNotStarted.get(Lang::ZhTw),
            T::AppNotStarted.get(Lang::En)
        )
    };
    match mobile_auth_core::static_shell::inert(&html, &not_started) {
        Ok(shell) => {
            print!("{shell}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("first-screen: {e}");
            ExitCode::FAILURE
        }
    }
}

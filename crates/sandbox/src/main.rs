//! `mobile-auth-sandbox`: see `--help`.

use clap::Parser;
use mobile_auth_sandbox::{serve, Config};

#[tokio::main]
async fn main() {
    let config = Config::parse();
    let (addr, handle) = match serve(config).await {
        Ok(started) => started,
        Err(e) => {
            eprintln!("行動電話認證 sandbox: cannot start: {e}");
            std::process::exit(1);
        }
    };
    println!("行動電話認證 sandbox: http://{addr}/");
    tokio::select! {
        _ = handle => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

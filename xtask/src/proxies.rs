//! The shipped web-server configs (`deploy/`), proven to load in Debian's nginx and Caddy.
//!
//! `ensure_installed` installs both from Debian, as `tools::ensure_browser` installs Chromium;
//! `check_configs` runs `nginx -t` and `caddy validate` on a generated outer config that
//! includes `deploy/nginx.conf` and imports `deploy/Caddyfile` exactly as shipped. The browser
//! suite's `proxy` project then runs the app through both (tests/e2e/proxy/).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, run, Result};

/// Where Debian puts the two servers (/usr/sbin is not on every user's PATH).
pub const NGINX: &str = "/usr/sbin/nginx";
pub const CADDY: &str = "/usr/bin/caddy";

/// Debian's brotli_static module for nginx (`libnginx-mod-http-brotli-static`). The package
/// enables it for the system's nginx (/etc/nginx/modules-enabled/, which Debian's nginx.conf
/// includes) with a path relative to nginx's prefix; a test instance has a prefix of its own
/// (`-p DIR/`), so its outer config loads the module by this absolute path.
pub const NGINX_BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Debian's nginx (1.22: ssl, gzip_static) with its brotli_static module, and caddy (2.6), plus
/// openssl for the suite's self-signed certificate. Installing them starts no server here:
/// there is no init system in a container, and the suite runs its own unprivileged instances.
pub fn ensure_installed() -> Result<()> {
    let have = |p: &str| Path::new(p).exists();
    if have(NGINX) && have(NGINX_BROTLI_MODULE) && have(CADDY) && have("/usr/bin/openssl") {
        return Ok(());
    }
    crate::tools::apt_install(
        &[
            "nginx",
            "libnginx-mod-http-brotli-static",
            "caddy",
            "openssl",
        ],
        "nginx with its brotli_static module, caddy and openssl are",
    )
}

/// A fresh folder under the system's temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("mobile-auth-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The outer nginx config a deployer writes (docs/deploy.md §6), for an unprivileged instance
/// in `dir`: its own pid, logs and temp paths, and the brotli module loaded as Debian's
/// nginx.conf loads it (here by its absolute path, see `NGINX_BROTLI_MODULE`).
/// `deploy/nginx.conf` is included from the repository as shipped; its headers file goes where
/// the docs install it, `snippets/mobile-auth-headers.conf` beside this main config (nginx
/// resolves a relative include against the main config's folder).
fn nginx_wrapper(dir: &Path, dist: &Path, backend: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir.join("snippets"))?;
    std::fs::copy(
        root().join("deploy/nginx-headers.conf"),
        dir.join("snippets/mobile-auth-headers.conf"),
    )?;
    let d = dir.display();
    let conf = format!(
        "load_module {NGINX_BROTLI_MODULE};\n\
         daemon off;\n\
         pid {d}/nginx.pid;\n\
         error_log stderr warn;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n\
         \x20   include /etc/nginx/mime.types;\n\
         \x20   access_log off;\n\
         \x20   client_body_temp_path {d}/client_temp;\n\
         \x20   proxy_temp_path {d}/proxy_temp;\n\
         \x20   fastcgi_temp_path {d}/fastcgi_temp;\n\
         \x20   uwsgi_temp_path {d}/uwsgi_temp;\n\
         \x20   scgi_temp_path {d}/scgi_temp;\n\
         \x20   upstream mobile_auth_backend {{ server {backend}; }}\n\
         \x20   server {{\n\
         \x20       listen 127.0.0.1:8799;\n\
         \x20       set $mobile_auth_dist {dist};\n\
         \x20       include {shipped};\n\
         \x20   }}\n\
         }}\n",
        dist = dist.display(),
        shipped = root().join("deploy/nginx.conf").display(),
    );
    let file = dir.join("nginx.conf");
    std::fs::write(&file, conf)?;
    Ok(file)
}

/// `nginx -t` and `caddy validate` on the shipped files, as a deployer includes them.
pub fn check_configs() -> Result<()> {
    let dist = root().join("dist");
    let tmp = TempDir::new("deploy-check")?;

    let nginx_dir = tmp.0.join("nginx");
    let conf = nginx_wrapper(&nginx_dir, &dist, "127.0.0.1:8080")?;
    run(Command::new(NGINX)
        .arg("-t")
        .arg("-p")
        .arg(format!("{}/", nginx_dir.display()))
        .arg("-c")
        .arg(&conf)
        .args(["-e", "stderr"]))?;

    // Caddy: deploy/Caddyfile is imported inside the site block; its two per-site values are
    // environment variables. Storage and config autosave stay in the temp dir.
    let caddy_dir = tmp.0.join("caddy");
    std::fs::create_dir_all(&caddy_dir)?;
    let caddyfile = caddy_dir.join("Caddyfile");
    std::fs::write(
        &caddyfile,
        format!(
            "{{\n\tadmin off\n\tskip_install_trust\n\tlocal_certs\n\tdefault_bind 127.0.0.1\n\
         \tstorage file_system {d}/storage\n\thttp_port 8798\n\thttps_port 8799\n}}\n\
         https://127.0.0.1:8799 {{\n\timport {shipped}\n}}\n",
            d = caddy_dir.display(),
            shipped = root().join("deploy/Caddyfile").display(),
        ),
    )?;
    run(Command::new(CADDY)
        .args(["validate", "--adapter", "caddyfile", "--config"])
        .arg(&caddyfile)
        .env("MOBILE_AUTH_DIST", &dist)
        .env("MOBILE_AUTH_BACKEND", "127.0.0.1:8080")
        .env("XDG_CONFIG_HOME", &caddy_dir)
        .env("XDG_DATA_HOME", &caddy_dir))?;
    eprintln!(
        "xtask: deploy/nginx.conf (+ nginx-headers.conf) and deploy/Caddyfile load as shipped"
    );
    Ok(())
}

//! Sandbox backend for 行動電話認證: the whole `/api/v1` contract with simulated carriers, and the
//! SPA's files, on one origin. [`serve`] starts it; tests start it on `127.0.0.1:0`.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::http::{HeaderValue, Method, StatusCode};
use axum::Router;
use mobile_auth_core::contract::{BackendConfig, Localized, API_PREFIX};
use tokio::task::JoinHandle;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

pub mod api;
mod audio_clips;
pub mod captcha;
pub mod captcha_audio;
pub mod carrier;
pub mod client_ip;
pub mod config;
pub mod crypto;
pub mod error;
pub mod records;
pub mod request_origin;
pub mod security;
pub mod state;
pub mod store;

pub use config::{Config, LogSink};

use state::Bounded;

/// Caps on the in-memory stores.
const MAX_CAPTCHAS: usize = 20_000;
const MAX_APPLICATIONS: usize = 20_000;
const MAX_CHALLENGES: usize = 20_000;
const MAX_SESSIONS: usize = 20_000;
const MAX_FAILURE_RECORDS: usize = 50_000;
/// Clients tracked per rate-limited family.
const MAX_RATE_CLIENTS: usize = 50_000;

/// Short-lived state: lost on restart by design.
pub struct Memory {
    captchas: Bounded<String, api::LiveCaptcha>,
    applications: Bounded<String, api::Application>,
    /// Phone-side token → application id.
    tokens: Bounded<String, String>,
    challenges: Bounded<String, api::PendingChallenge>,
    sessions: Bounded<String, api::SessionData>,
    /// Wrong logins per SHA-256 of the ID.
    failures: Bounded<[u8; 32], api::Failures>,
}

pub struct App {
    pub config: Config,
    pub backend: BackendConfig,
    pub store: store::Store,
    mem: Mutex<Memory>,
    limits: security::Limits,
    csp: HeaderValue,
}

impl App {
    /// The service for `config`, or why it cannot start (an unsafe or invalid setting, or a
    /// database that cannot be opened).
    pub fn new(config: Config) -> Result<App, String> {
        config.validate()?;
        let csp = security::csp(&config.frame_ancestors)?;
        let store = store::Store::open(&config.db)
            .map_err(|e| format!("database {}: {e}", config.db.display()))?;
        let backend = BackendConfig {
            carriers: carrier::carriers(),
            qr_validity_seconds: config.qr_validity_seconds,
            verification_unit: Localized { zh: "勞動部勞工保險局".into(), en: "Bureau of Labor Insurance".into() },
            terms: Localized {
                zh: "本服務為測試用沙盒，不連線任何電信業者；請勿輸入真實個人資料。申請即表示您同意本機保存憑證綁定資料以供登入使用。".into(),
                en: "This is a test sandbox that contacts no carrier; do not enter real personal data. By applying you agree that this server keeps your credential binding for login.".into(),
            },
            session_idle_seconds: config.session_idle_seconds,
            public_app_url: config.public_app_url.clone(),
        };
        let mem = Memory {
            captchas: Bounded::new(MAX_CAPTCHAS),
            applications: Bounded::new(MAX_APPLICATIONS),
            tokens: Bounded::new(MAX_APPLICATIONS * 2),
            challenges: Bounded::new(MAX_CHALLENGES),
            sessions: Bounded::new(MAX_SESSIONS),
            failures: Bounded::new(MAX_FAILURE_RECORDS),
        };
        Ok(App {
            limits: security::Limits::new(config.rate_limit_per_minute, MAX_RATE_CLIENTS),
            csp,
            config,
            backend,
            store,
            mem: Mutex::new(mem),
        })
    }

    fn mem(&self) -> std::sync::MutexGuard<'_, Memory> {
        self.mem.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The whole service: API, static files, headers, CORS and logs.
pub fn router(app: Arc<App>) -> Router {
    let api = security::no_store(api::router()).layer(axum::middleware::from_fn_with_state(
        app.clone(),
        security::same_site_writes,
    ));
    let mut router = Router::new().nest(API_PREFIX, api);
    router = match &app.config.dist {
        Some(dist) => {
            // Client-side routes (e.g. /verify/…) fall back to index.html. The .br/.gz files the
            // build writes beside each asset are served to browsers that accept them.
            let files = Router::new()
                .fallback_service(
                    ServeDir::new(dist)
                        .precompressed_br()
                        .precompressed_gzip()
                        .fallback(
                            ServeFile::new(dist.join("index.html"))
                                .precompressed_br()
                                .precompressed_gzip(),
                        ),
                )
                .layer(axum::middleware::from_fn(security::static_cache));
            router.fallback_service(files)
        }
        None => router
            .fallback(|| async { (StatusCode::NOT_FOUND, "no --dist directory configured\n") }),
    };
    let mut router = router.with_state(app.clone());
    let origins: Vec<HeaderValue> = app
        .config
        .cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    if !origins.is_empty() {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_credentials(true)
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([
                    axum::http::header::CONTENT_TYPE,
                    axum::http::header::ACCEPT_LANGUAGE,
                ]),
        );
    }
    // A panic's answer is worded here, always in zh-TW, as it always was.
    let router = router.layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
        error::ApiError::internal().in_lang(mobile_auth_core::Lang::ZhTw)
    }));
    let router = router
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            security::known_hosts,
        ))
        .layer(axum::middleware::from_fn(error::localize));
    security::with_headers(router, app.csp.clone())
        .layer(axum::middleware::from_fn_with_state(app, security::log))
}

/// Binds `config.bind:config.port` and serves until the task is aborted.
pub async fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let app = Arc::new(App::new(config).map_err(std::io::Error::other)?);
    let listener = tokio::net::TcpListener::bind((app.config.bind, app.config.port)).await?;
    let addr = listener.local_addr()?;
    let config = &app.config;
    if config.captcha_text.is_some() {
        config.log.line(
            "WARNING: SANDBOX_CAPTCHA is set: every captcha shows the same text (tests only)"
                .into(),
        );
    }
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, service).await {
            eprintln!("sandbox server stopped: {e}");
        }
    });
    Ok((addr, handle))
}

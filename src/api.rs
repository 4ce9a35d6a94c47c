//! The one HTTP client of the SPA: every backend call, typed with the core contract, with a
//! timeout, and every failure turned into a contract `Problem` so screens handle one shape.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::callback::Timeout;
use mobile_auth_core::contract::*;
use mobile_auth_core::{ErrorCode, Lang};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, RequestCredentials};

use crate::config::{AppConfig, ConfigError};

/// How long any call may take before it is abandoned (the build writes it into boot.js, for the
/// config.json it fetches before the app runs: src/startup.rs).
pub const TIMEOUT_MS: u32 = 15_000;

/// Reads `config.json` beside the app (relative to the page, or to the app's own URL when it is
/// mounted into a portal's page), so the app works under any sub-path.
pub async fn load_app_config() -> Result<AppConfig, ConfigError> {
    let resp = match prefetched_config() {
        Some(pending) => wasm_bindgen_futures::JsFuture::from(pending)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .map(Response::from)
            .ok_or(ConfigError::Missing(0))?,
        None => {
            let url = crate::host::config_url();
            send(Request::get(&url))
                .await
                .map_err(|_| ConfigError::Missing(0))?
        }
    };
    if !resp.ok() {
        return Err(ConfigError::Missing(resp.status()));
    }
    let text = resp
        .text()
        .await
        .map_err(|e| ConfigError::Broken(e.to_string()))?;
    let value = crate::json::parse(&text).map_err(ConfigError::Broken)?;
    // `embed` takes no other key: a misspelt `allowed_origins` must not pass for an empty list
    // (the browser's parser reads only the keys a struct declares).
    if let Some(key) = crate::json::unknown_keys(&value, &["embed"], &["allowed_origins"]).first() {
        return Err(ConfigError::Broken(format!(
            "unknown field `{key}` in \"embed\", expected `allowed_origins`"
        )));
    }
    let mut config: AppConfig = crate::json::from_value(&value).map_err(ConfigError::Broken)?;
    config.apply_host_overrides();
    config.validate().map_err(ConfigError::Broken)?;
    Ok(config)
}

/// `config.json` as public/boot.js started fetching it together with the Wasm (one round trip
/// less before the app can show anything), taken once: 重試 fetches it anew.
fn prefetched_config() -> Option<js_sys::Promise> {
    if crate::host::is_mounted() {
        return None;
    }
    take_promise(crate::startup::CONFIG_GLOBAL)
}

/// The promise boot.js left in `window[name]`, taken away so that it is used once.
fn take_promise(name: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(name);
    let pending = js_sys::Reflect::get(&window, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(pending)
}

/// The backend's `/config` as public/boot.js asked it beside the Wasm's download, if it asked
/// `own_url`, the URL this client would ask (the rule: src/startup.rs, BACKEND_CONFIG_GLOBAL);
/// its fetch's outcome judged as this client's own.
async fn prefetched_backend_config(own_url: &str) -> Option<ApiResult<Response>> {
    use wasm_bindgen_futures::JsFuture;
    let field = |o: &wasm_bindgen::JsValue, name: &str| js_sys::Reflect::get(o, &name.into()).ok();
    let pending = take_promise(crate::startup::BACKEND_CONFIG_GLOBAL)?;
    let asked = JsFuture::from(pending).await.ok()?;
    let asked_url = field(&asked, "url")?.as_string()?;
    if asked_url != own_url {
        // boot.js and this client resolved the API base differently: it costs a round trip, never
        // correctness, but the seam has slipped and whoever deploys should hear of it.
        web_sys::console::warn_1(
            &format!("boot.js asked {asked_url} for the backend's settings; the app asks {own_url} (src/startup.rs, BACKEND_CONFIG_GLOBAL)").into(),
        );
        return None;
    }
    let response = field(&asked, "response")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let answer = JsFuture::from(response).await;
    // boot.js's time limit is AbortSignal.timeout's, the same as `send`'s.
    let timed_out = answer.as_ref().is_err_and(|e| {
        field(e, "name").and_then(|n| n.as_string()).as_deref() == Some("TimeoutError")
    });
    let answer = answer
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .map(Response::from);
    Some(outcome(answer, timed_out))
}

/// The typed client; cheap to clone.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    base: String,
    cross_origin: bool,
}

pub type ApiResult<T> = Result<T, Problem>;

fn fault(code: ErrorCode) -> Problem {
    Problem::new(code, Lang::ZhTw)
}

/// Sends with a timeout: the request is aborted when the timer fires.
async fn send(builder: RequestBuilder) -> ApiResult<Response> {
    send_body(builder, None).await
}

async fn send_body(builder: RequestBuilder, json: Option<String>) -> ApiResult<Response> {
    let controller = AbortController::new().map_err(|_| fault(ErrorCode::Network))?;
    let builder = builder.abort_signal(Some(&controller.signal()));
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let result = match json {
        Some(json) => match builder
            .header("Content-Type", "application/json")
            .body(json)
        {
            Ok(req) => req.send().await,
            Err(e) => Err(e),
        },
        None => builder.send().await,
    };
    drop(timer);
    outcome(result.ok(), timed_out.get())
}

/// What a request came to: its answer, or the fault of its timing out or of a failed fetch.
fn outcome(answer: Option<Response>, timed_out: bool) -> ApiResult<Response> {
    // A slow server is not a lost connection: only an answer or a failed fetch says which.
    if !timed_out {
        crate::network::report_network(answer.is_some());
    }
    match answer {
        Some(r) => Ok(r),
        None if timed_out => Err(fault(ErrorCode::Timeout)),
        None => Err(fault(ErrorCode::Network)),
    }
}

impl Api {
    /// `api_base` relative to the page, or absolute.
    pub fn new(api_base: &str) -> Api {
        let base = crate::host::app_url(api_base.trim_end_matches('/'));
        let cross_origin = match (
            web_sys::window().and_then(|w| w.location().origin().ok()),
            base.starts_with("http://") || base.starts_with("https://"),
        ) {
            (Some(origin), true) => !base.starts_with(&origin),
            _ => false,
        };
        Api { base, cross_origin }
    }

    /// A client for a page rendered without a browser (index.html's static first screen): the
    /// base as configured, unresolved; it is never called.
    pub fn unresolved(api_base: &str) -> Api {
        Api {
            base: api_base.to_string(),
            cross_origin: false,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// `url(path)` as the browser will ask it: resolved against the page's base URL.
    fn absolute_url(&self, path: &str) -> Option<String> {
        let base = web_sys::window()?.document()?.base_uri().ok()??;
        web_sys::Url::new_with_base(&self.url(path), &base)
            .ok()
            .map(|u| u.href())
    }

    fn prepare(&self, b: RequestBuilder) -> RequestBuilder {
        let lang = crate::i18n::current_lang();
        let b = b
            .header("Accept", "application/json")
            .header("Accept-Language", lang.tag());
        if self.cross_origin {
            b.credentials(RequestCredentials::Include)
        } else {
            b.credentials(RequestCredentials::SameOrigin)
        }
    }

    async fn call<T: DeserializeOwned>(
        &self,
        b: RequestBuilder,
        body: Option<String>,
    ) -> ApiResult<T> {
        let resp = send_body(self.prepare(b), body).await?;
        read(resp).await
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ApiResult<T> {
        self.call(Request::get(&self.url(path)), None).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> ApiResult<T> {
        let json = crate::json::to_string(body).map_err(|_| fault(ErrorCode::InvalidRequest))?;
        self.call(Request::post(&self.url(path)), Some(json)).await
    }

    /// A POST with nothing to say still sends `{}` as JSON: backends refuse non-JSON writes,
    /// which is what keeps a foreign page's form from posting here.
    async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> ApiResult<T> {
        self.call(Request::post(&self.url(path)), Some("{}".into()))
            .await
    }

    /// The backend's settings; on first use boot.js has asked already, beside the app's download.
    pub async fn config(&self) -> ApiResult<BackendConfig> {
        let prefetched = match self.absolute_url("/config") {
            Some(url) => prefetched_backend_config(&url).await,
            None => None,
        };
        match prefetched {
            Some(answer) => read(answer?).await,
            None => self.get("/config").await,
        }
    }

    /// A new captcha; one whose picture is not a raster `data:` URL is a bad answer.
    pub async fn new_captcha(&self) -> ApiResult<Captcha> {
        let c: Captcha = self.post_empty("/captchas").await?;
        c.raster().ok_or_else(|| fault(ErrorCode::BadResponse))?;
        Ok(c)
    }

    /// The captcha spoken, for an `<audio>` element: the code never reaches the page as text.
    pub fn captcha_audio_url(&self, captcha_id: &str, voice: Lang) -> String {
        // The contract's name (as in its JSON), not the BCP 47 tag of the `lang` attribute.
        let voice = voice.code();
        self.url(&format!("/captchas/{captcha_id}/audio?lang={voice}"))
    }

    pub async fn id_check(&self, req: &IdCheckRequest) -> ApiResult<IdCheckResponse> {
        self.post("/id-check", req).await
    }

    pub async fn apply(&self, req: &ApplicationRequest) -> ApiResult<ApplicationResponse> {
        self.post("/applications", req).await
    }

    pub async fn application_status(&self, id: &str) -> ApiResult<ApplicationStatus> {
        self.get(&format!("/applications/{}", enc(id))).await
    }

    pub async fn new_qr(&self, id: &str) -> ApiResult<QrToken> {
        self.post_empty(&format!("/applications/{}/qr", enc(id)))
            .await
    }

    pub async fn application_session(&self, id: &str) -> ApiResult<Session> {
        self.post_empty(&format!("/applications/{}/session", enc(id)))
            .await
    }

    pub async fn verification(&self, token: &str) -> ApiResult<VerificationSummary> {
        self.get(&format!("/verifications/{}", enc(token))).await
    }

    pub async fn start_verification(
        &self,
        token: &str,
        req: &StartVerificationRequest,
    ) -> ApiResult<StartVerificationResponse> {
        self.post(&format!("/verifications/{}/start", enc(token)), req)
            .await
    }

    pub async fn challenge(&self, req: &ChallengeRequest) -> ApiResult<Challenge> {
        self.post("/login/challenge", req).await
    }

    pub async fn login(&self, req: &LoginRequest) -> ApiResult<Session> {
        self.post("/login", req).await
    }

    pub async fn session(&self) -> ApiResult<Session> {
        self.get("/session").await
    }

    pub async fn refresh_session(&self) -> ApiResult<Session> {
        self.post_empty("/session/refresh").await
    }

    pub async fn logout(&self) -> ApiResult<()> {
        let resp = send(self.prepare(Request::delete(&self.url("/session")))).await?;
        if resp.ok() {
            Ok(())
        } else {
            Err(problem_of(resp).await)
        }
    }

    pub async fn records(&self) -> ApiResult<Records> {
        self.get("/records").await
    }
}

/// Reads a success body, or the `Problem` of a failure.
async fn read<T: DeserializeOwned>(resp: Response) -> ApiResult<T> {
    if !resp.ok() {
        return Err(problem_of(resp).await);
    }
    let text = resp
        .text()
        .await
        .map_err(|_| fault(ErrorCode::BadResponse))?;
    crate::json::from_str(&text).map_err(|_| fault(ErrorCode::BadResponse))
}

/// The backend's `Problem`; a 5xx or unreadable answer becomes a retryable client fault.
async fn problem_of(resp: Response) -> Problem {
    let status = resp.status();
    let parsed = resp
        .text()
        .await
        .ok()
        .and_then(|t| crate::json::from_str::<Problem>(&t).ok());
    match parsed {
        Some(p) => p,
        None if status >= 500 => fault(ErrorCode::Internal),
        None => fault(ErrorCode::BadResponse),
    }
}

fn enc(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}

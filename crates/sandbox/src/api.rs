//! The `/api/v1` endpoints of docs/contract.md.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use mobile_auth_core::contract::{
    ApplicationRequest, ApplicationResponse, ApplicationState, ApplicationStatus, BackendConfig,
    Captcha, Challenge, ChallengeRequest, DevicePublicKey, IdCheckRequest, IdCheckResponse,
    Localized, LoginRequest, QrToken, Records, Session, StartVerificationRequest,
    StartVerificationResponse, VerificationSummary,
};
use mobile_auth_core::device::{decide_path, VerifyPath};
use mobile_auth_core::form::{self, EnrollmentInput, LoginInput};
use mobile_auth_core::roc_date::{AdDate, RocDate};
use mobile_auth_core::{mask, national_id, ErrorCode, Field, Lang};

use crate::error::{ApiError, ApiResult, Body, ReqLang};
use crate::security::{client_key, Bucket, Limited};
use crate::state::Full;
use crate::store::Credential;
use crate::{captcha, carrier, crypto, records, App};

/// The session; `__Host-` prefixed when Secure (bound to this host, path `/`, never set by a
/// subdomain).
pub const SESSION_COOKIE: &str = "ma_session";
/// Proof of the browser that applied: only it may follow, renew and claim its application.
pub const APPLICANT_COOKIE: &str = "ma_applicant";
/// How often one captcha may be listened to before it is used up.
const MAX_AUDIO_PLAYS: u32 = 5;
const CAPTCHA_TTL: Duration = Duration::from_secs(120);
const CHALLENGE_TTL: Duration = Duration::from_secs(120);
/// How long a finished or abandoned application is remembered after its last token.
const APPLICATION_GRACE: Duration = Duration::from_secs(30 * 60);
const MAX_FAILED_LOGINS: u32 = 5;
const LOCK_TIME: Duration = Duration::from_secs(15 * 60);
const MAX_KEY_ID_LEN: usize = 256;

/// An application between `POST /applications` and its outcome.
pub struct Application {
    path: VerifyPath,
    state: ApplicationState,
    code: Option<ErrorCode>,
    /// The current phone-side token; `None` once used.
    token: Option<String>,
    token_expires: Instant,
    attempts: u32,
    session_claimed: bool,
    /// SHA-256 of the applicant cookie's value (the value itself is never kept).
    applicant: [u8; 32],
    national_id: String,
    carrier: String,
    mobile: String,
    birth_date: RocDate,
    name: String,
    password_hash: String,
    device_key: DevicePublicKey,
}

impl Application {
    fn state(&self, now: Instant) -> ApplicationState {
        match self.state {
            ApplicationState::Pending | ApplicationState::Opened if now >= self.token_expires => {
                ApplicationState::Expired
            }
            s => s,
        }
    }

    fn expires_in(&self, now: Instant) -> u32 {
        secs(self.token_expires.saturating_duration_since(now))
    }
}

pub struct PendingChallenge {
    key_id: String,
    bytes: [u8; 32],
}

pub struct SessionData {
    national_id: String,
    name: String,
    birth_date: RocDate,
    /// The absolute end, however active the session is.
    ends: Instant,
}

/// A captcha being solved: its text and how often it was listened to.
pub struct LiveCaptcha {
    text: String,
    plays: u32,
}

#[derive(Default)]
pub struct Failures {
    count: u32,
    locked_until: Option<Instant>,
}

/// A name as Unicode NFC before any rule sees it: the same name typed by two input methods (a
/// precomposed character, or a base and a combining mark) is the same name. (The SPA does the
/// same with the browser's `normalize`, keeping the tables out of its Wasm.)
fn nfc(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc().collect()
}

fn secs(d: Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}

/// Today in Taiwan (UTC+8), for birth-date rules and records.
pub fn today() -> AdDate {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64);
    AdDate::today_in_taiwan(now)
}

pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/config", get(config))
        .route("/captchas", post(new_captcha))
        .route("/captchas/{captcha_id}/audio", get(captcha_audio))
        .route("/id-check", post(id_check))
        .route("/applications", post(apply))
        .route("/applications/{application_id}", get(application_status))
        .route("/applications/{application_id}/qr", post(regenerate_qr))
        .route(
            "/applications/{application_id}/session",
            post(claim_session),
        )
        .route("/verifications/{token}", get(verification_summary))
        .route("/verifications/{token}/start", post(start_verification))
        .route("/login/challenge", post(login_challenge))
        .route("/login", post(login))
        .route("/session", get(get_session).delete(logout))
        .route("/session/refresh", post(refresh_session))
        .route("/records", get(get_records))
        .fallback(|ReqLang(lang): ReqLang| async move { ApiError::new(ErrorCode::NotFound, lang) })
        .method_not_allowed_fallback(|ReqLang(lang): ReqLang| async move {
            ApiError {
                status: StatusCode::METHOD_NOT_ALLOWED,
                ..ApiError::new(ErrorCode::InvalidRequest, lang)
            }
        })
}

/// A store is full of live entries: come back shortly (nobody else's entry was dropped).
fn busy(lang: Lang) -> ApiError {
    ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        retry_after: Some(30),
        ..ApiError::new(ErrorCode::Internal, lang)
    }
}

fn full(lang: Lang) -> impl Fn(Full) -> ApiError {
    move |_| busy(lang)
}

impl App {
    fn rate_limit(
        &self,
        peer: ConnectInfo<SocketAddr>,
        headers: &HeaderMap,
        bucket: Bucket,
        lang: Lang,
    ) -> ApiResult<()> {
        self.limits
            .check(bucket, client_key(self, peer, headers))
            .map_err(|limited| match limited {
                Limited::TooMany(wait) => ApiError {
                    retry_after: Some(wait),
                    ..ApiError::new(ErrorCode::TooManyAttempts, lang)
                },
                Limited::Busy(wait) => ApiError {
                    retry_after: Some(wait),
                    ..busy(lang)
                },
            })
    }

    fn mem(&self) -> std::sync::MutexGuard<'_, crate::Memory> {
        self.mem.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn new_session(&self, data: SessionData, lang: Lang) -> ApiResult<(String, Session)> {
        let sid = crypto::token();
        let now = Instant::now();
        let idle = Duration::from_secs(u64::from(self.config.session_idle_seconds));
        let expires = (now + idle).min(data.ends);
        let session = session_view(&data, secs(expires.saturating_duration_since(now)));
        self.mem()
            .sessions
            .insert(sid.clone(), data, expires)
            .map_err(full(lang))?;
        Ok((sid, session))
    }

    /// A session that ends at most `session_max_seconds` from now.
    fn session_data(&self, national_id: String, name: String, birth_date: RocDate) -> SessionData {
        let max = Duration::from_secs(u64::from(self.config.session_max_seconds));
        SessionData {
            national_id,
            name,
            birth_date,
            ends: Instant::now() + max,
        }
    }

    /// `__Host-NAME` when cookies are Secure; the plain name for loopback development.
    fn cookie_name(&self, base: &str) -> String {
        if self.config.secure_cookies() {
            format!("__Host-{base}")
        } else {
            base.to_string()
        }
    }

    /// An HttpOnly, SameSite=Strict cookie for the whole host; `None` removes it.
    fn cookie(&self, base: &str, value: Option<&str>) -> HeaderValue {
        let mut c = Cookie::build((self.cookie_name(base), value.unwrap_or("").to_string()))
            .http_only(true)
            .same_site(SameSite::Strict)
            .path("/")
            .secure(self.config.secure_cookies());
        if value.is_none() {
            c = c.removal();
        }
        HeaderValue::from_str(&c.build().to_string())
            .unwrap_or_else(|_| HeaderValue::from_static("ma_session=; Max-Age=0"))
    }

    fn read_cookie(&self, headers: &HeaderMap, base: &str) -> Option<String> {
        CookieJar::from_headers(headers)
            .get(&self.cookie_name(base))
            .map(|c| c.value().to_string())
            .filter(|v| !v.is_empty())
    }

    /// The application `id`, if this browser is the one that applied; otherwise it does not
    /// exist as far as the caller can tell.
    fn own_application<'m>(
        &self,
        mem: &'m mut crate::Memory,
        headers: &HeaderMap,
        id: &String,
        now: Instant,
        lang: Lang,
    ) -> ApiResult<&'m mut Application> {
        let proof = self
            .read_cookie(headers, APPLICANT_COOKIE)
            .map(|v| crypto::sha256(v.as_bytes()));
        mem.applications
            .get_mut(id, now)
            .filter(|a| proof == Some(a.applicant))
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, lang))
    }

    /// The caller's live session; with `touch`, its idle timer restarts (never past its end).
    fn session(
        &self,
        headers: &HeaderMap,
        touch: bool,
        lang: Lang,
    ) -> ApiResult<(String, Session, SessionData)> {
        let expired = || ApiError::new(ErrorCode::SessionExpired, lang);
        let sid = self
            .read_cookie(headers, SESSION_COOKIE)
            .ok_or_else(expired)?;
        let now = Instant::now();
        let idle = Duration::from_secs(u64::from(self.config.session_idle_seconds));
        let mut mem = self.mem();
        let data = mem.sessions.get(&sid, now).ok_or_else(expired)?;
        if now >= data.ends {
            mem.sessions.remove(&sid);
            return Err(expired());
        }
        let data = SessionData {
            national_id: data.national_id.clone(),
            name: data.name.clone(),
            birth_date: data.birth_date,
            ends: data.ends,
        };
        if touch {
            mem.sessions.set_expiry(&sid, (now + idle).min(data.ends));
        }
        let left = mem
            .sessions
            .expires_at(&sid)
            .map_or(0, |e| secs(e.saturating_duration_since(now)));
        let view = session_view(&data, left);
        Ok((sid, view, data))
    }
}

fn session_view(d: &SessionData, expires_in_seconds: u32) -> Session {
    Session {
        name_masked: mask::mask_name(&d.name),
        national_id_masked: mask::mask_national_id(&d.national_id),
        expires_in_seconds,
    }
}

fn with_cookie<T: serde::Serialize>(status: StatusCode, body: T, cookie: HeaderValue) -> Response {
    let mut res = (status, Json(body)).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    res
}

async fn config(State(app): State<Arc<App>>) -> Json<BackendConfig> {
    Json(app.backend.clone())
}

async fn new_captcha(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<Captcha>)> {
    app.rate_limit(peer, &headers, Bucket::Captcha, lang)?;
    let text = app
        .config
        .captcha_text
        .clone()
        .unwrap_or_else(captcha::random_text);
    let image = captcha::image_data_url(&text);
    let id = crypto::token();
    app.mem()
        .captchas
        .insert(
            id.clone(),
            LiveCaptcha { text, plays: 0 },
            Instant::now() + CAPTCHA_TTL,
        )
        .map_err(full(lang))?;
    Ok((
        StatusCode::CREATED,
        Json(Captcha {
            captcha_id: id,
            image,
            expires_in_seconds: secs(CAPTCHA_TTL),
        }),
    ))
}

/// The live captcha spoken, as `audio/wav`. Each listening counts: after `MAX_AUDIO_PLAYS` the
/// captcha is used up, so the audio cannot be sampled at will to learn its voice.
async fn captcha_audio(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(captcha_id): Path<String>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    ReqLang(lang): ReqLang,
) -> ApiResult<Response> {
    let voice = match query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
    {
        None => lang,
        Some("zh-TW") => Lang::ZhTw,
        Some("en") => Lang::En,
        Some(_) => return Err(ApiError::new(ErrorCode::InvalidRequest, lang)),
    };
    app.rate_limit(peer, &headers, Bucket::CaptchaAudio, lang)?;
    let text = {
        let mut mem = app.mem();
        let gone = || ApiError::new(ErrorCode::NotFound, lang);
        let live = mem
            .captchas
            .get_mut(&captcha_id, Instant::now())
            .ok_or_else(gone)?;
        live.plays += 1;
        let text = live.text.clone();
        if live.plays > MAX_AUDIO_PLAYS {
            mem.captchas.remove(&captcha_id);
            return Err(gone());
        }
        text
    };
    let mut res = crate::captcha_audio::wav(&text, voice).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("audio/wav"));
    Ok(res)
}

async fn id_check(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    Body(req): Body<IdCheckRequest>,
) -> ApiResult<Json<IdCheckResponse>> {
    let id = national_id::validate_national_id(&req.national_id)
        .map_err(|code| ApiError::fields(&[(Field::NationalId, code)], lang))?;
    let Some(key_id) = req.key_id.filter(|k| !k.is_empty()) else {
        return Ok(Json(IdCheckResponse { bound: false }));
    };
    let cred = app.store.get(&id).map_err(|_| ApiError::internal(lang))?;
    Ok(Json(IdCheckResponse {
        bound: cred.is_some_and(|c| c.key_id == key_id),
    }))
}

fn valid_device_key(k: &DevicePublicKey) -> bool {
    !k.key_id.is_empty()
        && k.key_id.len() <= MAX_KEY_ID_LEN
        && k.kty == "EC"
        && k.crv == "P-256"
        && crypto::verifying_key(&k.x, &k.y).is_some()
}

async fn apply(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Body(mut req): Body<ApplicationRequest>,
) -> ApiResult<Response> {
    app.rate_limit(peer, &headers, Bucket::Applications, lang)?;
    req.name = nfc(&req.name);
    let now = Instant::now();
    // Every attempt uses up its captcha, so the fields cannot be probed with one solved image.
    let expected = app.mem().captchas.take(&req.captcha_id, now);
    let captcha_wrong = !req.captcha.trim().is_empty()
        && !expected
            .as_ref()
            .is_some_and(|c| captcha::matches(&c.text, &req.captcha));

    let input = EnrollmentInput::from(&req);
    let valid = form::validate_enrollment(&input, &app.backend.carriers, req.device.kind, today());
    let mut errors = valid.as_ref().err().cloned().unwrap_or_default();
    if captcha_wrong {
        errors.push((Field::Captcha, ErrorCode::CaptchaWrong));
        errors.sort_by_key(|(f, _)| *f);
    }
    if !errors.is_empty() {
        return Err(ApiError::fields(&errors, lang));
    }
    let Ok(valid) = valid else {
        return Err(ApiError::internal(lang));
    };
    if !valid_device_key(&req.device_key) {
        return Err(ApiError::new(ErrorCode::InvalidRequest, lang));
    }

    let password = req.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || crypto::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal(lang))?;

    let path = decide_path(req.device.kind, req.device.has_sim);
    let validity = Duration::from_secs(u64::from(app.config.qr_validity_seconds));
    let (id, token, applicant) = (crypto::token(), crypto::token(), crypto::token());
    let now = Instant::now();
    let application = Application {
        path,
        state: ApplicationState::Pending,
        code: None,
        token: Some(token.clone()),
        token_expires: now + validity,
        attempts: 0,
        session_claimed: false,
        applicant: crypto::sha256(applicant.as_bytes()),
        national_id: valid.national_id,
        carrier: valid.carrier,
        mobile: valid.mobile,
        birth_date: valid.birth_date,
        name: valid.name,
        password_hash,
        device_key: req.device_key,
    };
    {
        let mut mem = app.mem();
        let until = now + validity + APPLICATION_GRACE;
        mem.tokens
            .insert(token.clone(), id.clone(), until)
            .map_err(full(lang))?;
        if let Err(f) = mem.applications.insert(id.clone(), application, until) {
            mem.tokens.remove(&token);
            return Err(full(lang)(f));
        }
    }
    Ok(with_cookie(
        StatusCode::CREATED,
        ApplicationResponse {
            application_id: id,
            path,
            token,
            expires_in_seconds: secs(validity),
        },
        app.cookie(APPLICANT_COOKIE, Some(&applicant)),
    ))
}

async fn application_status(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<ApplicationStatus>> {
    let now = Instant::now();
    let mut mem = app.mem();
    let a = app.own_application(&mut mem, &headers, &id, now, lang)?;
    Ok(Json(ApplicationStatus {
        state: a.state(now),
        code: a.code,
        expires_in_seconds: a.expires_in(now),
    }))
}

/// The answer for an application that is finished: its failure, its expiry, or a conflict.
fn finished(a: &Application, now: Instant, lang: Lang) -> ApiError {
    match a.state(now) {
        ApplicationState::Failed => ApiError::new(a.code.unwrap_or(ErrorCode::Expired), lang),
        ApplicationState::Expired => ApiError::new(ErrorCode::Expired, lang),
        _ => ApiError::conflict(lang),
    }
}

async fn regenerate_qr(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<QrToken>> {
    app.rate_limit(peer, &headers, Bucket::Applications, lang)?;
    let now = Instant::now();
    let validity = Duration::from_secs(u64::from(app.config.qr_validity_seconds));
    let mut mem = app.mem();
    let a = app.own_application(&mut mem, &headers, &id, now, lang)?;
    if matches!(
        a.state,
        ApplicationState::Verified | ApplicationState::Failed
    ) {
        return Err(finished(a, now, lang));
    }
    let token = crypto::token();
    let old = a.token.replace(token.clone());
    a.token_expires = now + validity;
    a.state = ApplicationState::Pending;
    if let Some(old) = old {
        mem.tokens.remove(&old);
    }
    mem.tokens
        .insert(
            token.clone(),
            id.clone(),
            now + validity + APPLICATION_GRACE,
        )
        .map_err(full(lang))?;
    mem.applications
        .set_expiry(&id, now + validity + APPLICATION_GRACE);
    Ok(Json(QrToken {
        token,
        expires_in_seconds: secs(validity),
    }))
}

/// The desktop's session once its phone verified: only for the browser that applied.
async fn claim_session(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let now = Instant::now();
    let data = {
        let mut mem = app.mem();
        let a = app.own_application(&mut mem, &headers, &id, now, lang)?;
        if a.state(now) != ApplicationState::Verified || a.session_claimed {
            return Err(finished(a, now, lang));
        }
        a.session_claimed = true;
        app.session_data(a.national_id.clone(), a.name.clone(), a.birth_date)
    };
    let (sid, session) = app.new_session(data, lang)?;
    Ok(with_cookie(
        StatusCode::OK,
        session,
        app.cookie(SESSION_COOKIE, Some(&sid)),
    ))
}

/// The application behind a live phone-side token, or the reason there is none.
fn by_token<'m>(
    mem: &'m mut crate::Memory,
    token: &str,
    now: Instant,
    lang: Lang,
) -> ApiResult<(String, &'m mut Application)> {
    let invalid = || ApiError::new(ErrorCode::TokenInvalid, lang);
    let id = mem
        .tokens
        .get(&token.to_string(), now)
        .cloned()
        .ok_or_else(invalid)?;
    let a = mem.applications.get_mut(&id, now).ok_or_else(invalid)?;
    if a.token.as_deref() != Some(token) {
        return Err(invalid());
    }
    match a.state(now) {
        ApplicationState::Expired => Err(ApiError::new(ErrorCode::Expired, lang)),
        ApplicationState::Pending | ApplicationState::Opened => Ok((id, a)),
        ApplicationState::Verified | ApplicationState::Failed => Err(invalid()),
    }
}

async fn verification_summary(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
) -> ApiResult<Json<VerificationSummary>> {
    let now = Instant::now();
    let mut mem = app.mem();
    let (_, a) = by_token(&mut mem, &token, now, lang)?;
    a.state = ApplicationState::Opened;
    Ok(Json(VerificationSummary {
        verification_type: Localized {
            zh: "行動電話驗證".into(),
            en: "Mobile phone verification".into(),
        },
        verification_unit: app.backend.verification_unit.clone(),
        carrier: carrier::carrier_name(&a.carrier),
        mobile_masked: mask::mask_mobile(&a.mobile),
        national_id_masked: mask::mask_national_id(&a.national_id),
        path: a.path,
        expires_in_seconds: a.expires_in(now),
    }))
}

async fn start_verification(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
    Body(req): Body<StartVerificationRequest>,
) -> ApiResult<Response> {
    let now = Instant::now();
    let (credential, session, path) = {
        let mut mem = app.mem();
        let (_, a) = by_token(&mut mem, &token, now, lang)?;
        if !req.agree_terms {
            return Err(ApiError::fields(
                &[(Field::Terms, ErrorCode::TermsRequired)],
                lang,
            ));
        }
        a.attempts += 1;
        a.state = ApplicationState::Opened;
        if let Err(code) = carrier::outcome(&a.mobile, a.attempts) {
            if !code.retryable() {
                a.state = ApplicationState::Failed;
                a.code = Some(code);
                a.token = None;
                mem.tokens.remove(&token);
            }
            return Err(ApiError::new(code, lang));
        }
        a.state = ApplicationState::Verified;
        a.token = None;
        let direct = a.path == VerifyPath::Direct;
        a.session_claimed = direct;
        let credential = Credential {
            national_id: a.national_id.clone(),
            key_id: a.device_key.key_id.clone(),
            jwk_x: a.device_key.x.clone(),
            jwk_y: a.device_key.y.clone(),
            password_hash: a.password_hash.clone(),
            birth_date: a.birth_date.compact(),
            name: a.name.clone(),
        };
        let session =
            direct.then(|| app.session_data(a.national_id.clone(), a.name.clone(), a.birth_date));
        let path = a.path;
        mem.tokens.remove(&token);
        // A new enrollment is the documented way out of a lock (忘記密碼請重新申請).
        mem.failures
            .remove(&crypto::sha256(credential.national_id.as_bytes()));
        (credential, session, path)
    };
    app.store
        .bind(&credential)
        .map_err(|_| ApiError::internal(lang))?;
    // The old binding is gone, and so is every session it let in (another browser's, perhaps
    // one the citizen lost).
    app.mem()
        .sessions
        .retain(|s| s.national_id != credential.national_id);
    Ok(match session {
        Some(data) => {
            let (sid, session) = app.new_session(data, lang)?;
            with_cookie(
                StatusCode::OK,
                StartVerificationResponse {
                    path,
                    session: Some(session),
                },
                app.cookie(SESSION_COOKIE, Some(&sid)),
            )
        }
        None => Json(StartVerificationResponse {
            path,
            session: None,
        })
        .into_response(),
    })
}

async fn login_challenge(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Body(req): Body<ChallengeRequest>,
) -> ApiResult<Json<Challenge>> {
    app.rate_limit(peer, &headers, Bucket::Login, lang)?;
    if req.key_id.is_empty() || req.key_id.len() > MAX_KEY_ID_LEN {
        return Err(ApiError::new(ErrorCode::InvalidRequest, lang));
    }
    let bytes = crypto::random_bytes::<32>();
    let id = crypto::token();
    app.mem()
        .challenges
        .insert(
            id.clone(),
            PendingChallenge {
                key_id: req.key_id,
                bytes,
            },
            Instant::now() + CHALLENGE_TTL,
        )
        .map_err(full(lang))?;
    Ok(Json(Challenge {
        challenge_id: id,
        challenge: crypto::b64(&bytes),
        expires_in_seconds: secs(CHALLENGE_TTL),
    }))
}

async fn login(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Body(mut req): Body<LoginRequest>,
) -> ApiResult<Response> {
    app.rate_limit(peer, &headers, Bucket::Login, lang)?;
    req.name = nfc(&req.name);
    let valid = form::validate_login(&LoginInput::from(&req), today())
        .map_err(|e| ApiError::fields(&e, lang))?;
    let now = Instant::now();
    let failed = || ApiError::new(ErrorCode::LoginFailed, lang);
    let challenge = app
        .mem()
        .challenges
        .take(&req.challenge_id, now)
        .ok_or_else(failed)?;
    if challenge.key_id != req.key_id {
        return Err(failed());
    }
    // Only the enrolled browser gets further: whether an ID is locked is told to it alone.
    let not_bound = || ApiError::new(ErrorCode::NotBound, lang);
    let cred = app
        .store
        .get(&valid.national_id)
        .map_err(|_| ApiError::internal(lang))?;
    let cred = cred
        .filter(|c| c.key_id == req.key_id)
        .ok_or_else(not_bound)?;
    let key = crypto::verifying_key(&cred.jwk_x, &cred.jwk_y).ok_or_else(not_bound)?;
    if !crypto::verify_signature(&key, &challenge.bytes, &req.signature) {
        return Err(not_bound());
    }
    let id_hash = crypto::sha256(valid.national_id.as_bytes());
    reserve_attempt(&app, id_hash, now, lang)?;
    let (password, phc) = (req.password.clone(), cred.password_hash.clone());
    let password_ok = tokio::task::spawn_blocking(move || crypto::verify_password(&password, &phc))
        .await
        .map_err(|_| ApiError::internal(lang))?;
    if !(password_ok
        && cred.birth_date == valid.birth_date.compact()
        && cred.name == nfc(&valid.name))
    {
        return Err(attempt_failed(&app, id_hash, now, lang));
    }
    app.mem().failures.remove(&id_hash);
    let data = app.session_data(cred.national_id, cred.name, valid.birth_date);
    let (sid, session) = app.new_session(data, lang)?;
    Ok(with_cookie(
        StatusCode::OK,
        session,
        app.cookie(SESSION_COOKIE, Some(&sid)),
    ))
}

/// Counts an attempt before its password is checked, in the same critical section as the lock
/// check: however many arrive at once, at most `MAX_FAILED_LOGINS` are ever checked per window.
fn reserve_attempt(app: &App, id_hash: [u8; 32], now: Instant, lang: Lang) -> ApiResult<()> {
    let mut mem = app.mem();
    if mem.failures.get(&id_hash, now).is_none() {
        mem.failures
            .insert(id_hash, Failures::default(), now + LOCK_TIME)
            .map_err(full(lang))?;
    }
    let f = mem
        .failures
        .get_mut(&id_hash, now)
        .ok_or_else(|| busy(lang))?;
    if f.locked_until.is_some_and(|t| t > now) || f.count >= MAX_FAILED_LOGINS {
        return Err(ApiError::new(ErrorCode::Locked, lang));
    }
    f.count += 1;
    Ok(())
}

/// A checked attempt failed: the last one allowed locks the ID for `LOCK_TIME`.
fn attempt_failed(app: &App, id_hash: [u8; 32], now: Instant, lang: Lang) -> ApiError {
    let mut mem = app.mem();
    let Some(f) = mem.failures.get_mut(&id_hash, now) else {
        return ApiError::new(ErrorCode::LoginFailed, lang);
    };
    if f.count >= MAX_FAILED_LOGINS {
        let until = now + LOCK_TIME;
        f.locked_until = Some(until);
        mem.failures.set_expiry(&id_hash, until);
        return ApiError::new(ErrorCode::Locked, lang);
    }
    ApiError::new(ErrorCode::LoginFailed, lang)
}

async fn get_session(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<Json<Session>> {
    app.session(&headers, false, lang).map(|(_, s, _)| Json(s))
}

async fn refresh_session(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<Json<Session>> {
    app.session(&headers, true, lang).map(|(_, s, _)| Json(s))
}

async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Some(sid) = app.read_cookie(&headers, SESSION_COOKIE) {
        app.mem().sessions.remove(&sid);
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, app.cookie(SESSION_COOKIE, None));
    res
}

async fn get_records(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<Json<Records>> {
    let (_, _, data) = app.session(&headers, true, lang)?;
    Ok(Json(records::records_for(
        &data.national_id,
        data.birth_date,
        today(),
    )))
}

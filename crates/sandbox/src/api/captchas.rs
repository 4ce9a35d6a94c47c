//! `POST /captchas` and `GET /captchas/{id}/audio`: the image and its spoken form.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mobile_auth_core::contract::Captcha;
use mobile_auth_core::{ErrorCode, Lang};

use super::clock::secs;
use super::extractor::ReqLang;
use super::limits::{client, rate_limit, refused};
use crate::error::{ApiError, ApiResult};
use crate::security::Bucket;
use crate::{captcha, crypto, App};

/// How often one captcha may be listened to before it is used up.
const MAX_AUDIO_PLAYS: u32 = 5;
const CAPTCHA_TTL: Duration = Duration::from_secs(120);

/// A captcha being solved: its text and how often it was listened to.
pub(crate) struct LiveCaptcha {
    pub(super) text: String,
    pub(super) plays: u32,
}

pub(super) async fn new_captcha(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> ApiResult<(StatusCode, Json<Captcha>)> {
    rate_limit(&app, peer, &headers, Bucket::Captcha)?;
    let text = app
        .config
        .captcha_text
        .clone()
        .unwrap_or_else(captcha::random_text);
    let image = captcha::image_data_url(&text);
    let id = crypto::token();
    app.mem()
        .captchas
        .insert_for(
            client(&app, peer, &headers),
            id.clone(),
            LiveCaptcha { text, plays: 0 },
            Instant::now() + CAPTCHA_TTL,
        )
        .map_err(refused)?;
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
pub(super) async fn captcha_audio(
    State(app): State<Arc<App>>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(captcha_id): Path<String>,
    RawQuery(query): RawQuery,
    ReqLang(lang): ReqLang,
) -> ApiResult<Response> {
    let voice = match query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
    {
        None => lang,
        Some(code) => {
            Lang::from_code(code).ok_or_else(|| ApiError::new(ErrorCode::InvalidRequest))?
        }
    };
    rate_limit(&app, peer, &headers, Bucket::CaptchaAudio)?;
    let text = {
        let mut mem = app.mem();
        let gone = || ApiError::new(ErrorCode::NotFound);
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

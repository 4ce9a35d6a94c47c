//! The `/api/v1` endpoints of docs/contract.md, one module per resource; this one only routes.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use mobile_auth_core::ErrorCode;

use crate::error::ApiError;
use crate::App;

mod applications;
mod binding;
mod captchas;
mod clock;
mod config;
mod cookies;
mod extractor;
mod limits;
mod login;
mod names;
mod records;
mod sessions;
mod verifications;

pub(crate) use applications::Application;
pub(crate) use captchas::LiveCaptcha;
pub(crate) use login::{Failures, PendingChallenge};
pub(crate) use sessions::SessionData;

pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/config", get(config::config))
        .route("/captchas", post(captchas::new_captcha))
        .route("/captchas/{captcha_id}/audio", get(captchas::captcha_audio))
        .route("/id-check", post(binding::id_check))
        .route("/applications", post(applications::apply))
        .route(
            "/applications/{application_id}",
            get(applications::application_status),
        )
        .route(
            "/applications/{application_id}/qr",
            post(applications::regenerate_qr),
        )
        .route(
            "/applications/{application_id}/session",
            post(applications::claim_session),
        )
        .route(
            "/verifications/{token}",
            get(verifications::verification_summary),
        )
        .route(
            "/verifications/{token}/start",
            post(verifications::start_verification),
        )
        .route("/login/challenge", post(login::login_challenge))
        .route("/login", post(login::login))
        .route(
            "/session",
            get(sessions::get_session).delete(sessions::logout),
        )
        .route("/session/refresh", post(sessions::refresh_session))
        .route("/records", get(records::get_records))
        .fallback(|| async { ApiError::new(ErrorCode::NotFound) })
        .method_not_allowed_fallback(|| async { ApiError::refused(StatusCode::METHOD_NOT_ALLOWED) })
}

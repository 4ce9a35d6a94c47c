//! What a caller over its rate limit, or one arriving at a full store, is told.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use mobile_auth_core::{ErrorCode, Lang};

use crate::error::{ApiError, ApiResult};
use crate::security::{client_key, Bucket, Limited};
use crate::state::Full;
use crate::App;

/// A store is full of live entries: come back shortly (nobody else's entry was dropped).
pub(super) fn busy(lang: Lang) -> ApiError {
    ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        retry_after: Some(30),
        ..ApiError::new(ErrorCode::Internal, lang)
    }
}

pub(super) fn full(lang: Lang) -> impl Fn(Full) -> ApiError {
    move |_| busy(lang)
}

impl App {
    pub(super) fn rate_limit(
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
}

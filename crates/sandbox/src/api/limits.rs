//! What a caller over its rate limit, or one arriving at a full store, is told.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use mobile_auth_core::{ErrorCode, Lang};

use crate::client_ip::ClientKey;
use crate::error::{ApiError, ApiResult};
use crate::security::{client_key, Bucket, Limited};
use crate::state::{Full, Refused};
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

/// A store refused an entry a client asked for: full for everyone (503), or this client (or
/// its network) holds its share of it (429, until some of its entries are used or expire).
pub(super) fn refused(lang: Lang) -> impl Fn(Refused) -> ApiError {
    move |r| match r {
        Refused::Full => busy(lang),
        Refused::Quota => ApiError {
            retry_after: Some(60),
            ..ApiError::new(ErrorCode::TooManyAttempts, lang)
        },
    }
}

impl App {
    /// Who the caller is, for limits and quotas (see `client_ip`).
    pub(super) fn client(&self, peer: ConnectInfo<SocketAddr>, headers: &HeaderMap) -> ClientKey {
        client_key(self, peer, headers)
    }

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

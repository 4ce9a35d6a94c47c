//! What a caller over its rate limit, or one arriving at a full store, is told.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use mobile_auth_core::ErrorCode;

use crate::client_ip::ClientKey;
use crate::error::{ApiError, ApiResult};
use crate::security::{client_key, Bucket, Limited};
use crate::state::{Full, Refused};
use crate::App;

/// A store is full of live entries: come back shortly (nobody else's entry was dropped).
pub(super) fn busy() -> ApiError {
    ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        retry_after: Some(30),
        ..ApiError::new(ErrorCode::Internal)
    }
}

pub(super) fn full(_: Full) -> ApiError {
    busy()
}

/// A store refused an entry a client asked for: full for everyone (503), or this client (or
/// its network) holds its share of it (429, until some of its entries are used or expire).
pub(super) fn refused(r: Refused) -> ApiError {
    match r {
        Refused::Full => busy(),
        Refused::Quota => ApiError {
            retry_after: Some(60),
            ..ApiError::new(ErrorCode::TooManyAttempts)
        },
    }
}

/// Who the caller is, for limits and quotas (see `client_ip`).
pub(super) fn client(app: &App, peer: ConnectInfo<SocketAddr>, headers: &HeaderMap) -> ClientKey {
    client_key(app, peer, headers)
}

/// The caller's request against its per-minute allowance in `bucket`.
pub(super) fn rate_limit(
    app: &App,
    peer: ConnectInfo<SocketAddr>,
    headers: &HeaderMap,
    bucket: Bucket,
) -> ApiResult<()> {
    app.limits
        .check(bucket, client_key(app, peer, headers))
        .map_err(|limited| match limited {
            Limited::TooMany(wait) => ApiError {
                retry_after: Some(wait),
                ..ApiError::new(ErrorCode::TooManyAttempts)
            },
            Limited::Busy(wait) => ApiError {
                retry_after: Some(wait),
                ..busy()
            },
        })
}

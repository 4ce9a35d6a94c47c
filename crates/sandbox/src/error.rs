//! The `Problem` answer, and extractors that turn malformed requests into one instead of axum's
//! plain-text rejections.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mobile_auth_core::contract::Problem;
use mobile_auth_core::{ErrorCode, Field, Lang};
use serde::de::DeserializeOwned;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub problem: Problem,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, lang: Lang) -> ApiError {
        ApiError {
            status: StatusCode::from_u16(code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            problem: Problem::new(code, lang),
            retry_after: None,
        }
    }

    /// A 400 naming every failing field, in screen order.
    pub fn fields(errors: &[(Field, ErrorCode)], lang: Lang) -> ApiError {
        match Problem::fields(errors, lang) {
            Some(problem) => ApiError {
                status: StatusCode::BAD_REQUEST,
                problem,
                retry_after: None,
            },
            None => ApiError::new(ErrorCode::InvalidRequest, lang),
        }
    }

    /// The request is valid but the resource is not in a state that allows it (409).
    pub fn conflict(lang: Lang) -> ApiError {
        ApiError {
            status: StatusCode::CONFLICT,
            ..ApiError::new(ErrorCode::InvalidRequest, lang)
        }
    }

    pub fn internal(lang: Lang) -> ApiError {
        ApiError::new(ErrorCode::Internal, lang)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(self.problem)).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The request's language, from Accept-Language (zh-TW unless English is preferred).
#[derive(Debug, Clone, Copy)]
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(lang_of(&parts.headers)))
    }
}

pub fn lang_of(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::ZhTw, Lang::from_accept_language)
}

/// A JSON body read whatever the Content-Type; anything unparsable is `invalid_request`.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(req.headers());
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::new(ErrorCode::InvalidRequest, lang))?;
        serde_json::from_slice(&bytes)
            .map(Body)
            .map_err(|_| ApiError::new(ErrorCode::InvalidRequest, lang))
    }
}

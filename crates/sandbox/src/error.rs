//! The `Problem` answer: one error type for every refusal, put into the request's language in one
//! place ([`localize`]) as it leaves the server.

use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mobile_auth_core::contract::Problem;
use mobile_auth_core::{ErrorCode, Field, Lang};

/// A refusal, in no language yet: a handler says what went wrong, [`localize`] says it in the
/// caller's words.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    /// Every failing field, in screen order (a validation failure); the first is the headline.
    pub fields: Vec<(Field, ErrorCode)>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> ApiError {
        ApiError {
            status: StatusCode::from_u16(code.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code,
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// A 400 naming every failing field, in screen order.
    pub fn fields(errors: &[(Field, ErrorCode)]) -> ApiError {
        match errors.first() {
            Some(&(_, first)) => ApiError {
                status: StatusCode::BAD_REQUEST,
                fields: errors.to_vec(),
                ..ApiError::new(first)
            },
            None => ApiError::new(ErrorCode::InvalidRequest),
        }
    }

    /// `invalid_request` with another status: the request is refused for what it is (its
    /// method, media type, origin or host) rather than for what it says.
    pub fn refused(status: StatusCode) -> ApiError {
        ApiError {
            status,
            ..ApiError::new(ErrorCode::InvalidRequest)
        }
    }

    /// The request is valid but the resource is not in a state that allows it (409).
    pub fn conflict() -> ApiError {
        ApiError::refused(StatusCode::CONFLICT)
    }

    pub fn internal() -> ApiError {
        ApiError::new(ErrorCode::Internal)
    }

    /// The whole answer in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Response {
        let problem =
            Problem::fields(&self.fields, lang).unwrap_or_else(|| Problem::new(self.code, lang));
        let mut res = (self.status, Json(problem)).into_response();
        if let Some(secs) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

/// The answer's status and headers, with the error itself kept aside for [`localize`] to word.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        res.extensions_mut().insert(self);
        res
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Where an error becomes its answer: in the request's language (Accept-Language), once for
/// every refusal made inside this layer. The headers layers inside added are kept.
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = lang_of(req.headers());
    let mut res = next.run(req).await;
    let Some(error) = res.extensions_mut().remove::<ApiError>() else {
        return res;
    };
    let (mut parts, _) = res.into_parts();
    let (worded, body) = error.in_lang(lang).into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(worded.headers);
    Response::from_parts(parts, body)
}

/// The request's language, from Accept-Language (zh-TW unless English is preferred).
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::ZhTw, Lang::from_accept_language)
}

//! A browser's device key, and `POST /id-check`: whether that key is bound to an ID.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use mobile_auth_core::contract::{DevicePublicKey, IdCheckRequest, IdCheckResponse};
use mobile_auth_core::{national_id, Field};

use super::extractor::Body;
use crate::error::{ApiError, ApiResult};
use crate::{crypto, App};

pub(super) const MAX_KEY_ID_LEN: usize = 256;

pub(super) fn valid_device_key(k: &DevicePublicKey) -> bool {
    !k.key_id.is_empty()
        && k.key_id.len() <= MAX_KEY_ID_LEN
        && k.kty == "EC"
        && k.crv == "P-256"
        && crypto::verifying_key(&k.x, &k.y).is_some()
}

pub(super) async fn id_check(
    State(app): State<Arc<App>>,
    Body(req): Body<IdCheckRequest>,
) -> ApiResult<Json<IdCheckResponse>> {
    let id = national_id::validate_national_id(&req.national_id)
        .map_err(|code| ApiError::fields(&[(Field::NationalId, code)]))?;
    let Some(key_id) = req.key_id.filter(|k| !k.is_empty()) else {
        return Ok(Json(IdCheckResponse { bound: false }));
    };
    let cred = app.store.get(&id).map_err(|_| ApiError::internal())?;
    Ok(Json(IdCheckResponse {
        bound: cred.is_some_and(|c| c.key_id == key_id),
    }))
}

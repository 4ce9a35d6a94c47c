//! `GET /records`: the logged-in citizen's insurance records.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::HeaderMap;
use axum::Json;
use mobile_auth_core::contract::Records;

use super::clock::today;
use crate::error::{ApiResult, ReqLang};
use crate::App;

pub(super) async fn get_records(
    State(app): State<Arc<App>>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
) -> ApiResult<Json<Records>> {
    let (_, _, data) = app.session(&headers, true, lang)?;
    Ok(Json(crate::records::records_for(
        &data.national_id,
        data.birth_date,
        today(),
    )))
}

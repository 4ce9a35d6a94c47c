//! `GET /config`: what the SPA needs to know of this backend before the first screen.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use mobile_auth_core::contract::BackendConfig;

use crate::App;

pub(super) async fn config(State(app): State<Arc<App>>) -> Json<BackendConfig> {
    Json(app.backend.clone())
}

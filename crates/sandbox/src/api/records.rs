//! `GET /records`: the logged-in citizen's insurance records.

use axum::Json;
use mobile_auth_core::contract::Records;

use super::clock::today;
use super::extractor::SignedIn;

pub(super) async fn get_records(SignedIn { citizen, .. }: SignedIn) -> Json<Records> {
    Json(crate::records::records_for(
        &citizen.national_id,
        citizen.birth_date,
        today(),
    ))
}

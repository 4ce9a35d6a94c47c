//! 步驟1's 驗證 once the ID has passed its check: the backend says whether this browser holds a
//! binding for it (`POST /id-check`, with the key id this browser has, if any), and what this
//! browser knows of its own binding decides what follows (`binding::LocalBinding`).

use mobile_auth_core::binding::Outcome;
use mobile_auth_core::contract::{IdCheckRequest, Problem};

use crate::binding::LocalBinding;
use crate::state::AppState;

/// Login (步驟7), enrollment (步驟2), or a binding this browser lost; or why the backend
/// could not say.
pub async fn check_id(app: AppState, national_id: String) -> Result<Outcome, Problem> {
    let local = LocalBinding::read().await;
    let answer = app
        .api()
        .id_check(&IdCheckRequest {
            national_id,
            key_id: local.key_id(),
        })
        .await?;
    Ok(local.settle(answer.bound).await)
}

//! 投保資料查詢's one request, `GET /records`, made in the session: a success renews its idle
//! countdown, an ended session sends the app back to step 1 (which says why).

use leptos::prelude::*;
use mobile_auth_core::contract::InsuranceRecord;
use mobile_auth_core::ErrorCode;

use crate::state::AppState;

/// The person's records, loaded when the page opens.
#[derive(Clone, Copy)]
pub struct Records {
    app: AppState,
    /// `None` while loading.
    pub data: RwSignal<Option<Result<Vec<InsuranceRecord>, ErrorCode>>>,
}

impl Records {
    pub fn load(app: AppState) -> Records {
        let r = Records {
            app,
            data: RwSignal::new(None),
        };
        r.reload();
        r
    }

    pub fn reload(self) {
        self.data.set(None);
        leptos::task::spawn_local(async move {
            let app = self.app;
            match app.in_session(app.api().records().await) {
                Ok(r) => self.data.set(Some(Ok(r.records))),
                // The app is already back at step 1, saying why.
                Err(ErrorCode::SessionExpired) => {}
                Err(code) => self.data.set(Some(Err(code))),
            }
        });
    }
}

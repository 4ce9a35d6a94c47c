//! The logged-in session's two calls: 延長登入時間 (`POST /session/refresh`) and 登出
//! (`POST /logout`), with what their answers do to the app's state.

use leptos::prelude::*;
use mobile_auth_core::flow::Event;
use mobile_auth_core::ErrorCode;

use crate::i18n::T;
use crate::state::{AppState, SessionInfo};

/// Renews the idle period. `Ok` also when the session had already ended: the app is then back
/// at step 1, saying why; any other failure is for the screen to show.
pub async fn extend(app: AppState) -> Result<(), ErrorCode> {
    match app.in_session(app.api().refresh_session().await) {
        Ok(s) => {
            app.session.set(Some(SessionInfo::from_session(&s)));
            Ok(())
        }
        Err(ErrorCode::SessionExpired) => Ok(()),
        Err(code) => Err(code),
    }
}

/// Ends the session here whatever the backend answers (it forgets it too, or already has), with
/// everything typed.
pub async fn log_out(app: AppState) {
    let _ = app.api().logout().await;
    app.session.set(None);
    app.form.clear_all();
    app.dispatch(Event::LoggedOut);
    app.announce(T::LoggedOut.get(app.lang.get_untracked()));
}

//! The logged-in session's calls: 延長登入時間 (`POST /session/refresh`), 登出 (`DELETE /session`),
//! and after a reload the check that the session or application the tab kept still holds, with
//! what their answers do to the app's state.

use leptos::prelude::*;
use mobile_auth_core::contract::Session;
use mobile_auth_core::flow::{Event, Step};
use mobile_auth_core::ErrorCode;

use crate::i18n::T;
use crate::state::{AppState, SessionInfo};
use crate::ui::timer::{seconds_left, use_clock};

/// The session's clock on screen: the time left, whether to warn, and 延長登入時間; at zero the
/// app goes back to step 1 (which says why).
#[derive(Clone, Copy)]
pub struct SessionClock {
    app: AppState,
    pub left: Memo<u32>,
    /// Near the end: a quarter of the idle time, between 30 s and 2 min.
    pub warning: Memo<bool>,
    /// Why the last 延長登入時間 failed.
    pub problem: RwSignal<Option<ErrorCode>>,
}

impl SessionClock {
    pub fn start(app: AppState) -> SessionClock {
        let now = use_clock();
        let left = Memo::new(move |_| {
            app.session.with(|s| {
                s.as_ref()
                    .map(|s| seconds_left(s.expires_at, now.get()))
                    .unwrap_or(0)
            })
        });
        let warn_at = move || {
            app.session.with(|s| {
                s.as_ref()
                    .map(|s| (s.idle_seconds / 4).clamp(30, 120))
                    .unwrap_or(60)
            })
        };
        let warning = Memo::new(move |_| left.get() <= warn_at());
        Effect::new(move |_| {
            if left.get() == 0 {
                app.session_ended();
            }
        });
        SessionClock {
            app,
            left,
            warning,
            problem: RwSignal::new(None),
        }
    }

    /// 延長登入時間.
    pub fn extend(self) {
        let (app, problem) = (self.app, self.problem);
        leptos::task::spawn_local(async move { problem.set(extend(app).await.err()) });
    }
}

/// 登出.
pub fn log_out_now(app: AppState) {
    leptos::task::spawn_local(log_out(app));
}

/// Renews the idle period. `Ok` also when the session had already ended: the app is then back
/// at step 1, saying why; any other failure is for the screen to show.
async fn extend(app: AppState) -> Result<(), ErrorCode> {
    match app.in_session(app.api().refresh_session().await) {
        Ok(s) => {
            app.session.set(Some(SessionInfo::from_session(&s)));
            Ok(())
        }
        Err(ErrorCode::SessionExpired) => Ok(()),
        Err(code) => Err(code),
    }
}

/// An application verified: the key it registered is now this browser's binding, the
/// application is done, and its session is this browser's.
pub async fn start_verified(app: AppState, session: &Session) {
    if let Some(a) = app.application.get_untracked() {
        crate::binding::enrolled(app.binding, &a.key_id).await;
    }
    app.application.set(None);
    app.session.set(Some(SessionInfo::from_session(session)));
}

/// Ends the session here whatever the backend answers (it forgets it too, or already has), with
/// everything typed.
async fn log_out(app: AppState) {
    let _ = app.api().logout().await;
    app.session.set(None);
    app.form.clear_all();
    app.dispatch(Event::LoggedOut);
    app.announce(T::LoggedOut.get(app.lang.get_untracked()));
}

/// After a reload: a step that needs a session or an application checks it still has one.
pub fn restore(app: AppState) {
    let step = app.step.get_untracked();
    if step.needs_session() {
        leptos::task::spawn_local(async move {
            match app.api().session().await {
                Ok(s) => app.session.set(Some(SessionInfo::from_session(&s))),
                Err(p) if !p.retryable => {
                    app.session.set(None);
                    app.notice.set(Some(ErrorCode::SessionExpired));
                    app.go(Step::IdEntry);
                }
                Err(_) => {}
            }
        });
    } else if step == Step::PhoneDone
        || (matches!(step, Step::Qr | Step::PhoneVerify)
            && app.application.get_untracked().is_none())
    {
        app.go(Step::IdEntry);
    }
}

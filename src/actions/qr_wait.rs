//! 步驟4's waiting, on the computer: the application is polled with backoff (not while the tab is
//! hidden) until the phone succeeds or fails; on success the session is this browser's and the
//! key the application registered is bound. 重新產生QRcode asks for a new token. The screen shows
//! the code, the countdown and the status.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use mobile_auth_core::contract::ApplicationState;
use mobile_auth_core::flow::Event;
use mobile_auth_core::ErrorCode;

use crate::actions::session::start_verified;
use crate::i18n::T;
use crate::state::{deadline_in, AppState};

/// What the computer is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    ForScan,
    PhoneOpened,
    Expired,
    Failed(ErrorCode),
}

const FIRST_POLL_MS: u32 = 2_000;
const MAX_POLL_MS: u32 = 5_000;

#[derive(Clone, Copy)]
pub struct QrWait {
    app: AppState,
    pub status: RwSignal<Waiting>,
    /// A call that failed (polling goes on; the typed data is safe).
    pub problem: RwSignal<Option<ErrorCode>>,
    /// A new code is being asked for.
    pub busy: RwSignal<bool>,
}

impl QrWait {
    /// Starts polling; it stops when the screen goes.
    pub fn start(app: AppState) -> QrWait {
        let w = QrWait {
            app,
            status: RwSignal::new(Waiting::ForScan),
            problem: RwSignal::new(None),
            busy: RwSignal::new(false),
        };
        let alive = Arc::new(AtomicBool::new(true));
        {
            let alive = alive.clone();
            on_cleanup(move || alive.store(false, Ordering::Relaxed));
        }
        // No announcement of 等待手機驗證中… here: the step change is announced by the shell and
        // the screen's status line says it; saying both made screen readers repeat it.
        leptos::task::spawn_local(w.poll(alive));
        w
    }

    /// The countdown has run out: a code still waiting for the phone has expired.
    pub fn time_up(self) {
        if matches!(
            self.status.get_untracked(),
            Waiting::ForScan | Waiting::PhoneOpened
        ) {
            self.status.set(Waiting::Expired);
        }
    }

    /// 重新產生QRcode: a new token and validity for the same application.
    pub fn new_code(self) {
        let app = self.app;
        let Some(a) = app.application.get_untracked() else {
            return;
        };
        self.busy.set(true);
        self.problem.set(None);
        leptos::task::spawn_local(async move {
            let result = app.api().new_qr(&a.id).await;
            self.busy.set(false);
            match result {
                Ok(t) => {
                    app.application.update(|cur| {
                        if let Some(cur) = cur {
                            cur.token = t.token;
                            cur.expires_at = deadline_in(t.expires_in_seconds);
                        }
                    });
                    self.status.set(Waiting::ForScan);
                    app.announce(T::Waiting.get(app.lang.get_untracked()));
                }
                Err(p) => self.problem.set(Some(p.code)),
            }
        });
    }

    /// Polls the application until the phone succeeds, fails, or the screen goes away.
    async fn poll(self, alive: Arc<AtomicBool>) {
        let (app, status, problem) = (self.app, self.status, self.problem);
        let mut delay = FIRST_POLL_MS;
        loop {
            TimeoutFuture::new(delay).await;
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            // A hidden tab does not poll; it catches up as soon as it is visible again.
            if document().hidden() || matches!(status.get_untracked(), Waiting::Failed(_)) {
                delay = 1_000;
                continue;
            }
            let Some(a) = app.application.get_untracked() else {
                return;
            };
            match app.api().application_status(&a.id).await {
                Ok(s) => {
                    problem.set(None);
                    match s.state {
                        ApplicationState::Pending => {
                            if status.get_untracked() != Waiting::Expired {
                                status.set(Waiting::ForScan);
                            }
                        }
                        ApplicationState::Opened => {
                            if status.get_untracked() != Waiting::PhoneOpened {
                                status.set(Waiting::PhoneOpened);
                                app.announce(T::PhoneOpened.get(app.lang.get_untracked()));
                                delay = FIRST_POLL_MS;
                                continue;
                            }
                        }
                        ApplicationState::Expired => status.set(Waiting::Expired),
                        ApplicationState::Failed => {
                            status.set(Waiting::Failed(s.code.unwrap_or(ErrorCode::Internal)));
                        }
                        ApplicationState::Verified => {
                            match app.api().application_session(&a.id).await {
                                Ok(session) => {
                                    start_verified(app, &session).await;
                                    if alive.load(Ordering::Relaxed) {
                                        app.dispatch(Event::RemoteVerified);
                                    }
                                    return;
                                }
                                Err(p) => problem.set(Some(p.code)),
                            }
                        }
                    }
                }
                // Transport faults are shown and polling goes on (the typed data is safe).
                Err(p) => problem.set(Some(p.code)),
            }
            delay = (delay * 3 / 2).min(MAX_POLL_MS);
        }
    }
}

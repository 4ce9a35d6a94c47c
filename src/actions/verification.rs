//! 步驟5's two calls: the masked summary of the application (`GET /verifications/{token}`), and
//! 開始驗證 (`POST …/start`) with its answer applied to the app's state: on the phone's own path
//! the device is bound and the session starts; on the QR path the computer carries on, and this
//! phone only says so. The screen only shows the phase and the failure.

use leptos::prelude::*;
use mobile_auth_core::contract::{StartVerificationRequest, VerificationSummary};
use mobile_auth_core::device::VerifyPath;
use mobile_auth_core::flow::{Event, Step};
use mobile_auth_core::ErrorCode;

use crate::actions::session::start_verified;
use crate::state::AppState;

#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Loading,
    Ready(VerificationSummary),
    /// Could not load the summary.
    LoadFailed(ErrorCode),
    /// QR path done: go back to the computer.
    Done,
}

/// One application's verification, from this phone.
#[derive(Clone, Copy)]
pub struct Verification {
    app: AppState,
    token: StoredValue<String>,
    /// Reached by 送出 on this device (not from the QR code).
    direct: bool,
    pub phase: RwSignal<Phase>,
    /// Why the last 開始驗證 failed.
    pub failure: RwSignal<Option<ErrorCode>>,
    pub busy: RwSignal<bool>,
}

impl Verification {
    /// Starts loading the summary.
    pub fn new(app: AppState, token: String, direct: bool) -> Verification {
        let v = Verification {
            app,
            token: StoredValue::new(token),
            direct,
            phase: RwSignal::new(Phase::Loading),
            failure: RwSignal::new(None),
            busy: RwSignal::new(false),
        };
        v.load();
        v
    }

    /// (Re)loads the summary.
    pub fn load(self) {
        self.phase.set(Phase::Loading);
        leptos::task::spawn_local(async move {
            match self.app.api().verification(&self.token.get_value()).await {
                Ok(s) => self.phase.set(Phase::Ready(s)),
                Err(p) => self.phase.set(Phase::LoadFailed(p.code)),
            }
        });
    }

    /// 開始驗證, the terms agreed; nothing is sent while a start is in progress.
    pub fn start(self) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.failure.set(None);
        let req = StartVerificationRequest {
            agree_terms: true,
            connection: crate::device::connection(),
        };
        leptos::task::spawn_local(async move {
            let result = self
                .app
                .api()
                .start_verification(&self.token.get_value(), &req)
                .await;
            self.busy.set(false);
            match result {
                Ok(r) => match (r.path, r.session) {
                    (VerifyPath::Direct, Some(session)) => self.signed_in(&session).await,
                    _ => {
                        self.phase.set(Phase::Done);
                        // A step change like any other: the shell names it in the page title,
                        // announces it and focuses its heading (the route stays #/verify/…).
                        self.app.step.set(Step::PhoneDone);
                    }
                },
                Err(p) => self.failure.set(Some(p.code)),
            }
        });
    }

    /// Verified on this phone: the session starts here.
    async fn signed_in(self, session: &mobile_auth_core::contract::Session) {
        let app = self.app;
        start_verified(app, session).await;
        if self.direct {
            app.dispatch(Event::Verified(VerifyPath::Direct));
        } else {
            app.go(Step::Welcome);
        }
    }

    /// Reached by 送出 on this device: a refusal offers 重新申請 here.
    pub fn direct(self) -> bool {
        self.direct
    }

    /// 重新申請 after a failure that retrying cannot mend.
    pub fn reapply(self) {
        if self.direct {
            self.app.dispatch(Event::Reapply);
        } else {
            self.app.go(Step::IdEntry);
        }
    }
}

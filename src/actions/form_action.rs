//! The one shape of a form's 送出 (步驟1, 2, 7): what is wrong (each field's inline message, the
//! error summary of them, shown and focused once 送出 has failed, and a problem of the whole form
//! in a banner), whether a request is on its way, and what it answered. A screen reads these
//! signals; the form's own action (`id_check`, `application`, `sign_in`) says how to validate
//! and what to send. The page title counts what is wrong ("錯誤：").

use std::collections::BTreeMap;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use mobile_auth_core::contract::Problem;
use mobile_auth_core::{ErrorCode, Field};

use crate::state::{AppState, Errors};
use crate::ui::field::set_error;
use crate::ui::summary::{focus_later, PROBLEM_ID, SUMMARY_ID};

/// Why a form was not accepted: the one error shape a form shows.
pub struct Refusal {
    /// The fields refused, with why; empty when the problem is the whole form's.
    pub fields: BTreeMap<Field, ErrorCode>,
    pub code: ErrorCode,
}

impl From<ErrorCode> for Refusal {
    fn from(code: ErrorCode) -> Refusal {
        Refusal {
            fields: BTreeMap::new(),
            code,
        }
    }
}

impl From<Problem> for Refusal {
    fn from(p: Problem) -> Refusal {
        Refusal {
            fields: p.field_errors(),
            code: p.code,
        }
    }
}

/// What a form holds when 送出 is pressed.
pub enum Ready<V> {
    /// Valid: send this.
    Send(V),
    /// The fields that failed their checks, in screen order.
    Invalid(Vec<(Field, ErrorCode)>),
    /// Valid, but something it needs is on its way (the captcha picture): the action sends it
    /// when it comes.
    Later,
}

/// What a form shows, whatever its request answers (one copy of this code for the three forms:
/// only `result` depends on what a form's request answers).
#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: Errors,
    /// The summary is shown (after a failed 送出, until the form is cleared).
    pub summary: RwSignal<bool>,
    pub problem: RwSignal<Option<ErrorCode>>,
    /// A request is on its way: 送出 is disabled and pressing it again sends nothing.
    pub busy: RwSignal<bool>,
    /// Whether a problem takes the focus (步驟1 keeps it in its one field).
    focus_problem: bool,
}

pub struct FormAction<T: Send + Sync + 'static> {
    state: FormState,
    /// What the last request answered.
    pub result: RwSignal<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for FormAction<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for FormAction<T> {}

/// A form's errors, summary, problem and busy flag, and what is done with them, are its state's.
impl<T: Send + Sync + 'static> std::ops::Deref for FormAction<T> {
    type Target = FormState;

    fn deref(&self) -> &FormState {
        &self.state
    }
}

impl<T: Send + Sync + 'static> FormAction<T> {
    /// Starting with `problem` (e.g. why the user is back at step 1).
    pub fn new(app: AppState, problem: Option<ErrorCode>, focus_problem: bool) -> FormAction<T> {
        FormAction {
            state: FormState::new(app, problem, focus_problem),
            result: RwSignal::new(None),
        }
    }

    /// 送出: unless a request is on its way, `prepare` validates what was typed; a valid form
    /// is sent once by `send`, and its answer shown (a refusal) or kept in `result`.
    pub fn submit<V, F>(self, prepare: impl FnOnce() -> Ready<V>, send: impl FnOnce(V) -> F)
    where
        V: 'static,
        F: Future<Output = Result<T, Refusal>> + 'static,
    {
        let state = self.state;
        if !state.start() {
            return;
        }
        let valid = match prepare() {
            Ready::Send(v) => v,
            Ready::Invalid(list) => return state.refuse(list.into_iter().collect()),
            Ready::Later => return state.errors.set(BTreeMap::new()),
        };
        state.errors.set(BTreeMap::new());
        self.result.set(None);
        state.busy.set(true);
        // The request leaves now, in the press's own handler: spawned, its first step would wait
        // behind the effects the signals above woke (they share the task queue), 驗證's
        // re-render among them, on the way to the one round trip (issue 27). The noop waker is
        // replaced by the task's own when it polls again.
        let mut sent = Box::pin(send(valid));
        let first = sent.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        leptos::task::spawn_local(async move {
            let answer = match first {
                Poll::Ready(answer) => answer,
                Poll::Pending => sent.await,
            };
            // The screen may have gone meanwhile (the answer moved the app on).
            let _ = state.busy.try_set(false);
            match answer {
                Ok(t) => {
                    let _ = self.result.try_set(Some(t));
                }
                Err(r) => state.refused(r),
            }
        });
    }
}

impl FormState {
    fn new(app: AppState, problem: Option<ErrorCode>, focus_problem: bool) -> FormState {
        let f = FormState {
            errors: RwSignal::new(BTreeMap::new()),
            summary: RwSignal::new(false),
            problem: RwSignal::new(problem),
            busy: RwSignal::new(false),
            focus_problem,
        };
        Effect::new(move |_| {
            app.error_count
                .set(f.errors.with(|e| e.len()) + usize::from(f.problem.with(Option::is_some)))
        });
        f
    }

    /// 送出 pressed: false while a request is on its way (nothing more is sent).
    fn start(self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.problem.set(None);
        true
    }

    /// The backend refused: a problem of the whole form, or of fields.
    fn refused(self, r: Refusal) {
        if r.fields.is_empty() {
            self.fail(r.code)
        } else {
            self.refuse(r.fields)
        }
    }

    /// A field left (blur): what was typed is judged, and an error shown is judged again; an
    /// empty field is only reported on 送出.
    pub fn judge(self, field: Field, typed: bool, code: Option<ErrorCode>) {
        if typed || self.errors.with_untracked(|m| m.contains_key(&field)) {
            set_error(self.errors, field, code);
        }
    }

    /// 送出 failed on fields: their messages, and the summary, which takes the focus.
    pub fn refuse(self, fields: BTreeMap<Field, ErrorCode>) {
        self.errors.set(fields);
        self.summary.set(true);
        focus_later(SUMMARY_ID);
    }

    /// A problem of the whole form, in the banner.
    pub fn fail(self, code: ErrorCode) {
        let _ = self.problem.try_set(Some(code));
        if self.focus_problem {
            focus_later(PROBLEM_ID);
        }
    }

    /// Nothing wrong any more (清除, or a new start).
    pub fn clear(self) {
        self.errors.set(BTreeMap::new());
        self.summary.set(false);
        self.problem.set(None);
    }
}

//! What a form of the flow (步驟1, 2, 7) shows of what is wrong: each field's inline message, the
//! error summary of them (shown, and focused, once 送出 has failed), and a problem of the whole
//! form (a refusal or a fault) in a banner; the page title counts them all ("錯誤：").

use std::collections::BTreeMap;

use leptos::prelude::*;
use mobile_auth_core::{ErrorCode, Field};

use crate::components::field::set_error;
use crate::components::summary::{focus_later, PROBLEM_ID, SUMMARY_ID};
use crate::state::{AppState, Errors};

#[derive(Clone, Copy)]
pub struct FormErrors {
    pub errors: Errors,
    /// The summary is shown (after a failed 送出, until the form is cleared).
    pub summary: RwSignal<bool>,
    pub problem: RwSignal<Option<ErrorCode>>,
}

impl FormErrors {
    /// Starting with `problem` (e.g. why the user is back at step 1).
    pub fn new(app: AppState, problem: Option<ErrorCode>) -> FormErrors {
        let f = FormErrors {
            errors: RwSignal::new(BTreeMap::new()),
            summary: RwSignal::new(false),
            problem: RwSignal::new(problem),
        };
        Effect::new(move |_| {
            app.error_count
                .set(f.errors.with(|e| e.len()) + usize::from(f.problem.with(Option::is_some)))
        });
        f
    }

    /// A field left (blur): what was typed is judged, and an error shown is judged again; an
    /// empty field is only reported on 送出.
    pub fn judge(self, field: Field, typed: bool, code: Option<ErrorCode>) {
        if typed || self.errors.with_untracked(|m| m.contains_key(&field)) {
            set_error(self.errors, field, code);
        }
    }

    /// 送出 failed on fields: their messages, and the summary, which takes the focus.
    pub fn refuse(self, fields: impl IntoIterator<Item = (Field, ErrorCode)>) {
        self.errors.set(fields.into_iter().collect());
        self.summary.set(true);
        focus_later(SUMMARY_ID);
    }

    /// A problem of the whole form, in the banner, which takes the focus.
    pub fn fail(self, code: ErrorCode) {
        self.problem.set(Some(code));
        focus_later(PROBLEM_ID);
    }

    /// Nothing wrong any more (清除, or a new start).
    pub fn clear(self) {
        self.errors.set(BTreeMap::new());
        self.summary.set(false);
        self.problem.set(None);
    }
}

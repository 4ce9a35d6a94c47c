//! 步驟1: 身分證號 and 驗證. The ID is checked in Wasm first (nothing is sent for a wrong one);
//! then the backend says whether this browser holds a binding for it (`actions::id_check`):
//! yes → the four-field login (步驟7), no → the enrollment form (步驟2). When this browser shows
//! that it once held a binding that is now gone or not valid for the ID, it says so first, and
//! 重新申請行動電話認證 continues to the enrollment form with the ID kept
//! (`binding::LocalBinding`).

use leptos::prelude::*;
use mobile_auth_core::national_id::validate_national_id;
use mobile_auth_core::{ErrorCode, Field};

use crate::actions::id_check::IdCheck;
use crate::i18n::{tr, T};
use crate::state::use_app;
use crate::ui::binding::BindingLost;
use crate::ui::field::{Kind, TextField};
use crate::ui::step_heading::StepHeading;
use crate::ui::summary::{ErrorSummary, ProblemBanner};

#[component]
pub fn IdEntry() -> impl IntoView {
    let app = use_app();
    let check = IdCheck::new(app);
    let form = check.form;
    let errors = form.errors;
    let busy = form.busy;
    let online = crate::network::use_online();

    view! {
        <form
            class="step"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                check.submit();
            }
        >
            <ErrorSummary errors visible=form.summary />
            <ProblemBanner problem=form.problem />
            <StepHeading h2=true>
                {tr(T::PleaseEnterFields)}
            </StepHeading>
            <TextField
                field=Field::NationalId
                errors
                on_check=Callback::new(move |_| check.judge())
                kind=Kind::Secret
                clearable=true
                placeholder=T::IdPlaceholder
                autocomplete="username"
            >
                <button type="submit" class="button" disabled=move || busy.get() || !online.get()>
                    {tr(T::Verify)}
                </button>
            </TextField>
            {move || {
                check
                    .lost
                    .get()
                    .map(|loss| {
                        view! { <BindingLost loss on_reapply=move || check.reapply() /> }
                    })
            }}
        </form>
    }
}

/// For tests: the code step 1 shows for `raw` without any network call.
pub fn id_error(raw: &str) -> Option<ErrorCode> {
    validate_national_id(raw).err()
}

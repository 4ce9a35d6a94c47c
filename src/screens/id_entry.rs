//! 步驟1: 身分證號 and 驗證. The ID is checked in Wasm first (nothing is sent for a wrong one);
//! then the backend says whether this browser holds a binding for it (`components::id_check`):
//! yes → the four-field login (步驟7), no → the enrollment form (步驟2). When this browser shows
//! that it once held a binding that is now gone or not valid for the ID, it says so first, and
//! 重新申請行動電話認證 continues to the enrollment form with the ID kept
//! (`binding::LocalBinding`).

use leptos::prelude::*;
use mobile_auth_core::binding::{Loss, Outcome};
use mobile_auth_core::flow::Event;
use mobile_auth_core::national_id::validate_national_id;
use mobile_auth_core::{ErrorCode, Field};

use crate::components::binding::{BindingLost, BINDING_LOST_ID};
use crate::components::field::{set_error, Kind, TextField};
use crate::components::form_errors::FormErrors;
use crate::components::id_check::check_id;
use crate::components::step_heading::StepHeading;
use crate::components::summary::{focus_later, ErrorSummary, ProblemBanner};
use crate::i18n::{tr, T};
use crate::state::use_app;

#[component]
pub fn IdEntry() -> impl IntoView {
    let app = use_app();
    let form = FormErrors::new(app, app.notice.get_untracked());
    app.notice.set(None);
    let FormErrors {
        errors,
        summary,
        problem,
    } = form;
    let busy = RwSignal::new(false);
    let online = crate::network::use_online();
    let id = app.form.national_id;
    // A lost binding, for the ID it was found with (editing the ID hides it).
    let lost = RwSignal::new(None::<(String, Loss)>);
    let shown_loss = Memo::new(move |_| {
        lost.with(|l| {
            l.as_ref()
                .filter(|(checked, _)| id.with(|v| v == checked))
                .map(|(_, loss)| *loss)
        })
    });

    let check = move |_: Field| {
        let value = id.get_untracked();
        // On blur, only a typed value is judged; an empty field is judged on 驗證.
        let code = if value.trim().is_empty() {
            None
        } else {
            validate_national_id(&value).err()
        };
        set_error(errors, Field::NationalId, code);
    };

    let verify = move || {
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        let national_id = match validate_national_id(&id.get_untracked()) {
            Ok(v) => v,
            Err(code) => return form.refuse([(Field::NationalId, code)]),
        };
        set_error(errors, Field::NationalId, None);
        id.set(national_id.clone());
        busy.set(true);
        lost.set(None);
        leptos::task::spawn_local(async move {
            let result = check_id(app, national_id.clone()).await;
            busy.set(false);
            match result {
                Ok(outcome) => match outcome {
                    Outcome::Login => app.dispatch(Event::IdChecked { bound: true }),
                    Outcome::Enroll => app.dispatch(Event::IdChecked { bound: false }),
                    Outcome::Lost(loss) => {
                        lost.set(Some((national_id, loss)));
                        focus_later(BINDING_LOST_ID);
                    }
                },
                Err(p) => match p.code.field() {
                    Some(Field::NationalId) => form.refuse([(Field::NationalId, p.code)]),
                    _ => problem.set(Some(p.code)),
                },
            }
        });
    };

    view! {
        <form
            class="step"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                verify();
            }
        >
            <ErrorSummary errors visible=summary />
            <ProblemBanner problem />
            <StepHeading h2=true>
                {tr(T::PleaseEnterFields)}
            </StepHeading>
            <TextField
                field=Field::NationalId
                value=id
                errors
                on_check=check
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
                shown_loss
                    .get()
                    .map(|loss| {
                        view! {
                            <BindingLost
                                loss
                                on_reapply=move || app.dispatch(Event::IdChecked { bound: false })
                            />
                        }
                    })
            }}
        </form>
    }
}

/// For tests: the code step 1 shows for `raw` without any network call.
pub fn id_error(raw: &str) -> Option<ErrorCode> {
    validate_national_id(raw).err()
}

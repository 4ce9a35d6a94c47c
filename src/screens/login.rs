//! 步驟7: the four-field login of a bound browser (身分證號、出生日期、姓名、憑證密碼), proved by
//! the device key (`components::sign_in`).

use std::collections::BTreeMap;

use leptos::prelude::*;
use mobile_auth_core::flow::Step;
use mobile_auth_core::form::{check_login_field, validate_login};
use mobile_auth_core::roc_date::validate_birth_date;
use mobile_auth_core::{ErrorCode, Field};

use crate::components::field::{Kind, TextField};
use crate::components::form_errors::FormErrors;
use crate::components::on_first_use::fetch_ahead;
use crate::components::sign_in::log_in;
use crate::components::step_heading::StepHeading;
use crate::components::summary::{ErrorSummary, ProblemBanner};
use crate::i18n::{tr, use_lang, T};
use crate::state::{today, use_app};

#[component]
pub fn Login() -> impl IntoView {
    let app = use_app();
    // The pages after login come while the password is typed.
    fetch_ahead(super::welcome::prefetch);
    let lang = use_lang();
    let f = app.form;
    let form = FormErrors::new(app, None);
    let FormErrors {
        errors,
        summary,
        problem,
    } = form;
    let busy = RwSignal::new(false);
    let online = crate::network::use_online();

    let check = Callback::new(move |field: Field| {
        let input = f.login_input();
        let typed = match field {
            Field::NationalId => &input.national_id,
            Field::BirthDate => &input.birth_date,
            Field::Name => &input.name,
            _ => &input.password,
        };
        let code = check_login_field(field, &input, today());
        form.judge(field, !typed.trim().is_empty(), code);
    });

    let birth_echo = Signal::derive(move || {
        validate_birth_date(&f.birth_date.get(), today())
            .ok()
            .map(|d| format!("{}{}", T::BirthEcho.get(lang.get()), d.display(lang.get())))
    });

    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        let input = f.login_input();
        let valid = match validate_login(&input, today()) {
            Ok(v) => v,
            Err(list) => return form.refuse(list),
        };
        errors.set(BTreeMap::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = log_in(app, valid, input.password).await;
            busy.set(false);
            if let Err(code) = result {
                form.fail(code);
            }
        });
    };

    let clear = move |_| {
        f.clear_login();
        form.clear();
    };
    let reapply = move |_| {
        problem.set(None);
        app.go(Step::Enroll);
    };
    let needs_reapply =
        move || matches!(problem.get(), Some(ErrorCode::NotBound | ErrorCode::Locked));

    view! {
        <form
            class="step"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <ErrorSummary errors visible=summary />
            <ProblemBanner problem />
            <Show when=needs_reapply>
                <p>
                    <button type="button" class="button button--secondary" on:click=reapply>
                        {tr(T::Reapply)}
                    </button>
                </p>
            </Show>
            <StepHeading h2=true>
                {tr(T::PleaseEnterFields)}
            </StepHeading>
            <TextField
                field=Field::NationalId
                value=f.national_id
                errors
                on_check=check
                kind=Kind::Secret
                clearable=true
                placeholder=T::IdPlaceholder
                autocomplete="username"
            />
            <TextField
                field=Field::BirthDate
                value=f.birth_date
                errors
                on_check=check
                kind=Kind::Numeric
                hint=T::BirthHintRoc
                echo=birth_echo
            />
            <TextField field=Field::Name value=f.name errors on_check=check autocomplete="name" />
            <TextField
                field=Field::Password
                value=f.password
                errors
                on_check=check
                kind=Kind::Secret
                label=Signal::derive(move || T::LoginPassword.get(lang.get()).to_string())
                autocomplete="current-password"
            />
            <div class="button-group">
                <button type="button" class="button button--secondary" on:click=clear>
                    {tr(T::ClearForm)}
                </button>
                <button type="submit" class="button" disabled=move || busy.get() || !online.get()>
                    {move || if busy.get() { tr(T::Sending)() } else { tr(T::Submit)() }}
                </button>
            </div>
            <p class="tip">{tr(T::LoginTip)}</p>
        </form>
    }
}

crate::on_first_use!(login, prefetch: pub fn screen() -> AnyView {
    view! { <Login /> }.into_any()
});

//! 步驟7: the four-field login of a bound browser (身分證號、出生日期、姓名、憑證密碼), proved by
//! the device key (`actions::sign_in`).

use leptos::prelude::*;
use mobile_auth_core::roc_date::validate_birth_date;
use mobile_auth_core::Field;

use crate::actions::sign_in::SignIn;
use crate::i18n::{tr, use_lang, T};
use crate::state::{today, use_app};
use crate::ui::field::{Kind, TextField};
use crate::ui::on_first_use::fetch_ahead;
use crate::ui::step_heading::StepHeading;
use crate::ui::summary::{ErrorSummary, ProblemBanner};

#[component]
pub fn Login() -> impl IntoView {
    let app = use_app();
    // The pages after login come while the password is typed.
    fetch_ahead(super::welcome::prefetch);
    let lang = use_lang();
    let f = app.form;
    let sign_in = SignIn::new(app);
    let form = sign_in.form;
    let errors = form.errors;
    let busy = form.busy;
    let online = crate::network::use_online();
    let check = Callback::new(move |field: Field| sign_in.judge(field));

    let birth_echo = Signal::derive(move || {
        validate_birth_date(&f.text(Field::BirthDate).get(), today())
            .ok()
            .map(|d| format!("{}{}", T::BirthEcho.get(lang.get()), d.display(lang.get())))
    });

    view! {
        <form
            class="step"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                sign_in.submit();
            }
        >
            <ErrorSummary errors visible=form.summary />
            <ProblemBanner problem=form.problem />
            <Show when=move || sign_in.offers_reapply()>
                <p>
                    <button type="button" class="button button--secondary" on:click=move |_| sign_in.reapply()>
                        {tr(T::Reapply)}
                    </button>
                </p>
            </Show>
            <StepHeading h2=true>
                {tr(T::PleaseEnterFields)}
            </StepHeading>
            <TextField
                field=Field::NationalId
                errors
                on_check=check
                kind=Kind::Secret
                clearable=true
                placeholder=T::IdPlaceholder
                autocomplete="username"
            />
            <TextField
                field=Field::BirthDate
                errors
                on_check=check
                kind=Kind::Numeric
                hint=T::BirthHintRoc
                echo=birth_echo
            />
            <TextField field=Field::Name errors on_check=check autocomplete="name" />
            <TextField
                field=Field::Password
                errors
                on_check=check
                kind=Kind::Secret
                label=Signal::derive(move || T::LoginPassword.get(lang.get()).to_string())
                autocomplete="current-password"
            />
            <div class="button-group">
                <button type="button" class="button button--secondary" on:click=move |_| sign_in.clear()>
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

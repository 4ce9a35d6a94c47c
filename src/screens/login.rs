//! 步驟7: the four-field login of a bound browser (身分證號、出生日期、姓名、憑證密碼), proved by
//! the device key: POST /login/challenge, sign it, POST /login.

use std::collections::BTreeMap;

use leptos::prelude::*;
use mobile_auth_core::contract::{ChallengeRequest, LoginRequest};
use mobile_auth_core::flow::{Event, Step};
use mobile_auth_core::form::{check_login_field, validate_login};
use mobile_auth_core::roc_date::validate_birth_date;
use mobile_auth_core::{ErrorCode, Field};

use crate::components::field::{set_error, Kind, TextField};
use crate::components::on_first_use::fetch_ahead;
use crate::components::step_heading::STEP_HEADING_ID;
use crate::components::summary::{focus_later, ErrorSummary, ProblemBanner, SUMMARY_ID};
use crate::i18n::{tr, use_lang, T};
use crate::keys;
use crate::state::{today, use_app, SessionInfo};

#[component]
pub fn Login() -> impl IntoView {
    let app = use_app();
    // The pages after login come while the password is typed.
    fetch_ahead(super::welcome::prefetch);
    let lang = use_lang();
    let f = app.form;
    let errors = RwSignal::new(BTreeMap::new());
    let summary = RwSignal::new(false);
    let problem = RwSignal::new(None::<ErrorCode>);
    let busy = RwSignal::new(false);
    let online = crate::network::use_online();

    Effect::new(move |_| {
        app.error_count
            .set(errors.with(|e| e.len()) + usize::from(problem.with(Option::is_some)))
    });

    let check = Callback::new(move |field: Field| {
        let input = f.login_input();
        let typed = match field {
            Field::NationalId => &input.national_id,
            Field::BirthDate => &input.birth_date,
            Field::Name => &input.name,
            _ => &input.password,
        };
        if typed.trim().is_empty() && !errors.with_untracked(|m| m.contains_key(&field)) {
            return;
        }
        set_error(errors, field, check_login_field(field, &input, today()));
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
            Err(list) => {
                errors.set(list.into_iter().collect());
                summary.set(true);
                focus_later(SUMMARY_ID);
                return;
            }
        };
        errors.set(BTreeMap::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let key_id = match keys::bound_key_id() {
                    Some(k) if keys::has_key(&k).await => k,
                    _ => return Err(ErrorCode::NotBound),
                };
                let api = app.api();
                let ch = api
                    .challenge(&ChallengeRequest {
                        key_id: key_id.clone(),
                    })
                    .await
                    .map_err(|p| p.code)?;
                let signature = keys::sign(&key_id, &ch.challenge)
                    .await
                    .map_err(|_| ErrorCode::NotBound)?;
                api.login(&LoginRequest {
                    national_id: valid.national_id,
                    birth_date: valid.birth_date.compact(),
                    name: valid.name,
                    password: input.password,
                    key_id,
                    challenge_id: ch.challenge_id,
                    signature,
                })
                .await
                .map_err(|p| p.code)
            }
            .await;
            busy.set(false);
            match result {
                Ok(session) => {
                    f.forget_passwords();
                    app.session.set(Some(SessionInfo::from_session(&session)));
                    app.dispatch(Event::LoggedIn);
                }
                Err(code) => {
                    // NotBound keeps the key: it may be bound to another ID typed here (a shared
                    // computer); step 1 names the situation next time (`binding::LocalBinding`).
                    if code == ErrorCode::LoginFailed {
                        f.password.set(String::new());
                    }
                    problem.set(Some(code));
                    focus_later("problem");
                }
            }
        });
    };

    let clear = move |_| {
        f.clear_login();
        errors.set(BTreeMap::new());
        summary.set(false);
        problem.set(None);
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
            <h2 id=STEP_HEADING_ID tabindex="-1">
                {tr(T::PleaseEnterFields)}
            </h2>
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

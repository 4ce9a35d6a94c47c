//! One module per screen of the manual; `Flow` picks the one for the current step.

pub mod accessibility;
pub mod enroll;
pub mod help;
pub mod home;
pub mod id_entry;
pub mod login;
pub mod phone;
pub mod qr;
pub mod records;
pub mod tabs;
pub mod welcome;

use leptos::prelude::*;
use mobile_auth_core::flow::Step;
use mobile_auth_core::ErrorCode;

use crate::components::on_first_use::on_first_use;
use crate::state::{AppState, SessionInfo};

#[component]
pub fn Flow(step: Memo<Step>) -> impl IntoView {
    let app = crate::state::use_app();
    let in_chooser = Memo::new(move |_| {
        matches!(
            step.get(),
            Step::IdEntry | Step::Enroll | Step::Qr | Step::Login
        )
    });
    move || {
        if in_chooser.get() {
            return view! { <tabs::LoginChooser step /> }.into_any();
        }
        match step.get() {
            Step::PhoneVerify => match app.application.get_untracked() {
                Some(a) => {
                    let token = a.token;
                    on_first_use(phone::prefetch, move || {
                        phone::verify_screen(token.clone(), true)
                    })
                    .into_any()
                }
                None => view! { <tabs::LoginChooser step /> }.into_any(),
            },
            Step::PhoneDone => on_first_use(phone::prefetch_done, phone::done_screen).into_any(),
            Step::Welcome => on_first_use(welcome::prefetch, welcome::screen).into_any(),
            _ => on_first_use(home::prefetch, home::screen).into_any(),
        }
    }
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

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

use crate::components::on_first_use::on_first_use;

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

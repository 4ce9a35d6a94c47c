//! What the user is told about the binding: why it is gone (step 1), how long this browser will
//! keep it, and on iOS Safari the offer to add the service to the home screen (home page).

use leptos::prelude::*;
use mobile_auth_core::binding::{Loss, Outlook};

use crate::i18n::{tr, T};
use crate::state::use_app;

pub const BINDING_LOST_ID: &str = "binding-lost";

fn what_happened(loss: Loss) -> (T, T) {
    match loss {
        Loss::KeyDeleted => (T::BindingLostTitle, T::BindingKeyDeleted),
        Loss::IdDeleted => (T::BindingLostTitle, T::BindingIdDeleted),
        Loss::Cleared => (T::BindingLostTitle, T::BindingCleared),
        Loss::NotRecognised => (T::BindingNotRecognisedTitle, T::BindingNotRecognised),
    }
}

/// The binding this browser held is gone or not valid for the ID typed: what happened, and the
/// one thing that fixes it.
#[component]
pub fn BindingLost(loss: Loss, #[prop(into)] on_reapply: Callback<()>) -> impl IntoView {
    let (title, body) = what_happened(loss);
    view! {
        <div
            class="warning binding-lost"
            id=BINDING_LOST_ID
            tabindex="-1"
            aria-labelledby="binding-lost-title"
        >
            <h3 class="warning__title" id="binding-lost-title">
                {tr(title)}
            </h3>
            <p>{tr(body)}</p>
            <p>{tr(T::BindingFix)}</p>
            <p>
                <button type="button" class="button" on:click=move |_| on_reapply.run(())>
                    {tr(T::ReapplyBinding)}
                </button>
            </p>
        </div>
    }
}

/// How long this browser will keep the binding, from its answer to the persistence request.
#[component]
pub fn BindingOutlook() -> impl IntoView {
    let app = use_app();
    let text = move || {
        app.binding.outlook().map(|o| match o {
            Outlook::Kept => T::BindingKept,
            Outlook::MayBeCleared => T::BindingMayBeCleared,
            Outlook::SafariSevenDays => T::BindingSafari,
        })
    };
    move || {
        text().map(|t| {
            view! {
                <section class="binding-outlook" aria-labelledby="binding-outlook-title">
                    <h2 id="binding-outlook-title">{tr(T::BindingHeading)}</h2>
                    <p>{tr(t)}</p>
                </section>
            }
        })
    }
}

/// iOS/iPadOS Safari in a tab: add the service to the home screen, and why. Shown until
/// dismissed; `after_dismiss` moves the focus on (the button it was on is gone).
#[component]
pub fn HomeScreenOffer(#[prop(into)] after_dismiss: Callback<()>) -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.binding.offers_home_screen()>
            <section class="warning home-screen-offer" aria-labelledby="home-screen-title">
                <h2 class="warning__title" id="home-screen-title">
                    {tr(T::HomeScreenTitle)}
                </h2>
                <p>{tr(T::HomeScreenWhy)}</p>
                <p>{tr(T::HomeScreenHow)}</p>
                <p>{tr(T::HomeScreenOnce)}</p>
                <p>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            app.binding.dismiss_offer();
                            after_dismiss.run(());
                        }
                    >
                        {tr(T::HomeScreenDismiss)}
                    </button>
                </p>
            </section>
        </Show>
    }
}

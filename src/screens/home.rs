//! After 開始使用: the logged-in home page — the masked name and 登出 in its header, the session
//! time left, and the query functions (each read-only; mobile-phone login gives no 申辦), how
//! long this browser keeps the binding (and on iOS Safari the home-screen offer) — and the
//! session bar that warns before the idle session ends and can extend it.

use leptos::prelude::*;

use crate::actions::session::{self, SessionClock};
use crate::i18n::{tr, use_lang, Text, T};
use crate::screens::records::{RecordsPage, RECORDS_HEADING_ID};
use crate::state::use_app;
use crate::ui::binding::{BindingOutlook, HomeScreenOffer};
use crate::ui::step_heading::StepHeading;
use crate::ui::summary::{focus_later, ProblemBanner};
use crate::ui::timer::mm_ss;

/// Time left in the session; a warning with 延長登入時間 near the end; expiry returns to step 1.
#[component]
pub fn SessionBar() -> impl IntoView {
    let clock = SessionClock::start(use_app());
    let (left, warning, problem) = (clock.left, clock.warning, clock.problem);

    view! {
        <div class="session-bar no-print">
            <p>
                {tr(T::SessionLeft)}
                <span class="session-bar__time">{move || mm_ss(left.get())}</span>
            </p>
            <Show when=move || warning.get()>
                <div class="warning" role="alert">
                    <p>{tr(T::SessionWarning)}</p>
                    <button type="button" class="button" on:click=move |_| clock.extend()>
                        {tr(T::ExtendSession)}
                    </button>
                </div>
            </Show>
            <ProblemBanner problem />
        </div>
    }
}

/// Which query function is open; the home page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Menu,
    Records,
}

#[component]
pub fn Home() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let open = RwSignal::new(Open::Menu);

    let logout = move |_| session::log_out_now(app);
    let name = move || {
        app.session.with(|s| {
            s.as_ref()
                .map(|s| s.name_masked.clone())
                .unwrap_or_default()
        })
    };
    let show = move |which: Open, focus: &'static str| {
        open.set(which);
        focus_later(focus);
    };

    view! {
        <section class="step home">
            <header class="home__head">
                <div>
                    <StepHeading>
                        {move || mobile_auth_core::flow::Step::Home.text(lang.get())}
                    </StepHeading>
                    <p class="greeting">{tr(T::Welcome)}<strong>{name}</strong></p>
                </div>
                <button type="button" class="button button--secondary" on:click=logout>
                    {tr(T::Logout)}
                </button>
            </header>
            <SessionBar />
            {move || match open.get() {
                Open::Menu => {
                    view! {
                        <HomeScreenOffer after_dismiss=move || focus_later(QUERY_MENU_ID) />
                        <QueryMenu on_records=move || show(Open::Records, RECORDS_HEADING_ID) />
                        <BindingOutlook />
                    }
                        .into_any()
                }
                Open::Records => {
                    view! { <RecordsPage on_back=move || show(Open::Menu, QUERY_MENU_ID) /> }
                        .into_any()
                }
            }}
        </section>
    }
}

const QUERY_MENU_ID: &str = "query-menu-heading";

/// The query functions of a mobile-phone login, each marked read-only.
#[component]
fn QueryMenu(#[prop(into)] on_records: Callback<()>) -> impl IntoView {
    view! {
        <section class="query-menu" aria-labelledby=QUERY_MENU_ID>
            <h2 id=QUERY_MENU_ID tabindex="-1">
                {tr(T::QueryFunctions)}
            </h2>
            <p>{tr(T::QueryOnlyNote)}</p>
            <ul class="query-list">
                <li class="query-card">
                    <h3 id="query-records-title">
                        {tr(T::RecordsQuery)}<span class="badge">{tr(T::ReadOnly)}</span>
                    </h3>
                    <p id="query-records-desc">{tr(T::RecordsQueryDesc)}</p>
                    <button
                        type="button"
                        class="button"
                        aria-describedby="query-records-desc"
                        on:click=move |_| on_records.run(())
                    >
                        {tr(T::OpenRecords)}
                    </button>
                </li>
            </ul>
        </section>
    }
}

crate::on_first_use!(after_login, prefetch: pub fn screen() -> AnyView {
    view! { <Home /> }.into_any()
});

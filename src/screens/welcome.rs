//! 步驟6: logged in. The notice must be read to its end — scrolled, or reached with the keyboard
//! or a screen reader (the focusable end marker) — before 開始使用 is enabled.

use leptos::html;
use leptos::prelude::*;
use mobile_auth_core::flow::Event;

use crate::i18n::{tr, T};
use crate::screens::home::SessionBar;
use crate::state::use_app;
use crate::ui::step_heading::StepHeading;

/// 注意事項 (the manual's notice before 開始使用), in order.
const NOTICE: [T; 6] = [
    T::Notice1,
    T::Notice2,
    T::Notice3,
    T::Notice4,
    T::Notice5,
    T::Notice6,
];

#[component]
pub fn Welcome() -> impl IntoView {
    let app = use_app();
    let read = RwSignal::new(false);
    let region = NodeRef::<html::Div>::new();
    let check_end = move || {
        if let Some(el) = region.get_untracked() {
            if el.scroll_top() + el.client_height() >= el.scroll_height() - 2 {
                read.set(true);
            }
        }
    };
    // A notice that fits without scrolling is read as soon as it is shown.
    Effect::new(move |_| {
        if region.get().is_some() {
            request_animation_frame(check_end);
        }
    });
    view! {
        <section class="step welcome">
            <StepHeading>
                {tr(T::WelcomeHeading)}
            </StepHeading>
            <SessionBar />
            <p>{tr(T::WelcomeIntro)}</p>
            <div
                node_ref=region
                class="notice-region"
                tabindex="0"
                role="region"
                aria-label=tr(T::NoticeName)
                on:scroll=move |_| check_end()
            >
                <h2>{tr(T::NoticeName)}</h2>
                {NOTICE.iter().map(|p| view! { <p>{tr(*p)}</p> }).collect_view()}
                <p class="notice-end" tabindex="0" on:focus=move |_| read.set(true)>
                    {tr(T::NoticeEnd)}
                </p>
            </div>
            <p class="hint" id="start-hint" hidden=move || read.get()>
                {tr(T::NoticeUnread)}
            </p>
            <div class="button-group">
                <button
                    type="button"
                    class="button"
                    disabled=move || !read.get()
                    aria-describedby=move || (!read.get()).then_some("start-hint")
                    on:click=move |_| app.dispatch(Event::StartUsing)
                >
                    {tr(T::StartUsing)}
                </button>
                <button
                    type="button"
                    class="button button--secondary no-print"
                    on:click=move |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }
                >
                    {tr(T::Print)}
                </button>
            </div>
        </section>
    }
}

crate::on_first_use!(after_login, prefetch: pub fn screen() -> AnyView {
    view! { <Welcome /> }.into_any()
});

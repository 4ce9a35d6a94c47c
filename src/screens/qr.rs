//! 步驟4: 使用手機掃QRcode. The computer (or SIM-less tablet) shows the QR code of the phone-side
//! link and a countdown while it waits for the phone (`actions::qr_wait`). When the phone
//! succeeds it logs in by itself; when time runs out it says so and offers a new code.

use leptos::prelude::*;
use mobile_auth_core::flow::{Event, Step};
use mobile_auth_core::ErrorCode;

use crate::actions::qr_wait::{QrWait, Waiting};
use crate::i18n::{tr, use_lang, Text, T};
use crate::state::use_app;
use crate::ui::qr::QrImage;
use crate::ui::step_heading::StepHeading;
use crate::ui::summary::ProblemBanner;
use crate::ui::timer::{mm_ss, seconds_left, use_clock};

#[component]
pub fn QrStep() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let online = crate::network::use_online();
    let now = use_clock();

    let Some(_) = app.application.get_untracked() else {
        app.go(Step::IdEntry);
        return ().into_any();
    };
    let wait = QrWait::start(app);
    let QrWait {
        status,
        problem,
        busy,
        ..
    } = wait;
    let expires_at = move || {
        app.application
            .with(|a| a.as_ref().map(|a| a.expires_at).unwrap_or(0.0))
    };
    let left = Memo::new(move |_| seconds_left(expires_at(), now.get()));
    let url = Signal::derive(move || {
        let token = app
            .application
            .with(|a| a.as_ref().map(|a| a.token.clone()).unwrap_or_default());
        format!("{}#/verify/{}", app.public_app_url(), token)
    });

    // Screen readers hear the time each minute and at 30 s, not every second. Only a running
    // countdown speaks: its first value (and the jump up after a new code) coincides with the
    // step change or 等待手機驗證中…, which it would overwrite in the one live region. A mark
    // passed between two ticks (a throttled background tab) is still said.
    Effect::new(move |prev: Option<u32>| {
        let s = left.get();
        let l = lang.get_untracked();
        let ticking = prev.filter(|&p| p > s && p - s <= 10);
        if s == 0 {
            wait.time_up();
        } else if let Some(p) = ticking {
            if (s..p).contains(&30) {
                app.announce(T::Seconds30.get(l));
            } else if let Some(m) = (s..p).find(|x| x % 60 == 0) {
                app.announce(format!(
                    "{} {}{}",
                    T::ValidityLeftMinutes.get(l),
                    m / 60,
                    T::Minutes.get(l)
                ));
            }
        }
        s
    });

    let regenerate = move |_| wait.new_code();
    let reapply = move |_| app.dispatch(Event::Reapply);

    view! {
        <section class="step qr-step">
            <ProblemBanner problem/>
            <StepHeading h2=true>{tr(T::QrHeading)}</StepHeading>
            // One text node, so the time reads as one phrase; role=timer is not live, so screen
            // readers hear it when they reach it and the minute announcements come from the
            // app's polite live region instead of every second.
            <p class="countdown" role="timer">
                {move || format!("{}{}", T::Validity.get(lang.get()), mm_ss(left.get()))}
            </p>
            {move || match status.get() {
                Waiting::ForScan | Waiting::PhoneOpened => view! {
                    <div class="qr-box">
                        <QrImage url alt=Signal::derive(move || T::QrAlt.get(lang.get()).to_string())/>
                    </div>
                    <p class="status" role="status">
                        {move || if status.get() == Waiting::PhoneOpened { tr(T::PhoneOpened)() } else { tr(T::Waiting)() }}
                    </p>
                }.into_any(),
                Waiting::Expired => view! {
                    <div class="problem"><p role="alert">{move || ErrorCode::Expired.text(lang.get())}</p></div>
                }.into_any(),
                Waiting::Failed(code) => view! {
                    <div class="problem"><p role="alert">{move || code.text(lang.get())}</p></div>
                }.into_any(),
            }}
            <p class="instruction">{tr(T::QrInstruction)}</p>
            <p class="qr-link">{tr(T::QrLinkIntro)}<br/><a href=move || url.get() class="break">{move || url.get()}</a></p>
            <div class="button-group">
                <button type="button" class="button" on:click=regenerate disabled=move || busy.get() || !online.get()
                    class:button--secondary=move || !matches!(status.get(), Waiting::Expired)>{tr(T::RegenerateQr)}</button>
                <button type="button" class="button button--secondary" on:click=reapply>{tr(T::Reapply)}</button>
            </div>
        </section>
    }
    .into_any()
}

crate::on_first_use!(qr, prefetch: pub fn screen() -> AnyView {
    view! { <QrStep /> }.into_any()
});

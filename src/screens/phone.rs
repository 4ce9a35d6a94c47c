//! 步驟5, on the phone: check the masked details, read and agree to 使用者約定條款, 開始驗證.
//! Reached from the QR code (`#/verify/<token>`) or directly after 送出 on a phone or a tablet
//! with a SIM. Warns before starting when the browser reports Wi-Fi or runs inside an in-app
//! browser. A retryable failure keeps the same token (重試, nothing retyped).

use leptos::html;
use leptos::prelude::*;
use mobile_auth_core::contract::{ConnectionHint, StartVerificationRequest, VerificationSummary};
use mobile_auth_core::device::VerifyPath;
use mobile_auth_core::flow::{Event, Step};
use mobile_auth_core::ErrorCode;

use crate::components::step_heading::STEP_HEADING_ID;
use crate::components::summary::focus_later;
use crate::i18n::{tr, use_lang, T};
use crate::state::{use_app, SessionInfo};

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Ready(VerificationSummary),
    /// Could not load the summary.
    LoadFailed(ErrorCode),
    /// QR path done: go back to the computer.
    Done,
}

#[component]
pub fn PhoneVerify(token: String, direct: bool) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let phase = RwSignal::new(Phase::Loading);
    let failure = RwSignal::new(None::<ErrorCode>);
    let agreed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let online = crate::network::use_online();
    let dialog = NodeRef::<html::Dialog>::new();
    let token = StoredValue::new(token);
    let connection = crate::device::connection();
    let in_app = crate::device::in_app();

    let load = move || {
        phase.set(Phase::Loading);
        leptos::task::spawn_local(async move {
            match app.api().verification(&token.get_value()).await {
                Ok(s) => {
                    phase.set(Phase::Ready(s));
                    // Opened from the QR code, this page is a first load mid-task: the summary's
                    // heading takes focus once it exists (the step-change focus never ran). On
                    // the direct path the step change focused the loading heading, which this
                    // render replaced, so it needs the focus back as well.
                    focus_later(STEP_HEADING_ID);
                }
                Err(p) => phase.set(Phase::LoadFailed(p.code)),
            }
        });
    };
    load();

    let start = move || {
        if !agreed.get_untracked() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let req = StartVerificationRequest {
            agree_terms: true,
            connection: crate::device::connection(),
        };
        leptos::task::spawn_local(async move {
            let result = app.api().start_verification(&token.get_value(), &req).await;
            busy.set(false);
            match result {
                Ok(r) => match (r.path, r.session) {
                    (VerifyPath::Direct, Some(session)) => {
                        if let Some(a) = app.application.get_untracked() {
                            crate::binding::enrolled(app.binding, &a.key_id).await;
                        }
                        app.application.set(None);
                        app.session.set(Some(SessionInfo::from_session(&session)));
                        if direct {
                            app.dispatch(Event::Verified(VerifyPath::Direct));
                        } else {
                            app.go(Step::Welcome);
                        }
                    }
                    _ => {
                        phase.set(Phase::Done);
                        // A step change like any other: the shell names it in the page title,
                        // announces it and focuses its heading (the route stays #/verify/…).
                        app.step.set(Step::PhoneDone);
                    }
                },
                Err(p) => {
                    failure.set(Some(p.code));
                    request_animation_frame(|| crate::components::summary::focus_now("failure"));
                }
            }
        });
    };

    let open_terms = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close_terms = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let reapply = move |_| {
        if direct {
            app.dispatch(Event::Reapply);
        } else {
            app.go(Step::IdEntry);
        }
    };
    let terms = app.backend.with_value(|b| b.terms.clone());

    view! {
        <section class="step phone-step">
            {move || match phase.get() {
                Phase::Loading => {
                    view! {
                        <h1 id=STEP_HEADING_ID tabindex="-1">
                            {move || Step::PhoneVerify.title(lang.get())}
                        </h1>
                        <p role="status">{tr(T::Loading)}</p>
                    }
                        .into_any()
                }
                Phase::LoadFailed(code) => {
                    view! {
                        <h1 id=STEP_HEADING_ID tabindex="-1">
                            {move || Step::PhoneVerify.title(lang.get())}
                        </h1>
                        <div class="problem">
                            <p role="alert">{move || code.message(lang.get())}</p>
                        </div>
                        {code
                            .retryable()
                            .then(|| {
                                view! {
                                    <button type="button" class="button" on:click=move |_| load()>
                                        {tr(T::Retry)}
                                    </button>
                                }
                            })}
                    }
                        .into_any()
                }
                Phase::Done => {
                    view! {
                        <p class="panel-success">{tr(T::VerifySuccessPhone)}</p>
                        <h1 id=STEP_HEADING_ID tabindex="-1">
                            {tr(T::GoBackToComputer)}
                        </h1>
                    }
                        .into_any()
                }
                Phase::Ready(s) => {
                    let s = StoredValue::new(s);
                    view! {
                        <h1 id=STEP_HEADING_ID tabindex="-1">
                            {move || Step::PhoneVerify.title(lang.get())}
                        </h1>
                        <p>{tr(T::PhoneCheckIntro)}</p>
                        <dl class="summary-list">
                            <div>
                                <dt>{tr(T::VerifyType)}</dt>
                                <dd>
                                    {move || {
                                        s.with_value(|s| {
                                            s.verification_type.get(lang.get()).to_string()
                                        })
                                    }}
                                </dd>
                            </div>
                            <div>
                                <dt>{tr(T::VerifyUnit)}</dt>
                                <dd>
                                    {move || {
                                        app.config
                                            .with_value(|c| c.verification_unit.clone())
                                            .unwrap_or_else(|| {
                                                s.with_value(|s| s.verification_unit.clone())
                                            })
                                            .get(lang.get())
                                            .to_string()
                                    }}
                                </dd>
                            </div>
                            <div>
                                <dt>{tr(T::Carrier)}</dt>
                                <dd>
                                    {move || {
                                        s.with_value(|s| s.carrier.get(lang.get()).to_string())
                                    }}
                                </dd>
                            </div>
                            <div>
                                <dt>{tr(T::MobileInfo)}</dt>
                                <dd>{s.with_value(|s| s.mobile_masked.clone())}</dd>
                            </div>
                            <div>
                                <dt>{tr(T::NationalId)}</dt>
                                <dd>{s.with_value(|s| s.national_id_masked.clone())}</dd>
                            </div>
                        </dl>
                        {(connection == ConnectionHint::Wifi)
                            .then(|| {
                                view! {
                                    <div class="warning" role="note">
                                        <p>{tr(T::WifiWarning)}</p>
                                    </div>
                                }
                            })}
                        {in_app
                            .map(|b| {
                                view! {
                                    <div class="warning" role="note">
                                        <p>{tr(T::InAppWarning)}{b.name()}</p>
                                    </div>
                                }
                            })}
                        <p>
                            <button
                                type="button"
                                class="link-button"
                                on:click=open_terms
                                aria-haspopup="dialog"
                            >
                                {tr(T::Terms)}
                            </button>
                        </p>
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id="terms"
                                prop:checked=move || agreed.get()
                                on:change=move |ev| agreed.set(event_target_checked(&ev))
                            />
                            <label for="terms">
                                {move || mobile_auth_core::Field::Terms.label(lang.get())}
                            </label>
                        </div>
                        {move || {
                            failure
                                .get()
                                .map(|code| {
                                    view! {
                                        <div class="problem" id="failure" tabindex="-1">
                                            <p role="alert">
                                                <span class="visually-hidden">{tr(T::ErrorPrefix)}</span>
                                                {move || code.message(lang.get())}
                                            </p>
                                            {if code.retryable() {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button"
                                                        on:click=move |_| start()
                                                    >
                                                        {tr(T::Retry)}
                                                    </button>
                                                }
                                                    .into_any()
                                            } else if direct {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button button--secondary"
                                                        on:click=reapply
                                                    >
                                                        {tr(T::Reapply)}
                                                    </button>
                                                }
                                                    .into_any()
                                            } else {
                                                view! { <p>{tr(T::ReapplyOnComputer)}</p> }.into_any()
                                            }}
                                        </div>
                                    }
                                })
                        }}
                        <div class="button-group">
                            <button
                                type="button"
                                class="button"
                                disabled=move || !agreed.get() || busy.get() || !online.get()
                                on:click=move |_| start()
                            >
                                {tr(T::StartVerify)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }} <dialog
                node_ref=dialog
                class="dialog"
                aria-labelledby="terms-title"
                on:keydown=crate::components::focus_trap::keep_tab_inside
            >
                <div class="dialog__head">
                    <h2 id="terms-title">{tr(T::Terms)}</h2>
                    <button type="button" class="button button--secondary" on:click=close_terms>
                        {tr(T::Close)}
                    </button>
                </div>
                // Long terms scroll: the keyboard can reach and scroll them too.
                <div class="dialog__body" tabindex="0" role="region" aria-labelledby="terms-title">
                    {move || {
                        terms
                            .get(lang.get())
                            .split('\n')
                            .filter(|l| !l.trim().is_empty())
                            .map(|l| view! { <p>{l.to_string()}</p> })
                            .collect_view()
                    }}
                </div>
            </dialog>
        </section>
    }
}

/// 請回到您的電腦確認認證結果 (a reload of the QR-path phone page after success).
#[component]
pub fn PhoneDone() -> impl IntoView {
    view! {
        <section class="step">
            <p class="panel-success">{tr(T::VerifySuccessPhone)}</p>
            <h1 id=STEP_HEADING_ID tabindex="-1">
                {tr(T::GoBackToComputer)}
            </h1>
        </section>
    }
}

crate::on_first_use!(phone, prefetch: pub fn verify_screen(token: String, direct: bool) -> AnyView {
    view! { <PhoneVerify token direct /> }.into_any()
});

crate::on_first_use!(phone, prefetch_done: pub fn done_screen() -> AnyView {
    view! { <PhoneDone /> }.into_any()
});

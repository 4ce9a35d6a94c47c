//! 步驟5, on the phone: check the masked details, read and agree to 使用者約定條款, 開始驗證.
//! Reached from the QR code (`#/verify/<token>`) or directly after 送出 on a phone or a tablet
//! with a SIM. Warns before starting when the browser reports Wi-Fi or runs inside an in-app
//! browser. A retryable failure keeps the same token (重試, nothing retyped). The calls and
//! what their answers do are `actions::verification`'s.

use leptos::html;
use leptos::prelude::*;
use mobile_auth_core::contract::{ConnectionHint, VerificationSummary};
use mobile_auth_core::flow::Step;
use mobile_auth_core::ErrorCode;

use crate::actions::verification::{Phase, Verification};
use crate::i18n::{tr, use_lang, Text, T};
use crate::state::use_app;
use crate::ui::step_heading::{StepHeading, STEP_HEADING_ID};
use crate::ui::summary::{focus_later, focus_now};

const FAILURE_ID: &str = "failure";

#[component]
pub fn PhoneVerify(token: String, direct: bool) -> impl IntoView {
    let v = Verification::new(use_app(), token, direct);
    let dialog = NodeRef::<html::Dialog>::new();
    // Opened from the QR code, this page is a first load mid-task: the summary's heading takes
    // focus once it exists (the step-change focus never ran). On the direct path the step
    // change focused the loading heading, which the summary replaced, so it needs it back too.
    Effect::new(move |_| {
        if v.phase.with(|p| matches!(p, Phase::Ready(_))) {
            focus_later(STEP_HEADING_ID);
        }
    });
    Effect::new(move |_| {
        if v.failure.with(Option::is_some) {
            request_animation_frame(|| focus_now(FAILURE_ID));
        }
    });
    let open_terms = move || {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    view! {
        <section class="step phone-step">
            {move || match v.phase.get() {
                Phase::Loading => {
                    view! {
                        <Heading />
                        <p role="status">{tr(T::Loading)}</p>
                    }
                        .into_any()
                }
                Phase::LoadFailed(code) => view! { <LoadFailed v code /> }.into_any(),
                Phase::Done => view! { <GoBack /> }.into_any(),
                Phase::Ready(s) => view! { <Ready v summary=s open_terms /> }.into_any(),
            }} <TermsDialog dialog />
        </section>
    }
}

#[component]
fn Heading() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StepHeading>
            {move || Step::PhoneVerify.text(lang.get())}
        </StepHeading>
    }
}

#[component]
fn LoadFailed(v: Verification, code: ErrorCode) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Heading />
        <div class="problem">
            <p role="alert">{move || code.text(lang.get())}</p>
        </div>
        {code
            .retryable()
            .then(|| {
                view! {
                    <button type="button" class="button" on:click=move |_| v.load()>
                        {tr(T::Retry)}
                    </button>
                }
            })}
    }
}

/// The summary, the warnings, the terms and 開始驗證.
#[component]
fn Ready(
    v: Verification,
    summary: VerificationSummary,
    open_terms: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let online = crate::network::use_online();
    let agreed = RwSignal::new(false);
    let start = move || {
        if agreed.get_untracked() {
            v.start();
        }
    };
    let connection = crate::device::connection();
    let in_app = crate::device::in_app();
    view! {
        <Heading />
        <p>{tr(T::PhoneCheckIntro)}</p>
        <SummaryList summary />
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
                on:click=move |_| open_terms()
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
            <label for="terms">{move || mobile_auth_core::Field::Terms.text(lang.get())}</label>
        </div>
        {move || v.failure.get().map(|code| view! { <Failure v code retry=start /> })}
        <div class="button-group">
            <button
                type="button"
                class="button"
                disabled=move || !agreed.get() || v.busy.get() || !online.get()
                on:click=move |_| start()
            >
                {tr(T::StartVerify)}
            </button>
        </div>
    }
}

/// What the backend says about the application, masked as the manual shows it.
#[component]
fn SummaryList(summary: VerificationSummary) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let s = StoredValue::new(summary);
    // The deployment may name its own 驗證單位.
    let unit = app
        .config
        .with_value(|c| c.verification_unit.clone())
        .unwrap_or_else(|| s.with_value(|s| s.verification_unit.clone()));
    view! {
        <dl class="summary-list">
            <div>
                <dt>{tr(T::VerifyType)}</dt>
                <dd>
                    {move || s.with_value(|s| s.verification_type.get(lang.get()).to_string())}
                </dd>
            </div>
            <div>
                <dt>{tr(T::VerifyUnit)}</dt>
                <dd>{move || unit.get(lang.get()).to_string()}</dd>
            </div>
            <div>
                <dt>{tr(T::Carrier)}</dt>
                <dd>{move || s.with_value(|s| s.carrier.get(lang.get()).to_string())}</dd>
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
    }
}

/// Why 開始驗證 failed, and the way on: 重試, 重新申請, or back to the computer.
#[component]
fn Failure(v: Verification, code: ErrorCode, retry: impl Fn() + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let way_on = if code.retryable() {
        view! {
            <button type="button" class="button" on:click=move |_| retry()>
                {tr(T::Retry)}
            </button>
        }
        .into_any()
    } else if v.direct() {
        view! {
            <button type="button" class="button button--secondary" on:click=move |_| v.reapply()>
                {tr(T::Reapply)}
            </button>
        }
        .into_any()
    } else {
        view! { <p>{tr(T::ReapplyOnComputer)}</p> }.into_any()
    };
    view! {
        <div class="problem" id=FAILURE_ID tabindex="-1">
            <p role="alert">
                <span class="visually-hidden">{tr(T::ErrorPrefix)}</span>
                {move || code.text(lang.get())}
            </p>
            {way_on}
        </div>
    }
}

/// 使用者約定條款, as the backend words them, in a modal dialog.
#[component]
fn TermsDialog(dialog: NodeRef<html::Dialog>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let terms = app.backend.with_value(|b| b.terms.clone());
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby="terms-title"
            on:keydown=crate::ui::focus_trap::keep_tab_inside
        >
            <div class="dialog__head">
                <h2 id="terms-title">{tr(T::Terms)}</h2>
                <button type="button" class="button button--secondary" on:click=close>
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
    }
}

/// 請回到您的電腦確認認證結果: the QR path's end on the phone.
#[component]
fn GoBack() -> impl IntoView {
    view! {
        <p class="panel-success">{tr(T::VerifySuccessPhone)}</p>
        <StepHeading>{tr(T::GoBackToComputer)}</StepHeading>
    }
}

/// The same end, after a reload of the phone's page.
#[component]
pub fn PhoneDone() -> impl IntoView {
    view! {
        <section class="step">
            <GoBack />
        </section>
    }
}

crate::on_first_use!(phone, prefetch: pub fn verify_screen(token: String, direct: bool) -> AnyView {
    view! { <PhoneVerify token direct /> }.into_any()
});

crate::on_first_use!(phone, prefetch_done: pub fn done_screen() -> AnyView {
    view! { <PhoneDone /> }.into_any()
});

//! Help written for this product: 申請前注意事項 (who can and cannot use it, and when), and the
//! in-app 問題導引 and 行動電話認證常見問題 pages, which explain what to do for each error.

use leptos::prelude::*;
use mobile_auth_core::{ErrorCode, Lang};

use crate::i18n::{tr, use_lang, Text, T};
use crate::state::use_app;
use crate::ui::step_heading::StepHeading;

/// Who can use it, who cannot, and the four situations it serves.
#[component]
pub fn BeforeYouStart() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let carriers = app.backend.with_value(|b| b.carriers.clone());
    let carrier_list = move || {
        let names: Vec<String> = carriers
            .iter()
            .map(|c| {
                if lang.get() == Lang::ZhTw {
                    c.name_zh.clone()
                } else {
                    c.name_en.clone()
                }
            })
            .collect();
        names.join(T::ListSeparator.get(lang.get()))
    };
    view! {
        <section class="before-start" aria-labelledby="before-start-title">
            <h3 id="before-start-title">{tr(T::BeforeYouStart)}</h3>
            <div class="columns">
                <div>
                    <h4>{tr(T::WhoCan)}</h4>
                    <ol class="list">
                        <li>{tr(T::CanCitizen)}</li>
                        <li>{tr(T::CanMonthly)}</li>
                        <li>{tr(T::CanNetwork)}</li>
                        <li>{tr(T::CanSmartphone)}</li>
                        <li>{tr(T::CanCarriers)}{carrier_list}</li>
                    </ol>
                </div>
                <div>
                    <h4>{tr(T::WhoCannot)}</h4>
                    <ol class="list">
                        <li>{tr(T::CannotWifi)}</li>
                        <li>{tr(T::CannotFamily)}</li>
                        <li>{tr(T::CannotForeign)}</li>
                        <li>{tr(T::CannotEnterprise)}</li>
                        <li>{tr(T::CannotMvno)}</li>
                    </ol>
                </div>
            </div>
            <h4>{tr(T::Situations)}</h4>
            <ul class="list list--check">
                <li>{tr(T::SitFirst)}</li>
                <li>{tr(T::SitForgot)}</li>
                <li>{tr(T::SitBrowser)}</li>
                <li>{tr(T::SitPhone)}</li>
            </ul>
        </section>
    }
}

fn back_link() -> impl IntoView {
    let app = use_app();
    view! {
        <p>
            <a
                href="#/"
                class="back-link"
                on:click=move |ev| {
                    ev.prevent_default();
                    app.go(app.step.get_untracked());
                }
            >
                {tr(T::Back)}
            </a>
        </p>
    }
}

/// The errors the flow can end with, grouped for 問題導引.
const GUIDE: [(ErrorCode, T); 13] = [
    (ErrorCode::IdNotCitizen, T::SituationIdNotCitizen),
    (ErrorCode::Wifi, T::SituationWifi),
    (ErrorCode::Roaming, T::SituationRoaming),
    (ErrorCode::NotHolder, T::SituationNotHolder),
    (ErrorCode::Prepaid, T::SituationPrepaid),
    (ErrorCode::FamilyCard, T::SituationFamilyCard),
    (ErrorCode::Mvno, T::SituationMvno),
    (ErrorCode::Enterprise, T::SituationEnterprise),
    (ErrorCode::CarrierMismatch, T::SituationCarrierMismatch),
    (ErrorCode::DataMismatch, T::SituationDataMismatch),
    (
        ErrorCode::CarrierUnavailable,
        T::SituationCarrierUnavailable,
    ),
    (ErrorCode::Expired, T::SituationExpired),
    (ErrorCode::NotBound, T::SituationNotBound),
];

#[component]
pub fn Guide() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="step help">
            {back_link()} <StepHeading>
                {tr(T::HelpGuideTitle)}
            </StepHeading> <BeforeYouStart /> <h2>{tr(T::ErrorsHeading)}</h2>
            <dl class="guide-list">
                {GUIDE
                    .iter()
                    .map(|&(c, situation)| {
                        view! {
                            <div>
                                <dt>{tr(situation)}</dt>
                                <dd>{move || c.text(lang.get())}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl> <ExternalHelp pick=|l| l.guide.clone() />
        </section>
    }
}

/// 常見問題: question and answer, in order.
const FAQ: [(T, T); 5] = [
    (T::FaqWifiQ, T::FaqWifiA),
    (T::FaqNewBrowserQ, T::FaqNewBrowserA),
    (T::FaqPasswordQ, T::FaqPasswordA),
    (T::FaqQrExpiredQ, T::FaqQrExpiredA),
    (T::FaqPrepaidQ, T::FaqPrepaidA),
];

#[component]
pub fn Faq() -> impl IntoView {
    view! {
        <section class="step help">
            {back_link()} <StepHeading>
                {tr(T::HelpFaqTitle)}
            </StepHeading>
            {FAQ
                .iter()
                .map(|&(q, a)| {
                    view! {
                        <h2 class="faq-q">{tr(q)}</h2>
                        <p>{tr(a)}</p>
                    }
                })
                .collect_view()} <ExternalHelp pick=|l| l.faq.clone() />
        </section>
    }
}

#[component]
fn ExternalHelp(pick: fn(&crate::config::Links) -> Option<String>) -> impl IntoView {
    let app = use_app();
    app.config.with_value(|c| pick(&c.links)).map(|href| {
        view! {
            <p>
                <a href=href target="_blank" rel="noopener noreferrer">
                    {tr(T::MoreHelp)}
                </a>
            </p>
        }
    })
}

crate::on_first_use!(help, prefetch_guide: pub fn guide_screen() -> AnyView {
    view! { <Guide /> }.into_any()
});

crate::on_first_use!(help, prefetch_faq: pub fn faq_screen() -> AnyView {
    view! { <Faq /> }.into_any()
});

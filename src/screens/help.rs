//! Help written for this product: 申請前注意事項 (who can and cannot use it, and when), and the
//! in-app 問題導引 and 行動電話認證常見問題 pages, which explain what to do for each error.

use leptos::prelude::*;
use mobile_auth_core::{ErrorCode, Lang};

use crate::components::step_heading::STEP_HEADING_ID;
use crate::i18n::{tr, use_lang, T};
use crate::state::use_app;

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
        names.join(if lang.get() == Lang::ZhTw {
            "、"
        } else {
            ", "
        })
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
const GUIDE_CODES: [ErrorCode; 13] = [
    ErrorCode::IdNotCitizen,
    ErrorCode::Wifi,
    ErrorCode::Roaming,
    ErrorCode::NotHolder,
    ErrorCode::Prepaid,
    ErrorCode::FamilyCard,
    ErrorCode::Mvno,
    ErrorCode::Enterprise,
    ErrorCode::CarrierMismatch,
    ErrorCode::DataMismatch,
    ErrorCode::CarrierUnavailable,
    ErrorCode::Expired,
    ErrorCode::NotBound,
];

fn situation(code: ErrorCode, lang: Lang) -> &'static str {
    use ErrorCode::*;
    match (code, lang) {
        (IdNotCitizen, Lang::ZhTw) => "使用居留證號",
        (Wifi, Lang::ZhTw) => "手機使用 Wi-Fi",
        (Roaming, Lang::ZhTw) => "在國外漫遊",
        (NotHolder, Lang::ZhTw) => "門號不是本人申辦",
        (Prepaid, Lang::ZhTw) => "預付卡",
        (FamilyCard, Lang::ZhTw) => "親子卡",
        (Mvno, Lang::ZhTw) => "虛擬行動網路業者門號",
        (Enterprise, Lang::ZhTw) => "企業戶門號",
        (CarrierMismatch, Lang::ZhTw) => "選錯電信業者",
        (DataMismatch, Lang::ZhTw) => "資料與電信業者不符",
        (CarrierUnavailable, Lang::ZhTw) => "電信業者暫時無回應",
        (Expired, Lang::ZhTw) => "QRcode 逾時",
        (NotBound, Lang::ZhTw) => "更換瀏覽器或手機",
        (IdNotCitizen, _) => "Resident certificate number",
        (Wifi, _) => "Phone on Wi-Fi",
        (Roaming, _) => "Roaming abroad",
        (NotHolder, _) => "Number not in your name",
        (Prepaid, _) => "Prepaid card",
        (FamilyCard, _) => "Family plan",
        (Mvno, _) => "Virtual operator number",
        (Enterprise, _) => "Company number",
        (CarrierMismatch, _) => "Wrong carrier chosen",
        (DataMismatch, _) => "Details do not match the carrier",
        (CarrierUnavailable, _) => "Carrier not responding",
        (Expired, _) => "QR code expired",
        (NotBound, _) => "New browser or phone",
        _ => "",
    }
}

#[component]
pub fn Guide() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="step help">
            {back_link()} <h1 id=STEP_HEADING_ID tabindex="-1">
                {tr(T::HelpGuideTitle)}
            </h1> <BeforeYouStart /> <h2>{tr(T::ErrorsHeading)}</h2>
            <dl class="guide-list">
                {GUIDE_CODES
                    .iter()
                    .map(|&c| {
                        view! {
                            <div>
                                <dt>{move || situation(c, lang.get())}</dt>
                                <dd>{move || c.message(lang.get())}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl> <ExternalHelp pick=|l| l.guide.clone() />
        </section>
    }
}

const FAQ: [(&str, &str, &str, &str); 5] = [
    ("為什麼要關閉 Wi-Fi？", "電信業者透過行動網路識別您的門號，使用 Wi-Fi 時無法識別。請關閉 Wi-Fi、開啟 4G/5G 後再驗證。",
     "Why turn off Wi-Fi?", "The carrier identifies your number through its mobile network; on Wi-Fi it cannot. Turn Wi-Fi off and 4G/5G on, then verify."),
    ("換了瀏覽器或手機怎麼辦？", "行動電話認證綁定於申請時的裝置及瀏覽器，請以新的裝置重新申請。",
     "I changed browser or phone.", "The credential is bound to the device and browser you applied with: apply again on the new one."),
    ("忘記憑證密碼怎麼辦？", "請重新申請行動電話認證並設定新的憑證密碼。",
     "I forgot the password.", "Apply again and set a new credential password."),
    ("QRcode 過期了？", "請在電腦上按「重新產生QRCode」，再用手機掃描。",
     "The QR code expired.", "Choose “New QR code” on the computer and scan again."),
    ("可以用預付卡或親子卡嗎？", "不行，僅限本人名下的月租型門號。",
     "Can I use a prepaid or family card?", "No: only a monthly-plan number in your own name."),
];

#[component]
pub fn Faq() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="step help">
            {back_link()} <h1 id=STEP_HEADING_ID tabindex="-1">
                {tr(T::HelpFaqTitle)}
            </h1>
            {FAQ
                .iter()
                .map(|&(qz, az, qe, ae)| {
                    view! {
                        <h2 class="faq-q">
                            {move || if lang.get() == Lang::ZhTw { qz } else { qe }}
                        </h2>
                        <p>{move || if lang.get() == Lang::ZhTw { az } else { ae }}</p>
                    }
                })
                .collect_view()} <ExternalHelp pick=|l| l.faq.clone() />
        </section>
    }
}

#[component]
fn ExternalHelp(pick: fn(&crate::api::Links) -> Option<String>) -> impl IntoView {
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

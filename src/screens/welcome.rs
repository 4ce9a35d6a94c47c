//! 步驟6: logged in. The notice must be read to its end — scrolled, or reached with the keyboard
//! or a screen reader (the focusable end marker) — before 開始使用 is enabled.

use leptos::html;
use leptos::prelude::*;
use mobile_auth_core::flow::Event;

use crate::components::step_heading::STEP_HEADING_ID;
use crate::i18n::{tr, use_lang, T};
use crate::screens::home::SessionBar;
use crate::state::use_app;

const NOTICE_ZH: [&str; 6] = [
    "一、行動電話認證登入後，提供勞工保險、就業保險及勞工職業災害保險之個人資料查詢功能。若需進行申辦作業，請以自然人憑證等其他方式登入。",
    "二、本系統所提供之資料僅供參考，如需正式證明文件，請向勞保局申請。",
    "三、請妥善保管您的憑證密碼，勿告知他人。若忘記密碼，請重新申請行動電話認證。",
    "四、行動電話認證綁定於申請時使用之裝置及瀏覽器。更換瀏覽器或手機時，請重新申請。",
    "五、為保護您的個人資料，閒置一段時間後系統將自動登出；使用完畢請點選「登出」並關閉瀏覽器。",
    "六、於公用電腦使用後，請清除瀏覽器資料，以免個人資料外洩。",
];
const NOTICE_EN: [&str; 6] = [
    "1. After logging in with mobile phone authentication you can look up your own labor insurance, employment insurance and occupational accident insurance records. To apply for anything, log in with another method such as the citizen digital certificate.",
    "2. The information shown is for reference only; for an official certificate, apply to the Bureau of Labor Insurance.",
    "3. Keep your credential password to yourself. If you forget it, apply for mobile phone authentication again.",
    "4. The credential is bound to the device and browser you applied with. After changing browser or phone, apply again.",
    "5. To protect your data you are logged out after a period of inactivity; when you finish, choose “Log out” and close the browser.",
    "6. On a shared computer, clear the browser data after use.",
];

#[component]
pub fn Welcome() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
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
            <h1 id=STEP_HEADING_ID tabindex="-1">
                {tr(T::WelcomeHeading)}
            </h1>
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
                {move || {
                    let paras = if lang.get() == mobile_auth_core::Lang::ZhTw {
                        NOTICE_ZH
                    } else {
                        NOTICE_EN
                    };
                    paras.iter().map(|p| view! { <p>{*p}</p> }).collect_view()
                }}
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

//! 請選擇登入方式: the five login methods as tabs in the manual's order, 行動電話認證 selected.
//! The other four are out of this product's scope; their panels say what they need and where
//! the agency's own page is. The mobile panel holds the notice, the four links and the current
//! step (1, 2, 4 or 7).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::state::use_app;
use crate::ui::on_first_use::on_first_use;
use crate::ui::summary::focus_now;
use crate::which_screen::{Panel, Screen};

/// The five methods in the manual's order, with what each panel says.
pub const METHODS: [(T, Option<T>); 5] = [
    (T::MethodCitizenCert, Some(T::AboutCitizenCert)),
    (T::MethodVirtualCard, Some(T::AboutVirtualCard)),
    (T::MethodMobileCitizen, Some(T::AboutMobileCitizen)),
    (T::MethodFinancial, Some(T::AboutFinancial)),
    (T::MethodMobilePhone, None),
];
const MOBILE: usize = 4;

fn tab_id(i: usize) -> String {
    format!("tab-{i}")
}

fn panel_id(i: usize) -> String {
    format!("panel-{i}")
}

#[component]
pub fn LoginChooser(screen: Memo<Screen>) -> impl IntoView {
    // The last panel shown stays while the chooser gives way to another screen.
    let panel = Memo::new(move |prev: Option<&Panel>| {
        screen
            .get()
            .panel()
            .unwrap_or_else(|| prev.copied().unwrap_or(Panel::IdEntry))
    });
    let selected = RwSignal::new(MOBILE);
    let select = move |i: usize| {
        selected.set(i);
        request_animation_frame(move || focus_now(&tab_id(i)));
    };
    let on_key = move |ev: KeyboardEvent| {
        let n = METHODS.len();
        let cur = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (cur + 1) % n,
            "ArrowLeft" | "ArrowUp" => (cur + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        select(next);
    };
    view! {
        <h1 class="page-title">{tr(T::ChooseLoginMethod)}</h1>
        <div role="tablist" aria-label=tr(T::ChooseLoginMethod) class="tabs" on:keydown=on_key>
            {METHODS
                .iter()
                .enumerate()
                .map(|(i, (name, _))| {
                    let is = move || selected.get() == i;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=tab_id(i)
                            class="tab"
                            aria-selected=move || is().to_string()
                            aria-controls=panel_id(i)
                            tabindex=move || if is() { "0" } else { "-1" }
                            on:click=move |_| select(i)
                        >
                            {tr(*name)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {METHODS
            .iter()
            .enumerate()
            .map(|(i, (_, about))| {
                let hidden = move || selected.get() != i;
                let body = match about {
                    Some(about) => view! { <OtherMethod about=*about /> }.into_any(),
                    None => view! { <MobilePanel panel /> }.into_any(),
                };
                view! {
                    <section
                        role="tabpanel"
                        id=panel_id(i)
                        aria-labelledby=tab_id(i)
                        class="panel"
                        hidden=hidden
                    >
                        {body}
                    </section>
                }
            })
            .collect_view()}
    }
}

#[component]
fn OtherMethod(about: T) -> impl IntoView {
    let app = use_app();
    let link = app.config.with_value(|c| c.links.other_methods.clone());
    view! {
        <p>{tr(about)}</p>
        {link
            .map(|href| {
                view! {
                    <p>
                        <a href=href target="_blank" rel="noopener noreferrer">
                            {tr(T::OtherMethodLink)}
                        </a>
                    </p>
                }
            })}
    }
}

/// The notice and the four links of the mobile tab.
#[component]
pub fn MobileLinks() -> impl IntoView {
    let app = use_app();
    let links = app.config.with_value(|c| c.links.clone());
    let ext = |href: Option<String>, text: T| {
        href.map(|href| {
            view! {
                <li>
                    <a href=href>{tr(text)}</a>
                </li>
            }
        })
    };
    view! {
        <p class="notice">
            <span class="notice-icon" aria-hidden="true">
                "ⓘ"
            </span>
            {tr(T::MobileNotice)}
        </p>
        <nav aria-label=tr(T::HelpNav)>
            <ul class="link-list">
                {ext(links.manual, T::LinkManual)} {ext(links.video, T::LinkVideo)} <li>
                    <a href="#/help/guide">{tr(T::LinkGuide)}</a>
                </li> <li>
                    <a href="#/help/faq">{tr(T::LinkFaq)}</a>
                </li>
            </ul>
        </nav>
    }
}

#[component]
fn MobilePanel(panel: Memo<Panel>) -> impl IntoView {
    view! {
        <MobileLinks />
        {move || match panel.get() {
            Panel::Enroll => view! { <super::enroll::Enroll /> }.into_any(),
            Panel::Qr => on_first_use(super::qr::prefetch, super::qr::screen).into_any(),
            Panel::Login => on_first_use(super::login::prefetch, super::login::screen).into_any(),
            Panel::IdEntry => {
                view! {
                    <super::id_entry::IdEntry />
                    <super::help::BeforeYouStart />
                }
                    .into_any()
            }
        }}
    }
}

//! After 開始使用: the logged-in home page (masked name, 登出, session time, the records), and
//! the session bar that warns before the idle session ends and can extend it.

use leptos::prelude::*;
use mobile_auth_core::contract::{InsuranceRecord, InsuranceType};
use mobile_auth_core::flow::Event;
use mobile_auth_core::roc_date::RocDate;
use mobile_auth_core::{ErrorCode, Lang};

use crate::app::STEP_HEADING_ID;
use crate::components::summary::ProblemBanner;
use crate::components::timer::{mm_ss, seconds_left, use_clock};
use crate::i18n::{tr, use_lang, T};
use crate::state::{use_app, SessionInfo};

/// Time left in the session; a warning with 延長登入時間 near the end; expiry returns to step 1.
#[component]
pub fn SessionBar() -> impl IntoView {
    let app = use_app();
    let now = use_clock();
    let left = Memo::new(move |_| {
        app.session.with(|s| s.as_ref().map(|s| seconds_left(s.expires_at, now.get())).unwrap_or(0))
    });
    let warn_at = move || app.session.with(|s| s.as_ref().map(|s| (s.idle_seconds / 4).clamp(30, 120)).unwrap_or(60));
    let warning = Memo::new(move |_| left.get() <= warn_at());
    let problem = RwSignal::new(None::<ErrorCode>);

    Effect::new(move |_| {
        if left.get() == 0 {
            app.session.set(None);
            app.notice.set(Some(ErrorCode::SessionExpired));
            app.dispatch(Event::SessionExpired);
        }
    });

    let extend = move |_| {
        leptos::task::spawn_local(async move {
            match app.api().refresh_session().await {
                Ok(s) => {
                    problem.set(None);
                    app.session.set(Some(SessionInfo::from_session(&s)));
                }
                Err(p) if p.code == ErrorCode::SessionExpired => {
                    app.session.set(None);
                    app.notice.set(Some(ErrorCode::SessionExpired));
                    app.dispatch(Event::SessionExpired);
                }
                Err(p) => problem.set(Some(p.code)),
            }
        });
    };

    view! {
        <div class="session-bar no-print">
            <p>
                {tr(T::SessionLeft)}<span class="session-bar__time">{move || mm_ss(left.get())}</span>
            </p>
            <Show when=move || warning.get()>
                <div class="warning" role="alert">
                    <p>{tr(T::SessionWarning)}</p>
                    <button type="button" class="button" on:click=extend>{tr(T::ExtendSession)}</button>
                </div>
            </Show>
            <ProblemBanner problem/>
        </div>
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let records = RwSignal::new(None::<Result<Vec<InsuranceRecord>, ErrorCode>>);
    let load = move || {
        leptos::task::spawn_local(async move {
            let r = app.api().records().await.map(|r| r.records).map_err(|p| p.code);
            if r == Err(ErrorCode::SessionExpired) {
                app.session.set(None);
                app.notice.set(Some(ErrorCode::SessionExpired));
                app.dispatch(Event::SessionExpired);
                return;
            }
            records.set(Some(r));
        });
    };
    load();

    let logout = move |_| {
        leptos::task::spawn_local(async move {
            let _ = app.api().logout().await;
            app.session.set(None);
            app.form.clear_login();
            app.dispatch(Event::LoggedOut);
            app.announce(T::LoggedOut.get(app.lang.get_untracked()));
        });
    };
    let name = move || app.session.with(|s| s.as_ref().map(|s| s.name_masked.clone()).unwrap_or_default());

    view! {
        <section class="step home">
            <div class="home__head">
                <h1 id=STEP_HEADING_ID tabindex="-1">{move || mobile_auth_core::flow::Step::Home.title(lang.get())}</h1>
                <button type="button" class="button button--secondary" on:click=logout>{tr(T::Logout)}</button>
            </div>
            <p class="greeting">{tr(T::Welcome)}<strong>{name}</strong></p>
            <SessionBar/>
            <h2>{tr(T::RecordsHeading)}</h2>
            {move || match records.get() {
                None => view! { <p role="status">{tr(T::Loading)}</p> }.into_any(),
                Some(Err(code)) => view! {
                    <div class="problem"><p role="alert">{move || code.message(lang.get())}</p></div>
                    <button type="button" class="button" on:click=move |_| load()>{tr(T::Retry)}</button>
                }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{tr(T::RecordsEmpty)}</p> }.into_any(),
                Some(Ok(list)) => view! { <RecordsTable list/> }.into_any(),
            }}
        </section>
    }
}

fn insurance_label(t: InsuranceType, lang: Lang) -> &'static str {
    match (t, lang) {
        (InsuranceType::Labor, Lang::ZhTw) => "勞工保險",
        (InsuranceType::Employment, Lang::ZhTw) => "就業保險",
        (InsuranceType::OccupationalAccident, Lang::ZhTw) => "勞工職業災害保險",
        (InsuranceType::Labor, Lang::En) => "Labor insurance",
        (InsuranceType::Employment, Lang::En) => "Employment insurance",
        (InsuranceType::OccupationalAccident, Lang::En) => "Occupational accident insurance",
    }
}

/// "0800101" → "80/01/01" (the ROC style of government tables).
fn roc_short(compact: &str) -> String {
    let parse = |r: std::ops::Range<usize>| compact.get(r).and_then(|s| s.parse::<u16>().ok());
    match (parse(0..3), parse(3..5), parse(5..7)) {
        (Some(y), Some(m), Some(d)) => {
            let date = RocDate { year: y, month: m as u8, day: d as u8 };
            format!("{}/{:02}/{:02}", date.year, date.month, date.day)
        }
        _ => compact.to_string(),
    }
}

#[component]
fn RecordsTable(list: Vec<InsuranceRecord>) -> impl IntoView {
    let lang = use_lang();
    let list = StoredValue::new(list);
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="records-caption">
            <table class="table">
                <caption id="records-caption" class="visually-hidden">{tr(T::RecordsHeading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::ColEmployer)}</th>
                        <th scope="col">{tr(T::ColEmployerNo)}</th>
                        <th scope="col" class="num">{tr(T::ColSalary)}</th>
                        <th scope="col">{tr(T::ColStart)}</th>
                        <th scope="col">{tr(T::ColEnd)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || list.get_value().into_iter().map(|r| {
                        let l = lang.get();
                        view! {
                            <tr>
                                <th scope="row">{r.employer_name.clone()}<span class="tag">{insurance_label(r.insurance, l)}</span></th>
                                <td>{r.employer_number.clone()}</td>
                                <td class="num">{format_salary(r.insured_salary)}</td>
                                <td>{roc_short(&r.start_date)}</td>
                                <td>{r.end_date.as_deref().map(roc_short).unwrap_or_else(|| T::StillEnrolled.get(l).to_string())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// 45800 → "45,800".
pub fn format_salary(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

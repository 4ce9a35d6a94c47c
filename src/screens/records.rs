//! 投保資料查詢: the person's own enrollment records, filtered by period and insurance, newest
//! first — cards on a phone, a real table on a desktop (CSS picks one; print always gets the
//! table) — with a CSV download and a print view, both made in the browser from what is shown.
//! Read-only: the only request is `GET /records`; nothing typed or shown is sent anywhere.
//!
//! The rules (period parsing, filter, order, cells, CSV) live in `mobile_auth_core::records`.

use leptos::prelude::*;
use mobile_auth_core::contract::{InsuranceRecord, InsuranceType};
use mobile_auth_core::records::{
    cells, csv_file_name, headings, parse_period, roc_display, to_csv, Bound, PeriodError,
    RecordFilter, INSURANCE_TYPES,
};
use mobile_auth_core::roc_date::RocDate;
use mobile_auth_core::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::actions::records::Records;
use crate::i18n::{tr, use_lang, Text, T};
use crate::state::{today, use_app};
use crate::ui::object_url::ObjectUrl;
use crate::ui::summary::{focus_later, SummaryBox};

pub const RECORDS_HEADING_ID: &str = "records-heading";
const FROM_ID: &str = "records-from";
const TO_ID: &str = "records-to";
const ERRORS_ID: &str = "records-errors";

fn field_id(b: Bound) -> &'static str {
    match b {
        Bound::From => FROM_ID,
        Bound::To => TO_ID,
    }
}

/// Saves `text` as a file: a Blob, an object URL and a clicked `<a download>`. The bytes never
/// leave the browser. The BOM is part of `text`, so the file starts with EF BB BF.
fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let url = ObjectUrl::new(&text.into(), mime);
    let a: web_sys::HtmlElement = document().create_element("a")?.unchecked_into();
    a.set_attribute("href", url.as_str())?;
    a.set_attribute("download", file_name)?;
    a.set_attribute("hidden", "")?;
    let body = document().body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    // Revoked after the click has started the download.
    set_timeout(
        move || {
            a.remove();
            drop(url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// "112/01/01 至 112/12/31", "全部期間", "112/01/01 至 …".
fn period_text(f: &RecordFilter, lang: Lang) -> String {
    let show =
        |d: Option<RocDate>| d.map_or_else(|| "…".to_string(), |d| roc_display(&d.compact()));
    match (f.from, f.to) {
        (None, None) => T::PeriodAny.get(lang).to_string(),
        (from, to) => format!("{}{}{}", show(from), T::PeriodUntil.get(lang), show(to)),
    }
}

/// The filter in words, for the caption and the printout: "112/01/01 至 112/12/31；保險別：勞工保險".
pub fn filter_text(f: &RecordFilter, lang: Lang) -> String {
    let kind = f
        .insurance
        .map_or(T::AllInsurances.get(lang), |t| t.label(lang));
    let (sep, colon) = if lang == Lang::ZhTw {
        ("；", "：")
    } else {
        ("; ", ": ")
    };
    format!(
        "{}{sep}{}{colon}{kind}",
        period_text(f, lang),
        T::InsuranceKind.get(lang)
    )
}

#[component]
pub fn RecordsPage(#[prop(into)] on_back: Callback<()>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let records = Records::load(app);
    let filter = RwSignal::new(RecordFilter::default());
    let shown = Memo::new(move |_| {
        records.data.with(|d| match d {
            Some(Ok(list)) => filter.with(|f| f.apply(list)),
            _ => Vec::new(),
        })
    });
    let query_date = RocDate::from_ad(today());
    let announce_count = move || {
        let l = lang.get_untracked();
        app.announce(format!(
            "{}{}{}",
            T::MatchCount.get(l),
            shown.with_untracked(Vec::len),
            T::CountUnit.get(l)
        ));
    };
    let back = move |_| on_back.run(());

    view! {
        <section class="records" aria-labelledby=RECORDS_HEADING_ID>
            <h2 id=RECORDS_HEADING_ID tabindex="-1">
                {tr(T::RecordsQuery)}
            </h2>
            <p class="readonly-note no-print">
                <span class="badge">{tr(T::ReadOnly)}</span>
                {tr(T::RecordsReadOnly)}
            </p>
            <PrintHeader query_date filter />
            <FilterForm filter on_change=announce_count />
            {move || match records.data.get() {
                None => view! { <p role="status">{tr(T::Loading)}</p> }.into_any(),
                Some(Err(code)) => {
                    view! {
                        <div class="problem">
                            <p role="alert">{move || code.text(lang.get())}</p>
                        </div>
                        <button type="button" class="button" on:click=move |_| records.reload()>
                            {tr(T::Retry)}
                        </button>
                    }
                        .into_any()
                }
                Some(Ok(all)) if all.is_empty() => view! { <p>{tr(T::RecordsEmpty)}</p> }.into_any(),
                Some(Ok(_)) => view! { <Results shown filter query_date /> }.into_any(),
            }}
            <p class="hint no-print">{tr(T::SessionEndsNote)}</p>
            <button type="button" class="link-button no-print" on:click=back>
                {tr(T::BackToQueries)}
            </button>
        </section>
    }
}

/// 查詢 and 重設: the period (ROC dates, either end open) and the insurance; what they choose
/// becomes `filter` once both ends read as dates, and `on_change` runs.
#[component]
fn FilterForm(
    filter: RwSignal<RecordFilter>,
    on_change: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<PeriodError>::new());
    // The page title counts the period's errors while the form is shown ("錯誤：").
    Effect::new(move |_| app.error_count.set(errors.with(Vec::len)));
    on_cleanup(move || {
        let _ = app.error_count.try_set(0);
    });

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_period(&from_text.get_untracked(), &to_text.get_untracked()) {
            Ok((from, to)) => {
                errors.set(Vec::new());
                filter.set(RecordFilter {
                    from,
                    to,
                    insurance: InsuranceType::parse(&kind.get_untracked()),
                });
                on_change();
            }
            Err(found) => {
                errors.set(found);
                focus_later(ERRORS_ID);
            }
        }
    };
    let reset = move |_| {
        from_text.set(String::new());
        to_text.set(String::new());
        kind.set(String::new());
        errors.set(Vec::new());
        filter.set(RecordFilter::default());
        on_change();
    };
    let summary_items = Signal::derive(move || {
        let l = lang.get();
        errors.with(|e| {
            e.iter()
                .map(|e| (field_id(e.bound()).to_string(), e.message(l).to_string()))
                .collect()
        })
    });
    let error_for = move |b: Bound| errors.with(|e| e.iter().copied().find(|e| e.bound() == b));

    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <SummaryBox id=ERRORS_ID nested=true class="no-print" items=summary_items />
        </Show>

        <form class="records-filter no-print" novalidate on:submit=apply>
            <fieldset class="fieldset">
                <legend class="subheading">{tr(T::FilterLegend)}</legend>
                <div class="records-filter__fields">
                    <PeriodInput
                        bound=Bound::From
                        value=from_text
                        error=Signal::derive(move || error_for(Bound::From))
                    />
                    <PeriodInput
                        bound=Bound::To
                        value=to_text
                        error=Signal::derive(move || error_for(Bound::To))
                    />
                    <div class="form-group">
                        <label class="label" for="records-kind">
                            {tr(T::InsuranceKind)}
                        </label>
                        <select
                            id="records-kind"
                            class="select"
                            prop:value=move || kind.get()
                            on:change=move |ev| kind.set(event_target_value(&ev))
                        >
                            <option value="">{tr(T::AllInsurances)}</option>
                            {INSURANCE_TYPES
                                .into_iter()
                                .map(|t| {
                                    view! {
                                        <option value=t
                                            .as_str()>{move || t.label(lang.get())}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <div class="button-group">
                    <button type="submit" class="button">
                        {tr(T::Query)}
                    </button>
                    <button type="button" class="button button--secondary" on:click=reset>
                        {tr(T::ResetFilter)}
                    </button>
                </div>
            </fieldset>
        </form>
    }
}

/// The records the filter lets through: their count, the CSV download and the print view, and
/// the table and the cards (CSS shows one).
#[component]
fn Results(
    shown: Memo<Vec<InsuranceRecord>>,
    filter: RwSignal<RecordFilter>,
    query_date: Option<RocDate>,
) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let download = move |_| {
        let l = lang.get_untracked();
        let Some(date) = query_date else { return };
        let name = csv_file_name(date, l);
        let csv = shown.with_untracked(|rows| to_csv(rows, l));
        if download_text(&name, &csv, "text/csv;charset=utf-8").is_ok() {
            app.announce(format!("{}{name}", T::Downloaded.get(l)));
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let caption = Signal::derive(move || {
        let l = lang.get();
        format!(
            "{}：{}",
            T::RecordsCaption.get(l),
            filter.with(|f| filter_text(f, l))
        )
    });
    view! {
        <p class="records-count">
            {tr(T::MatchCount)}<strong>{move || shown.with(Vec::len)}</strong>
            {tr(T::CountUnit)}
        </p>
        <Show
            when=move || shown.with(|s| !s.is_empty())
            fallback=|| view! { <p class="records-none">{tr(T::RecordsNoMatch)}</p> }
        >
            <div class="button-group no-print">
                <button type="button" class="button button--secondary" on:click=download>
                    {tr(T::DownloadCsv)}
                </button>
                <button type="button" class="button button--secondary" on:click=print>
                    {tr(T::PrintRecords)}
                </button>
            </div>
            <p class="hint no-print">{tr(T::DownloadNote)}</p>
            <RecordsTable records=shown caption />
            <RecordCards records=shown caption />
        </Show>
    }
}

/// One end of the period, in the GOV.UK error pattern (label, hint, inline message).
#[component]
fn PeriodInput(
    bound: Bound,
    value: RwSignal<String>,
    error: Signal<Option<PeriodError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(bound);
    let (label, hint) = match bound {
        Bound::From => (T::PeriodFrom, T::PeriodFromHint),
        Bound::To => (T::PeriodTo, T::PeriodToHint),
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || error.get().is_some()>
            <label class="label" for=id>{tr(label)}</label>
            <p class="hint" id=hint_id>{tr(hint)}</p>
            {move || error.get().map(|e| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">{tr(T::ErrorPrefix)}</span>{move || e.message(lang.get())}
                </p>
            })}
            <input id=id class="input input--period" type="text" inputmode="numeric" autocomplete="off"
                aria-describedby=described
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// Shown only when printing: what the document is, when it was made and for whom (masked).
#[component]
fn PrintHeader(query_date: Option<RocDate>, filter: RwSignal<RecordFilter>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let session = move |f: fn(&crate::state::SessionInfo) -> String| {
        app.session.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <div class="print-only print-header">
            <p class="print-header__title">{tr(T::SiteName)}" — "{tr(T::PrintTitle)}</p>
            <dl class="print-header__facts">
                <div>
                    <dt>{tr(T::QueryDate)}</dt>
                    <dd>{move || query_date.map(|d| d.display(lang.get())).unwrap_or_default()}</dd>
                </div>
                <div>
                    <dt>{tr(T::NationalId)}</dt>
                    <dd>{move || session(|s| s.national_id_masked.clone())}</dd>
                </div>
                <div>
                    <dt>{tr(T::PrintName)}</dt>
                    <dd>{move || session(|s| s.name_masked.clone())}</dd>
                </div>
                <div>
                    <dt>{tr(T::FilterShown)}</dt>
                    <dd>{move || filter.with(|f| filter_text(f, lang.get()))}</dd>
                </div>
            </dl>
        </div>
    }
}

/// The desktop (and print) form: a table with column headers and the employer as row header.
#[component]
pub fn RecordsTable(
    #[prop(into)] records: Signal<Vec<InsuranceRecord>>,
    #[prop(into)] caption: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div
            class="table-wrap records-table"
            tabindex="0"
            role="region"
            aria-labelledby="records-caption"
        >
            <table class="table">
                <caption id="records-caption" class="records-caption">
                    {move || caption.get()}
                </caption>
                <thead>
                    <tr>
                        {move || {
                            headings(lang.get())
                                .into_iter()
                                .enumerate()
                                .map(|(i, h)| {
                                    view! {
                                        <th scope="col" class=(i == 3).then_some("num")>
                                            {h}
                                        </th>
                                    }
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let l = lang.get();
                        records
                            .get()
                            .iter()
                            .map(|r| {
                                let [kind, employer, number, salary, start, end] = cells(r, l);
                                view! {
                                    <tr>
                                        <td>{kind}</td>
                                        <th scope="row">{employer}</th>
                                        <td>{number}</td>
                                        <td class="num">{salary}</td>
                                        <td>{start}</td>
                                        <td>{end}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The phone form: one card per record, the employer as its heading, the rest as a list.
#[component]
pub fn RecordCards(
    #[prop(into)] records: Signal<Vec<InsuranceRecord>>,
    #[prop(into)] caption: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="record-cards" aria-label=move || caption.get()>
            {move || {
                let l = lang.get();
                let h = headings(l);
                records
                    .get()
                    .iter()
                    .map(|r| {
                        let [kind, employer, number, salary, start, end] = cells(r, l);
                        let rows = [
                            (h[0], kind),
                            (h[2], number),
                            (h[3], salary),
                            (h[4], start),
                            (h[5], end),
                        ];
                        view! {
                            <li class="record-card">
                                <h3 class="record-card__title">{employer}</h3>
                                <dl class="record-card__list">
                                    {rows
                                        .into_iter()
                                        .map(|(dt, dd)| {
                                            view! {
                                                <div>
                                                    <dt>{dt}</dt>
                                                    <dd>{dd}</dd>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </dl>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

//! The app shell: loads the runtime configuration, provides the shared state, and shows the
//! header (with the language switch), the live region and the current screen. Routing is by
//! hash (`#/verify/<token>`, `#/help/…`), so static hosting under any sub-path needs no rewrites.

use leptos::ev;
use leptos::prelude::*;
use mobile_auth_core::contract::BackendConfig;
use mobile_auth_core::flow::Step;
use mobile_auth_core::Lang;

use crate::actions::language::LanguageSwitch;
use crate::api::{self, Api};
use crate::config::{AppConfig, ConfigError};
use crate::i18n::{tr, Text, T};
use crate::screens;
use crate::state::{AppState, Route};
use crate::ui::on_first_use::on_first_use;
use crate::ui::summary::focus_now;
use crate::which_screen::{which_screen, Panel, Screen};

#[derive(Debug, Clone, PartialEq)]
enum BootError {
    Config(ConfigError),
    Backend,
}

async fn boot() -> Result<(AppConfig, BackendConfig), BootError> {
    let config = api::load_app_config().await.map_err(BootError::Config)?;
    let backend = match Api::new(&config.api_base).config().await {
        Ok(b) => {
            crate::config::remember_backend(&b);
            b
        }
        // Offline: the form being filled in still opens, with this tab's last backend settings.
        Err(p) if p.code == mobile_auth_core::ErrorCode::Network => {
            crate::config::remembered_backend().ok_or(BootError::Backend)?
        }
        Err(_) => return Err(BootError::Backend),
    };
    let mut backend = backend;
    config.narrow(&mut backend);
    if let Some(href) = &config.theme_css {
        load_theme(href);
    }
    Ok((config, backend))
}

/// Adds the deployment's theme stylesheet after the app's own, so its custom properties win.
fn load_theme(href: &str) {
    let doc = document();
    let Ok(link) = doc.create_element("link") else {
        return;
    };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &crate::host::app_url(href));
    if let Some(head) = doc.head() {
        let _ = head.append_child(&link);
    }
}

/// The one key of the saved state (`state::STORAGE_KEY`) the app needs before the state exists.
#[derive(serde::Deserialize)]
struct SavedLang {
    lang: Option<Lang>,
}

fn initial_lang() -> Lang {
    let saved = web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(crate::state::STORAGE_KEY).ok().flatten())
        .and_then(|json| crate::json::from_str::<SavedLang>(&json).ok())
        .and_then(|saved| saved.lang);
    // zh-TW unless the user chose English: this is a Taiwanese government service and the
    // manual's labels are what citizens (and the counter staff helping them) look for, whatever
    // language the browser happens to be set to.
    saved.or_else(crate::host::host_lang).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let wanted = initial_lang();
    let switch = LanguageSwitch::new(wanted);
    let lang = switch.lang;
    provide_context(lang);
    // Opened in English (chosen before, or the portal's `data-lang`): nothing is shown but the
    // loading line until the English table is there, or has failed (then zh-TW, and the header
    // says so), so the page never shows a mix of the two languages.
    let starting = RwSignal::new(lang.get_untracked() != wanted);
    if starting.get_untracked() {
        leptos::task::spawn_local(async move {
            switch.choose(wanted).await;
            starting.set(false);
        });
    }
    // Created at the root so every screen shares the one online signal.
    crate::network::use_online();
    Effect::new(move |_| {
        // Mounted into a portal, the language is the host element's, not the portal's page's.
        let root = crate::host::host()
            .map(web_sys::Element::from)
            .or_else(|| document().document_element());
        if let Some(html) = root {
            let _ = html.set_attribute("lang", lang.get().tag());
        }
    });
    // A plain signal and a task rather than a resource: the async-derived machinery behind
    // `LocalResource` was ~24 kB (9 kB brotli) of the main module for this one use. A retry keeps the
    // failure on screen until its own answer comes, as the resource did.
    let booted = RwSignal::new(None::<Result<(AppConfig, BackendConfig), BootError>>);
    let start = move || {
        leptos::task::spawn_local(async move { booted.set(Some(boot().await)) });
    };
    start();
    // A start that failed for want of a connection starts again as soon as there is one.
    let online = window_event_listener(ev::online, move |_| {
        if booted.with_untracked(|b| matches!(b, Some(Err(_)))) {
            start();
        }
    });
    on_cleanup(move || online.remove());
    view! {
        {move || {
            (!starting.get())
                .then(|| {
                    view! {
                        <SkipLink />
                        <Header switch />
                    }
                })
        }}
        {move || match booted.get().filter(|_| !starting.get()) {
            None => {
                view! {
                    <main id="main" class="container" tabindex="-1">
                        <p class="loading" role="status">
                            // `Loading` keeps its English in the Wasm: shown before the table.
                            {move || T::Loading.get(if starting.get() { wanted } else { lang.get() })}
                        </p>
                    </main>
                }
                    .into_any()
            }
            Some(Err(e)) => {
                let (msg, detail) = match e {
                    BootError::Config(e) => (T::ConfigBroken, Some(e.detail())),
                    BootError::Backend => (T::BackendUnreachable, None),
                };
                if let Some(d) = &detail {
                    web_sys::console::error_1(&d.into());
                }
                view! {
                    <main id="main" class="container" tabindex="-1">
                        <h1>{tr(T::SiteName)}</h1>
                        <div class="problem">
                            <p role="alert">{tr(msg)}</p>
                            {detail
                                .map(|d| {
                                    view! {
                                        <p class="problem__detail">
                                            <code>{d}</code>
                                        </p>
                                    }
                                })}
                        </div>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| start()
                        >
                            {tr(T::Retry)}
                        </button>
                    </main>
                }
                    .into_any()
            }
            Some(Ok((config, backend))) => view! { <Shell config backend lang /> }.into_any(),
        }}
    }
}

#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href="#main"
            on:click=move |ev| {
                ev.prevent_default();
                focus_now("main");
            }
        >
            {tr(T::SkipToContent)}
        </a>
    }
}

/// A 導盲磚 (guide tile): the `:::` marker with an access key that Taiwan's government sites put
/// at the start of the header (Alt+U), content (Alt+C) and footer (Alt+Z), explained in 無障礙聲明.
/// None when mounted: the portal's page has its own tiles on the same keys.
#[component]
fn GuideTile(key: &'static str, region: T) -> impl IntoView {
    let id = format!("accesskey-{}", key.to_ascii_lowercase());
    // Native rendering (the static first screen) is never mounted and has no document to ask.
    let mounted = cfg!(target_arch = "wasm32") && crate::host::is_mounted();
    (!mounted).then(|| {
        let target = id.clone();
        view! {
            <a
                class="guide-tile"
                id=id.clone()
                href=format!("#{id}")
                accesskey=key
                title=tr(region)
                aria-label=tr(region)
                // The hash is the app's router: the tile stays where it is, focused.
                on:click=move |ev| {
                    ev.prevent_default();
                    focus_now(&target);
                }
            >
                ":::"
            </a>
        }
    })
}

#[component]
fn Header(switch: LanguageSwitch) -> impl IntoView {
    let lang = switch.lang;
    let busy = switch.busy;
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <GuideTile key="U" region=T::GuideTop />
                <p class="site-name">
                    {tr(T::SiteName)}<span class="site-sub">{tr(T::PersonalLogin)}</span>
                </p>
                <button
                    type="button"
                    class="lang-switch"
                    lang=move || lang.get().other().tag()
                    aria-label=move || {
                        // Busy only on the way to English, whose `Loading` is kept in the Wasm.
                        if busy.get() { T::Loading.get(Lang::En) } else { T::SwitchLanguageLabel.get(lang.get()) }
                    }
                    aria-busy=move || busy.get().then_some("true")
                    on:click=move |_| switch.toggle()
                >
                    {move || if busy.get() { T::Loading.get(Lang::En) } else { T::SwitchLanguage.get(lang.get()) }}
                </button>
            </div>
            {move || {
                switch
                    .failed
                    .get()
                    .then(|| {
                        // In both languages: the reader asked for English, and it is not there.
                        view! {
                            <div class="container">
                                <div class="problem lang-problem">
                                    <p role="alert">
                                        <span lang=Lang::ZhTw.tag()>{T::EnglishUnavailable.get(Lang::ZhTw)}</span>
                                        " "
                                        <span lang=Lang::En.tag()>{T::EnglishUnavailable.get(Lang::En)}</span>
                                    </p>
                                </div>
                            </div>
                        }
                    })
            }}
        </header>
    }
}

/// The document's title: the screen's, then the site's.
fn document_title(prefix: &str, title: &str, lang: Lang) -> String {
    format!("{prefix}{title} - {}", T::SiteName.get(lang))
}

/// index.html's `<title>`: the one the app gives step 1 on a first visit (rendered at build time
/// with [`first_visit_html`]), so the title does not change when the app takes over.
#[cfg(feature = "prerender")]
pub fn first_visit_title() -> String {
    document_title(
        "",
        page_title(&Route::Flow, Step::IdEntry, Lang::ZhTw),
        Lang::ZhTw,
    )
}

/// The page title of what is on screen.
fn page_title(route: &Route, step: Step, lang: Lang) -> &'static str {
    match route {
        Route::Verify(_) if step == Step::PhoneDone => step.text(lang),
        Route::Verify(_) => Step::PhoneVerify.text(lang),
        Route::Guide => T::HelpGuideTitle.get(lang),
        Route::Faq => T::HelpFaqTitle.get(lang),
        Route::Accessibility => T::A11yTitle.get(lang),
        Route::Flow => step.text(lang),
    }
}

#[component]
fn Shell(config: AppConfig, backend: BackendConfig, lang: RwSignal<Lang>) -> impl IntoView {
    let app = AppState::new(config, backend, crate::device::detect(), lang);
    provide_context(app);

    crate::embed::watch(app);
    let hash = window_event_listener(ev::hashchange, move |_| app.route.set(Route::current()));
    on_cleanup(move || hash.remove());
    crate::ui::field::track_pointer();

    let step = Memo::new(move |_| app.step.get());
    let route = Memo::new(move |_| app.route.get());

    // The page title names the screen, prefixed "錯誤：" while errors are shown.
    Effect::new(move |_| {
        let l = lang.get();
        let prefix = if app.error_count.get() > 0 {
            T::ErrorPrefix.get(l)
        } else {
            ""
        };
        let title = page_title(&route.get(), step.get(), l);
        if !crate::host::is_mounted() {
            document().set_title(&document_title(prefix, title, l));
        }
    });

    // On every screen change: focus its heading and announce it (not on first load). Starting
    // over the static step 1 because a link on it was followed is a change from step 1.
    let from_shell = crate::boot_shell::taking_over().then_some((Step::IdEntry, Route::Flow));
    Effect::new(move |prev: Option<(Step, Route)>| {
        let now = (step.get(), route.get());
        if prev
            .as_ref()
            .or(from_shell.as_ref())
            .is_some_and(|p| *p != now)
        {
            let l = lang.get_untracked();
            app.announce(format!(
                "{}{}",
                T::StepChanged.get(l),
                page_title(&now.1, now.0, l)
            ));
            crate::ui::step_heading::focus_step_heading();
        }
        now
    });

    crate::actions::session::restore(app);

    view! { <Page app route step notices=view! { <crate::pwa::Notices /> } /> }
}

/// What is below the header on every screen: the live region, the notices, the screen of the
/// route and step, the footer.
#[component]
fn Page<N: IntoView + 'static>(
    app: AppState,
    route: Memo<Route>,
    step: Memo<Step>,
    notices: N,
) -> impl IntoView {
    // The phone token is read when the step changes: a later answer does not redraw.
    let screen = Memo::new(move |_| {
        which_screen(&route.get(), step.get(), || {
            app.application
                .with_untracked(|a| a.as_ref().map(|a| a.token.clone()))
        })
    });
    // What fills <main>: the login chooser (one value, `CHOOSER`, whichever its panel: it stays
    // while the panel changes, with its selected tab and the focus), or another screen. The view
    // reads this one memo only: a view reading both a memo and another derived from it was not
    // redrawn when only the first changed (Welcome → Home stayed on Welcome). A `Memo<Screen>`
    // like `screen`, not a `Memo<Option<Screen>>`: Leptos's memo code is compiled once per type.
    const CHOOSER: Screen = Screen::Chooser(Panel::IdEntry);
    let frame = Memo::new(move |_| {
        screen.with(|s| {
            if s.panel().is_some() {
                CHOOSER
            } else {
                s.clone()
            }
        })
    });
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || app.announcement.get()}
        </div>
        <div class="container">{notices}</div>
        <main id="main" class="container" tabindex="-1">
            <GuideTile key="C" region=T::GuideContent />
            {move || {
                match frame.get() {
                    Screen::PhoneVerify { token, in_flow } => {
                        on_first_use(screens::phone::prefetch, move || {
                            screens::phone::verify_screen(token.clone(), in_flow)
                        })
                            .into_any()
                    }
                    Screen::PhoneDone => on_first_use(screens::phone::prefetch_done, screens::phone::done_screen).into_any(),
                    Screen::Welcome => on_first_use(screens::welcome::prefetch, screens::welcome::screen).into_any(),
                    Screen::Home => on_first_use(screens::home::prefetch, screens::home::screen).into_any(),
                    Screen::Guide => on_first_use(screens::help::prefetch_guide, screens::help::guide_screen).into_any(),
                    Screen::Faq => on_first_use(screens::help::prefetch_faq, screens::help::faq_screen).into_any(),
                    Screen::Accessibility => on_first_use(screens::accessibility::prefetch, screens::accessibility::screen).into_any(),
                    Screen::Chooser(_) => view! { <screens::tabs::LoginChooser screen /> }.into_any(),
                }
            }}
        </main>
        <footer class="site-footer">
            <div class="container">
                <GuideTile key="Z" region=T::GuideBottom />
                <p>{tr(T::SiteName)}</p>
                // WCAG 2.2 3.2.6: help is in the same place on every screen, in the same order.
                <nav aria-label=tr(T::FooterNav)>
                    <ul class="footer-links">
                        <li>
                            <a href="#/help/guide" class="footer-link">
                                {tr(T::LinkGuide)}
                            </a>
                        </li>
                        <li>
                            <a href="#/help/faq" class="footer-link">
                                {tr(T::FooterFaq)}
                            </a>
                        </li>
                        <li>
                            <a href="#/accessibility" class="footer-link">
                                {tr(T::A11yLink)}
                            </a>
                        </li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// index.html's static first screen: the page a first visit shows, step 1 in zh-TW, rendered by
/// the same components with the deployment's links and the given carriers (the backend is not
/// asked at build time). No effect runs: nothing here reads or writes the browser.
#[cfg(feature = "prerender")]
pub fn first_visit_html(
    config: AppConfig,
    carriers: Vec<mobile_auth_core::contract::Carrier>,
) -> String {
    struct NoEffects;
    impl any_spawner::CustomExecutor for NoEffects {
        fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
        fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
        fn poll_local(&self) {}
    }
    // Already set by an earlier call: the same executor.
    let _ = any_spawner::Executor::init_custom_executor(NoEffects);

    let mut backend = BackendConfig {
        carriers,
        qr_validity_seconds: 0,
        verification_unit: Default::default(),
        terms: Default::default(),
        session_idle_seconds: 0,
        public_app_url: None,
    };
    config.narrow(&mut backend);
    // Read once, for the page as it is now: there is nothing to track.
    Owner::new().with(|| untrack(|| {
        let switch = LanguageSwitch::new(Lang::ZhTw);
        let lang = switch.lang;
        provide_context(lang);
        crate::network::assume_online();
        let app = AppState::first_visit(config, backend, lang);
        provide_context(app);
        let step = Memo::new(move |_| app.step.get());
        let route = Memo::new(move |_| app.route.get());
        let notices = view! {
            <crate::pwa::NoticeArea offline=Memo::new(|_| false) update_ready=RwSignal::new(false) />
        };
        view! {
            <SkipLink />
            <Header switch />
            <Page app route step notices />
        }
        .to_html()
    }))
}

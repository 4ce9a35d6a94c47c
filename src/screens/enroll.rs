//! 步驟2–3: 限定本人持有的手機門號資料. Every field is checked in Wasm on blur and on 送出
//! (GOV.UK pattern: inline messages and a summary that takes focus); nothing is sent until the
//! whole form passes. The detected device decides the question 裝置有無SIM卡 and, with it,
//! whether verification continues by QR code (步驟4) or on this device (步驟5).

use leptos::prelude::*;
use mobile_auth_core::device::DeviceKind;
use mobile_auth_core::roc_date::validate_birth_date;
use mobile_auth_core::Field;

use crate::actions::application::Apply;
use crate::actions::captcha::CaptchaSupply;
use crate::i18n::{tr, use_lang, Text, T};
use crate::state::{today, use_app};
use crate::ui::field::{described_by, ErrorMessage, FieldLabel, Kind, RequiredLabel, TextField};
use crate::ui::object_url::ObjectUrl;
use crate::ui::on_first_use::fetch_ahead;
use crate::ui::step_heading::StepHeading;
use crate::ui::summary::{ErrorSummary, ProblemBanner};

#[component]
pub fn Enroll() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    // While the form is filled in, the code of the step after it comes: the QR code on a
    // computer, verification on a phone, either on a tablet (its SIM answer decides); again if
    // the person says they are on another kind of device.
    Effect::new(move |_| {
        let device = app.device.get();
        if device != DeviceKind::Phone {
            fetch_ahead(super::qr::prefetch);
        }
        if device != DeviceKind::Desktop {
            fetch_ahead(super::phone::prefetch);
        }
    });
    // The first visit's critical path ends here: boot.js lets the service worker precache now.
    if let Ok(e) = web_sys::Event::new(crate::startup::STEP2_SHOWN_EVENT) {
        let _ = window().dispatch_event(&e);
    }
    let f = app.form;
    let apply = Apply::new(app);
    let form = apply.form;
    let errors = form.errors;
    let busy = form.busy;
    let online = crate::network::use_online();
    let check = Callback::new(move |field: Field| apply.judge(field));

    let birth_echo = Signal::derive(move || {
        let raw = f.text(Field::BirthDate).get();
        validate_birth_date(&raw, today())
            .ok()
            .map(|d| format!("{}{}", T::BirthEcho.get(lang.get()), d.display(lang.get())))
    });

    let carrier_options = apply.carriers();
    view! {
        <form class="step" novalidate on:submit=move |ev| { ev.prevent_default(); apply.submit(); }>
            <ErrorSummary errors visible=form.summary/>
            <ProblemBanner problem=form.problem/>
            <StepHeading h2=true>{move || mobile_auth_core::flow::Step::Enroll.text(lang.get())}</StepHeading>
            <p>{tr(T::EnrollIntro)}</p>
            <p class="subheading">{tr(T::PleaseEnterFields)}</p>

            <TextField field=Field::NationalId errors on_check=check kind=Kind::Secret
                clearable=true placeholder=T::IdPlaceholder autocomplete="username"/>

            <CarrierSelect carriers=carrier_options errors check/>

            <TextField field=Field::Mobile errors on_check=check kind=Kind::Numeric
                placeholder=T::MobilePlaceholder hint=T::MobileHint autocomplete="tel-national"/>
            <TextField field=Field::NhiCard errors on_check=check kind=Kind::Numeric
                placeholder=T::NhiPlaceholder hint=T::NhiHint/>
            <TextField field=Field::BirthDate errors on_check=check kind=Kind::Numeric
                hint=T::BirthHintRoc echo=birth_echo/>
            <TextField field=Field::Name errors on_check=check autocomplete="name"/>

            <ConfirmBox errors check/>

            <CaptchaField supply=apply.captcha errors check reload=Callback::new(move |_| apply.new_captcha())/>

            <div class="warning">
                <p class="warning__title"><strong>{tr(T::PasswordWarning)}</strong></p>
                <p>{tr(T::PasswordNote)}</p>
            </div>
            <TextField field=Field::Password errors on_check=check kind=Kind::Secret
                clearable=true placeholder=T::PasswordPlaceholder hint=T::PasswordHint autocomplete="new-password"/>
            <TextField field=Field::PasswordConfirm errors on_check=check kind=Kind::Secret
                clearable=true placeholder=T::PasswordPlaceholder autocomplete="new-password"/>

            <DeviceChoice/>
            <Show when=move || app.device.get() == DeviceKind::Tablet>
                <SimQuestion errors check/>
            </Show>

            <div class="button-group">
                <button type="button" class="button button--secondary" on:click=move |_| apply.clear()>{tr(T::ClearForm)}</button>
                <button type="submit" class="button" disabled=move || busy.get() || !online.get()>
                    {move || if busy.get() { tr(T::Sending)() } else { tr(T::Submit)() }}
                </button>
            </div>
        </form>
    }
}

/// 電信業者: the backend's carriers, as the deployment narrowed them.
#[component]
fn CarrierSelect(
    carriers: Vec<mobile_auth_core::contract::Carrier>,
    errors: crate::state::Errors,
    check: Callback<Field>,
) -> impl IntoView {
    let f = use_app().form;
    let lang = use_lang();
    view! {
        <div class="form-group" class:form-group--error=move || errors.with(|m| m.contains_key(&Field::Carrier))>
            <FieldLabel for_id="carrier" text=Signal::derive(move || Field::Carrier.text(lang.get()).to_string())/>
            <ErrorMessage field=Field::Carrier errors/>
            <select id="carrier" name="carrier" class="select" required=true
                aria-describedby=described_by(Field::Carrier, false, errors)
                aria-invalid=move || errors.with(|m| m.contains_key(&Field::Carrier)).then_some("true")
                prop:value=move || f.text(Field::Carrier).get()
                on:change=move |ev| { f.text(Field::Carrier).set(event_target_value(&ev)); check.run(Field::Carrier); }>
                <option value="">{tr(T::PleaseChoose)}</option>
                {carriers.into_iter().map(|c| {
                    let selected = { let id = c.id.clone(); move || f.input.with(|i| i.carrier == id) };
                    view! {
                        <option value=c.id.clone() selected=selected>
                            {move || match lang.get() { mobile_auth_core::Lang::ZhTw => c.name_zh.clone(), _ => c.name_en.clone() }}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}

/// 確認為本人且本國自然人持有月租型門號.
#[component]
fn ConfirmBox(errors: crate::state::Errors, check: Callback<Field>) -> impl IntoView {
    let f = use_app().form;
    let lang = use_lang();
    view! {
        <div class="form-group" class:form-group--error=move || errors.with(|m| m.contains_key(&Field::Confirm))>
            <ErrorMessage field=Field::Confirm errors/>
            <div class="checkbox">
                <input type="checkbox" id="confirm" name="confirm" required=true
                    aria-describedby=described_by(Field::Confirm, false, errors)
                    aria-invalid=move || errors.with(|m| m.contains_key(&Field::Confirm)).then_some("true")
                    prop:checked=move || f.input.with(|i| i.confirm)
                    on:change=move |ev| { let on = event_target_checked(&ev); f.input.update(|i| i.confirm = on); check.run(Field::Confirm); }/>
                <span class="req" aria-hidden="true">"*"</span>
                <label for="confirm">{move || Field::Confirm.text(lang.get())}</label>
            </div>
        </div>
    }
}

/// 請輸入下圖中的字 (不分大小寫), the picture, and 重新產生驗證碼.
#[component]
fn CaptchaField(
    supply: CaptchaSupply,
    errors: crate::state::Errors,
    check: Callback<Field>,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let online = crate::network::use_online();
    let captcha = supply.current;
    let audio = NodeRef::<leptos::html::Audio>::new();
    let audio_failed = RwSignal::new(false);
    // The picture is shown from a `blob:` URL, not the backend's `data:` URL: the page's CSP
    // then allows no `data:` images, and no checker reads the base64 text as a file name.
    // The URL is revoked with its picture (a new captcha, or the screen gone).
    let picture = StoredValue::new(None::<ObjectUrl>);
    let src = RwSignal::new(None::<String>);
    // A new captcha replaces the audio too: whatever was playing belonged to the old code.
    Effect::new(move |_| {
        let url = captcha.with(|c| {
            let (mime, data) = c.as_ref()?.raster()?;
            ObjectUrl::from_base64(data, mime)
        });
        src.set(url.as_ref().map(|u| u.as_str().to_owned()));
        picture.set_value(url);
        audio_failed.set(false);
        if let Some(a) = audio.get_untracked() {
            let _ = a.pause();
            a.remove_attribute("src").ok();
        }
    });
    // The voice is the page's language, or the other one; the browser fetches the WAV itself.
    let play = move |other: bool| {
        let l = lang.get_untracked();
        let (Some(url), Some(a)) = (
            supply.audio_url(if other { l.other() } else { l }),
            audio.get_untracked(),
        ) else {
            return;
        };
        audio_failed.set(false);
        crate::ui::audio::play(&a, &url, move || audio_failed.set(true));
    };
    view! {
        <TextField
            field=Field::Captcha
            errors
            on_check=check
            hint=T::CaptchaHintAudio
        >
            <span class="captcha">
                {move || match src.get() {
                    Some(src) => {
                        view! {
                            <img
                                class="captcha__img"
                                src=src
                                alt=tr(T::CaptchaAlt)
                                width="120"
                                height="44"
                            />
                        }
                            .into_any()
                    }
                    None => {
                        view! { <span class="captcha__loading">{tr(T::CaptchaLoading)}</span> }
                            .into_any()
                    }
                }}
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| reload.run(())
                    disabled=move || !online.get()
                >
                    {tr(T::CaptchaRefresh)}
                </button>
                <button
                    type="button"
                    class="button button--secondary captcha__audio"
                    disabled=move || captcha.with(Option::is_none)
                    on:click=move |_| play(false)
                >
                    {tr(T::CaptchaAudio)}
                </button>
                <button
                    type="button"
                    class="button button--secondary captcha__audio"
                    disabled=move || captcha.with(Option::is_none)
                    on:click=move |_| play(true)
                >
                    {tr(T::CaptchaAudioOther)}
                </button>
                <audio
                    node_ref=audio
                    class="captcha__player"
                    preload="none"
                    on:error=move |_| audio_failed.set(true)
                ></audio>
            </span>
        </TextField>
        <p class="captcha__audio-error" role="status">
            {move || audio_failed.get().then(|| T::CaptchaAudioFailed.get(lang.get()))}
        </p>
    }
}

/// 偵測到您使用：電腦, with a way to correct it.
#[component]
fn DeviceChoice() -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let kinds = DeviceKind::ALL;
    let label = |k: DeviceKind| match k {
        DeviceKind::Desktop => T::DeviceDesktop,
        DeviceKind::Tablet => T::DeviceTablet,
        DeviceKind::Phone => T::DevicePhone,
    };
    view! {
        <div class="form-group device">
            <p class="device__detected" id="device-detected">
                {tr(T::DetectedDevice)}
                <strong>{move || label(app.device.get()).get(lang.get())}</strong>
            </p>
            <label class="label label--small" for="device-kind">
                {tr(T::DeviceCorrect)}
            </label>
            <select
                id="device-kind"
                class="select"
                prop:value=move || app.device.get().as_str()
                on:change=move |ev| {
                    if let Some(k) = DeviceKind::parse(&event_target_value(&ev)) {
                        app.device.set(k);
                    }
                }
            >
                {kinds
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option value=k.as_str() selected=move || app.device.get() == k>
                                {move || label(k).get(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// 裝置有無SIM卡 (有4G/5G網路連線): 有 / 無, tablets only.
#[component]
fn SimQuestion(errors: crate::state::Errors, check: Callback<Field>) -> impl IntoView {
    let app = use_app();
    let lang = use_lang();
    let input = app.form.input;
    let invalid = move || {
        errors
            .with(|m| m.contains_key(&Field::HasSim))
            .then_some("true")
    };
    let radio = move |value: bool, id: &'static str, text: T| {
        view! {
            <div class="radio">
                <input
                    type="radio"
                    id=id
                    name="has_sim"
                    value=if value { "yes" } else { "no" }
                    aria-invalid=invalid
                    prop:checked=move || input.with(|i| i.has_sim == Some(value))
                    on:change=move |_| {
                        input.update(|i| i.has_sim = Some(value));
                        check.run(Field::HasSim);
                    }
                />
                <label for=id>{tr(text)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="form-group fieldset" role="radiogroup"
            class:form-group--error=move || invalid().is_some()
            aria-describedby=described_by(Field::HasSim, false, errors)>
            <legend class="label">
                <RequiredLabel text=Signal::derive(move || Field::HasSim.text(lang.get()).to_string())/>
                " "<span class="legend-hint">{tr(T::SimHint)}</span>
            </legend>
            <ErrorMessage field=Field::HasSim errors/>
            <div class="radios radios--inline">
                {radio(true, "has_sim-yes", T::Yes)}
                {radio(false, "has_sim-no", T::No)}
            </div>
        </fieldset>
    }
}

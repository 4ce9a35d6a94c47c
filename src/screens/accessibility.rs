//! 無障礙聲明 (`#/accessibility`): the standard followed, what was tested and how, known
//! limitations and how to report a problem, as a government service's statement must say.

use leptos::prelude::*;

use crate::i18n::{tr, T};
use crate::state::use_app;
use crate::ui::step_heading::StepHeading;

#[component]
pub fn Statement() -> impl IntoView {
    let app = use_app();
    view! {
        <article class="step statement">
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
            <StepHeading>
                {tr(T::A11yTitle)}
            </StepHeading>
            <p>{tr(T::A11yIntro)}</p>
            <h3>{tr(T::A11yStandardHeading)}</h3>
            <p>{tr(T::A11yStandard)}</p>
            <h3>{tr(T::A11yKeysHeading)}</h3>
            <p>{tr(T::A11yKeys)}</p>
            <h3>{tr(T::A11yTestedHeading)}</h3>
            <ul class="list">
                <li>{tr(T::A11yTested1)}</li>
                <li>{tr(T::A11yTested2)}</li>
                <li>{tr(T::A11yTested3)}</li>
                <li>{tr(T::A11yTested4)}</li>
            </ul>
            <h3>{tr(T::A11yLimitsHeading)}</h3>
            <ul class="list">
                <li>{tr(T::A11yLimit1)}</li>
                <li>{tr(T::A11yLimit2)}</li>
                <li>{tr(T::A11yLimit3)}</li>
            </ul>
            <h3>{tr(T::A11yReportHeading)}</h3>
            <p>{tr(T::A11yReport)}</p>
            <p>{tr(T::A11yReportNoData)}</p>
        </article>
    }
}

crate::on_first_use!(help, prefetch: pub fn screen() -> AnyView {
    view! { <Statement /> }.into_any()
});

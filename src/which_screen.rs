//! Which screen shows, from the route and the step: decided here once, so the shell, the login
//! chooser and the page title never disagree. Pure: no DOM, no signal.

use mobile_auth_core::flow::Step;

use crate::state::Route;

/// What is below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// 請選擇登入方式, with the mobile tab's panel at this step.
    Chooser(Panel),
    /// 步驟5 on the phone; `in_flow` when this tab applied itself (the direct path), not when
    /// it was opened from the QR code's `#/verify/<token>`.
    PhoneVerify {
        token: String,
        in_flow: bool,
    },
    PhoneDone,
    Welcome,
    Home,
    Guide,
    Faq,
    Accessibility,
}

/// The mobile tab's panel: steps 1, 2, 4 and 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    IdEntry,
    Enroll,
    Qr,
    Login,
}

/// `token`: the application's phone token, asked only for the direct path's step 5 (a tab
/// that lost it starts over at step 1).
pub fn which_screen(route: &Route, step: Step, token: impl FnOnce() -> Option<String>) -> Screen {
    match route {
        Route::Verify(token) => Screen::PhoneVerify {
            token: token.clone(),
            in_flow: false,
        },
        Route::Guide => Screen::Guide,
        Route::Faq => Screen::Faq,
        Route::Accessibility => Screen::Accessibility,
        Route::Flow => match step {
            Step::IdEntry => Screen::Chooser(Panel::IdEntry),
            Step::Enroll => Screen::Chooser(Panel::Enroll),
            Step::Qr => Screen::Chooser(Panel::Qr),
            Step::Login => Screen::Chooser(Panel::Login),
            Step::PhoneVerify => match token() {
                Some(token) => Screen::PhoneVerify {
                    token,
                    in_flow: true,
                },
                None => Screen::Chooser(Panel::IdEntry),
            },
            Step::PhoneDone => Screen::PhoneDone,
            Step::Welcome => Screen::Welcome,
            Step::Home => Screen::Home,
        },
    }
}

impl Screen {
    pub fn panel(&self) -> Option<Panel> {
        match self {
            Screen::Chooser(p) => Some(*p),
            _ => None,
        }
    }
}

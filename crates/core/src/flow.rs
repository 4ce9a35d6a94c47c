//! The enrollment and login flow of the manual as a state machine: which screen follows which.
//! The SPA renders `Step` and feeds it `Event`s; keeping the transitions here makes the order of
//! the manual testable without a browser.

use serde::{Deserialize, Serialize};

use crate::device::VerifyPath;
use crate::{ErrorCode, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 步驟1: login method tabs and the 身分證號 field.
    IdEntry,
    /// 步驟2–3: 限定本人持有的手機門號資料 (and the SIM question on tablets).
    Enroll,
    /// 步驟4: 使用手機掃QRcode, on the computer or SIM-less tablet.
    Qr,
    /// 步驟5: the phone checks the data and starts verification.
    PhoneVerify,
    /// 步驟5, QR path, done on the phone: 請回到您的電腦確認認證結果.
    PhoneDone,
    /// 步驟6: logged in; read the notice to its end, then 開始使用.
    Welcome,
    /// 步驟7: the four-field login of a bound browser.
    Login,
    /// After 開始使用: the logged-in home page.
    Home,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The backend's ID check answered.
    IdChecked {
        bound: bool,
    },
    /// The application was accepted; the backend chose the path.
    Applied(VerifyPath),
    /// The phone-side link was opened (or the direct path continues on this device).
    VerificationOpened,
    /// The carrier verified the number.
    Verified(VerifyPath),
    /// The desktop's poll saw the phone succeed.
    RemoteVerified,
    /// A failure that needs a new application (not retryable in place).
    Failed(ErrorCode),
    /// 重新申請行動認證, or the QR expired and the user chose to start over.
    Reapply,
    LoggedIn,
    /// 開始使用.
    StartUsing,
    LoggedOut,
    SessionExpired,
}

impl Step {
    /// The manual's step number (步驟N).
    pub fn manual_number(self) -> u8 {
        match self {
            Step::IdEntry => 1,
            Step::Enroll => 2,
            Step::Qr => 4,
            Step::PhoneVerify | Step::PhoneDone => 5,
            Step::Welcome | Step::Home => 6,
            Step::Login => 7,
        }
    }

    /// A short title for the page and the step heading.
    pub fn title(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhTw => self.title_zh(),
            Lang::En => Step::TITLES_EN[self as usize],
        }
    }

    /// The zh-TW title alone: the SPA takes its English from a table it fetches (src/i18n.rs),
    /// so its Wasm names only this half.
    pub fn title_zh(self) -> &'static str {
        match self {
            Step::IdEntry => "行動電話認證",
            Step::Enroll => "限定本人持有的手機門號資料",
            Step::Qr => "使用手機掃QRcode",
            Step::PhoneVerify => "核對資料並開始驗證",
            Step::PhoneDone => "請回到您的電腦確認認證結果",
            Step::Welcome => "成功登入",
            Step::Login => "請輸入以下欄位",
            Step::Home => "查詢服務",
        }
    }

    /// Every step, in declaration order.
    pub const ALL: [Step; 8] = [
        Step::IdEntry,
        Step::Enroll,
        Step::Qr,
        Step::PhoneVerify,
        Step::PhoneDone,
        Step::Welcome,
        Step::Login,
        Step::Home,
    ];

    /// The English titles, in the order of [`Step::ALL`].
    pub const TITLES_EN: [&'static str; 8] = [
        "Mobile phone authentication",
        "Mobile number held in your own name",
        "Scan the QR code with your phone",
        "Check your details and start verification",
        "Go back to your computer to see the result",
        "You are logged in",
        "Enter the following fields",
        "Query services",
    ];

    /// Whether the step needs a logged-in session.
    pub fn needs_session(self) -> bool {
        matches!(self, Step::Welcome | Step::Home)
    }
}

/// What of the typed data the browser keeps at a step, so a reload finds it: only a form being
/// filled in. Everywhere else (step 1, waiting for the phone, logged in, after 登出) it keeps
/// nothing personal; passwords are never kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Nothing,
    /// 限定本人持有的手機門號資料 (步驟2–3): the enrollment fields but the captcha.
    Enrollment,
    /// The four-field login (步驟7): ID, birth date and name.
    Login,
}

pub fn kept_on_reload(step: Step) -> Kept {
    match step {
        Step::Enroll => Kept::Enrollment,
        Step::Login => Kept::Login,
        Step::IdEntry
        | Step::Qr
        | Step::PhoneVerify
        | Step::PhoneDone
        | Step::Welcome
        | Step::Home => Kept::Nothing,
    }
}

/// Steps at which a flow has ended: what was typed is forgotten, in memory too.
pub fn flow_ended(step: Step) -> bool {
    matches!(step, Step::Welcome | Step::Home | Step::PhoneDone)
}

/// The next step after `event`, or `None` when the event does not apply to `step` (the SPA then
/// stays where it is, so a late poll answer cannot drag the user back).
pub fn next(step: Step, event: Event) -> Option<Step> {
    use Event::*;
    use Step::*;
    Some(match (step, event) {
        (IdEntry, IdChecked { bound: true }) => Login,
        (IdEntry, IdChecked { bound: false }) => Enroll,
        (Enroll, Applied(VerifyPath::Qr)) => Qr,
        (Enroll, Applied(VerifyPath::Direct)) => PhoneVerify,
        (IdEntry | Qr, VerificationOpened) => PhoneVerify,
        (PhoneVerify, Verified(VerifyPath::Qr)) => PhoneDone,
        (PhoneVerify, Verified(VerifyPath::Direct)) => Welcome,
        (Qr, RemoteVerified) => Welcome,
        (Qr | PhoneVerify, Failed(_)) => Enroll,
        (Qr | PhoneVerify | Enroll | Login | PhoneDone, Reapply) => IdEntry,
        (Login, LoggedIn) => Welcome,
        (Welcome, StartUsing) => Home,
        (Welcome | Home, LoggedOut | SessionExpired) => IdEntry,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `TITLES_EN` is indexed by the discriminant: `ALL` must be in declaration order.
    #[test]
    fn step_titles_follow_all() {
        for (i, s) in Step::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i);
        }
        assert_eq!(Step::Home.title(Lang::En), "Query services");
        assert_eq!(Step::Home.title(Lang::ZhTw), "查詢服務");
    }

    #[test]
    fn only_a_form_being_filled_is_kept_for_a_reload() {
        assert_eq!(kept_on_reload(Step::Enroll), Kept::Enrollment);
        assert_eq!(kept_on_reload(Step::Login), Kept::Login);
        for step in [
            Step::IdEntry,
            Step::Qr,
            Step::PhoneVerify,
            Step::PhoneDone,
            Step::Welcome,
            Step::Home,
        ] {
            assert_eq!(kept_on_reload(step), Kept::Nothing, "{step:?}");
        }
        assert!(flow_ended(Step::Home) && flow_ended(Step::Welcome) && !flow_ended(Step::Enroll));
    }

    #[test]
    fn desktop_enrollment_follows_the_manual() {
        let mut s = Step::IdEntry;
        for e in [
            Event::IdChecked { bound: false },
            Event::Applied(VerifyPath::Qr),
            Event::RemoteVerified,
            Event::StartUsing,
        ] {
            s = next(s, e).unwrap();
        }
        assert_eq!(s, Step::Home);
    }

    #[test]
    fn phone_enrollment_goes_straight_to_verification() {
        let s = next(Step::Enroll, Event::Applied(VerifyPath::Direct)).unwrap();
        assert_eq!(s, Step::PhoneVerify);
        assert_eq!(
            next(s, Event::Verified(VerifyPath::Direct)),
            Some(Step::Welcome)
        );
        assert_eq!(
            next(s, Event::Verified(VerifyPath::Qr)),
            Some(Step::PhoneDone)
        );
    }

    #[test]
    fn bound_browser_goes_to_four_field_login() {
        assert_eq!(
            next(Step::IdEntry, Event::IdChecked { bound: true }),
            Some(Step::Login)
        );
        assert_eq!(next(Step::Login, Event::LoggedIn), Some(Step::Welcome));
    }

    #[test]
    fn late_events_do_not_move_the_user() {
        assert_eq!(next(Step::Home, Event::RemoteVerified), None);
        assert_eq!(next(Step::IdEntry, Event::StartUsing), None);
        assert_eq!(next(Step::Welcome, Event::Applied(VerifyPath::Qr)), None);
    }

    #[test]
    fn steps_have_manual_numbers_and_titles() {
        assert_eq!(Step::Qr.manual_number(), 4);
        assert_eq!(Step::Qr.title(Lang::ZhTw), "使用手機掃QRcode");
    }
}

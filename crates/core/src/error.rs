//! Every error the flow can show, as one catalogue: a stable machine code (the JSON contract's
//! `code`), the field it concerns, whether retrying can help, and the words in zh-TW and English.
//! The SPA and the sandbox both read this table, so a message is written once.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// A form field, as named in the contract's `field` member (by `as_str`) and used for DOM ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Field {
    NationalId,
    Carrier,
    Mobile,
    NhiCard,
    BirthDate,
    Name,
    Confirm,
    HasSim,
    Captcha,
    Password,
    PasswordConfirm,
    Terms,
}

serde_by_name!(Field, "field", as_str, parse);

impl Field {
    pub const ALL: [Field; 12] = [
        Field::NationalId,
        Field::Carrier,
        Field::Mobile,
        Field::NhiCard,
        Field::BirthDate,
        Field::Name,
        Field::Confirm,
        Field::HasSim,
        Field::Captcha,
        Field::Password,
        Field::PasswordConfirm,
        Field::Terms,
    ];

    /// The snake_case name used in JSON and as the DOM id suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::NationalId => "national_id",
            Field::Carrier => "carrier",
            Field::Mobile => "mobile",
            Field::NhiCard => "nhi_card",
            Field::BirthDate => "birth_date",
            Field::Name => "name",
            Field::Confirm => "confirm",
            Field::HasSim => "has_sim",
            Field::Captcha => "captcha",
            Field::Password => "password",
            Field::PasswordConfirm => "password_confirm",
            Field::Terms => "terms",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The manual's label for the field (zh-TW verbatim), or its English equivalent.
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhTw => self.label_zh(),
            Lang::En => Field::LABELS_EN[self as usize],
        }
    }

    /// The zh-TW label alone: the SPA takes its English from a table it fetches (src/i18n.rs),
    /// so its Wasm names only this half.
    pub fn label_zh(self) -> &'static str {
        match self {
            Field::NationalId => "身分證號",
            Field::Carrier => "電信業者",
            Field::Mobile => "手機門號",
            Field::NhiCard => "健保卡號",
            Field::BirthDate => "出生日期",
            Field::Name => "姓名",
            Field::Confirm => "確認為本人且本國自然人持有月租型門號",
            Field::HasSim => "裝置有無SIM卡",
            Field::Captcha => "請輸入下圖中的字",
            Field::Password => "設定憑證密碼",
            Field::PasswordConfirm => "確認憑證密碼",
            Field::Terms => "我已閱讀並同意使用者約定條款",
        }
    }

    /// The English labels, in the order of [`Field::ALL`].
    pub const LABELS_EN: [&'static str; 12] = [
        "National ID number",
        "Mobile carrier",
        "Mobile number",
        "NHI card number",
        "Date of birth",
        "Name",
        "I confirm this monthly-plan number is held by me, a Taiwanese natural person",
        "Does this device have a SIM card",
        "Enter the characters in the picture",
        "Set credential password",
        "Confirm credential password",
        "I have read and agree to the terms of use",
    ];
}

macro_rules! codes {
    ($( $variant:ident = $s:literal, $retry:literal, $zh:literal, $en:literal; )*) => {
        /// Stable error codes of the JSON contract (`Problem.code`). Never rename one: clients
        /// and other backends match on the string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ErrorCode {
            $( #[serde(rename = $s)] $variant, )*
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $s, )* }
            }

            pub fn parse(s: &str) -> Option<ErrorCode> {
                match s { $( $s => Some(ErrorCode::$variant), )* _ => None }
            }

            /// Whether trying the same thing again (after the fix the message names) can succeed
            /// without re-entering data.
            pub fn retryable(self) -> bool {
                match self { $( ErrorCode::$variant => $retry, )* }
            }

            /// What happened and what to do, in plain words.
            pub fn message(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::ZhTw => self.message_zh(),
                    Lang::En => ErrorCode::MESSAGES_EN[self as usize],
                }
            }

            /// The zh-TW message alone: the SPA takes its English from a table it fetches
            /// (src/i18n.rs), so its Wasm names only this half.
            pub fn message_zh(self) -> &'static str {
                match self { $( ErrorCode::$variant => $zh, )* }
            }

            /// The English messages, in the order of [`ErrorCode::ALL`].
            pub const MESSAGES_EN: &'static [&'static str] = &[ $( $en, )* ];
        }
    };
}

codes! {
    // --- Field rules (checked in Wasm first, and again by every backend) ---
    IdRequired = "id_required", false, "請輸入身分證號", "Enter your national ID number";
    IdFormat = "id_format", false,
        "身分證號格式不正確，應為 1 個英文字母加 9 個數字，例如 A123456789",
        "Enter the ID as 1 letter followed by 9 digits, like A123456789";
    IdChecksum = "id_checksum", false,
        "身分證號檢查碼不正確，請核對後重新輸入",
        "This ID number is not valid: check each character and enter it again";
    IdNotCitizen = "id_not_citizen", false,
        "限本國自然人使用：居留證號無法申請行動電話認證",
        "Taiwanese natural persons only: resident certificate numbers cannot use mobile phone authentication";
    CarrierRequired = "carrier_required", false, "請選擇電信業者", "Choose your mobile carrier";
    CarrierUnknown = "carrier_unknown", false,
        "不支援此電信業者，請從清單中選擇",
        "This carrier is not supported: choose one from the list";
    MobileRequired = "mobile_required", false, "請輸入手機門號", "Enter your mobile number";
    MobileFormat = "mobile_format", false,
        "手機門號應為 09 開頭的 10 位數字，例如 0912345678",
        "Enter a 10-digit mobile number starting with 09, like 0912345678";
    NhiRequired = "nhi_required", false, "請輸入健保卡號", "Enter your NHI card number";
    NhiFormat = "nhi_format", false,
        "健保卡號應為 12 位數字（卡片正面右上方）",
        "Enter the 12-digit NHI card number (top right on the front of the card)";
    BirthRequired = "birth_required", false, "請輸入出生日期", "Enter your date of birth";
    BirthFormat = "birth_format", false,
        "出生日期應為 7 位數字的民國年月日，例如民國80年1月1日請輸入0800101",
        "Enter the date as 7 digits in ROC years (year, month, day): 1 Jan 1991 is 0800101";
    BirthInvalid = "birth_invalid", false,
        "出生日期不是有效的日期，請檢查年、月、日",
        "This date does not exist: check the year, month and day";
    BirthFuture = "birth_future", false,
        "出生日期不能晚於今天", "Date of birth must be today or in the past";
    NameRequired = "name_required", false, "請輸入姓名", "Enter your name";
    NameTooLong = "name_too_long", false,
        "姓名不可超過 50 個字", "Name must be 50 characters or fewer";
    NameChars = "name_chars", false,
        "姓名只能包含中文字、英文字母、空格、間隔號（·）、連字號及撇號",
        "Name can only contain Chinese characters, letters, spaces, middle dots, hyphens and apostrophes";
    ConfirmRequired = "confirm_required", false,
        "請勾選確認為本人且本國自然人持有月租型門號",
        "Confirm that the monthly-plan number is held by you, a Taiwanese natural person";
    HasSimRequired = "has_sim_required", false,
        "請選擇裝置有無SIM卡", "Choose whether this device has a SIM card";
    CaptchaRequired = "captcha_required", false,
        "請輸入驗證碼", "Enter the characters shown in the picture";
    CaptchaWrong = "captcha_wrong", false,
        "驗證碼不正確或已過期，請輸入新圖片中的字",
        "The characters did not match or have expired: enter the ones in the new picture";
    PasswordRequired = "password_required", false,
        "請設定憑證密碼", "Set a credential password";
    PasswordLength = "password_length", false,
        "憑證密碼須為 6 至 14 位", "Password must be 6 to 14 characters";
    PasswordChars = "password_chars", false,
        "憑證密碼只能使用英文字母和數字", "Password can only contain letters and digits";
    PasswordMix = "password_mix", false,
        "憑證密碼須同時包含英文字母和數字", "Password must contain both letters and digits";
    PasswordConfirmRequired = "password_confirm_required", false,
        "請再次輸入憑證密碼", "Enter the password again to confirm it";
    PasswordMismatch = "password_mismatch", false,
        "兩次輸入的憑證密碼不一致", "The two passwords do not match";
    TermsRequired = "terms_required", false,
        "請先閱讀並勾選同意使用者約定條款", "Read and agree to the terms of use first";

    // --- Carrier verification outcomes (what TWCA and the carriers answer) ---
    NotHolder = "not_holder", false,
        "此門號不是由您的身分證號申辦，請使用本人名下的月租型門號",
        "This number is not registered to your ID: use a monthly-plan number in your own name";
    Prepaid = "prepaid", false,
        "預付卡門號無法使用行動電話認證，請改用月租型門號或其他登入方式",
        "Prepaid numbers cannot be used: use a monthly-plan number or another login method";
    FamilyCard = "family_card", false,
        "親子卡門號無法使用行動電話認證，請改用本人月租型門號或其他登入方式",
        "Family or child plan numbers cannot be used: use your own monthly-plan number or another login method";
    Mvno = "mvno", false,
        "虛擬行動網路業者(MVNO)門號無法使用行動電話認證，請改用其他登入方式",
        "Numbers from virtual mobile operators (MVNO) cannot be used: choose another login method";
    Enterprise = "enterprise", false,
        "企業戶門號無法使用行動電話認證，請改用個人月租型門號",
        "Company-registered numbers cannot be used: use a personal monthly-plan number";
    Wifi = "wifi", true,
        "手機正在使用 Wi-Fi，電信業者無法識別門號。請關閉 Wi-Fi、開啟 4G/5G 行動網路後重試",
        "Your phone is on Wi-Fi so the carrier cannot identify the number. Turn Wi-Fi off, turn on 4G/5G mobile data and try again";
    Roaming = "roaming", false,
        "漫遊連線無法使用行動電話認證，請在國內使用本國電信業者網路時再申請",
        "Roaming connections cannot be used: apply again when you are on your Taiwanese carrier's network";
    CarrierUnavailable = "carrier_unavailable", true,
        "電信業者暫時無法回應，請稍後重試",
        "The carrier is not responding right now: try again in a few minutes";
    CarrierMismatch = "carrier_mismatch", false,
        "此門號不屬於您選擇的電信業者，請重新申請並選擇正確的電信業者",
        "This number belongs to a different carrier: apply again and choose the right carrier";
    DataMismatch = "data_mismatch", false,
        "健保卡號、出生日期或姓名與電信業者資料不符，請核對後重新申請",
        "Your NHI card number, date of birth or name do not match the carrier's records: check them and apply again";

    // --- Flow, session and abuse ---
    Expired = "expired", false,
        "驗證有效時間已過，請按「重新產生QRCode」再掃描一次，或重新申請",
        "The time to verify has run out: choose “New QR code” and scan again, or apply again";
    TokenInvalid = "token_invalid", false,
        "此驗證連結無效或已使用過，請在電腦上重新產生QRCode",
        "This verification link is not valid or was already used: generate a new QR code on your computer";
    TooManyAttempts = "too_many_attempts", true,
        "嘗試次數過多，請稍候幾分鐘再試",
        "Too many attempts: wait a few minutes and try again";
    Locked = "locked", false,
        "憑證密碼錯誤次數過多，已暫停登入 15 分鐘。忘記密碼請重新申請行動電話認證",
        "Too many wrong passwords: login is paused for 15 minutes. If you forgot the password, apply again";
    LoginFailed = "login_failed", false,
        "身分證號、出生日期、姓名或憑證密碼不正確",
        "The ID number, date of birth, name or password is not correct";
    NotBound = "not_bound", false,
        "此瀏覽器尚未綁定行動電話認證，請重新申請（更換瀏覽器或手機時需重新申請）",
        "This browser is not registered for mobile phone authentication: apply again (needed after changing browser or phone)";
    SessionExpired = "session_expired", false,
        "登入已逾時，請重新登入", "Your session has ended: log in again";
    InvalidRequest = "invalid_request", false,
        "送出的資料格式不正確，請重新整理頁面後再試",
        "The request was not understood: reload the page and try again";
    NotFound = "not_found", false,
        "找不到此資料", "Not found";
    Internal = "internal", true,
        "系統暫時無法處理，請稍後重試",
        "Something went wrong on our side: try again in a few minutes";

    // --- Client-side transport faults (never sent by a backend) ---
    Network = "network", true,
        "無法連線到伺服器，請檢查網路連線後重試。您輸入的資料仍保留",
        "Cannot reach the server: check your connection and try again. What you typed is kept";
    Timeout = "timeout", true,
        "伺服器回應逾時，請重試。您輸入的資料仍保留",
        "The server took too long to answer: try again. What you typed is kept";
    BadResponse = "bad_response", true,
        "伺服器回應格式錯誤，請重試。您輸入的資料仍保留",
        "The server sent an answer we could not read: try again. What you typed is kept";
}

impl ErrorCode {
    /// The field a code concerns, when it is a field rule.
    pub fn field(self) -> Option<Field> {
        use ErrorCode::*;
        Some(match self {
            IdRequired | IdFormat | IdChecksum | IdNotCitizen => Field::NationalId,
            CarrierRequired | CarrierUnknown => Field::Carrier,
            MobileRequired | MobileFormat => Field::Mobile,
            NhiRequired | NhiFormat => Field::NhiCard,
            BirthRequired | BirthFormat | BirthInvalid | BirthFuture => Field::BirthDate,
            NameRequired | NameTooLong | NameChars => Field::Name,
            ConfirmRequired => Field::Confirm,
            HasSimRequired => Field::HasSim,
            CaptchaRequired | CaptchaWrong => Field::Captcha,
            PasswordRequired | PasswordLength | PasswordChars | PasswordMix => Field::Password,
            PasswordConfirmRequired | PasswordMismatch => Field::PasswordConfirm,
            TermsRequired => Field::Terms,
            _ => return None,
        })
    }

    /// HTTP status a backend answers with for this code.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            NotFound | TokenInvalid => 404,
            SessionExpired | LoginFailed | NotBound => 401,
            Locked => 423,
            TooManyAttempts => 429,
            Expired => 410,
            CarrierUnavailable => 503,
            Internal | Network | Timeout | BadResponse => 500,
            NotHolder | Prepaid | FamilyCard | Mvno | Enterprise | Wifi | Roaming
            | CarrierMismatch | DataMismatch => 409,
            _ => 400,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert!(!c.message(Lang::ZhTw).is_empty() && !c.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn field_codes_name_their_field() {
        assert_eq!(ErrorCode::IdNotCitizen.field(), Some(Field::NationalId));
        assert_eq!(
            ErrorCode::PasswordMismatch.field(),
            Some(Field::PasswordConfirm)
        );
        assert_eq!(ErrorCode::Wifi.field(), None);
        assert!(ErrorCode::Wifi.retryable() && ErrorCode::CarrierUnavailable.retryable());
        assert!(!ErrorCode::Prepaid.retryable());
    }

    /// The English tables are indexed by the enum's discriminant: `ALL` must be in declaration
    /// order, or an English text would belong to another code.
    #[test]
    fn english_tables_follow_all() {
        assert_eq!(ErrorCode::MESSAGES_EN.len(), ErrorCode::ALL.len());
        for (i, &c) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(c as usize, i);
        }
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
        }
        assert_eq!(Field::NationalId.label(Lang::En), "National ID number");
        assert_eq!(
            ErrorCode::Network.message(Lang::ZhTw),
            ErrorCode::Network.message_zh()
        );
    }

    #[test]
    fn manual_rule_wording_is_verbatim() {
        assert!(ErrorCode::IdNotCitizen
            .message(Lang::ZhTw)
            .starts_with("限本國自然人使用"));
    }
}

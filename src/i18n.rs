//! Every UI string of the SPA in zh-TW (the manual's words, verbatim where the manual has them)
//! and English. Field labels and error messages are not here: they live once in the core crate
//! (`Field::label`, `ErrorCode::message`); [`Text`] is how the app shows them.
//!
//! **English is data the app fetches, not part of its Wasm** (issue 27). The build writes every
//! English text of this catalogue and of core's into one file, `texts-en-<hash>.json`
//! ([`ENGLISH_FILE`], [`english_texts`]), and the release Wasm (feature `split`) holds none of
//! them: `get(Lang::En)` reads the table `actions::language` fetches when English is chosen.
//! A text `get` is asked for before the table is there falls back to zh-TW; the app shows English
//! only once it is. The few texts shown while the table loads or when it cannot
//! (`kept_in_english` below) keep their English in the Wasm. Builds without `split` (tests,
//! `trunk serve`, the first-screen binary) read the English from the catalogue itself.

use std::cell::Cell;

use leptos::prelude::*;
use mobile_auth_core::flow::Step;
use mobile_auth_core::{ErrorCode, Field, Lang};

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::ZhTw) };
    /// The English table once fetched (leaked: it lives as long as the page).
    static ENGLISH: Cell<Option<&'static [&'static str]>> = const { Cell::new(None) };
}

/// The language outside reactive code (for the API client's Accept-Language); the app's state
/// keeps it equal to the language signal.
pub fn current_lang() -> Lang {
    LANG.with(Cell::get)
}

pub fn set_current_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The catalogues in the English table, in its order: each one's texts by its discriminant.
#[derive(Clone, Copy)]
enum Part {
    Ui,
    Error,
    Label,
    Title,
}

const PARTS: [&[&str]; 4] = [
    T::EN,
    ErrorCode::MESSAGES_EN,
    &Field::LABELS_EN,
    &Step::TITLES_EN,
];

const fn offset(part: Part) -> usize {
    let mut at = 0;
    let mut i = 0;
    while i < part as usize {
        at += PARTS[i].len();
        i += 1;
    }
    at
}

/// Where each part starts in the table: a constant, so that the release Wasm never reads
/// `PARTS`, whose texts it must not hold.
const OFFSETS: [usize; 4] = [
    offset(Part::Ui),
    offset(Part::Error),
    offset(Part::Label),
    offset(Part::Title),
];

/// How many texts the English table has.
const ENGLISH_LEN: usize = offset(Part::Title) + Step::TITLES_EN.len();

/// FNV-1a over every text, each ended by a byte UTF-8 never has: evaluated by the compiler, so
/// the Wasm holds the hash, not the texts, and the file's name changes whenever they do.
const fn english_hash() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut p = 0;
    while p < PARTS.len() {
        let mut t = 0;
        while t < PARTS[p].len() {
            let bytes = PARTS[p][t].as_bytes();
            let mut i = 0;
            while i <= bytes.len() {
                h ^= if i < bytes.len() { bytes[i] } else { 0xff } as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
                i += 1;
            }
            t += 1;
        }
        p += 1;
    }
    h
}

const fn english_file() -> [u8; 30] {
    let mut name = *b"texts-en-0000000000000000.json";
    let hash = english_hash();
    let mut i = 0;
    while i < 16 {
        let digit = ((hash >> (60 - 4 * i)) & 0xf) as u8;
        name[9 + i] = if digit < 10 {
            b'0' + digit
        } else {
            b'a' + digit - 10
        };
        i += 1;
    }
    name
}

const ENGLISH_FILE_BYTES: [u8; 30] = english_file();

/// The English table's file name beside the app's other files, named by its content like them.
pub const ENGLISH_FILE: &str = match std::str::from_utf8(&ENGLISH_FILE_BYTES) {
    Ok(name) => name,
    Err(_) => panic!("the file name is ASCII"),
};

/// Every English text, in the table's order: what the build writes into [`ENGLISH_FILE`].
#[cfg(not(feature = "split"))]
pub fn english_texts() -> Vec<&'static str> {
    PARTS.concat()
}

/// Whether English can be shown now: its table is there (always, in builds that carry it).
pub fn english_ready() -> bool {
    cfg!(not(feature = "split")) || ENGLISH.with(Cell::get).is_some()
}

/// Takes the fetched table, if it is this build's: as many texts as the catalogues have.
pub fn install_english(texts: Vec<String>) -> Result<(), String> {
    if texts.len() != ENGLISH_LEN {
        return Err(format!(
            "{ENGLISH_FILE}: {} texts, expected {ENGLISH_LEN}",
            texts.len()
        ));
    }
    let texts: Vec<&'static str> = texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    ENGLISH.with(|e| e.set(Some(Box::leak(texts.into_boxed_slice()))));
    Ok(())
}

/// A text of `part` in English, or `zh` while the table is not there.
fn english(part: Part, index: usize, zh: &'static str) -> &'static str {
    #[cfg(not(feature = "split"))]
    if let Some(t) = PARTS[part as usize].get(index) {
        return t;
    }
    ENGLISH
        .with(Cell::get)
        .and_then(|table| table.get(OFFSETS[part as usize] + index).copied())
        .unwrap_or(zh)
}

/// Core's texts as the app shows them: zh-TW from core, English from the table. The app never
/// calls core's `message`/`label`/`title` with a language (the build checks that no English
/// text is left in the main module).
pub trait Text: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

impl Text for ErrorCode {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhTw => self.message_zh(),
            Lang::En => english(Part::Error, self as usize, self.message_zh()),
        }
    }
}

impl Text for Field {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhTw => self.label_zh(),
            Lang::En => english(Part::Label, self as usize, self.label_zh()),
        }
    }
}

impl Text for Step {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhTw => self.title_zh(),
            Lang::En => english(Part::Title, self as usize, self.title_zh()),
        }
    }
}

/// `$name { key = zh, en; … } kept_in_english { key = zh, en; … }`: the first keys' English is in
/// the fetched table (`EN`, by discriminant), the kept ones' in the Wasm.
macro_rules! texts {
    ($(#[$attr:meta])* $name:ident {
        $( $key:ident = $zh:literal, $en:literal; )*
    } kept_in_english {
        $( $kkey:ident = $kzh:literal, $ken:literal; )*
    }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $( $key, )* $( $kkey, )* }

        impl $name {
            /// Every string by its name (for the build's manifest; unused in the Wasm, so not in it).
            pub const ALL: &'static [(&'static str, $name)] =
                &[ $( (stringify!($key), $name::$key), )* $( (stringify!($kkey), $name::$kkey), )* ];

            /// The English of the keys that are not kept, by discriminant.
            #[allow(dead_code)]
            const EN: &'static [&'static str] = &[ $( $en, )* ];

            pub fn zh(self) -> &'static str {
                match self { $( $name::$key => $zh, )* $( $name::$kkey => $kzh, )* }
            }

            #[allow(unreachable_patterns)]
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    (_, Lang::ZhTw) => self.zh(),
                    $( ($name::$kkey, Lang::En) => $ken, )*
                    (_, Lang::En) => english(Part::Ui, self as usize, self.zh()),
                }
            }
        }
    };
}

// What the page's scripts say before the app runs (public/boot.js, public/mount.js): the build
// writes them into those files (src/bin/first_screen/main.rs's manifest), so they are never part of
// the Wasm. The shell is zh-TW; a visitor who reads only English must understand these too, so
// the scripts show both languages.
#[cfg(feature = "prerender")]
texts! {
    /// A string the page's scripts show before the app runs.
    BeforeStart {
    } kept_in_english {
        Loading = "正在載入服務，請稍候…", "Loading the service, please wait…";
        LoadFailedRetry = "無法載入此服務，請確認網路連線後再試一次。", "The service could not load: check your connection and try again.";
        LoadFailedReload = "無法載入此服務，請重新整理頁面或改用最新版瀏覽器。", "The service could not start: reload the page or use an up-to-date browser.";
        MountFailed = "無法載入行動電話認證，請重新整理頁面。", "Mobile phone authentication could not start: reload the page.";
        NoScript = "此服務需要啟用 JavaScript 與 WebAssembly。", "This service needs JavaScript and WebAssembly enabled.";
        Description = "勞保局e化服務系統 行動電話認證：以本人月租型手機門號驗證身分", "BLI e-Service System mobile phone authentication: prove who you are with a monthly-plan mobile number in your own name";
    }
}

texts! {
    /// A UI string of the app; `get` gives it in a language.
    T {
        SiteName = "勞保局e化服務系統", "BLI e-Service System";
        PersonalLogin = "個人登入", "Personal login";
        SkipToContent = "跳到主要內容", "Skip to main content";
        GuideTop = "上方功能區塊", "Top of page (header)";
        GuideContent = "中央內容區塊", "Main content";
        GuideBottom = "下方功能區塊", "Bottom of page (footer)";
        SwitchLanguage = "English", "中文";
        SwitchLanguageLabel = "Switch to English", "切換為中文";
        ConfigBroken = "無法載入系統設定（config.json），請稍後重新整理頁面。若問題持續，請聯絡勞保局客服。",
            "The service settings (config.json) could not be loaded. Reload the page in a few minutes; if it keeps happening, contact the BLI helpdesk.";
        BackendUnreachable = "無法取得服務設定，請檢查網路連線後重試。", "Could not load the service settings: check your connection and try again.";
        AppNotStarted = "此服務尚未啟動。若片刻後仍無反應，請重新整理頁面；仍無法使用時，請改用最新版瀏覽器，或聯絡勞保局客服。",
            "The service has not started. If nothing happens in a moment, reload the page; if it still does not work, use an up-to-date browser or contact the BLI helpdesk.";
        ChooseLoginMethod = "請選擇登入方式", "Choose how to log in";
        MethodCitizenCert = "自然人憑證", "Citizen digital certificate";
        MethodVirtualCard = "虛擬勞保憑證", "Virtual labor insurance certificate";
        MethodMobileCitizen = "行動自然人憑證", "Mobile citizen certificate";
        MethodFinancial = "金融電子憑證", "Financial e-certificate";
        MethodMobilePhone = "行動電話認證", "Mobile phone authentication";
        AboutCitizenCert = "自然人憑證登入需要晶片讀卡機、自然人憑證IC卡及跨平台網頁元件。此服務不提供此方式，請至勞保局e化服務系統使用。",
            "Logging in with the citizen digital certificate needs a smart-card reader, the certificate card and the HiPKI component. This service does not offer it: use the BLI e-Service System.";
        AboutVirtualCard = "虛擬勞保憑證需先以其他方式登入後於手機App啟用。此服務不提供此方式，請至勞保局e化服務系統使用。",
            "The virtual labor insurance certificate is activated in the BLI mobile app after logging in another way. This service does not offer it: use the BLI e-Service System.";
        AboutMobileCitizen = "行動自然人憑證需在手機安裝內政部「行動自然人憑證」App 並完成註冊。此服務不提供此方式，請至勞保局e化服務系統使用。",
            "The mobile citizen certificate needs the Ministry of the Interior's app installed and registered on your phone. This service does not offer it: use the BLI e-Service System.";
        AboutFinancial = "金融電子憑證需要銀行核發的網路銀行憑證與讀卡機或憑證檔案。此服務不提供此方式，請至勞保局e化服務系統使用。",
            "The financial e-certificate needs an online-banking certificate from your bank. This service does not offer it: use the BLI e-Service System.";
        OtherMethodLink = "前往勞保局e化服務系統（另開新視窗）", "Go to the BLI e-Service System (opens a new window)";
        MobileNotice = "以行動電話登入，提供查詢功能(含確診COVID-19申辦)，若需進行申辦作業，請以其他方式登入。",
            "Logging in with a mobile phone gives you the query functions (including the COVID-19 application). To apply for anything else, log in another way.";
        LinkManual = "行動電話認證操作手冊下載", "Download the mobile phone authentication manual";
        LinkVideo = "行動電話認證教學影片", "Mobile phone authentication video guide";
        LinkGuide = "問題導引", "Problem guide";
        LinkFaq = "行動電話認證常見問題", "Mobile phone authentication FAQ";
        PleaseEnterFields = "請輸入以下欄位", "Enter the following fields";
        Verify = "驗證", "Verify";
        IdPlaceholder = "請輸入身分證號", "Enter your ID number";
        Show = "顯示", "Show ";
        Hide = "隱藏", "Hide ";
        Clear = "清除", "Clear ";
        ErrorPrefix = "錯誤：", "Error: ";
        ErrorSummaryTitle = "請修正以下問題", "There is a problem";
        BeforeYouStart = "行動電話認證申請前注意事項", "Before you apply";
        WhoCan = "哪些人適合使用行動電話認證？", "Who can use mobile phone authentication?";
        WhoCannot = "哪些人不適合使用行動電話認證？", "Who cannot use it?";
        CanCitizen = "限本國自然人使用", "Taiwanese natural persons only";
        CanMonthly = "限月租型門號", "Monthly-plan numbers only";
        CanNetwork = "需使用 4G/5G 網路連線", "A 4G/5G mobile data connection is needed";
        CanSmartphone = "需使用智慧型手機", "A smartphone is needed";
        CanCarriers = "支援", "Supported carriers: ";
        CannotWifi = "Wifi、漫遊連線", "Wi-Fi or roaming connections";
        CannotFamily = "親子卡、預付卡", "Family (child) plans and prepaid cards";
        CannotForeign = "外國人(含大陸人)", "Foreign nationals (including mainland Chinese residents)";
        CannotEnterprise = "企業戶", "Company-registered numbers";
        CannotMvno = "虛擬行動網路業者(MVNO)", "Virtual mobile operators (MVNO)";
        Situations = "此操作說明適用於以下情況", "Use this when you are";
        SitFirst = "首次申請行動認證", "applying for the first time";
        SitForgot = "忘記密碼重新申請", "applying again because you forgot the password";
        SitBrowser = "更換瀏覽器", "using a new browser";
        SitPhone = "更換手機", "using a new phone";
        EnrollIntro = "請輸入「個人資料」及「本人持有之電信業者手機門號資料」，並謹記自訂的憑證密碼(綁定成功後每次登入需使用)。",
            "Enter your personal details and the mobile number you hold with your carrier, and remember the password you set (you need it every time you log in).";
        PleaseChoose = "請選擇", "Choose";
        MobilePlaceholder = "請輸入手機", "Enter your mobile number";
        NhiPlaceholder = "請輸入健保卡號", "Enter your NHI card number";
        BirthHint = "民國00年1月1日 請輸入0000101", "ROC date as 7 digits: 1 Jan of ROC year 0 is 0000101";
        BirthEcho = "即", "That is ";
        NhiHint = "健保卡正面右上方的 12 位數字", "The 12 digits at the top right of the card's front";
        MobileHint = "09 開頭的 10 位數字", "10 digits starting with 09";
        CaptchaHint = "(不分大小寫)", "(not case-sensitive)";
        CaptchaAlt = "驗證碼圖片：請輸入圖中的字，若無法辨識請按「重新產生驗證碼」", "Captcha picture: enter its characters; if you cannot read them, choose “New code”";
        CaptchaRefresh = "重新產生驗證碼", "New code";
        CaptchaLoading = "驗證碼載入中…", "Loading the picture…";
        PasswordWarning = "首次設定密碼務必謹記", "Remember the password you set";
        PasswordNote = "系統將自動建立行動電話憑證(透過行動電話憑證+密碼方式登入系統，增加便利性。)",
            "A mobile phone credential will be created for this browser (you then log in with the credential and this password).";
        PasswordPlaceholder = "請輸入 6-14 位英數字", "6–14 letters and digits";
        PasswordHint = "6 至 14 位，須同時包含英文字母和數字", "6 to 14 characters, with both letters and digits";
        SimHint = "(有4G/5G網路連線)", "(with a 4G/5G connection)";
        Yes = "有", "Yes";
        No = "無", "No";
        ClearForm = "清空輸入區", "Clear the form";
        Submit = "送出", "Submit";
        Sending = "處理中…", "Working…";
        DetectedDevice = "偵測到您使用：", "We detected you are using: ";
        DeviceCorrect = "裝置類型不正確？請選擇", "Not right? Choose your device";
        DeviceDesktop = "電腦", "a computer";
        DeviceTablet = "平板電腦", "a tablet";
        DevicePhone = "手機", "a phone";
        QrHeading = "使用手機掃QRcode", "Scan the QR code with your phone";
        QrInstruction = "使用可拍照智慧型手機「掃描 QRcode」進行驗證，「請確認已關閉 WIFI 網路，開啟 4G/5G 網路連線」。",
            "Scan the QR code with a smartphone camera to verify. Make sure Wi-Fi is turned off and 4G/5G mobile data is on.";
        QrAlt = "QR code：以手機掃描後開啟驗證頁面，網址如下方連結", "QR code that opens the verification page on your phone; the same address is in the link below";
        QrLinkIntro = "無法掃描？在手機瀏覽器開啟此網址：", "Cannot scan? Open this address in your phone's browser:";
        Validity = "驗證有效時間：", "Time left to verify: ";
        ValidityLeftMinutes = "驗證有效時間剩餘", "Time left to verify:";
        Minutes = "分鐘", " minutes";
        Seconds30 = "驗證有效時間剩餘 30 秒", "30 seconds left to verify";
        RegenerateQr = "重新產生QRCode", "New QR code";
        Reapply = "重新申請行動認證", "Apply again";
        Waiting = "等待手機驗證中…", "Waiting for your phone…";
        PhoneOpened = "手機已開啟驗證頁面，請在手機上點選「開始驗證」。", "Your phone opened the page: choose “Start verification” on the phone.";
        PhoneCheckIntro = "請檢查下方之待驗證資料正確，閱讀並同意使用者約定條款後，點選開始驗證。",
            "Check the details below, read and agree to the terms of use, then choose Start verification.";
        VerifyType = "驗證類別", "Verification type";
        VerifyUnit = "驗證單位", "Verifying agency";
        Carrier = "電信業者", "Mobile carrier";
        MobileInfo = "門號資訊", "Mobile number";
        NationalId = "身分證號", "National ID number";
        Terms = "使用者約定條款", "Terms of use";
        Close = "關閉", "Close";
        StartVerify = "開始驗證", "Start verification";
        WifiWarning = "您的手機目前使用 Wi-Fi 連線，電信業者將無法識別門號。請關閉 Wi-Fi、開啟 4G/5G 行動網路後再點選開始驗證。",
            "Your phone is on Wi-Fi, so the carrier cannot identify your number. Turn Wi-Fi off and mobile data (4G/5G) on before you start.";
        InAppWarning = "您正在 App 內建瀏覽器中開啟此頁面，可能無法保留綁定。請改用手機的預設瀏覽器（Safari 或 Chrome）開啟。App：",
            "This page is open inside an app's built-in browser, which may not keep the binding. Open it in your phone's own browser (Safari or Chrome) instead. App: ";
        GoBackToComputer = "請回到您的電腦確認認證結果。", "Go back to your computer to see the result.";
        VerifySuccessPhone = "手機驗證成功。", "Your phone was verified.";
        ReapplyOnComputer = "請在電腦上按「重新申請行動認證」重新申請。", "On your computer, choose “Apply again”.";
        WelcomeHeading = "成功登入 e 化服務系統", "You are logged in to the e-Service System";
        WelcomeIntro = "請下拉閱讀完成後可開始使用系統。", "Scroll through the notice to its end, then you can start.";
        SituationIdNotCitizen = "使用居留證號", "Resident certificate number";
        SituationWifi = "手機使用 Wi-Fi", "Phone on Wi-Fi";
        SituationRoaming = "在國外漫遊", "Roaming abroad";
        SituationNotHolder = "門號不是本人申辦", "Number not in your name";
        SituationPrepaid = "預付卡", "Prepaid card";
        SituationFamilyCard = "親子卡", "Family plan";
        SituationMvno = "虛擬行動網路業者門號", "Virtual operator number";
        SituationEnterprise = "企業戶門號", "Company number";
        SituationCarrierMismatch = "選錯電信業者", "Wrong carrier chosen";
        SituationDataMismatch = "資料與電信業者不符", "Details do not match the carrier";
        SituationCarrierUnavailable = "電信業者暫時無回應", "Carrier not responding";
        SituationExpired = "QRcode 逾時", "QR code expired";
        SituationNotBound = "更換瀏覽器或手機", "New browser or phone";
        ListSeparator = "、", ", ";
        FaqWifiQ = "為什麼要關閉 Wi-Fi？", "Why turn off Wi-Fi?";
        FaqWifiA = "電信業者透過行動網路識別您的門號，使用 Wi-Fi 時無法識別。請關閉 Wi-Fi、開啟 4G/5G 後再驗證。",
            "The carrier identifies your number through its mobile network; on Wi-Fi it cannot. Turn Wi-Fi off and 4G/5G on, then verify.";
        FaqNewBrowserQ = "換了瀏覽器或手機怎麼辦？", "I changed browser or phone.";
        FaqNewBrowserA = "行動電話認證綁定於申請時的裝置及瀏覽器，請以新的裝置重新申請。",
            "The credential is bound to the device and browser you applied with: apply again on the new one.";
        FaqPasswordQ = "忘記憑證密碼怎麼辦？", "I forgot the password.";
        FaqPasswordA = "請重新申請行動電話認證並設定新的憑證密碼。",
            "Apply again and set a new credential password.";
        FaqQrExpiredQ = "QRcode 過期了？", "The QR code expired.";
        FaqQrExpiredA = "請在電腦上按「重新產生QRCode」，再用手機掃描。",
            "Choose “New QR code” on the computer and scan again.";
        FaqPrepaidQ = "可以用預付卡或親子卡嗎？", "Can I use a prepaid or family card?";
        FaqPrepaidA = "不行，僅限本人名下的月租型門號。",
            "No: only a monthly-plan number in your own name.";
        Notice1 = "一、行動電話認證登入後，提供勞工保險、就業保險及勞工職業災害保險之個人資料查詢功能。若需進行申辦作業，請以自然人憑證等其他方式登入。",
            "1. After logging in with mobile phone authentication you can look up your own labor insurance, employment insurance and occupational accident insurance records. To apply for anything, log in with another method such as the citizen digital certificate.";
        Notice2 = "二、本系統所提供之資料僅供參考，如需正式證明文件，請向勞保局申請。",
            "2. The information shown is for reference only; for an official certificate, apply to the Bureau of Labor Insurance.";
        Notice3 = "三、請妥善保管您的憑證密碼，勿告知他人。若忘記密碼，請重新申請行動電話認證。",
            "3. Keep your credential password to yourself. If you forget it, apply for mobile phone authentication again.";
        Notice4 = "四、行動電話認證綁定於申請時使用之裝置及瀏覽器。更換瀏覽器或手機時，請重新申請。",
            "4. The credential is bound to the device and browser you applied with. After changing browser or phone, apply again.";
        Notice5 = "五、為保護您的個人資料，閒置一段時間後系統將自動登出；使用完畢請點選「登出」並關閉瀏覽器。",
            "5. To protect your data you are logged out after a period of inactivity; when you finish, choose “Log out” and close the browser.";
        Notice6 = "六、於公用電腦使用後，請清除瀏覽器資料，以免個人資料外洩。",
            "6. On a shared computer, clear the browser data after use.";
        NoticeName = "使用須知", "Notice";
        NoticeEnd = "（使用須知結束）", "(End of the notice)";
        NoticeUnread = "請先閱讀使用須知至最後", "Read the notice to its end first";
        StartUsing = "開始使用", "Start";
        LoginTip = "註冊成功後，下一次登入僅需驗證四個欄位", "After registering, you only need these four fields to log in next time";
        LoginPassword = "憑證密碼", "Credential password";
        HomeHeading = "查詢服務", "Query services";
        Welcome = "您好，", "Hello, ";
        Logout = "登出", "Log out";
        SessionLeft = "登入剩餘時間：", "Session time left: ";
        SessionWarning = "您的登入即將逾時。若要繼續使用，請按「延長登入時間」。", "Your session is about to end. To keep using the service, choose “Stay logged in”.";
        ExtendSession = "延長登入時間", "Stay logged in";
        LoggedOut = "您已登出。", "You have logged out.";
        RecordsEmpty = "查無投保資料。", "No records found.";
        Back = "返回", "Back";
        HelpGuideTitle = "問題導引", "Problem guide";
        HelpFaqTitle = "行動電話認證常見問題", "Mobile phone authentication FAQ";
        MoreHelp = "更多說明（TWCA 行動電話認證 Q&A，另開新視窗）", "More help (TWCA mobile ID Q&A, opens a new window)";
        ErrorsHeading = "各種錯誤與處理方式", "Each error and what to do";
        StepChanged = "目前步驟：", "Current step: ";
        Print = "列印", "Print";
        // Issue 9 (accessibility): appended.
        BirthHintRoc = "民國00年1月1日 請輸入0000101（民國年，瀏覽器的自動填入生日為西元日期，故不提供）",
            "ROC date as 7 digits: 1 Jan of ROC year 0 is 0000101 (browser autofill of birthdays uses AD dates, so it is not offered)";
        CaptchaHintAudio = "(不分大小寫；看不清楚可按「語音播放」聽取)", "(not case-sensitive; if you cannot see it, choose “Play audio”)";
        CaptchaAudio = "語音播放", "Play audio";
        CaptchaAudioOther = "以英語播放", "Play in Mandarin";
        CaptchaAudioFailed = "無法播放語音，請按「重新產生驗證碼」後再試", "The audio could not be played: choose “New code” and try again";
        A11yLink = "無障礙聲明", "Accessibility statement";
        HelpNav = "行動電話認證說明", "Help with mobile phone authentication";
        FooterNav = "說明與網站資訊", "Help and about this site";
        FooterFaq = "常見問題", "FAQ";
        A11yTitle = "無障礙聲明", "Accessibility statement";
        A11yIntro = "本服務希望每一位民眾都能自行完成行動電話認證，包括使用螢幕報讀軟體、鍵盤、放大或高對比模式的使用者。",
            "We want everyone to be able to complete mobile phone authentication on their own, including people who use a screen reader, only a keyboard, magnification or high-contrast modes.";
        A11yStandardHeading = "遵循的標準", "Standard followed";
        A11yStandard = "本服務以數位發展部「網站無障礙檢測規範」115.11 版（2026 年 11 月 30 日施行）最高的 AAA 等級為目標設計與測試，並符合 WCAG 2.2 AA 等級。",
            "This service is designed and tested to the highest level, AAA, of the Ministry of Digital Affairs' Web Accessibility Guidelines, revision 115.11 (in force since 30 November 2026), and meets WCAG 2.2 level AA.";
        A11yKeysHeading = "快速鍵（導盲磚）", "Access keys";
        A11yKeys = "每頁的上方、中央內容及下方區塊開頭各有一個「:::」導盲磚，可用快速鍵直接移到該區塊：Alt+U 上方功能區塊、Alt+C 中央內容區塊、Alt+Z 下方功能區塊（Firefox 為 Shift+Alt，macOS 為 Control+Option）。本服務嵌入其他網站時，沿用該網站的快速鍵。",
            "Each page's header, main content and footer start with a “:::” marker that an access key moves you to: Alt+U the header, Alt+C the main content, Alt+Z the footer (Shift+Alt in Firefox, Control+Option on macOS). When this service is part of another site's page, that site's access keys apply.";
        A11yTestedHeading = "測試範圍與方式", "What we tested and how";
        A11yTested1 = "每個畫面與狀態在淺色、深色及強制色彩（Windows 高對比）模式下以 axe-core 自動檢測 WCAG 2.0–2.2 A/AA；說明連結與頁尾以導覽區標示，身分證號與密碼欄位可由密碼管理工具填入。",
            "Every screen and state is checked automatically with axe-core for WCAG 2.0–2.2 A and AA, in light, dark and forced-colours (Windows high contrast) modes; help links and the footer are navigation landmarks, and password managers can fill the ID and password fields.";
        A11yTested2 = "在 320 CSS 像素寬及 400% 縮放下，每個步驟皆無水平捲動；文字間距加大時內容不被截斷。",
            "At 320 CSS pixels wide and at 400% zoom every step works without horizontal scrolling; larger text spacing clips nothing.";
        A11yTested3 = "僅用鍵盤完成整個申請流程，並以瀏覽器的無障礙樹逐步檢查每個畫面的名稱、角色與狀態訊息。",
            "The whole enrolment was completed with a keyboard only, and each step was read through the browser's accessibility tree (names, roles and status messages).";
        A11yTested4 = "驗證碼除圖片外提供中文及英語語音；QR code 的有效時間每分鐘及最後 30 秒以不打斷的方式告知，可一鍵重新產生。",
            "Besides the picture, the captcha can be heard in Mandarin and English; the QR code's time left is announced politely each minute and at 30 seconds, and a new code is one button away.";
        A11yLimitsHeading = "已知限制", "Known limitations";
        A11yLimit1 = "語音驗證碼由語音合成產生，字母以英文字母唸出，部分字母（如 B 與 D）聽起來相近，可重播或重新產生驗證碼。",
            "The spoken captcha is synthesised; letters are read by their English names and some (such as B and D) sound alike: play it again or get a new code.";
        A11yLimit2 = "以 QR code 驗證需要另一支手機的相機；無法掃描時，可在手機瀏覽器輸入畫面上的網址。",
            "Verifying by QR code needs a second device with a camera; if you cannot scan, type the address shown under the code into your phone's browser.";
        A11yLimit3 = "尚未以實體螢幕報讀軟體（NVDA、VoiceOver）完成完整測試；目前的檢查使用瀏覽器的無障礙樹。",
            "The service has not yet been tested end to end with NVDA or VoiceOver; checks so far use the browser's accessibility tree.";
        A11yReportHeading = "回報問題", "Report a problem";
        A11yReport = "若您在使用時遇到無障礙問題，請聯絡勞保局客服專線 (02)2396-1266，或至勞保局網站「意見信箱」留言，並說明使用的裝置、瀏覽器與輔助科技及發生問題的步驟。",
            "If something is hard to use, call the BLI helpdesk on (02) 2396-1266 or write through the BLI website's feedback form, saying which device, browser and assistive technology you use and at which step it happened.";
        A11yReportNoData = "請勿在留言中提供身分證號、密碼或驗證碼。", "Do not include your ID number, password or any code in your message.";
        // Issue 8 (records): appended.
        QueryFunctions = "查詢功能", "What you can look up";
        QueryOnlyNote = "以行動電話登入僅提供查詢功能：以下各項皆為唯讀，不會申辦或異動任何資料。若需申辦，請以其他方式登入。",
            "Logging in with a mobile phone gives query functions only: each one below is read-only and changes nothing. To apply for anything, log in another way.";
        ReadOnly = "唯讀", "Read-only";
        RecordsQuery = "投保資料查詢", "Insurance enrollment records";
        RecordsQueryDesc = "本人的勞工保險、就業保險及勞工職業災害保險投保資料：投保單位、保險證號、投保薪資、加保及退保日期。可依期間與保險別篩選，並下載 CSV 或列印。",
            "Your labor, employment and occupational accident insurance enrollments: employer, insurance number, insured salary, start and end dates. Filter by period and insurance, then download a CSV or print.";
        OpenRecords = "查詢投保資料", "View my records";
        RecordsReadOnly = "唯讀查詢：本頁只顯示資料，不會異動您的投保資料。", "Read-only: this page only shows your records and changes nothing.";
        FilterLegend = "查詢條件", "Filter";
        PeriodFrom = "期間起日", "Period from";
        PeriodTo = "期間迄日", "Period to";
        PeriodFromHint = "民國年（例：112）或民國日期（例：1120501）；空白表示不限", "An ROC year (like 112) or an ROC date (like 1120501); leave empty for no limit";
        PeriodToHint = "民國年（例：113）或民國日期（例：1131231）；空白表示不限", "An ROC year (like 113) or an ROC date (like 1131231); leave empty for no limit";
        InsuranceKind = "保險別", "Insurance";
        AllInsurances = "全部", "All";
        Query = "查詢", "Search";
        ResetFilter = "清除條件", "Clear the filter";
        MatchCount = "符合條件的投保資料：", "Matching records: ";
        CountUnit = " 筆", "";
        RecordsNoMatch = "沒有符合條件的投保資料。請放寬期間或改選「全部」保險別。", "No records match. Widen the period or choose “All” insurances.";
        DownloadCsv = "下載 CSV", "Download CSV";
        PrintRecords = "列印／另存 PDF", "Print / save as PDF";
        DownloadNote = "檔案在您的瀏覽器中產生，不會傳送到其他地方。", "The file is made in your browser and sent nowhere.";
        Downloaded = "已下載：", "Downloaded: ";
        BackToQueries = "返回查詢服務", "Back to query services";
        PrintTitle = "勞工保險、就業保險及勞工職業災害保險投保資料", "Labor, employment and occupational accident insurance records";
        QueryDate = "查詢日期", "Query date";
        PrintName = "姓名", "Name";
        FilterShown = "查詢條件", "Filter";
        PeriodAny = "全部期間", "Any date";
        PeriodUntil = " 至 ", " to ";
        RecordsCaption = "投保資料（新到舊）", "Records, newest first";
        SessionEndsNote = "閒置逾時會自動登出並回到登入頁，需重新登入後再查詢。", "If the session times out you are logged out and taken back to the login page; log in again to continue.";
        OfflineTitle = "目前沒有網路連線", "You are offline";
        OfflineBody = "您輸入的資料會保留在此頁面。需要連線的按鈕（例如「驗證」、「送出」）暫停使用，恢復連線後即可繼續。", "What you typed stays on this page. Buttons that need the connection (such as Verify and Submit) are paused until you are back online; then carry on.";
        UpdateRegion = "新版本", "New version";
        UpdateReady = "新版本已可使用，", "A new version is available. ";
        UpdateReload = "重新整理", "Reload";
        // Issue 19 (binding): appended.
        BindingLostTitle = "此瀏覽器已不再保有行動電話認證綁定", "This browser no longer holds a mobile phone authentication binding";
        BindingNotRecognisedTitle = "此瀏覽器的行動電話認證綁定對這個身分證號已無效", "This browser's mobile phone authentication binding is not valid for this ID";
        BindingKeyDeleted = "此瀏覽器曾完成綁定，但瀏覽器已刪除保存的登入金鑰，只留下綁定紀錄（例如清除了網站資料，或瀏覽器為騰出儲存空間自動清理）。沒有金鑰就無法登入，剩下的紀錄已一併移除。",
            "This browser was bound, but it has deleted the sign-in key it kept and left only the record of the binding (for example, site data was cleared, or the browser freed up storage space on its own). Without the key you cannot log in; the leftover record has been removed.";
        BindingIdDeleted = "此瀏覽器曾完成綁定，但瀏覽器已刪除綁定紀錄，只留下登入金鑰（例如清除了部分網站資料）。這把金鑰無法再使用，已一併移除。",
            "This browser was bound, but it has deleted the record of the binding and left only the sign-in key (for example, part of the site data was cleared). That key can no longer be used and has been removed.";
        BindingCleared = "此瀏覽器曾完成行動電話認證，但綁定已不在。可能的原因：清除了瀏覽器資料、在 Safari 中 7 天沒有開啟本服務、瀏覽器為騰出儲存空間自動清理，或已在其他瀏覽器或手機重新申請。",
            "Mobile phone authentication was completed in this browser before, but the binding is gone. Possible reasons: the browser's data was cleared, the service was not opened in Safari for 7 days, the browser freed up storage space on its own, or you applied again in another browser or on another phone.";
        BindingNotRecognised = "此瀏覽器保存著一組綁定，但系統不認得它屬於這個身分證號。最常見的原因是已在其他瀏覽器或手機重新申請（每個身分證號只保留最後申請的那一組綁定）；也可能是系統端已取消綁定，或此瀏覽器的綁定屬於其他人的身分證號。",
            "This browser holds a binding, but the service does not recognise it for this ID. Most often you applied again in another browser or on another phone (each ID keeps only its latest binding); the service may also have cancelled the binding, or the binding in this browser belongs to someone else's ID.";
        BindingFix = "請重新申請行動電話認證，完成後即可再以此瀏覽器登入；您輸入的身分證號會保留。綁定會改到此瀏覽器，其他瀏覽器或手機上的綁定將失效。",
            "Apply again for mobile phone authentication; afterwards you can log in with this browser again. The ID you entered is kept. The binding moves to this browser, and any binding in another browser or phone stops working.";
        ReapplyBinding = "重新申請行動電話認證", "Apply again for mobile phone authentication";
        BindingHeading = "此瀏覽器的綁定", "The binding in this browser";
        BindingKept = "此瀏覽器會保留您的行動電話認證綁定：除非您自行清除瀏覽器資料，下次只需輸入四個欄位即可登入。",
            "This browser will keep your mobile phone authentication binding: unless you clear the browser's data yourself, next time you only need the four fields to log in.";
        BindingMayBeCleared = "此瀏覽器沒有承諾保留本服務的資料：儲存空間不足時，或依瀏覽器的清理設定，綁定可能被刪除，屆時需重新申請。為避免此情形：請勿清除本網站的資料（或將本網站設為不自動清除 Cookie 與網站資料的例外），並將本服務加入書籤或安裝為應用程式；經常使用也有助於瀏覽器保留。",
            "This browser has not promised to keep this service's data: when storage runs low, or under the browser's clean-up settings, the binding may be deleted, and you would have to apply again. To avoid that, do not clear this site's data (or make it an exception to automatic clearing of cookies and site data), and bookmark the service or install it as an app; using it regularly also helps the browser keep it.";
        BindingSafari = "在 Safari 中，若 7 天沒有開啟本服務，Safari 會刪除本服務的資料（包括此綁定），之後需重新申請。請至少每週開啟一次；在 iPhone 或 iPad 上，將本服務加入主畫面並從主畫面開啟，綁定就能長久保留。",
            "In Safari, if the service is not opened for 7 days, Safari deletes its data (including this binding), and you would have to apply again. Open it at least once a week; on an iPhone or iPad, add the service to your Home Screen and open it from there so the binding lasts.";
        HomeScreenTitle = "將本服務加入主畫面，讓綁定長久保留", "Add the service to your Home Screen so the binding lasts";
        HomeScreenWhy = "Safari 會刪除 7 天沒有開啟的網站資料，包括此瀏覽器的行動電話認證綁定。從主畫面開啟的本服務不受此限制，綁定會一直保留。",
            "Safari deletes the data of sites not opened for 7 days, including this browser's mobile phone authentication binding. The service opened from your Home Screen is not subject to this, so its binding lasts.";
        HomeScreenHow = "做法：點選 Safari 的「分享」按鈕，選擇「加入主畫面」，之後從主畫面的「行動電話認證」圖示開啟本服務。",
            "How: tap Safari's Share button, choose “Add to Home Screen”, then open the service from the “行動電話認證” icon on your Home Screen.";
        HomeScreenOnce = "主畫面的圖示與 Safari 分開保存資料：第一次從圖示開啟時，需在其中再申請一次行動電話認證，之後請都從圖示開啟。",
            "The Home Screen icon keeps its data apart from Safari: the first time you open it from the icon, apply once more there; after that, always open the service from the icon.";
        HomeScreenDismiss = "知道了，不再顯示", "Got it, don't show this again";
    } kept_in_english {
        // Shown before the English table is there: while it loads, and when it cannot.
        Loading = "載入中…", "Loading…";
        Retry = "重試", "Try again";
        EnglishUnavailable = "無法載入英文版，請確認網路連線後再按「English」一次。",
            "The English version could not be loaded: check your connection and choose “English” again.";
    }
}

/// The current language, provided by the app.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::ZhTw))
}

/// A reactive string: re-renders when the language changes.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || key.get(lang.get())
}

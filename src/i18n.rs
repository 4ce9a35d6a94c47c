//! Every UI string of the SPA in zh-TW (the manual's words, verbatim where the manual has them)
//! and English. Field labels and error messages are not here: they live once in the core crate
//! (`Field::label`, `ErrorCode::message`).

use leptos::prelude::*;
use mobile_auth_core::Lang;

macro_rules! texts {
    ($( $key:ident = $zh:literal, $en:literal; )*) => {
        /// A UI string; `get` gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $( $key, )* }

        impl T {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (T::$key, Lang::ZhTw) => $zh, (T::$key, Lang::En) => $en, )*
                }
            }
        }
    };
}

texts! {
    SiteName = "勞保局e化服務系統", "BLI e-Service System";
    PersonalLogin = "個人登入", "Personal login";
    SkipToContent = "跳到主要內容", "Skip to main content";
    SwitchLanguage = "English", "中文";
    SwitchLanguageLabel = "Switch to English", "切換為中文";
    Loading = "載入中…", "Loading…";
    ConfigBroken = "無法載入系統設定（config.json），請稍後重新整理頁面。若問題持續，請聯絡勞保局客服。",
        "The service settings (config.json) could not be loaded. Reload the page in a few minutes; if it keeps happening, contact the BLI helpdesk.";
    BackendUnreachable = "無法取得服務設定，請檢查網路連線後重試。", "Could not load the service settings: check your connection and try again.";
    Retry = "重試", "Try again";
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
    QrExpired = "驗證有效時間已過。請按「重新產生QRCode」再掃描一次。", "The time to verify has run out. Choose “New QR code” and scan again.";
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
    RecordsHeading = "勞保投保資料", "Labor insurance records";
    RecordsEmpty = "查無投保資料。", "No records found.";
    ColEmployer = "投保單位名稱", "Employer";
    ColEmployerNo = "保險證號", "Insurance number";
    ColSalary = "投保薪資", "Insured salary";
    ColStart = "加保日期", "Enrolled on";
    ColEnd = "退保日期", "Withdrawn on";
    StillEnrolled = "—（在保中）", "— (still enrolled)";
    Back = "返回", "Back";
    HelpGuideTitle = "問題導引", "Problem guide";
    HelpFaqTitle = "行動電話認證常見問題", "Mobile phone authentication FAQ";
    MoreHelp = "更多說明（TWCA 行動電話認證 Q&A，另開新視窗）", "More help (TWCA mobile ID Q&A, opens a new window)";
    ErrorsHeading = "各種錯誤與處理方式", "Each error and what to do";
    StepChanged = "目前步驟：", "Current step: ";
    Print = "列印", "Print";
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

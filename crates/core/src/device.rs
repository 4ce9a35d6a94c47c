//! Which device the user is on, and therefore which verification path to offer. The carrier can
//! only identify a number over its own mobile data, so a phone verifies directly, while a computer
//! shows a QR code for the phone to scan. A tablet goes either way, depending on its SIM.
//!
//! The browser's signals are gathered by the SPA into [`DeviceSignals`]; the decision is here so
//! it can be tested against real user-agent strings without a browser.
//!
//! Order of trust: User-Agent Client Hints (when present and not contradicted by the UA string),
//! then UA tokens, then pointer and screen size. Each step exists for a known trap:
//! * iPadOS Safari sends a Macintosh UA by default; only its touch points give it away.
//! * Chrome on Android tablets drops "Mobile" from the UA and reports `mobile: false`.
//! * Playwright and other tools override the UA string but not the client hints, which then
//!   describe the host machine; a UA naming a mobile OS wins over hints naming a desktop one.
//! * In-app browsers (LINE, Facebook, Instagram) wrap the system web view, so the device tokens
//!   are still in their UA; they are classified by those, and reported separately.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Screens whose shorter side is at least this many CSS pixels are tablet-sized; every phone
/// (foldables folded) is narrower.
pub const TABLET_MIN_SHORT_SIDE: u32 = 600;

/// The kind of device the flow is running on; on the wire by `as_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum DeviceKind {
    Desktop,
    Tablet,
    Phone,
}

serde_by_name!(DeviceKind, "device kind", as_str, parse);

impl DeviceKind {
    pub const ALL: [DeviceKind; 3] = [DeviceKind::Desktop, DeviceKind::Tablet, DeviceKind::Phone];

    /// The contract's name: `desktop`, `tablet` or `phone`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Desktop => "desktop",
            DeviceKind::Tablet => "tablet",
            DeviceKind::Phone => "phone",
        }
    }

    pub fn parse(name: &str) -> Option<DeviceKind> {
        DeviceKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The word for the device in running text: 電腦 / 平板電腦 / 手機.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DeviceKind::Desktop, Lang::ZhTw) => "電腦",
            (DeviceKind::Tablet, Lang::ZhTw) => "平板電腦",
            (DeviceKind::Phone, Lang::ZhTw) => "手機",
            (DeviceKind::Desktop, Lang::En) => "computer",
            (DeviceKind::Tablet, Lang::En) => "tablet",
            (DeviceKind::Phone, Lang::En) => "phone",
        }
    }
}

/// What the browser tells about itself; every field may be missing (empty, `None` or 0).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeviceSignals {
    /// `navigator.userAgent`.
    pub user_agent: String,
    /// `navigator.userAgentData.mobile` (Chromium browsers only).
    pub ch_mobile: Option<bool>,
    /// `navigator.userAgentData.platform`: "Android", "Windows", "macOS", "Linux", "Chrome OS"…
    pub ch_platform: Option<String>,
    /// `navigator.maxTouchPoints`.
    pub max_touch_points: u32,
    /// `matchMedia("(pointer: coarse)").matches`: the primary pointer is a finger.
    pub coarse_pointer: bool,
    /// `min(screen.width, screen.height)` in CSS pixels.
    pub screen_short_side: u32,
    /// `max(screen.width, screen.height)` in CSS pixels.
    pub screen_long_side: u32,
}

/// Classifies the device from the browser's signals.
pub fn detect_device(s: &DeviceSignals) -> DeviceKind {
    from_client_hints(s)
        .or_else(|| from_user_agent(s))
        .unwrap_or_else(|| tie_break(s))
}

fn tablet_sized(s: &DeviceSignals) -> bool {
    s.screen_short_side >= TABLET_MIN_SHORT_SIDE
}

/// A touch device whose UA does not say what it is: phone-sized screens are phones, anything
/// else (including an unknown screen) a tablet.
fn touch_by_screen(s: &DeviceSignals) -> DeviceKind {
    if s.screen_short_side > 0 && !tablet_sized(s) {
        DeviceKind::Phone
    } else {
        DeviceKind::Tablet
    }
}

/// A desktop OS: a desktop, unless its primary pointer is a finger on a multi-touch screen
/// (Windows tablet mode, a detached Chromebook, or a phone asking for the desktop site).
fn desktop_class(s: &DeviceSignals) -> DeviceKind {
    if s.coarse_pointer && s.max_touch_points > 1 {
        touch_by_screen(s)
    } else {
        DeviceKind::Desktop
    }
}

fn ua_names_mobile_os(ua: &str) -> bool {
    ["iPhone", "iPad", "iPod", "Android", "Windows Phone"]
        .iter()
        .any(|t| ua.contains(t))
}

fn ua_says_tablet(ua: &str) -> bool {
    ["iPad", "Tablet", "PlayBook", "Silk/", "Kindle"]
        .iter()
        .any(|t| ua.contains(t))
}

fn from_client_hints(s: &DeviceSignals) -> Option<DeviceKind> {
    let mobile = s.ch_mobile?;
    if mobile {
        let tablet = ua_says_tablet(&s.user_agent) || tablet_sized(s);
        return Some(if tablet {
            DeviceKind::Tablet
        } else {
            DeviceKind::Phone
        });
    }
    match s.ch_platform.as_deref().map(str::trim).unwrap_or("") {
        "Android" => Some(DeviceKind::Tablet),
        "Windows" | "macOS" | "Linux" | "Chrome OS" | "Chromium OS"
            if !ua_names_mobile_os(&s.user_agent) =>
        {
            Some(desktop_class(s))
        }
        // Empty (UA overridden without hints), "Unknown", or contradicted by the UA string.
        _ => None,
    }
}

fn from_user_agent(s: &DeviceSignals) -> Option<DeviceKind> {
    let ua = s.user_agent.as_str();
    let has = |t: &str| ua.contains(t);
    // Order matters: iPad UAs contain "Mobile/", Windows Phone UAs contain "Android", and
    // Android UAs contain "Linux".
    let kind = if has("iPhone") || has("iPod") {
        DeviceKind::Phone
    } else if has("iPad") {
        DeviceKind::Tablet
    } else if has("Windows Phone") {
        DeviceKind::Phone
    } else if has("Android") {
        // Same rule as the `mobile` client hint, so a device is classified alike with and
        // without hints: "Mobile" means a phone unless the screen is tablet-sized.
        if has("Mobile") && !tablet_sized(s) {
            DeviceKind::Phone
        } else {
            DeviceKind::Tablet
        }
    } else if has("Macintosh") && s.max_touch_points > 1 {
        // No Mac has a touch screen: this is iPadOS (or an iPhone) asking for the desktop site.
        touch_by_screen(s)
    } else if ua_says_tablet(ua) {
        DeviceKind::Tablet
    } else if has("Mobi") {
        DeviceKind::Phone
    } else if ["Windows NT", "Macintosh", "X11", "Linux", "CrOS"]
        .iter()
        .any(|t| has(t))
    {
        desktop_class(s)
    } else {
        return None;
    };
    Some(kind)
}

/// Nothing recognisable: judge by how the user points. An unknown screen with a coarse pointer
/// counts as a phone, the commonest touch-only device.
fn tie_break(s: &DeviceSignals) -> DeviceKind {
    if !s.coarse_pointer {
        DeviceKind::Desktop
    } else if tablet_sized(s) {
        DeviceKind::Tablet
    } else {
        DeviceKind::Phone
    }
}

/// An app's built-in browser. They matter because they may not share cookies or storage with
/// the system browser, so the SPA can suggest opening the page there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InAppBrowser {
    Line,
    Facebook,
    Instagram,
}

impl InAppBrowser {
    /// The app's name as its users know it.
    pub fn name(self) -> &'static str {
        match self {
            InAppBrowser::Line => "LINE",
            InAppBrowser::Facebook => "Facebook",
            InAppBrowser::Instagram => "Instagram",
        }
    }
}

/// Whether `token` occurs in `ua` at the start of a word (so "Line/" does not match "Outline/").
fn has_token(ua: &str, token: &str) -> bool {
    ua.match_indices(token).any(|(i, _)| {
        ua[..i]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_ascii_alphanumeric())
    })
}

/// Which in-app browser the UA string belongs to, if any.
pub fn in_app_browser(ua: &str) -> Option<InAppBrowser> {
    // Instagram first: Meta's apps share code, and an Instagram UA may carry Facebook tokens.
    if has_token(ua, "Instagram") {
        Some(InAppBrowser::Instagram)
    } else if has_token(ua, "FBAN/") || has_token(ua, "FBAV/") || has_token(ua, "FB_IAB/") {
        Some(InAppBrowser::Facebook)
    } else if has_token(ua, "Line/") {
        Some(InAppBrowser::Line)
    } else {
        None
    }
}

/// Safari itself (not another browser, nor an app's built-in web view), where its storage rules
/// matter: Safari deletes a site's script-written data (localStorage, IndexedDB) after 7 days of
/// use without a visit, unless the site runs as a home-screen web app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safari {
    /// iPhone, iPod touch or iPad, including iPadOS asking for the desktop site (a Mac UA with a
    /// touch screen): the service can be added to the home screen.
    Ios,
    /// Safari on a Mac.
    Mac,
}

/// Which Safari the UA string belongs to, if any. Other iOS browsers (Chrome, Firefox, Edge,
/// Opera, DuckDuckGo, the Google app) and in-app browsers name themselves or lack Safari's
/// `Version/` token; a browser that copies Safari's UA exactly is counted as Safari.
pub fn safari(ua: &str, max_touch_points: u32) -> Option<Safari> {
    let others = [
        "CriOS/",
        "FxiOS/",
        "EdgiOS/",
        "OPiOS/",
        "OPT/",
        "GSA/",
        "DuckDuckGo/",
        "YaBrowser/",
        "Chrome/",
        "Chromium/",
        "Firefox/",
        "Edg/",
    ];
    if !ua.contains("Version/")
        || !ua.contains("Safari/")
        || others.iter().any(|t| ua.contains(t))
        || in_app_browser(ua).is_some()
    {
        return None;
    }
    if ["iPhone", "iPod", "iPad"].iter().any(|t| ua.contains(t)) {
        Some(Safari::Ios)
    } else if ua.contains("Macintosh") {
        // No Mac has a touch screen: touch points mean iPadOS asking for the desktop site.
        Some(if max_touch_points > 1 {
            Safari::Ios
        } else {
            Safari::Mac
        })
    } else {
        None
    }
}

/// How the user will verify: on this device, or by scanning a QR code with their phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyPath {
    Qr,
    Direct,
}

/// Picks the path: phones verify directly, computers by QR code, and a tablet directly only when
/// the user says it has a SIM card (the carrier needs its mobile data connection).
pub fn decide_path(kind: DeviceKind, has_sim: Option<bool>) -> VerifyPath {
    match (kind, has_sim) {
        (DeviceKind::Phone, _) | (DeviceKind::Tablet, Some(true)) => VerifyPath::Direct,
        (DeviceKind::Desktop, _) | (DeviceKind::Tablet, _) => VerifyPath::Qr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use DeviceKind::*;

    /// Touch screen with a finger as the primary pointer.
    fn touch(ua: &str, short: u32, long: u32) -> DeviceSignals {
        DeviceSignals {
            user_agent: ua.into(),
            max_touch_points: 5,
            coarse_pointer: true,
            screen_short_side: short,
            screen_long_side: long,
            ..Default::default()
        }
    }

    /// Mouse or trackpad, no touch screen.
    fn desk(ua: &str) -> DeviceSignals {
        DeviceSignals {
            user_agent: ua.into(),
            screen_short_side: 1080,
            screen_long_side: 1920,
            ..Default::default()
        }
    }

    fn hints(mut s: DeviceSignals, mobile: bool, platform: &str) -> DeviceSignals {
        s.ch_mobile = Some(mobile);
        s.ch_platform = Some(platform.into());
        s
    }

    // Real UA strings as browsers send them (collected from the browsers and vendor docs; version
    // numbers vary and do not matter to the rules).
    const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const IPHONE_CHROME: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1";
    const PIXEL_CHROME: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
    const PIXEL_CHROME_FULL: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36";
    const SAMSUNG_PHONE: &str = "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36";
    const SAMSUNG_TABLET: &str = "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Safari/537.36";
    const ANDROID_TABLET_CHROME: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const FIREFOX_ANDROID_PHONE: &str =
        "Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0";
    const FIREFOX_ANDROID_TABLET: &str =
        "Mozilla/5.0 (Android 14; Tablet; rv:127.0) Gecko/127.0 Firefox/127.0";
    const IPAD_CHROME: &str = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1";
    const IPAD_SAFARI_MOBILE_SITE: &str = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    // iPadOS Safari (and iPhone "Request Desktop Website") send the Mac UA.
    const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    const MAC_CHROME: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const WINDOWS_CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const WINDOWS_EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
    const LINUX_FIREFOX: &str =
        "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";
    const CHROMEOS: &str = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    const LINE_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0";
    const LINE_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Line/14.8.1/IAB";
    const LINE_IPAD: &str = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0";
    const FB_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/468.0.0.44.109;FBBV/615004588;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/zh_TW;FBOP/5;FBRV/617128029]";
    const FB_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/469.0.0.45.78;]";
    const IG_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Instagram 336.0.0.35.90 Android (34/14; 480dpi; 1080x2340; samsung; SM-S918B; dm3q; qcom; zh_TW; 614364385)";
    const IG_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 336.0.1.28.99 (iPhone15,2; iOS 17_5; zh_TW; zh-Hant; scale=3.00; 1179x2556; 612776093)";

    const IPHONE_FIREFOX: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15";
    const IPHONE_EDGE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/126.2592.56 Mobile/15E148 Safari/605.1.15";
    const IPHONE_DDG: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 DuckDuckGo/7 Safari/605.1.15";
    const IPHONE_GSA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/322.0.648915268 Mobile/15E148 Safari/604.1";

    // Playwright's device descriptors, exactly as `devices[...]` gives them in @playwright/test
    // 1.65.1 (the version in package.json). The version numbers change with each release; the
    // tokens the rules use do not.
    const PW_DESKTOP_CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Safari/537.36";
    const PW_DESKTOP_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/27.2 Safari/605.1.15";
    const PW_DESKTOP_FIREFOX: &str =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:159.0) Gecko/20100101 Firefox/159.0";
    const PW_IPHONE_13: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/27.2 Mobile/15E148 Safari/604.1";
    const PW_PIXEL_7: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Mobile Safari/537.36";
    // Shared by "iPad (gen 7)" and "iPad Pro 11".
    const PW_IPAD: &str = "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/27.2 Mobile/15E148 Safari/604.1";
    const PW_GALAXY_TAB_S4: &str = "Mozilla/5.0 (Linux; Android 8.1.0; SM-T837A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Safari/537.36";
    // Older descriptors (from Playwright's deviceDescriptorsSource.json) for rarer UA shapes.
    const PW_LUMIA_550: &str = "Mozilla/5.0 (Windows Phone 10.0; Android 4.2.1; Microsoft; Lumia 550) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/113.0.5672.53 Mobile Safari/537.36 Edge/14.14263";
    const PW_KINDLE: &str = "Mozilla/5.0 (Linux; U; en-us; KFAPWI Build/JDQ39) AppleWebKit/535.19 (KHTML, like Gecko) Silk/3.13 Safari/535.19 Silk-Accelerated=true";

    #[test]
    fn safari_is_told_from_other_browsers_and_in_app_views() {
        let table: &[(&str, &str, u32, Option<Safari>)] = &[
            ("iPhone Safari", IPHONE_SAFARI, 5, Some(Safari::Ios)),
            (
                "iPad Safari, mobile site",
                IPAD_SAFARI_MOBILE_SITE,
                5,
                Some(Safari::Ios),
            ),
            (
                "iPadOS Safari, desktop site",
                MAC_SAFARI,
                5,
                Some(Safari::Ios),
            ),
            ("Mac Safari", MAC_SAFARI, 0, Some(Safari::Mac)),
            ("Playwright iPhone 13", PW_IPHONE_13, 5, Some(Safari::Ios)),
            ("Playwright iPad", PW_IPAD, 5, Some(Safari::Ios)),
            (
                "Playwright desktop Safari",
                PW_DESKTOP_SAFARI,
                0,
                Some(Safari::Mac),
            ),
            ("iPhone Chrome", IPHONE_CHROME, 5, None),
            ("iPad Chrome", IPAD_CHROME, 5, None),
            ("iPhone Firefox", IPHONE_FIREFOX, 5, None),
            ("iPhone Edge", IPHONE_EDGE, 5, None),
            ("iPhone DuckDuckGo", IPHONE_DDG, 5, None),
            ("iPhone Google app", IPHONE_GSA, 5, None),
            ("LINE on iPhone", LINE_IPHONE, 5, None),
            ("LINE on iPad", LINE_IPAD, 5, None),
            ("Facebook on iPhone", FB_IPHONE, 5, None),
            ("Instagram on iPhone", IG_IPHONE, 5, None),
            ("Mac Chrome", MAC_CHROME, 0, None),
            ("Windows Chrome", WINDOWS_CHROME, 0, None),
            ("Android Chrome", PIXEL_CHROME_FULL, 5, None),
            ("Android Samsung", SAMSUNG_PHONE, 5, None),
            ("Linux Firefox", LINUX_FIREFOX, 0, None),
            ("Playwright desktop Chrome", PW_DESKTOP_CHROME, 0, None),
            ("Playwright Pixel 7", PW_PIXEL_7, 5, None),
            ("empty", "", 0, None),
        ];
        for (name, ua, touch, want) in table {
            assert_eq!(safari(ua, *touch), *want, "{name}");
        }
    }

    #[test]
    fn real_user_agents() {
        let table: &[(&str, DeviceSignals, DeviceKind)] = &[
            ("iPhone Safari", touch(IPHONE_SAFARI, 390, 844), Phone),
            ("iPhone Chrome", touch(IPHONE_CHROME, 390, 844), Phone),
            (
                "Pixel Chrome, reduced UA",
                touch(PIXEL_CHROME, 412, 915),
                Phone,
            ),
            (
                "Pixel Chrome, full UA",
                touch(PIXEL_CHROME_FULL, 412, 915),
                Phone,
            ),
            ("Samsung phone", touch(SAMSUNG_PHONE, 384, 832), Phone),
            ("Samsung tablet", touch(SAMSUNG_TABLET, 800, 1280), Tablet),
            (
                "Android tablet Chrome",
                touch(ANDROID_TABLET_CHROME, 800, 1280),
                Tablet,
            ),
            (
                "Firefox Android phone",
                touch(FIREFOX_ANDROID_PHONE, 412, 915),
                Phone,
            ),
            (
                "Firefox Android tablet",
                touch(FIREFOX_ANDROID_TABLET, 800, 1280),
                Tablet,
            ),
            ("iPad Chrome", touch(IPAD_CHROME, 820, 1180), Tablet),
            (
                "iPad Safari mobile site",
                touch(IPAD_SAFARI_MOBILE_SITE, 820, 1180),
                Tablet,
            ),
            ("iPadOS desktop mode", touch(MAC_SAFARI, 820, 1180), Tablet),
            (
                "iPhone requesting desktop site",
                touch(MAC_SAFARI, 390, 844),
                Phone,
            ),
            ("macOS Safari", desk(MAC_SAFARI), Desktop),
            ("macOS Chrome", desk(MAC_CHROME), Desktop),
            ("Windows Chrome", desk(WINDOWS_CHROME), Desktop),
            ("Windows Edge", desk(WINDOWS_EDGE), Desktop),
            ("Linux Firefox", desk(LINUX_FIREFOX), Desktop),
            ("ChromeOS", desk(CHROMEOS), Desktop),
            ("LINE on iPhone", touch(LINE_IPHONE, 390, 844), Phone),
            ("LINE on Android", touch(LINE_ANDROID, 384, 832), Phone),
            ("LINE on iPad", touch(LINE_IPAD, 820, 1180), Tablet),
            ("Facebook on iPhone", touch(FB_IPHONE, 393, 852), Phone),
            ("Facebook on Android", touch(FB_ANDROID, 412, 915), Phone),
            ("Instagram on Android", touch(IG_ANDROID, 384, 832), Phone),
            ("Instagram on iPhone", touch(IG_IPHONE, 393, 852), Phone),
            ("Windows Phone", touch(PW_LUMIA_550, 360, 640), Phone),
            ("Kindle Fire", touch(PW_KINDLE, 800, 1280), Tablet),
            // A touchscreen laptop: fine primary pointer, so still a computer.
            (
                "Windows touch laptop",
                DeviceSignals {
                    max_touch_points: 10,
                    ..desk(WINDOWS_CHROME)
                },
                Desktop,
            ),
            (
                "Windows tablet mode",
                touch(WINDOWS_EDGE, 912, 1368),
                Tablet,
            ),
        ];
        for (what, signals, want) in table {
            assert_eq!(detect_device(signals), *want, "{what}");
        }
    }

    #[test]
    fn playwright_devices() {
        // Screens and touch as Playwright emulates them; Chromium reports one touch point.
        let mut pixel7 = touch(PW_PIXEL_7, 412, 915);
        pixel7.max_touch_points = 1;
        let mut tab_s4 = touch(PW_GALAXY_TAB_S4, 712, 1138);
        tab_s4.max_touch_points = 1;
        let table: &[(&str, DeviceSignals, DeviceKind)] = &[
            ("Desktop Chrome", desk(PW_DESKTOP_CHROME), Desktop),
            ("Desktop Safari", desk(PW_DESKTOP_SAFARI), Desktop),
            ("Desktop Firefox", desk(PW_DESKTOP_FIREFOX), Desktop),
            ("iPhone 13", touch(PW_IPHONE_13, 390, 844), Phone),
            ("Pixel 7", pixel7.clone(), Phone),
            ("iPad (gen 7)", touch(PW_IPAD, 810, 1080), Tablet),
            ("iPad Pro 11", touch(PW_IPAD, 834, 1194), Tablet),
            ("Galaxy Tab S4", tab_s4.clone(), Tablet),
            // With a UA override Chromium either blanks the hints or leaves the host's; both
            // must leave the UA in charge.
            (
                "Pixel 7, blank hints",
                hints(pixel7.clone(), false, ""),
                Phone,
            ),
            ("Pixel 7, host hints", hints(pixel7, false, "Linux"), Phone),
            (
                "Galaxy Tab S4, host hints",
                hints(tab_s4, false, "Windows"),
                Tablet,
            ),
            (
                "Desktop Chrome, host hints",
                hints(desk(PW_DESKTOP_CHROME), false, "Linux"),
                Desktop,
            ),
        ];
        for (what, signals, want) in table {
            assert_eq!(detect_device(signals), *want, "{what}");
        }
    }

    #[test]
    fn client_hints() {
        // Chrome's reduced UA is the same on phones and tablets; the hints tell them apart.
        let cases: &[(&str, DeviceSignals, DeviceKind)] = &[
            (
                "Android phone",
                hints(touch(PIXEL_CHROME, 412, 915), true, "Android"),
                Phone,
            ),
            (
                "Android tablet",
                hints(touch(ANDROID_TABLET_CHROME, 800, 1280), false, "Android"),
                Tablet,
            ),
            (
                "mobile on a tablet-sized screen",
                hints(touch(PIXEL_CHROME, 800, 1280), true, "Android"),
                Tablet,
            ),
            (
                "Windows",
                hints(desk(WINDOWS_CHROME), false, "Windows"),
                Desktop,
            ),
            ("macOS", hints(desk(MAC_CHROME), false, "macOS"), Desktop),
            ("Linux", hints(desk(LINUX_FIREFOX), false, "Linux"), Desktop),
            (
                "Chrome OS",
                hints(desk(CHROMEOS), false, "Chrome OS"),
                Desktop,
            ),
            (
                "Chromebook tablet mode",
                hints(touch(CHROMEOS, 800, 1280), false, "Chrome OS"),
                Tablet,
            ),
            (
                "Windows tablet mode",
                hints(touch(WINDOWS_EDGE, 912, 1368), false, "Windows"),
                Tablet,
            ),
            // Hints win over a desktop UA: Android Chrome's "desktop site" sends an X11 UA.
            (
                "Android desktop site",
                hints(touch(LINUX_FIREFOX, 412, 915), true, "Android"),
                Phone,
            ),
            (
                "Unknown platform falls back to the UA",
                hints(touch(PIXEL_CHROME, 412, 915), false, "Unknown"),
                Phone,
            ),
        ];
        for (what, signals, want) in cases {
            assert_eq!(detect_device(signals), *want, "{what}");
        }
    }

    #[test]
    fn tie_breakers() {
        let unknown = |coarse: bool, short: u32| DeviceSignals {
            user_agent: "SomeBrowser/1.0".into(),
            coarse_pointer: coarse,
            max_touch_points: if coarse { 5 } else { 0 },
            screen_short_side: short,
            screen_long_side: short * 2,
            ..Default::default()
        };
        assert_eq!(detect_device(&unknown(true, 400)), Phone);
        assert_eq!(detect_device(&unknown(true, 599)), Phone);
        assert_eq!(detect_device(&unknown(true, 600)), Tablet);
        assert_eq!(detect_device(&unknown(false, 400)), Desktop);
        assert_eq!(detect_device(&unknown(false, 1080)), Desktop);
        assert_eq!(detect_device(&DeviceSignals::default()), Desktop);
    }

    #[test]
    fn in_app_browsers() {
        assert_eq!(in_app_browser(LINE_IPHONE), Some(InAppBrowser::Line));
        assert_eq!(in_app_browser(LINE_ANDROID), Some(InAppBrowser::Line));
        assert_eq!(in_app_browser(FB_IPHONE), Some(InAppBrowser::Facebook));
        assert_eq!(in_app_browser(FB_ANDROID), Some(InAppBrowser::Facebook));
        assert_eq!(in_app_browser(IG_ANDROID), Some(InAppBrowser::Instagram));
        assert_eq!(in_app_browser(IG_IPHONE), Some(InAppBrowser::Instagram));
        for ua in [
            IPHONE_SAFARI,
            PIXEL_CHROME,
            WINDOWS_EDGE,
            MAC_SAFARI,
            "Outline/1.0",
            "",
        ] {
            assert_eq!(in_app_browser(ua), None, "{ua}");
        }
        assert_eq!(InAppBrowser::Line.name(), "LINE");
    }

    #[test]
    fn paths() {
        use VerifyPath::*;
        for sim in [None, Some(true), Some(false)] {
            assert_eq!(decide_path(Desktop, sim), Qr);
            assert_eq!(decide_path(Phone, sim), Direct);
        }
        assert_eq!(decide_path(Tablet, Some(true)), Direct);
        assert_eq!(decide_path(Tablet, Some(false)), Qr);
        assert_eq!(decide_path(Tablet, None), Qr);
    }

    #[test]
    fn labels_and_serde() {
        assert_eq!(Tablet.label(Lang::ZhTw), "平板電腦");
        assert_eq!(Desktop.label(Lang::En), "computer");
        assert_eq!(serde_json::to_string(&Phone).unwrap(), "\"phone\"");
        assert_eq!(serde_json::to_string(&VerifyPath::Qr).unwrap(), "\"qr\"");
        let back: VerifyPath = serde_json::from_str("\"direct\"").unwrap();
        assert_eq!(back, VerifyPath::Direct);
    }

    proptest! {
        #[test]
        fn never_panics(
            ua in any::<String>(),
            mobile in any::<Option<bool>>(),
            platform in any::<Option<String>>(),
            touch_points in any::<u32>(),
            coarse in any::<bool>(),
            short in any::<u32>(),
            long in any::<u32>(),
        ) {
            let s = DeviceSignals {
                user_agent: ua.clone(),
                ch_mobile: mobile,
                ch_platform: platform,
                max_touch_points: touch_points,
                coarse_pointer: coarse,
                screen_short_side: short,
                screen_long_side: long,
            };
            let _ = detect_device(&s);
            let _ = in_app_browser(&ua);
        }

        #[test]
        fn in_app_wrapper_does_not_change_the_device(
            base in prop::sample::select(vec![IPHONE_SAFARI, PIXEL_CHROME, ANDROID_TABLET_CHROME, IPAD_CHROME]),
            suffix in prop::sample::select(vec![" Line/14.9.0", " Line/14.8.1/IAB", " [FBAN/FBIOS;FBAV/468.0.0.44.109;]", " Instagram 336.0.0.35.90"]),
        ) {
            let wrapped_ua = format!("{base}{suffix}");
            let plain = touch(base, 400, 900);
            let wrapped = touch(&wrapped_ua, 400, 900);
            prop_assert_eq!(detect_device(&plain), detect_device(&wrapped));
            prop_assert!(in_app_browser(&wrapped_ua).is_some());
        }
    }
}

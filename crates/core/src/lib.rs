//! The rules of 行動電話認證 that are not about the DOM: normalising and validating each field,
//! masking for display, ROC dates, device detection, the enrollment flow, the browser binding's
//! states, and the serde types of the JSON contract. The SPA (in Wasm) and the sandbox backend
//! both depend on this crate, so each rule and each message exists once.

use serde::{Deserialize, Serialize};

/// serde for an enum through its own name functions (`#[serde(into = "&'static str", try_from =
/// "String")]`), so each contract name is written once, where the code can use it too.
macro_rules! serde_by_name {
    ($t:ty, $what:literal, $name:ident, $parse:ident) => {
        impl From<$t> for &'static str {
            fn from(v: $t) -> &'static str {
                v.$name()
            }
        }

        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(name: String) -> Result<$t, String> {
                <$t>::$parse(&name)
                    .ok_or_else(|| format!(concat!("unknown ", $what, " {:?}"), name))
            }
        }
    };
}

pub mod binding;
pub mod contract;
pub mod device;
pub mod error;
pub mod flow;
pub mod form;
pub mod mask;
pub mod mobile;
pub mod name;
pub mod national_id;
pub mod nhi;
pub mod normalize;
pub mod password;
pub mod records;
pub mod roc_date;

pub use error::{ErrorCode, Field};

/// The two languages of the product. zh-TW is primary: the manual's labels are verbatim.
/// On the wire (JSON, the captcha audio's `lang`) by its `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Lang {
    #[default]
    ZhTw,
    En,
}

serde_by_name!(Lang, "language", code, from_code);

impl Lang {
    /// The contract's name for the language: `zh-TW` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::ZhTw, Lang::En]
            .into_iter()
            .find(|l| l.code() == code)
    }

    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhTw => "zh-Hant-TW",
            Lang::En => "en",
        }
    }

    /// Picks a language from an Accept-Language header or `navigator.language`; zh-TW unless
    /// English is preferred over any Chinese.
    pub fn from_accept_language(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag.starts_with("zh") {
                return Lang::ZhTw;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::ZhTw
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::ZhTw => Lang::En,
            Lang::En => Lang::ZhTw,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn languages_travel_by_their_code() {
        for lang in [Lang::ZhTw, Lang::En] {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::ZhTw.code(), "zh-TW");
        assert_eq!(Lang::En.code(), "en");
        assert!(serde_json::from_str::<Lang>("\"fr\"").is_err());
        assert_eq!(Lang::from_code("zh-Hant-TW"), None);
    }
}

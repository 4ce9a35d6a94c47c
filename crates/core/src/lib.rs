//! The rules of 行動電話認證 that are not about the DOM: normalising and validating each field,
//! masking for display, ROC dates, device detection, the enrollment flow, the browser binding's
//! states, and the serde types of the JSON contract. The SPA (in Wasm) and the sandbox backend
//! both depend on this crate, so each rule and each message exists once.

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "en")]
    En,
}

impl Lang {
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

//! The JSON contract between the SPA and any compatible backend (`api/openapi.yaml`, `/api/v1`).
//! These types are the single source: the SPA's client sends and reads them, the sandbox serves
//! them, and a test checks them against the OpenAPI document.

use serde::{Deserialize, Serialize};

use crate::device::{DeviceKind, VerifyPath};
use crate::{ErrorCode, Field};

/// Path prefix of every endpoint.
pub const API_PREFIX: &str = "/api/v1";

/// The sandbox's carrier outcomes by the mobile number's last two digits (00–89 verify), as the
/// document lists them: the sandbox answers by them, and the conformance checker expects them of
/// any backend in test mode.
pub const SANDBOX_OUTCOMES: [(u32, Option<ErrorCode>); 11] = [
    (0, None),
    (90, Some(ErrorCode::NotHolder)),
    (91, Some(ErrorCode::Prepaid)),
    (92, Some(ErrorCode::FamilyCard)),
    (93, Some(ErrorCode::Mvno)),
    (94, Some(ErrorCode::Enterprise)),
    (95, Some(ErrorCode::Wifi)),
    (96, Some(ErrorCode::Roaming)),
    (97, Some(ErrorCode::CarrierUnavailable)),
    (98, Some(ErrorCode::CarrierMismatch)),
    (99, Some(ErrorCode::DataMismatch)),
];

/// The one error shape every endpoint answers with on failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub code: ErrorCode,
    /// Human message in the request's language (Accept-Language); clients may show their own.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    pub retryable: bool,
    /// One entry per failing field when several fail at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: Field,
    pub code: ErrorCode,
    pub message: String,
}

impl Problem {
    pub fn new(code: ErrorCode, lang: crate::Lang) -> Problem {
        Problem {
            code,
            message: code.message(lang).to_string(),
            field: code.field(),
            retryable: code.retryable(),
            errors: Vec::new(),
        }
    }

    /// A validation failure naming every failing field; the first one is the headline.
    pub fn fields(errors: &[(Field, ErrorCode)], lang: crate::Lang) -> Option<Problem> {
        let (_, first) = *errors.first()?;
        let mut p = Problem::new(first, lang);
        p.errors = errors
            .iter()
            .map(|&(field, code)| FieldProblem {
                field,
                code,
                message: code.message(lang).into(),
            })
            .collect();
        Some(p)
    }

    /// Each field the backend refused, with why: every entry of `errors`, and the headline's
    /// field when it names one. Empty when the problem is not about a field.
    pub fn field_errors(&self) -> std::collections::BTreeMap<Field, ErrorCode> {
        let mut list: std::collections::BTreeMap<Field, ErrorCode> =
            self.errors.iter().map(|e| (e.field, e.code)).collect();
        if let Some(field) = self.field.or(self.code.field()) {
            list.entry(field).or_insert(self.code);
        }
        list
    }

    /// Whether the request may never have reached the backend (the client's own faults): a
    /// retry may then reuse what a request uses up, such as a captcha.
    pub fn maybe_unsent(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::Network | ErrorCode::Timeout | ErrorCode::BadResponse
        )
    }
}

/// A carrier the backend can verify with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carrier {
    /// Stable id sent back in applications, e.g. `cht`.
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
}

impl Carrier {
    fn new(id: &str, name_zh: &str, name_en: &str) -> Carrier {
        Carrier {
            id: id.into(),
            name_zh: name_zh.into(),
            name_en: name_en.into(),
        }
    }

    /// The five carriers the manual lists, in its order (台灣之星 and 亞太電信 have since merged
    /// into 台灣大哥大 and 遠傳電信, but their numbers are still verified under their own names):
    /// what the sandbox offers, and what index.html's static first screen names before the
    /// backend is asked.
    pub fn listed_in_manual() -> Vec<Carrier> {
        vec![
            Carrier::new("cht", "中華電信", "Chunghwa Telecom"),
            Carrier::new("twm", "台灣大哥大", "Taiwan Mobile"),
            Carrier::new("tstar", "台灣之星", "Taiwan Star"),
            Carrier::new("fet", "遠傳電信", "Far EasTone"),
            Carrier::new("aptg", "亞太電信", "Asia Pacific Telecom"),
        ]
    }
}

/// Text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::ZhTw => &self.zh,
            crate::Lang::En if self.en.is_empty() => &self.zh,
            crate::Lang::En => &self.en,
        }
    }
}

/// `GET /config`: what the backend supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackendConfig {
    pub carriers: Vec<Carrier>,
    pub qr_validity_seconds: u32,
    /// 驗證單位: the agency named on the phone-side summary.
    pub verification_unit: Localized,
    /// 使用者約定條款.
    pub terms: Localized,
    pub session_idle_seconds: u32,
    /// Where the QR code's link should point (the SPA's public URL) when the backend knows
    /// better than the browser, e.g. a LAN address for a real phone. `None`: the SPA's own URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_app_url: Option<String>,
}

/// `POST /captchas` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Captcha {
    pub captcha_id: String,
    /// `data:image/png;base64,…`: a raster, so the code never reaches the client as text or shapes.
    pub image: String,
    pub expires_in_seconds: u32,
}

/// The raster types a captcha picture may have: no SVG, whose text and paths a script reads.
const CAPTCHA_IMAGE_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

impl Captcha {
    /// The picture's media type and base64 data, when `image` is what the contract allows (a
    /// raster `data:` URL); `None` for anything else, e.g. SVG or a link to elsewhere.
    pub fn raster(&self) -> Option<(&str, &str)> {
        let (mime, data) = self.image.strip_prefix("data:")?.split_once(";base64,")?;
        let base64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        (CAPTCHA_IMAGE_TYPES.contains(&mime) && !data.is_empty() && data.bytes().all(base64))
            .then_some((mime, data))
    }
}

/// `POST /id-check`: does this browser hold a binding for this ID?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdCheckRequest {
    pub national_id: String,
    /// The id of the device key this browser holds, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdCheckResponse {
    /// True only when `key_id` is bound to this ID; never reveals whether the ID is enrolled
    /// elsewhere.
    pub bound: bool,
}

/// The device's public key (ECDSA P-256) as a JWK subset, plus the id the browser stores it under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevicePublicKey {
    pub key_id: String,
    /// Always `EC`.
    pub kty: String,
    /// Always `P-256`.
    pub crv: String,
    /// base64url coordinates.
    pub x: String,
    pub y: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub kind: DeviceKind,
    /// Only asked on tablets: 裝置有無SIM卡 (有4G/5G網路連線).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_sim: Option<bool>,
}

/// `POST /applications`: the step-2 form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRequest {
    pub national_id: String,
    pub carrier: String,
    pub mobile: String,
    pub nhi_card: String,
    /// ROC date, 7 digits (`0800101`).
    pub birth_date: String,
    pub name: String,
    pub confirm: bool,
    pub captcha_id: String,
    pub captcha: String,
    pub password: String,
    pub device: DeviceInfo,
    pub device_key: DevicePublicKey,
}

/// `POST /applications` answer: which way verification continues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationResponse {
    pub application_id: String,
    pub path: VerifyPath,
    /// Bearer token for the phone side (`/verifications/{token}`); on the QR path it is what
    /// the QR code carries.
    pub token: String,
    pub expires_in_seconds: u32,
}

/// `POST /applications/{id}/qr` answer: a new token; the old one stops working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QrToken {
    pub token: String,
    pub expires_in_seconds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Waiting for the phone.
    Pending,
    /// The phone opened the link and sees the summary.
    Opened,
    Verified,
    Failed,
    Expired,
}

/// `GET /applications/{id}` answer, polled by the desktop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationStatus {
    pub state: ApplicationState,
    /// Why it failed, when `state` is `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
    pub expires_in_seconds: u32,
}

/// `GET /verifications/{token}`: the phone-side summary (step 5), masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationSummary {
    /// 驗證類別: 行動電話驗證.
    pub verification_type: Localized,
    /// 驗證單位.
    pub verification_unit: Localized,
    /// 電信業者 (display name).
    pub carrier: Localized,
    /// 門號資訊, masked `09■■■■■■27`.
    pub mobile_masked: String,
    /// 身分證號, masked `A2■■■■■■■■`.
    pub national_id_masked: String,
    pub path: VerifyPath,
    pub expires_in_seconds: u32,
}

/// What the phone's browser says about its connection (Network Information API), if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionHint {
    Cellular,
    Wifi,
    #[default]
    Unknown,
}

/// `POST /verifications/{token}/start` (開始驗證).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartVerificationRequest {
    pub agree_terms: bool,
    #[serde(default)]
    pub connection: ConnectionHint,
}

/// Answer to a successful start: on the direct path the caller is now logged in (cookie set);
/// on the QR path the phone is told to go back to the computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartVerificationResponse {
    pub path: VerifyPath,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
}

/// `POST /login/challenge`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeRequest {
    pub key_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    pub challenge_id: String,
    /// base64url random bytes to sign with the device key.
    pub challenge: String,
    pub expires_in_seconds: u32,
}

/// `POST /login`: the four fields of step 7, plus the device's signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub national_id: String,
    pub birth_date: String,
    pub name: String,
    pub password: String,
    pub key_id: String,
    pub challenge_id: String,
    /// base64url ECDSA P-256/SHA-256 signature (IEEE P1363 r‖s, as WebCrypto produces) over
    /// the decoded challenge bytes.
    pub signature: String,
}

/// `GET /session`, and the answer to a login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub name_masked: String,
    pub national_id_masked: String,
    pub expires_in_seconds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsuranceType {
    /// 勞工保險
    Labor,
    /// 就業保險
    Employment,
    /// 勞工職業災害保險
    OccupationalAccident,
}

/// One enrollment period (`GET /records`), dates as ROC 7-digit strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsuranceRecord {
    pub insurance: InsuranceType,
    /// 投保單位名稱
    pub employer_name: String,
    /// 保險證號
    pub employer_number: String,
    /// 投保薪資 (NT$ per month)
    pub insured_salary: u32,
    /// 加保日期
    pub start_date: String,
    /// 退保日期; absent while still enrolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub records: Vec<InsuranceRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn captcha(image: &str) -> Captcha {
        Captcha {
            captcha_id: "c".into(),
            image: image.into(),
            expires_in_seconds: 120,
        }
    }

    #[test]
    fn field_errors_list_every_field_once_and_the_headline_field() {
        let p = Problem::fields(
            &[
                (Field::Mobile, ErrorCode::MobileFormat),
                (Field::Name, ErrorCode::NameRequired),
            ],
            Lang::ZhTw,
        )
        .unwrap();
        let list = p.field_errors();
        assert_eq!(list.len(), 2);
        assert_eq!(list[&Field::Mobile], ErrorCode::MobileFormat);
        assert_eq!(list[&Field::Name], ErrorCode::NameRequired);
        // A headline naming a field, with no list.
        let p = Problem::new(ErrorCode::CaptchaWrong, Lang::ZhTw);
        assert_eq!(
            p.field_errors().into_iter().collect::<Vec<_>>(),
            vec![(Field::Captcha, ErrorCode::CaptchaWrong)]
        );
        // Not about a field.
        assert!(Problem::new(ErrorCode::Wifi, Lang::ZhTw)
            .field_errors()
            .is_empty());
        assert!(Problem::new(ErrorCode::Timeout, Lang::ZhTw).maybe_unsent());
        assert!(!Problem::new(ErrorCode::CaptchaWrong, Lang::ZhTw).maybe_unsent());
    }

    #[test]
    fn captcha_picture_is_a_raster_data_url_or_nothing() {
        assert_eq!(
            captcha("data:image/png;base64,iVBORw0KGgo=").raster(),
            Some(("image/png", "iVBORw0KGgo="))
        );
        assert_eq!(
            captcha("data:image/webp;base64,UklGRg+/").raster(),
            Some(("image/webp", "UklGRg+/"))
        );
        for refused in [
            "data:image/svg+xml;base64,PHN2Zz4=",
            "data:text/html;base64,PGI+",
            "data:image/png,rawbytes",
            "data:image/png;base64,",
            "data:image/png;base64,abc\"><script>",
            "https://elsewhere.example/c.png",
            "",
        ] {
            assert_eq!(captcha(refused).raster(), None, "{refused}");
        }
    }

    #[test]
    fn problem_carries_field_and_retryable() {
        let p = Problem::new(ErrorCode::Wifi, Lang::En);
        let v: serde_json::Value = serde_json::to_value(&p).unwrap();
        assert_eq!(v["code"], "wifi");
        assert_eq!(v["retryable"], true);
        assert!(v.get("field").is_none());
        let p = Problem::fields(
            &[
                (Field::Mobile, ErrorCode::MobileFormat),
                (Field::Name, ErrorCode::NameRequired),
            ],
            Lang::ZhTw,
        )
        .unwrap();
        assert_eq!(p.field, Some(Field::Mobile));
        assert_eq!(p.errors.len(), 2);
        let back: Problem = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}

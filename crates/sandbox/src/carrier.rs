//! The simulated carrier network: which carriers exist and what "verification" answers, decided
//! by the mobile number's last two digits so tests and demos can reach every outcome.

use mobile_auth_core::contract::{Carrier, Localized};
use mobile_auth_core::ErrorCode;

pub fn carriers() -> Vec<Carrier> {
    Carrier::listed_in_manual()
}

pub fn carrier_name(id: &str) -> Localized {
    carriers()
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| Localized {
            zh: c.name_zh,
            en: c.name_en,
        })
        .unwrap_or_default()
}

/// What the carrier answers for `mobile` (normalised, 10 digits) on the `attempt`-th start
/// (1-based). 95 (Wi-Fi) and 97 (carrier unavailable) fail only the first attempt, as if the user
/// turned Wi-Fi off or the carrier came back.
pub fn outcome(mobile: &str, attempt: u32) -> Result<(), ErrorCode> {
    let last_two: u32 = mobile
        .get(mobile.len().saturating_sub(2)..)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let code = match last_two {
        0..=89 => return Ok(()),
        90 => ErrorCode::NotHolder,
        91 => ErrorCode::Prepaid,
        92 => ErrorCode::FamilyCard,
        93 => ErrorCode::Mvno,
        94 => ErrorCode::Enterprise,
        95 | 97 if attempt > 1 => return Ok(()),
        95 => ErrorCode::Wifi,
        96 => ErrorCode::Roaming,
        97 => ErrorCode::CarrierUnavailable,
        98 => ErrorCode::CarrierMismatch,
        _ => ErrorCode::DataMismatch,
    };
    Err(code)
}

#[cfg(test)]
mod tests {
    use mobile_auth_core::contract::SANDBOX_OUTCOMES;

    use super::*;

    #[test]
    fn table() {
        for n in 0..=89 {
            assert_eq!(outcome(&format!("09123456{n:02}"), 1), Ok(()));
        }
        for (digits, code) in SANDBOX_OUTCOMES.iter().skip(1) {
            assert_eq!(outcome(&format!("09123456{digits}"), 1), Err(code.unwrap()));
        }
        assert_eq!(outcome("0912345695", 2), Ok(()));
        assert_eq!(outcome("0912345697", 2), Ok(()));
        assert_eq!(outcome("0912345690", 2), Err(ErrorCode::NotHolder));
    }
}

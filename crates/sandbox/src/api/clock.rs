//! Time as the contract tells it: whole seconds left, and today's date in Taiwan.

use std::time::Duration;

use mobile_auth_core::roc_date::AdDate;

pub(super) fn secs(d: Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}

/// Today in Taiwan (UTC+8), for birth-date rules and records.
pub(super) fn today() -> AdDate {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64);
    AdDate::today_in_taiwan(now)
}

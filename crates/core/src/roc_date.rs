//! Dates in the ROC (民國) calendar, as Taiwanese forms ask for them: "0800101" is 民國80年1月1日,
//! 1991-01-01. The ROC year is the Gregorian year minus 1911; year 1 is 1912 and there is no year 0.
//! Months and days are Gregorian, leap years included.
//!
//! No clock is read here: callers pass "today" (see [`AdDate::from_days_since_epoch`]) so the
//! same rule gives the same answer in Wasm, on a server and in tests.

use serde::{Deserialize, Serialize};

use crate::normalize::normalize_digits;
use crate::{ErrorCode, Lang};

/// Offset between the Gregorian (西元) and ROC (民國) year numbers.
const ROC_OFFSET: i32 = 1911;
/// The largest ROC year the 3-digit compact form can hold.
const MAX_ROC_YEAR: u16 = 999;

/// A Gregorian calendar date. Field order makes the derived `Ord` chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AdDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A date in the ROC calendar (year ≥ 1). Field order makes the derived `Ord` chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RocDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Whether a Gregorian year has 29 February.
pub fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a Gregorian month, or 0 when `month` is not 1–12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_real_date(year: i32, month: u8, day: u8) -> bool {
    day >= 1 && day <= days_in_month(year, month)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl AdDate {
    /// ISO 8601 calendar date, "1991-01-01".
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Today in Taiwan (UTC+8, no daylight saving) at `unix_ms` milliseconds since the epoch:
    /// the one "today" of the birth-date and records rules, in the browser and on the server
    /// alike, whatever time zone either runs in.
    pub fn today_in_taiwan(unix_ms: f64) -> AdDate {
        const TAIWAN_OFFSET_MS: f64 = 8.0 * 3600.0 * 1000.0;
        const DAY_MS: f64 = 86_400_000.0;
        AdDate::from_days_since_epoch(((unix_ms + TAIWAN_OFFSET_MS) / DAY_MS).floor() as i64)
    }

    /// The date `days` after 1970-01-01 (negative: before), so a Unix timestamp divided by 86 400
    /// gives today in UTC. Inputs beyond about ±1.9 billion years saturate instead of overflowing.
    pub fn from_days_since_epoch(days: i64) -> AdDate {
        // Howard Hinnant's civil_from_days: shift to an era starting 0000-03-01 so the leap day
        // is the last day of the (shifted) year, then split into 400-year eras.
        const LIMIT: i64 = 700_000_000_000;
        let z = days.clamp(-LIMIT, LIMIT) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        AdDate {
            year: year as i32,
            month,
            day,
        }
    }

    /// Days from 1970-01-01 to this date (the inverse of [`AdDate::from_days_since_epoch`]).
    pub fn days_since_epoch(self) -> i64 {
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl RocDate {
    /// The same day in the Gregorian calendar.
    pub fn to_ad(self) -> AdDate {
        AdDate {
            year: i32::from(self.year) + ROC_OFFSET,
            month: self.month,
            day: self.day,
        }
    }

    /// The ROC date of a real Gregorian date in ROC years 1–999 (1912–2910), else `None`.
    pub fn from_ad(ad: AdDate) -> Option<RocDate> {
        let year = u16::try_from(ad.year.checked_sub(ROC_OFFSET)?).ok()?;
        if year == 0 || year > MAX_ROC_YEAR || !is_real_date(ad.year, ad.month, ad.day) {
            return None;
        }
        Some(RocDate {
            year,
            month: ad.month,
            day: ad.day,
        })
    }

    /// The 7-digit form the forms use: "0800101".
    pub fn compact(self) -> String {
        format!("{:03}{:02}{:02}", self.year, self.month, self.day)
    }

    /// For people: "民國80年1月1日（西元1991年1月1日）" or "1 January 1991 (ROC year 80)".
    pub fn display(self, lang: Lang) -> String {
        let ad = self.to_ad();
        match lang {
            Lang::ZhTw => format!(
                "民國{}年{}月{}日（西元{}年{}月{}日）",
                self.year, self.month, self.day, ad.year, ad.month, ad.day
            ),
            Lang::En => {
                let month = MONTHS_EN
                    .get(usize::from(self.month).wrapping_sub(1))
                    .unwrap_or(&"?");
                format!(
                    "{} {} {} (ROC year {})",
                    self.day, month, ad.year, self.year
                )
            }
        }
    }
}

/// The compact ROC form of a Gregorian date ("0800101" for 1991-01-01), if it has one.
pub fn roc_compact(ad: AdDate) -> Option<String> {
    RocDate::from_ad(ad).map(RocDate::compact)
}

/// Validates a date of birth typed as 7 ROC digits (YYYMMDD); `today` is the latest date allowed.
pub fn validate_birth_date(raw: &str, today: AdDate) -> Result<RocDate, ErrorCode> {
    let n = normalize_digits(raw);
    if n.is_empty() {
        return Err(ErrorCode::BirthRequired);
    }
    let b = n.as_bytes();
    if b.len() != 7 || !b.iter().all(u8::is_ascii_digit) {
        return Err(ErrorCode::BirthFormat);
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter()
            .fold(0u16, |acc, &d| acc * 10 + u16::from(d - b'0'))
    };
    let date = RocDate {
        year: num(0..3),
        month: num(3..5) as u8,
        day: num(5..7) as u8,
    };
    if date.year == 0 || !is_real_date(date.to_ad().year, date.month, date.day) {
        return Err(ErrorCode::BirthInvalid);
    }
    if date.to_ad() > today {
        return Err(ErrorCode::BirthFuture);
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_taiwan_s_whatever_the_machine_s_time_zone() {
        // 2026-12-01 15:59:59.999 UTC is 23:59:59.999 in Taipei; a millisecond later it is the 2nd.
        let before = 1_796_140_799_999.0;
        assert_eq!(
            AdDate::today_in_taiwan(before),
            AdDate {
                year: 2026,
                month: 12,
                day: 1
            }
        );
        assert_eq!(
            AdDate::today_in_taiwan(before + 1.0),
            AdDate {
                year: 2026,
                month: 12,
                day: 2
            }
        );
        assert_eq!(
            AdDate::today_in_taiwan(0.0),
            AdDate {
                year: 1970,
                month: 1,
                day: 1
            }
        );
    }
    use proptest::prelude::*;

    const TODAY: AdDate = AdDate {
        year: 2025,
        month: 6,
        day: 15,
    };

    fn roc(year: u16, month: u8, day: u8) -> RocDate {
        RocDate { year, month, day }
    }

    #[test]
    fn birth_date_vectors() {
        use ErrorCode::*;
        assert_eq!(validate_birth_date("0800101", TODAY), Ok(roc(80, 1, 1)));
        assert_eq!(validate_birth_date(" 080-01-01 ", TODAY), Ok(roc(80, 1, 1)));
        assert_eq!(
            validate_birth_date("０８０．０１．０１", TODAY),
            Ok(roc(80, 1, 1))
        );
        assert_eq!(validate_birth_date("0010101", TODAY), Ok(roc(1, 1, 1)));
        assert_eq!(validate_birth_date("1140615", TODAY), Ok(roc(114, 6, 15)));
        // Leap years: 2000 is (divisible by 400), 1999 is not, 2100 is not (by 100), 1996 is.
        assert_eq!(validate_birth_date("0890229", TODAY), Ok(roc(89, 2, 29)));
        assert_eq!(validate_birth_date("0850229", TODAY), Ok(roc(85, 2, 29)));
        assert_eq!(validate_birth_date("0880229", TODAY), Err(BirthInvalid));
        let far_future = AdDate {
            year: 2200,
            month: 1,
            day: 1,
        };
        assert_eq!(
            validate_birth_date("1890229", far_future),
            Err(BirthInvalid)
        );
        assert_eq!(
            validate_birth_date("1890228", far_future),
            Ok(roc(189, 2, 28))
        );

        assert_eq!(validate_birth_date("", TODAY), Err(BirthRequired));
        assert_eq!(validate_birth_date(" ", TODAY), Err(BirthRequired));
        assert_eq!(validate_birth_date("800101", TODAY), Err(BirthFormat));
        assert_eq!(validate_birth_date("19910101", TODAY), Err(BirthFormat));
        assert_eq!(validate_birth_date("080/01/01", TODAY), Err(BirthFormat));
        assert_eq!(validate_birth_date("08O0101", TODAY), Err(BirthFormat));
        assert_eq!(validate_birth_date("0000101", TODAY), Err(BirthInvalid));
        assert_eq!(validate_birth_date("0801301", TODAY), Err(BirthInvalid));
        assert_eq!(validate_birth_date("0800001", TODAY), Err(BirthInvalid));
        assert_eq!(validate_birth_date("0800100", TODAY), Err(BirthInvalid));
        assert_eq!(validate_birth_date("0800431", TODAY), Err(BirthInvalid));
        assert_eq!(validate_birth_date("0800132", TODAY), Err(BirthInvalid));
        assert_eq!(validate_birth_date("1140616", TODAY), Err(BirthFuture));
        assert_eq!(validate_birth_date("1150101", TODAY), Err(BirthFuture));
        // An impossible date in the future is "invalid", the more useful message.
        assert_eq!(validate_birth_date("1150230", TODAY), Err(BirthInvalid));
    }

    #[test]
    fn conversions_and_display() {
        let d = roc(80, 1, 1);
        assert_eq!(
            d.to_ad(),
            AdDate {
                year: 1991,
                month: 1,
                day: 1
            }
        );
        assert_eq!(d.to_ad().iso(), "1991-01-01");
        assert_eq!(d.compact(), "0800101");
        assert_eq!(d.display(Lang::ZhTw), "民國80年1月1日（西元1991年1月1日）");
        assert_eq!(d.display(Lang::En), "1 January 1991 (ROC year 80)");
        assert_eq!(
            roc(113, 12, 25).display(Lang::En),
            "25 December 2024 (ROC year 113)"
        );
        assert_eq!(
            roc_compact(AdDate {
                year: 2000,
                month: 2,
                day: 29
            }),
            Some("0890229".into())
        );
        assert_eq!(
            roc_compact(AdDate {
                year: 1912,
                month: 1,
                day: 1
            }),
            Some("0010101".into())
        );
        assert_eq!(
            roc_compact(AdDate {
                year: 1911,
                month: 12,
                day: 31
            }),
            None
        );
        assert_eq!(
            roc_compact(AdDate {
                year: 1999,
                month: 2,
                day: 29
            }),
            None
        );
        assert_eq!(
            roc_compact(AdDate {
                year: 2910,
                month: 12,
                day: 31
            }),
            Some("9991231".into())
        );
        assert_eq!(
            roc_compact(AdDate {
                year: 2911,
                month: 1,
                day: 1
            }),
            None
        );
        assert_eq!(
            RocDate::from_ad(AdDate {
                year: i32::MIN,
                month: 1,
                day: 1
            }),
            None
        );
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap(2000) && is_leap(1996) && is_leap(2024) && is_leap(-4));
        assert!(!is_leap(1900) && !is_leap(1999) && !is_leap(2100));
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2025, 4), 30);
        assert_eq!(days_in_month(2025, 12), 31);
        assert_eq!(days_in_month(2025, 0), 0);
        assert_eq!(days_in_month(2025, 13), 0);
    }

    #[test]
    fn days_since_epoch_vectors() {
        let d = AdDate::from_days_since_epoch;
        assert_eq!(
            d(0),
            AdDate {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            d(-1),
            AdDate {
                year: 1969,
                month: 12,
                day: 31
            }
        );
        assert_eq!(
            d(10_957),
            AdDate {
                year: 2000,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            d(11_016),
            AdDate {
                year: 2000,
                month: 2,
                day: 29
            }
        );
        // 1_700_000_000 s after the epoch is 2023-11-14T22:13:20Z.
        assert_eq!(
            d(1_700_000_000 / 86_400),
            AdDate {
                year: 2023,
                month: 11,
                day: 14
            }
        );
        assert_eq!(
            d(-21_915),
            AdDate {
                year: 1910,
                month: 1,
                day: 1
            }
        );
        // Saturates rather than overflowing.
        let _ = d(i64::MAX);
        let _ = d(i64::MIN);
    }

    #[test]
    fn consecutive_days_walk_the_calendar() {
        // An independent check of the arithmetic: stepping one day at a time from 1600 to 2500
        // must visit every date the month-length table allows, in order.
        let start = AdDate {
            year: 1600,
            month: 1,
            day: 1,
        };
        let mut expect = start;
        let first = start.days_since_epoch();
        for n in first..first + 365 * 900 {
            let got = AdDate::from_days_since_epoch(n);
            assert_eq!(got, expect, "day {n}");
            assert_eq!(got.days_since_epoch(), n);
            expect = if expect.day < days_in_month(expect.year, expect.month) {
                AdDate {
                    day: expect.day + 1,
                    ..expect
                }
            } else if expect.month < 12 {
                AdDate {
                    month: expect.month + 1,
                    day: 1,
                    ..expect
                }
            } else {
                AdDate {
                    year: expect.year + 1,
                    month: 1,
                    day: 1,
                }
            };
        }
    }

    #[test]
    fn serde_shape() {
        let d = roc(80, 1, 1);
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"year":80,"month":1,"day":1}"#
        );
        let ad: AdDate = serde_json::from_str(r#"{"year":1991,"month":1,"day":1}"#).unwrap();
        assert_eq!(ad, d.to_ad());
    }

    // 1912-01-01 .. 2910-12-31, the span the compact form covers.
    const ROC_DAYS: std::ops::RangeInclusive<i64> = -21_185..=343_692;

    #[test]
    fn roc_span_is_right() {
        let d = AdDate::from_days_since_epoch;
        assert_eq!(
            d(*ROC_DAYS.start()),
            AdDate {
                year: 1912,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            d(*ROC_DAYS.end()),
            AdDate {
                year: 2910,
                month: 12,
                day: 31
            }
        );
        assert_eq!(RocDate::from_ad(d(*ROC_DAYS.start() - 1)), None);
        assert_eq!(RocDate::from_ad(d(*ROC_DAYS.end() + 1)), None);
    }

    proptest! {
        #[test]
        fn from_ad_to_ad_round_trip(days in ROC_DAYS) {
            let ad = AdDate::from_days_since_epoch(days);
            let r = RocDate::from_ad(ad).expect("in ROC range");
            prop_assert_eq!(r.to_ad(), ad);
            prop_assert_eq!(RocDate::from_ad(r.to_ad()), Some(r));
        }

        #[test]
        fn every_real_date_validates_in_compact_form(days in ROC_DAYS, later in 0i64..10_000) {
            let ad = AdDate::from_days_since_epoch(days);
            let today = AdDate::from_days_since_epoch(days + later);
            let compact = roc_compact(ad).expect("in ROC range");
            let parsed = validate_birth_date(&compact, today);
            prop_assert_eq!(parsed.map(RocDate::to_ad), Ok(ad));
            if later > 0 {
                let yesterday = AdDate::from_days_since_epoch(days - 1);
                prop_assert_eq!(validate_birth_date(&compact, yesterday), Err(ErrorCode::BirthFuture));
            }
        }

        #[test]
        fn days_round_trip(days in -100_000_000i64..100_000_000) {
            prop_assert_eq!(AdDate::from_days_since_epoch(days).days_since_epoch(), days);
        }

        #[test]
        fn never_panics(s in any::<String>(), days in any::<i64>()) {
            let today = AdDate::from_days_since_epoch(days);
            let _ = today.iso();
            let _ = validate_birth_date(&s, today);
        }
    }
}

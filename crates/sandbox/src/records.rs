//! Sandbox insurance records: plausible, deterministic per ID (the same person always sees the
//! same history), generated from a hash so no real data is ever involved.
//!
//! What a person gets (also in `api/openapi.yaml`, `GET /records`): two to four employers from
//! about age 21, one after another with a gap of 1–240 days between them; the last one is the
//! current enrollment (no 退保日期). Each employer period has a 勞工保險 record, a 就業保險
//! record from 2003-01-01 on and a 勞工職業災害保險 record from 2022-05-01 on; the insured salary
//! grade never goes down. Only the session's own person is ever answered for.

use mobile_auth_core::contract::{InsuranceRecord, InsuranceType, Records};
use mobile_auth_core::records::sort_newest_first;
use mobile_auth_core::roc_date::{roc_compact, AdDate, RocDate};

use crate::crypto::sha256;

const PREFIXES: [&str; 16] = [
    "宏盛", "永信", "立達", "嘉禾", "鼎新", "華展", "晟豐", "德昌", "聯茂", "冠群", "綠野", "佳宜",
    "瑞興", "東陽", "泰和", "明遠",
];
const INDUSTRIES: [&str; 12] = [
    "科技",
    "精密工業",
    "食品",
    "國際物流",
    "電子",
    "紡織",
    "建設",
    "資訊",
    "餐飲",
    "生技",
    "機械",
    "企業社",
];
const SUFFIXES: [&str; 3] = ["股份有限公司", "有限公司", "股份有限公司"];

/// 投保薪資分級表 grades (NT$), low to high; 45800 is the labor and employment insurance ceiling.
const GRADES: [u32; 13] = [
    27470, 27600, 28800, 30300, 31800, 33300, 34800, 36300, 38200, 40100, 42000, 43900, 45800,
];

/// 就業保險 began on 2003-01-01, 勞工職業災害保險 as its own insurance on 2022-05-01.
const EMPLOYMENT_START: AdDate = AdDate {
    year: 2003,
    month: 1,
    day: 1,
};
const OCCUPATIONAL_START: AdDate = AdDate {
    year: 2022,
    month: 5,
    day: 1,
};

struct Seed {
    bytes: Vec<u8>,
    pos: usize,
}

impl Seed {
    fn next(&mut self) -> u32 {
        if self.pos + 4 > self.bytes.len() {
            let more = sha256(&self.bytes);
            self.bytes.extend_from_slice(&more);
        }
        let b = &self.bytes[self.pos..self.pos + 4];
        self.pos += 4;
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

fn employer_number(seed: &mut Seed) -> String {
    let digits = format!("{:08}", seed.below(100_000_000));
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (i as u32 + 1))
        .sum();
    let check = char::from(b'A' + (sum % 26) as u8);
    format!("{digits}{check}")
}

fn add_days(d: AdDate, days: i64) -> AdDate {
    AdDate::from_days_since_epoch(d.days_since_epoch() + days)
}

fn roc(d: AdDate) -> String {
    roc_compact(d).unwrap_or_default()
}

/// The person's records, newest first (the core order shared with the SPA). Work starts around age 22; the last employer is
/// the current one (no 退保日期).
pub fn records_for(national_id: &str, birth: RocDate, today: AdDate) -> Records {
    let mut seed = Seed {
        bytes: sha256(format!("sandbox-records:{national_id}").as_bytes()).to_vec(),
        pos: 0,
    };
    let birth = birth.to_ad();
    let first_start = AdDate {
        year: birth.year + 21,
        month: 1,
        day: 1,
    };
    let mut start = add_days(first_start, i64::from(seed.below(700)));
    let employers = 2 + seed.below(3);
    let mut grade = seed.below(4) as usize;
    let mut records = Vec::new();
    for i in 0..employers {
        if start >= today {
            break;
        }
        let last = i + 1 == employers;
        // The time left until a month ago, shared by the employers still to come, so a young
        // person still gets several jobs: each takes at most three quarters of its share.
        let share = (add_days(today, -30).days_since_epoch() - start.days_since_epoch())
            / i64::from(employers - i);
        let end = if last {
            None
        } else {
            let length = (365 + i64::from(seed.below(5 * 365))).min(share * 3 / 4);
            Some(add_days(start, length.max(1)))
        }
        .filter(|e| *e < add_days(today, -30));
        let name = format!(
            "{}{}{}",
            PREFIXES[seed.below(PREFIXES.len() as u32) as usize],
            INDUSTRIES[seed.below(INDUSTRIES.len() as u32) as usize],
            SUFFIXES[seed.below(SUFFIXES.len() as u32) as usize],
        );
        let number = employer_number(&mut seed);
        grade = (grade + seed.below(4) as usize).min(GRADES.len() - 1);
        let salary = GRADES[grade];
        for (insurance, since) in [
            (InsuranceType::Labor, None),
            (InsuranceType::Employment, Some(EMPLOYMENT_START)),
            (
                InsuranceType::OccupationalAccident,
                Some(OCCUPATIONAL_START),
            ),
        ] {
            let from = since.map_or(start, |s| s.max(start));
            if end.is_some_and(|e| e <= from) || from >= today {
                continue;
            }
            records.push(InsuranceRecord {
                insurance,
                employer_name: name.clone(),
                employer_number: number.clone(),
                insured_salary: salary,
                start_date: roc(from),
                end_date: end.map(roc),
            });
        }
        let Some(end) = end else { break };
        // A gap between jobs of up to eight months, within the share.
        let gap = (1 + i64::from(seed.below(240))).min((share / 4).max(1));
        start = add_days(end, gap).min(add_days(today, -1));
    }
    sort_newest_first(&mut records);
    Records { records }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: AdDate = AdDate {
        year: 2026,
        month: 11,
        day: 24,
    };

    #[test]
    fn deterministic_and_plausible() {
        let birth = RocDate {
            year: 80,
            month: 1,
            day: 1,
        };
        let a = records_for("A123456789", birth, TODAY);
        assert_eq!(a, records_for("A123456789", birth, TODAY));
        assert_ne!(a, records_for("B123456780", birth, TODAY));
        assert!(!a.records.is_empty());
        assert_eq!(
            a.records
                .iter()
                .filter(|r| r.end_date.is_none())
                .map(|r| &r.employer_number)
                .collect::<std::collections::HashSet<_>>()
                .len(),
            1
        );
        for r in &a.records {
            assert!(GRADES.contains(&r.insured_salary));
            assert_eq!(r.start_date.len(), 7);
            assert_eq!(r.employer_number.len(), 9);
            if let Some(end) = &r.end_date {
                assert!(end > &r.start_date);
            }
        }
        let mut sorted = a.records.clone();
        sort_newest_first(&mut sorted);
        assert_eq!(sorted, a.records, "served newest first");
    }

    #[test]
    fn every_history_has_employers_gaps_and_a_current_enrollment() {
        for (i, year) in (50u16..=90).enumerate() {
            let id = format!("A1{:08}", i * 7919);
            let birth = RocDate {
                year,
                month: 6,
                day: 15,
            };
            let r = records_for(&id, birth, TODAY).records;
            let labor: Vec<_> = r
                .iter()
                .filter(|r| r.insurance == InsuranceType::Labor)
                .collect();
            assert!(labor.len() >= 2, "{id}: several employers");
            assert!(
                labor[0].end_date.is_none(),
                "{id}: current enrollment first"
            );
            assert!(
                labor[1..].iter().all(|r| r.end_date.is_some()),
                "{id}: earlier ones ended"
            );
            for pair in labor.windows(2) {
                assert!(
                    pair[1].end_date.as_deref() < Some(pair[0].start_date.as_str()),
                    "{id}: a gap"
                );
            }
            for r in &r {
                if r.insurance == InsuranceType::OccupationalAccident {
                    assert!(r.start_date.as_str() >= "1110501");
                }
                if r.insurance == InsuranceType::Employment {
                    assert!(r.start_date.as_str() >= "0920101");
                }
            }
        }
    }
}

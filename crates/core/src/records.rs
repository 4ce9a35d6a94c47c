//! 投保資料查詢 without the DOM: the period a user types (ROC years or ROC dates), filtering by
//! period and insurance type, newest-first order, the cells a person reads (table, cards, print
//! and CSV show the same words), and the CSV file itself — UTF-8 with a BOM and CRLF line ends so
//! Excel in zh-TW opens it as it looks on screen.
//!
//! Records come from the contract (`GET /records`) with dates as 7-digit ROC strings ("1120501");
//! such strings compare chronologically as plain strings, which the filter and sort rely on.

use crate::contract::{InsuranceRecord, InsuranceType};
use crate::normalize::to_half_width;
use crate::roc_date::{days_in_month, RocDate};
use crate::Lang;

/// The three insurances in the order official documents list them.
pub const INSURANCE_TYPES: [InsuranceType; 3] = [
    InsuranceType::Labor,
    InsuranceType::Employment,
    InsuranceType::OccupationalAccident,
];

impl InsuranceType {
    /// 保險別 as a person reads it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InsuranceType::Labor, Lang::ZhTw) => "勞工保險",
            (InsuranceType::Employment, Lang::ZhTw) => "就業保險",
            (InsuranceType::OccupationalAccident, Lang::ZhTw) => "勞工職業災害保險",
            (InsuranceType::Labor, Lang::En) => "Labor insurance",
            (InsuranceType::Employment, Lang::En) => "Employment insurance",
            (InsuranceType::OccupationalAccident, Lang::En) => "Occupational accident insurance",
        }
    }

    /// The contract's name ("labor"), also the value of the SPA's filter options.
    pub fn as_str(self) -> &'static str {
        match self {
            InsuranceType::Labor => "labor",
            InsuranceType::Employment => "employment",
            InsuranceType::OccupationalAccident => "occupational_accident",
        }
    }

    pub fn parse(s: &str) -> Option<InsuranceType> {
        INSURANCE_TYPES.into_iter().find(|t| t.as_str() == s)
    }

    fn rank(self) -> u8 {
        match self {
            InsuranceType::Labor => 0,
            InsuranceType::Employment => 1,
            InsuranceType::OccupationalAccident => 2,
        }
    }
}

/// Which end of the period a typed value is: a bare year means 1 January as a start and
/// 31 December as an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    From,
    To,
}

/// Why a period cannot be used. Messages say what to type, in the GOV.UK way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// Neither a ROC year nor a ROC date.
    Format(Bound),
    /// Looks like a date but is not one (month 13, 31 February, year 0).
    NotADate(Bound),
    /// The start is after the end.
    Reversed,
}

impl PeriodError {
    /// The field the message belongs to (the end field for `Reversed`).
    pub fn bound(self) -> Bound {
        match self {
            PeriodError::Format(b) | PeriodError::NotADate(b) => b,
            PeriodError::Reversed => Bound::To,
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        use Bound::*;
        use PeriodError::*;
        match (self, lang) {
            (Format(From), Lang::ZhTw) => "期間起日請輸入民國年（例：112）或民國日期（例：1120501）",
            (Format(To), Lang::ZhTw) => "期間迄日請輸入民國年（例：113）或民國日期（例：1131231）",
            (NotADate(From), Lang::ZhTw) => "期間起日不是有效的日期，請檢查月份與日期",
            (NotADate(To), Lang::ZhTw) => "期間迄日不是有效的日期，請檢查月份與日期",
            (Reversed, Lang::ZhTw) => "期間迄日不可早於起日",
            (Format(From), Lang::En) => {
                "Enter the start of the period as an ROC year (like 112) or an ROC date (like 1120501)"
            }
            (Format(To), Lang::En) => {
                "Enter the end of the period as an ROC year (like 113) or an ROC date (like 1131231)"
            }
            (NotADate(From), Lang::En) => "The start of the period must be a real date: check the month and day",
            (NotADate(To), Lang::En) => "The end of the period must be a real date: check the month and day",
            (Reversed, Lang::En) => "The end of the period must be the same as or after the start",
        }
    }
}

/// What the user asked for; `None` everywhere means every record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub from: Option<RocDate>,
    pub to: Option<RocDate>,
    /// One insurance, or all three.
    pub insurance: Option<InsuranceType>,
}

fn digits_only(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 7 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// One end of a period as typed: empty (open), a ROC year ("112"), a 7-digit ROC date
/// ("1120501"), or a ROC date with separators ("112/5/1", "112-05-01", "112.05.01",
/// "112年5月1日"). Full-width digits and surrounding spaces are accepted.
pub fn parse_bound(raw: &str, bound: Bound) -> Result<Option<RocDate>, PeriodError> {
    let s: String = to_half_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let s = s.strip_prefix("民國").unwrap_or(&s).trim_end_matches('日');
    // "112年" alone is a year; "112年5月1" a date.
    let s = if s.contains('月') {
        s
    } else {
        s.trim_end_matches('年')
    };
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.', '年', '月']).collect();
    let (year, month, day) = match parts.as_slice() {
        [y] if y.len() <= 3 => {
            let year = digits_only(y).ok_or(PeriodError::Format(bound))?;
            match bound {
                Bound::From => (year, 1, 1),
                Bound::To => (year, 12, 31),
            }
        }
        [c] if c.len() == 7 => {
            let n = digits_only(c).ok_or(PeriodError::Format(bound))?;
            (n / 10_000, n / 100 % 100, n % 100)
        }
        [y, m, d] if y.len() <= 3 && m.len() <= 2 && d.len() <= 2 => {
            let num = |p: &str| digits_only(p).ok_or(PeriodError::Format(bound));
            (num(y)?, num(m)?, num(d)?)
        }
        _ => return Err(PeriodError::Format(bound)),
    };
    let date = RocDate {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    };
    let real = year >= 1
        && (1..=12).contains(&month)
        && day >= 1
        && day <= u32::from(days_in_month(date.to_ad().year, date.month));
    if real {
        Ok(Some(date))
    } else {
        Err(PeriodError::NotADate(bound))
    }
}

/// Both ends of a period; every error found, start first.
pub fn parse_period(
    from: &str,
    to: &str,
) -> Result<(Option<RocDate>, Option<RocDate>), Vec<PeriodError>> {
    match (parse_bound(from, Bound::From), parse_bound(to, Bound::To)) {
        (Ok(Some(f)), Ok(Some(t))) if f > t => Err(vec![PeriodError::Reversed]),
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => Err([f.err(), t.err()].into_iter().flatten().collect()),
    }
}

impl RecordFilter {
    /// Whether the enrollment overlaps the period (a day in common) and is of the chosen
    /// insurance: proof of insurance on any day of the period is what the user is after.
    pub fn matches(&self, r: &InsuranceRecord) -> bool {
        let type_ok = self.insurance.is_none_or(|t| t == r.insurance);
        let starts_in_time = self.to.is_none_or(|to| r.start_date <= to.compact());
        let ends_in_time = match (self.from, &r.end_date) {
            (Some(from), Some(end)) => *end >= from.compact(),
            _ => true,
        };
        type_ok && starts_in_time && ends_in_time
    }

    /// The matching records, newest first.
    pub fn apply(&self, records: &[InsuranceRecord]) -> Vec<InsuranceRecord> {
        let mut out: Vec<InsuranceRecord> = records
            .iter()
            .filter(|r| self.matches(r))
            .cloned()
            .collect();
        sort_newest_first(&mut out);
        out
    }
}

/// Newest 加保日期 first; on the same day the one still in force first, then the later 退保日期,
/// then 勞保 / 就保 / 職保 in that order, then by employer — a total order, so the same records
/// always print the same way.
pub fn sort_newest_first(records: &mut [InsuranceRecord]) {
    records.sort_by(|a, b| {
        b.start_date
            .cmp(&a.start_date)
            .then_with(|| match (&a.end_date, &b.end_date) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Less,
                (Some(_), None) => std::cmp::Ordering::Greater,
                (Some(x), Some(y)) => y.cmp(x),
            })
            .then_with(|| a.insurance.rank().cmp(&b.insurance.rank()))
            .then_with(|| a.employer_number.cmp(&b.employer_number))
            .then_with(|| a.employer_name.cmp(&b.employer_name))
            .then_with(|| a.insured_salary.cmp(&b.insured_salary))
    });
}

/// A compact ROC date as government tables print it: "1120501" → "112/05/01", "0800101" →
/// "80/01/01". Anything else is returned as it came, so a surprising backend value is visible
/// rather than hidden.
pub fn roc_display(compact: &str) -> String {
    let b = compact.as_bytes();
    if b.len() != 7 || !b.iter().all(u8::is_ascii_digit) {
        return compact.to_string();
    }
    let year: u16 = compact[..3].parse().unwrap_or(0);
    format!("{}/{}/{}", year, &compact[3..5], &compact[5..7])
}

/// 45800 → "45,800".
pub fn format_salary(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The column headings, in the order of [`cells`].
pub fn headings(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::ZhTw => [
            "保險別",
            "投保單位名稱",
            "保險證號",
            "投保薪資",
            "加保日期",
            "退保日期",
        ],
        Lang::En => [
            "Insurance",
            "Employer",
            "Insurance number",
            "Insured salary (NT$)",
            "Enrolled on",
            "Withdrawn on",
        ],
    }
}

/// What the 退保日期 column says while still enrolled.
pub fn still_enrolled(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhTw => "在保中",
        Lang::En => "Still enrolled",
    }
}

/// One record as the person reads it, in the order of [`headings`]. The table, the cards, the
/// printout and the CSV all show exactly these words.
pub fn cells(r: &InsuranceRecord, lang: Lang) -> [String; 6] {
    [
        r.insurance.label(lang).to_string(),
        r.employer_name.clone(),
        r.employer_number.clone(),
        format_salary(r.insured_salary),
        roc_display(&r.start_date),
        r.end_date
            .as_deref()
            .map_or_else(|| still_enrolled(lang).to_string(), roc_display),
    ]
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
/// doubled. A value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
/// leading apostrophe, so a hostile employer name cannot become a formula in Excel.
pub fn csv_field(value: &str) -> String {
    let safe = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if safe.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// The byte-order mark that makes Excel read the file as UTF-8 rather than Big5.
pub const BOM: char = '\u{FEFF}';

/// The CSV of the records as shown: a BOM, the headings, one line per record, every line ended
/// by CRLF.
pub fn to_csv(records: &[InsuranceRecord], lang: Lang) -> String {
    let line = |fields: &mut dyn Iterator<Item = String>| {
        let mut s = fields.map(|f| csv_field(&f)).collect::<Vec<_>>().join(",");
        s.push_str("\r\n");
        s
    };
    let mut out = String::from(BOM);
    out.push_str(&line(&mut headings(lang).into_iter().map(String::from)));
    for r in records {
        out.push_str(&line(&mut cells(r, lang).into_iter()));
    }
    out
}

/// The download's file name: "勞保投保資料_1151124.csv" (the query date in ROC digits).
pub fn csv_file_name(query_date: RocDate, lang: Lang) -> String {
    let stem = match lang {
        Lang::ZhTw => "勞保投保資料",
        Lang::En => "insurance-records",
    };
    format!("{stem}_{}.csv", query_date.compact())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rec(t: InsuranceType, name: &str, start: &str, end: Option<&str>) -> InsuranceRecord {
        InsuranceRecord {
            insurance: t,
            employer_name: name.into(),
            employer_number: "12345678A".into(),
            insured_salary: 45_800,
            start_date: start.into(),
            end_date: end.map(String::from),
        }
    }

    fn roc(year: u16, month: u8, day: u8) -> RocDate {
        RocDate { year, month, day }
    }

    /// A minimal RFC 4180 reader, to prove the writer's output reads back as the cells.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix(BOM).expect("BOM first");
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CR only as part of CRLF");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, '\n') => panic!("bare LF outside quotes"),
                (false, c) => field.push(c),
            }
        }
        assert!(field.is_empty() && row.is_empty(), "file ends with CRLF");
        rows
    }

    #[test]
    fn bounds_accept_years_dates_and_separators() {
        use Bound::*;
        assert_eq!(parse_bound("", From), Ok(None));
        assert_eq!(parse_bound("  ", To), Ok(None));
        assert_eq!(parse_bound("112", From), Ok(Some(roc(112, 1, 1))));
        assert_eq!(parse_bound("112", To), Ok(Some(roc(112, 12, 31))));
        assert_eq!(parse_bound("99", To), Ok(Some(roc(99, 12, 31))));
        assert_eq!(parse_bound("1120501", From), Ok(Some(roc(112, 5, 1))));
        assert_eq!(parse_bound("0800101", From), Ok(Some(roc(80, 1, 1))));
        assert_eq!(parse_bound("112/5/1", From), Ok(Some(roc(112, 5, 1))));
        assert_eq!(parse_bound("112-05-01", To), Ok(Some(roc(112, 5, 1))));
        assert_eq!(parse_bound("民國112年5月1日", To), Ok(Some(roc(112, 5, 1))));
        assert_eq!(parse_bound("112年", To), Ok(Some(roc(112, 12, 31))));
        assert_eq!(
            parse_bound("１１２／０５／０１", From),
            Ok(Some(roc(112, 5, 1)))
        );
        assert_eq!(parse_bound("１１３", To), Ok(Some(roc(113, 12, 31))));
        // 民國113年 (2024) is a leap year; 112 (2023) is not.
        assert_eq!(parse_bound("1130229", To), Ok(Some(roc(113, 2, 29))));
        assert_eq!(parse_bound("1120229", To), Err(PeriodError::NotADate(To)));
        assert_eq!(
            parse_bound("1121301", From),
            Err(PeriodError::NotADate(From))
        );
        assert_eq!(parse_bound("0", From), Err(PeriodError::NotADate(From)));
        assert_eq!(parse_bound("2023", From), Err(PeriodError::Format(From)));
        assert_eq!(parse_bound("11205", From), Err(PeriodError::Format(From)));
        assert_eq!(parse_bound("abc", To), Err(PeriodError::Format(To)));
        assert_eq!(parse_bound("112/5", To), Err(PeriodError::Format(To)));
        assert_eq!(parse_bound("+12", From), Err(PeriodError::Format(From)));
    }

    #[test]
    fn period_reports_every_error_and_a_reversed_range() {
        assert_eq!(parse_period("", ""), Ok((None, None)));
        assert_eq!(
            parse_period("110", "112"),
            Ok((Some(roc(110, 1, 1)), Some(roc(112, 12, 31))))
        );
        assert_eq!(
            parse_period("112", "112"),
            Ok((Some(roc(112, 1, 1)), Some(roc(112, 12, 31))))
        );
        assert_eq!(parse_period("113", "112"), Err(vec![PeriodError::Reversed]));
        assert_eq!(
            parse_period("x", "1121399"),
            Err(vec![
                PeriodError::Format(Bound::From),
                PeriodError::NotADate(Bound::To)
            ])
        );
        assert_eq!(PeriodError::Reversed.bound(), Bound::To);
        for e in [
            PeriodError::Format(Bound::From),
            PeriodError::NotADate(Bound::To),
            PeriodError::Reversed,
        ] {
            assert!(!e.message(Lang::ZhTw).is_empty() && !e.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn filter_by_overlap_and_type() {
        let old = rec(InsuranceType::Labor, "甲", "0950301", Some("1000615"));
        let gap_then_current = rec(InsuranceType::Employment, "乙", "1010101", None);
        let records = [old.clone(), gap_then_current.clone()];
        let f = |from: Option<RocDate>, to: Option<RocDate>, insurance| RecordFilter {
            from,
            to,
            insurance,
        };

        assert_eq!(
            f(None, None, None).apply(&records),
            vec![gap_then_current.clone(), old.clone()]
        );
        // 民國100年 overlaps only the first job; 101 onwards only the current one.
        assert_eq!(
            f(Some(roc(100, 1, 1)), Some(roc(100, 12, 31)), None).apply(&records),
            vec![old.clone()]
        );
        assert_eq!(
            f(Some(roc(101, 1, 1)), None, None).apply(&records),
            vec![gap_then_current.clone()]
        );
        // The boundary days count: ending on the first day or starting on the last still overlaps.
        assert!(f(Some(roc(100, 6, 15)), None, None).matches(&old));
        assert!(!f(Some(roc(100, 6, 16)), None, None).matches(&old));
        assert!(f(None, Some(roc(95, 3, 1)), None).matches(&old));
        assert!(!f(None, Some(roc(95, 2, 28)), None).matches(&old));
        // A current enrollment overlaps any period after its start, however late.
        assert!(f(Some(roc(200, 1, 1)), None, None).matches(&gap_then_current));
        assert_eq!(
            f(None, None, Some(InsuranceType::Labor)).apply(&records),
            vec![old]
        );
        assert!(f(None, None, Some(InsuranceType::OccupationalAccident))
            .apply(&records)
            .is_empty());
    }

    #[test]
    fn newest_first_current_first_then_document_order() {
        let mut v = vec![
            rec(InsuranceType::OccupationalAccident, "甲", "1110501", None),
            rec(InsuranceType::Labor, "乙", "1000101", Some("1050101")),
            rec(InsuranceType::Labor, "甲", "1110501", None),
            rec(InsuranceType::Employment, "甲", "1110501", None),
            rec(InsuranceType::Labor, "丙", "1110501", Some("1110601")),
        ];
        sort_newest_first(&mut v);
        let got: Vec<(&str, InsuranceType)> = v
            .iter()
            .map(|r| (r.employer_name.as_str(), r.insurance))
            .collect();
        assert_eq!(
            got,
            [
                ("甲", InsuranceType::Labor),
                ("甲", InsuranceType::Employment),
                ("甲", InsuranceType::OccupationalAccident),
                ("丙", InsuranceType::Labor),
                ("乙", InsuranceType::Labor),
            ]
        );
    }

    #[test]
    fn display_forms() {
        assert_eq!(roc_display("1120501"), "112/05/01");
        assert_eq!(roc_display("0800101"), "80/01/01");
        assert_eq!(roc_display("0010101"), "1/01/01");
        assert_eq!(roc_display("bad"), "bad");
        assert_eq!(roc_display("112050a"), "112050a");
        assert_eq!(format_salary(0), "0");
        assert_eq!(format_salary(999), "999");
        assert_eq!(format_salary(27_470), "27,470");
        assert_eq!(format_salary(1_234_567), "1,234,567");
        let r = rec(
            InsuranceType::OccupationalAccident,
            "宏盛建設股份有限公司",
            "1110501",
            None,
        );
        assert_eq!(
            cells(&r, Lang::ZhTw),
            [
                "勞工職業災害保險",
                "宏盛建設股份有限公司",
                "12345678A",
                "45,800",
                "111/05/01",
                "在保中"
            ]
            .map(String::from)
        );
        assert_eq!(cells(&r, Lang::En)[5], "Still enrolled");
        assert_eq!(
            csv_file_name(roc(115, 11, 24), Lang::ZhTw),
            "勞保投保資料_1151124.csv"
        );
        assert_eq!(
            InsuranceType::parse("employment"),
            Some(InsuranceType::Employment)
        );
        assert_eq!(InsuranceType::parse("x"), None);
    }

    #[test]
    fn csv_is_bom_crlf_and_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("45,800"), "\"45,800\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        let r = rec(
            InsuranceType::Labor,
            "甲, \"乙\" 公司",
            "1000101",
            Some("1050101"),
        );
        let csv = to_csv(&[r], Lang::ZhTw);
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(
            csv,
            "\u{FEFF}保險別,投保單位名稱,保險證號,投保薪資,加保日期,退保日期\r\n\
             勞工保險,\"甲, \"\"乙\"\" 公司\",12345678A,\"45,800\",100/01/01,105/01/01\r\n"
        );
        assert_eq!(to_csv(&[], Lang::En).lines().count(), 1);
    }

    fn any_type() -> impl Strategy<Value = InsuranceType> {
        prop_oneof![
            Just(InsuranceType::Labor),
            Just(InsuranceType::Employment),
            Just(InsuranceType::OccupationalAccident)
        ]
    }

    fn compact() -> impl Strategy<Value = String> {
        (1u16..200, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| roc(y, m, d).compact())
    }

    fn any_record() -> impl Strategy<Value = InsuranceRecord> {
        (
            any_type(),
            any::<String>(),
            "[0-9A-Z]{9}",
            0u32..200_000,
            compact(),
            proptest::option::of(compact()),
        )
            .prop_map(
                |(insurance, employer_name, employer_number, insured_salary, a, b)| {
                    let (start_date, end_date) = match b {
                        Some(b) if b < a => (b, Some(a)),
                        other => (a, other),
                    };
                    InsuranceRecord {
                        insurance,
                        employer_name,
                        employer_number,
                        insured_salary,
                        start_date,
                        end_date,
                    }
                },
            )
    }

    fn any_filter() -> impl Strategy<Value = RecordFilter> {
        let date = (1u16..200, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| roc(y, m, d));
        (
            proptest::option::of(date.clone()),
            proptest::option::of(date),
            proptest::option::of(any_type()),
        )
            .prop_map(|(from, to, insurance)| RecordFilter {
                from,
                to,
                insurance,
            })
    }

    proptest! {
        #[test]
        fn filter_keeps_exactly_the_matches_newest_first(
            records in proptest::collection::vec(any_record(), 0..20),
            filter in any_filter(),
        ) {
            let out = filter.apply(&records);
            prop_assert_eq!(out.len(), records.iter().filter(|r| filter.matches(r)).count());
            prop_assert!(out.iter().all(|r| filter.matches(r)));
            prop_assert!(out.windows(2).all(|w| w[0].start_date >= w[1].start_date));
            // Sorting is idempotent and independent of the input order.
            let mut reversed: Vec<_> = records.iter().rev().cloned().collect();
            sort_newest_first(&mut reversed);
            let mut sorted = records.clone();
            sort_newest_first(&mut sorted);
            prop_assert_eq!(reversed, sorted);
            prop_assert_eq!(RecordFilter::default().apply(&records).len(), records.len());
        }

        #[test]
        fn a_record_matches_a_period_iff_a_day_is_shared(r in any_record(), f in any_filter()) {
            let start = r.start_date.clone();
            let end = r.end_date.clone().unwrap_or_else(|| "9991231".into());
            let from = f.from.map_or_else(|| "0000000".into(), RocDate::compact);
            let to = f.to.map_or_else(|| "9991231".into(), RocDate::compact);
            let overlap = start <= to && from <= end;
            let type_ok = f.insurance.is_none_or(|t| t == r.insurance);
            prop_assert_eq!(f.matches(&r), overlap && type_ok);
        }

        #[test]
        fn csv_reads_back_as_the_cells(records in proptest::collection::vec(any_record(), 0..8)) {
            for lang in [Lang::ZhTw, Lang::En] {
                let rows = parse_csv(&to_csv(&records, lang));
                prop_assert_eq!(rows.len(), records.len() + 1);
                prop_assert_eq!(&rows[0], &headings(lang).map(String::from).to_vec());
                for (row, r) in rows[1..].iter().zip(&records) {
                    let want: Vec<String> = cells(r, lang)
                        .into_iter()
                        .map(|c| if c.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{c}") } else { c })
                        .collect();
                    prop_assert_eq!(row, &want);
                }
            }
        }

        #[test]
        fn parse_bound_never_panics_and_round_trips_dates(s in any::<String>(), y in 1u16..=999, m in 1u8..=12, d in 1u8..=28) {
            let _ = parse_bound(&s, Bound::From);
            let _ = parse_period(&s, &s);
            let date = roc(y, m, d);
            prop_assert_eq!(parse_bound(&date.compact(), Bound::To), Ok(Some(date)));
            prop_assert_eq!(parse_bound(&format!("{y}/{m}/{d}"), Bound::From), Ok(Some(date)));
            prop_assert_eq!(parse_bound(&roc_display(&date.compact()), Bound::From), Ok(Some(date)));
        }
    }
}

//! 身分證號 (ROC national ID): one letter for the place of first registration, a gender digit,
//! seven serial digits and a check digit.
//!
//! Only citizens can use 行動電話認證, so resident certificate numbers (居留證號) get their own
//! answer, "限本國自然人使用", before any checksum test: telling a resident their number has a wrong
//! check digit would send them hunting for a typo that is not there.

use crate::normalize::normalize_code;
use crate::ErrorCode;

/// The two-digit value of each first letter. Not alphabetical: I, O, W, X, Y, Z were added after
/// the original table, which is why they sit at 30 and above.
fn letter_value(letter: u8) -> Option<u32> {
    Some(match letter {
        b'A' => 10,
        b'B' => 11,
        b'C' => 12,
        b'D' => 13,
        b'E' => 14,
        b'F' => 15,
        b'G' => 16,
        b'H' => 17,
        b'I' => 34,
        b'J' => 18,
        b'K' => 19,
        b'L' => 20,
        b'M' => 21,
        b'N' => 22,
        b'O' => 35,
        b'P' => 23,
        b'Q' => 24,
        b'R' => 25,
        b'S' => 26,
        b'T' => 27,
        b'U' => 28,
        b'V' => 29,
        b'W' => 32,
        b'X' => 30,
        b'Y' => 31,
        b'Z' => 33,
        _ => return None,
    })
}

/// Weighted sum of a letter and eight digits, before the check digit is added.
fn partial_sum(letter: u8, digits: &[u8]) -> Option<u32> {
    let v = letter_value(letter.to_ascii_uppercase())?;
    let mut sum = v / 10 + (v % 10) * 9;
    for (&d, w) in digits.iter().zip((1..=8).rev()) {
        if !d.is_ascii_digit() {
            return None;
        }
        sum += u32::from(d - b'0') * w;
    }
    Some(sum)
}

/// The check digit for a letter followed by eight digits (e.g. "A12345678" → 9), or `None` when
/// `first9` is not of that shape.
pub fn check_digit(first9: &str) -> Option<u8> {
    let b = first9.as_bytes();
    if b.len() != 9 {
        return None;
    }
    let sum = partial_sum(b[0], &b[1..])?;
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether the letter-plus-digits shape is a resident certificate: old format with a second letter
/// A–D, or the 2021 format whose gender digit is 8 or 9.
fn is_resident_certificate(b: &[u8]) -> bool {
    b.len() == 10
        && b[0].is_ascii_uppercase()
        && matches!(b[1], b'A'..=b'D' | b'8' | b'9')
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// Validates a national ID and returns it normalised (upper case, half-width, no separators).
pub fn validate_national_id(raw: &str) -> Result<String, ErrorCode> {
    let id = normalize_code(raw);
    if id.is_empty() {
        return Err(ErrorCode::IdRequired);
    }
    let b = id.as_bytes();
    if is_resident_certificate(b) {
        return Err(ErrorCode::IdNotCitizen);
    }
    let well_formed = b.len() == 10
        && b[0].is_ascii_uppercase()
        && matches!(b[1], b'1' | b'2')
        && b[2..].iter().all(u8::is_ascii_digit);
    if !well_formed {
        return Err(ErrorCode::IdFormat);
    }
    let sum = partial_sum(b[0], &b[1..9]).ok_or(ErrorCode::IdFormat)? + u32::from(b[9] - b'0');
    if sum % 10 != 0 {
        return Err(ErrorCode::IdChecksum);
    }
    Ok(id)
}

/// Whether `s` is a valid citizen national ID (after normalisation).
pub fn is_valid_national_id(s: &str) -> bool {
    validate_national_id(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Computed by hand from the weights (and cross-checked with a separate script), one per
    // unusual letter value so a table typo shows up.
    const VALID: &[&str] = &[
        "A123456789",
        "A234567893",
        "F131104093",
        "B123456780",
        "I123456781",
        "O234567896",
        "W100000001",
        "Z299999992",
        "Y187654322",
        "K200000002",
        "E280000001",
    ];

    #[test]
    fn known_valid_ids() {
        for id in VALID {
            assert_eq!(validate_national_id(id), Ok(id.to_string()), "{id}");
            assert!(is_valid_national_id(id));
        }
    }

    #[test]
    fn normalises_case_width_and_separators() {
        let want = Ok("A123456789".to_string());
        assert_eq!(validate_national_id("a123456789"), want);
        assert_eq!(validate_national_id("Ａ１２３４５６７８９"), want);
        assert_eq!(validate_national_id("ａ１２３４５６７８９"), want);
        assert_eq!(validate_national_id("  A123-456-789 "), want);
        assert_eq!(validate_national_id("A 123 456 789"), want);
    }

    #[test]
    fn errors() {
        use ErrorCode::*;
        assert_eq!(validate_national_id(""), Err(IdRequired));
        assert_eq!(validate_national_id("   "), Err(IdRequired));
        assert_eq!(validate_national_id("－"), Err(IdRequired));
        // A234567890 looks plausible but its check digit is 3.
        assert_eq!(validate_national_id("A234567890"), Err(IdChecksum));
        assert_eq!(validate_national_id("A123456788"), Err(IdChecksum));
        assert_eq!(validate_national_id("A12345678"), Err(IdFormat));
        assert_eq!(validate_national_id("A1234567890"), Err(IdFormat));
        assert_eq!(validate_national_id("A323456789"), Err(IdFormat));
        assert_eq!(validate_national_id("A023456789"), Err(IdFormat));
        assert_eq!(validate_national_id("1123456789"), Err(IdFormat));
        assert_eq!(validate_national_id("AE12345678"), Err(IdFormat));
        assert_eq!(validate_national_id("A12345678X"), Err(IdFormat));
        assert_eq!(validate_national_id("王123456789"), Err(IdFormat));
    }

    #[test]
    fn resident_certificates_are_not_citizens_even_with_bad_checksum() {
        use ErrorCode::IdNotCitizen;
        // Old format: second character is a letter A–D.
        assert_eq!(validate_national_id("AC12345678"), Err(IdNotCitizen));
        assert_eq!(validate_national_id("FA12345679"), Err(IdNotCitizen));
        assert_eq!(validate_national_id("fa12345679"), Err(IdNotCitizen));
        assert_eq!(validate_national_id("AD00000000"), Err(IdNotCitizen));
        // 2021 format: gender digit 8 or 9. A812345671 has a correct check digit, A812345670 not;
        // both must say "not a citizen", never "checksum".
        assert_eq!(validate_national_id("A812345671"), Err(IdNotCitizen));
        assert_eq!(validate_national_id("A812345670"), Err(IdNotCitizen));
        assert_eq!(validate_national_id("F912345678"), Err(IdNotCitizen));
    }

    #[test]
    fn check_digit_vectors() {
        assert_eq!(check_digit("A12345678"), Some(9));
        assert_eq!(check_digit("a12345678"), Some(9));
        assert_eq!(check_digit("A23456789"), Some(3));
        assert_eq!(check_digit("F13110409"), Some(3));
        assert_eq!(check_digit("A1234567"), None);
        assert_eq!(check_digit("112345678"), None);
        assert_eq!(check_digit("A1234567X"), None);
        assert_eq!(check_digit("Ａ12345678"), None);
    }

    #[test]
    fn every_letter_has_a_valid_id() {
        for letter in b'A'..=b'Z' {
            let first9 = format!("{}12345678", letter as char);
            let id = format!("{first9}{}", check_digit(&first9).unwrap());
            assert!(is_valid_national_id(&id), "{id}");
        }
    }

    fn valid_id() -> impl Strategy<Value = String> {
        (b'A'..=b'Z', prop_oneof![Just('1'), Just('2')], "[0-9]{7}").prop_map(|(l, g, rest)| {
            let first9 = format!("{}{g}{rest}", l as char);
            let cd = check_digit(&first9).unwrap();
            format!("{first9}{cd}")
        })
    }

    proptest! {
        #[test]
        fn generated_ids_validate(id in valid_id()) {
            prop_assert_eq!(validate_national_id(&id), Ok(id.clone()));
            prop_assert_eq!(validate_national_id(&id.to_ascii_lowercase()), Ok(id));
        }

        #[test]
        fn changing_one_digit_is_caught_when_the_weight_allows(
            id in valid_id(),
            pos in 2usize..10,
            bump in 1u8..10,
        ) {
            // The check digit does not catch every single-digit change: a change of d at a
            // position of weight w goes unnoticed when w·d ≡ 0 (mod 10). Weights 7, 3 and 1
            // (positions 2, 6, 8, 9) catch every change; 6, 4, 2 miss a change of ±5, and 5
            // misses every even change. The validator must agree with that arithmetic exactly.
            const WEIGHTS: [u32; 10] = [0, 8, 7, 6, 5, 4, 3, 2, 1, 1];
            let mut b = id.clone().into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + bump) % 10;
            let changed = String::from_utf8(b).unwrap();
            let caught = !(WEIGHTS[pos] * u32::from(bump)).is_multiple_of(10);
            let want = if caught { Err(ErrorCode::IdChecksum) } else { Ok(changed.clone()) };
            prop_assert_eq!(validate_national_id(&changed), want);
            if matches!(pos, 2 | 6 | 8 | 9) {
                prop_assert!(caught);
            }
        }

        #[test]
        fn changing_gender_digit_fails(id in valid_id(), bump in 1u8..10) {
            let mut b = id.into_bytes();
            b[1] = b'0' + (b[1] - b'0' + bump) % 10;
            let changed = String::from_utf8(b).unwrap();
            prop_assert!(validate_national_id(&changed).is_err());
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = validate_national_id(&s);
            let _ = check_digit(&s);
        }
    }
}

//! 手機門號: a Taiwanese mobile number, accepted in the ways people write it (international form,
//! dashes, spaces, full-width digits) and returned in the domestic form "09XXXXXXXX" the carriers
//! use.

use crate::normalize::normalize_digits;
use crate::ErrorCode;

/// Validates a mobile number and returns it as ten digits starting "09".
pub fn validate_mobile(raw: &str) -> Result<String, ErrorCode> {
    let n = normalize_digits(raw);
    if n.is_empty() {
        return Err(ErrorCode::MobileRequired);
    }
    let national = match ["+886", "00886", "886"]
        .iter()
        .find_map(|cc| n.strip_prefix(cc))
    {
        // "+886 0912…" (a trunk 0 kept after the country code) is a common mistake; accept it.
        Some(rest) if rest.starts_with('0') => rest.to_string(),
        Some(rest) => format!("0{rest}"),
        None => n,
    };
    let b = national.as_bytes();
    // 099… is not allocated to mobile service, so the third digit is 0–8.
    let ok = b.len() == 10
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && b[1] == b'9'
        && b[2] != b'9';
    if ok {
        Ok(national)
    } else {
        Err(ErrorCode::MobileFormat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepted_forms() {
        let want = Ok("0912345678".to_string());
        for raw in [
            "0912345678",
            "0912-345-678",
            "0912 345 678",
            " 0912345678 ",
            "+886 912 345 678",
            "+886-912-345-678",
            "+886912345678",
            "886 912345678",
            "886912345678",
            "00886912345678",
            "+886 0912 345 678",
            "(0912)345-678",
            "０９１２３４５６７８",
            "０９１２－３４５－６７８",
            "＋８８６ ９１２ ３４５ ６７８",
        ] {
            assert_eq!(validate_mobile(raw), want, "{raw:?}");
        }
        assert_eq!(validate_mobile("0987654321"), Ok("0987654321".into()));
        assert_eq!(validate_mobile("0900000000"), Ok("0900000000".into()));
    }

    #[test]
    fn rejected_forms() {
        use ErrorCode::*;
        assert_eq!(validate_mobile(""), Err(MobileRequired));
        assert_eq!(validate_mobile(" - "), Err(MobileRequired));
        for raw in [
            "0991234567",   // 099 is not a mobile prefix
            "091234567",    // 9 digits
            "09123456789",  // 11 digits
            "0212345678",   // landline
            "1912345678",   // no leading 0
            "+1 912345678", // another country
            "+886 212345678",
            "+88691234567",
            "09l2345678", // letter l for digit 1
            "0912345678#",
            "+0912345678",
            "0912+345678",
        ] {
            assert_eq!(validate_mobile(raw), Err(MobileFormat), "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn every_written_form_gives_the_same_number(
            third in 0u8..9,
            rest in "[0-9]{7}",
            form in 0usize..5,
        ) {
            let national = format!("09{third}{rest}");
            let written = match form {
                0 => national.clone(),
                1 => format!("{}-{}-{}", &national[..4], &national[4..7], &national[7..]),
                2 => format!("+886 {}", &national[1..]),
                3 => format!("886{}", &national[1..]),
                _ => crate::normalize::to_half_width(&national)
                    .chars()
                    .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
                    .collect(),
            };
            prop_assert_eq!(validate_mobile(&written), Ok(national));
        }

        #[test]
        fn output_is_canonical(s in "[+0-9 ()-]{0,20}") {
            if let Ok(n) = validate_mobile(&s) {
                prop_assert_eq!(validate_mobile(&n), Ok(n.clone()));
                prop_assert!(n.len() == 10 && n.starts_with("09"));
            }
        }
    }
}

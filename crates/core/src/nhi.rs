//! 健保卡號: the 12-digit number printed on the National Health Insurance card. It has no public
//! check digit, so the only local rule is the shape; the carrier check does the rest.

use crate::normalize::normalize_digits;
use crate::ErrorCode;

/// Validates an NHI card number and returns its 12 digits.
pub fn validate_nhi_card(raw: &str) -> Result<String, ErrorCode> {
    let n = normalize_digits(raw);
    if n.is_empty() {
        return Err(ErrorCode::NhiRequired);
    }
    if n.len() == 12 && n.bytes().all(|b| b.is_ascii_digit()) {
        Ok(n)
    } else {
        Err(ErrorCode::NhiFormat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vectors() {
        use ErrorCode::*;
        let want = Ok("000012345678".to_string());
        assert_eq!(validate_nhi_card("000012345678"), want);
        assert_eq!(validate_nhi_card(" 0000 1234 5678 "), want);
        assert_eq!(validate_nhi_card("0000-1234-5678"), want);
        assert_eq!(
            validate_nhi_card("０００／１２３４５６７８"),
            Err(NhiFormat)
        );
        assert_eq!(validate_nhi_card("０００　０１２３４５６７８"), want);
        assert_eq!(validate_nhi_card(""), Err(NhiRequired));
        assert_eq!(validate_nhi_card("  "), Err(NhiRequired));
        assert_eq!(validate_nhi_card("00001234567"), Err(NhiFormat));
        assert_eq!(validate_nhi_card("0000123456789"), Err(NhiFormat));
        assert_eq!(validate_nhi_card("00001234567A"), Err(NhiFormat));
        assert_eq!(validate_nhi_card("+00001234567"), Err(NhiFormat));
    }

    proptest! {
        #[test]
        fn twelve_digits_pass(d in "[0-9]{12}") {
            prop_assert_eq!(validate_nhi_card(&d), Ok(d.clone()));
        }

        #[test]
        fn other_lengths_fail(d in "[0-9]{1,11}|[0-9]{13,20}") {
            prop_assert_eq!(validate_nhi_card(&d), Err(ErrorCode::NhiFormat));
        }
    }
}

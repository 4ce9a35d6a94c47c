//! 憑證密碼: the password that protects the credential this flow issues. Unlike every other field
//! it is never normalised: it is compared exactly, and silently turning "Ａ" into "A" would let a
//! user set a password they then cannot type again on another keyboard.

use crate::ErrorCode;

/// Fewest characters allowed.
pub const MIN_PASSWORD_CHARS: usize = 6;
/// Most characters allowed.
pub const MAX_PASSWORD_CHARS: usize = 14;

/// Checks a new password: 6–14 ASCII letters and digits, with at least one of each.
pub fn validate_password(raw: &str) -> Result<(), ErrorCode> {
    if raw.is_empty() {
        return Err(ErrorCode::PasswordRequired);
    }
    // Characters first: "ab cd!" is wrong because of the space and '!', and saying "too short"
    // would send the user to fix the wrong thing.
    if !raw.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(ErrorCode::PasswordChars);
    }
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&raw.chars().count()) {
        return Err(ErrorCode::PasswordLength);
    }
    let has_letter = raw.chars().any(|c| c.is_ascii_alphabetic());
    let has_digit = raw.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return Err(ErrorCode::PasswordMix);
    }
    Ok(())
}

/// Checks the repeated password against the first one, exactly.
pub fn validate_password_confirm(password: &str, confirm: &str) -> Result<(), ErrorCode> {
    if confirm.is_empty() {
        return Err(ErrorCode::PasswordConfirmRequired);
    }
    if password != confirm {
        return Err(ErrorCode::PasswordMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ErrorCode::*;

    #[test]
    fn vectors() {
        assert_eq!(validate_password("abc123"), Ok(()));
        assert_eq!(validate_password("A1b2C3d4E5f6G7"), Ok(()));
        assert_eq!(validate_password("1a1a1a"), Ok(()));
        assert_eq!(validate_password(""), Err(PasswordRequired));
        assert_eq!(validate_password("ab cd!"), Err(PasswordChars));
        assert_eq!(validate_password("abc12"), Err(PasswordLength));
        assert_eq!(validate_password("abc1234567890xy"), Err(PasswordLength));
        assert_eq!(validate_password("abcdef"), Err(PasswordMix));
        assert_eq!(validate_password("123456"), Err(PasswordMix));
        assert_eq!(validate_password("abc 123"), Err(PasswordChars));
        assert_eq!(validate_password(" abc123"), Err(PasswordChars));
        assert_eq!(validate_password("ａｂｃ１２３"), Err(PasswordChars));
        assert_eq!(validate_password("密碼abc123"), Err(PasswordChars));
        assert_eq!(validate_password("abc_123"), Err(PasswordChars));
        assert_eq!(validate_password("a1"), Err(PasswordLength));
    }

    #[test]
    fn confirm_vectors() {
        assert_eq!(validate_password_confirm("abc123", "abc123"), Ok(()));
        assert_eq!(
            validate_password_confirm("abc123", ""),
            Err(PasswordConfirmRequired)
        );
        assert_eq!(
            validate_password_confirm("", ""),
            Err(PasswordConfirmRequired)
        );
        assert_eq!(
            validate_password_confirm("abc123", "ABC123"),
            Err(PasswordMismatch)
        );
        assert_eq!(
            validate_password_confirm("abc123", "abc123 "),
            Err(PasswordMismatch)
        );
        assert_eq!(
            validate_password_confirm("abc123", "ａｂｃ１２３"),
            Err(PasswordMismatch)
        );
    }

    proptest! {
        #[test]
        fn good_passwords_pass(letters in "[a-zA-Z]{1,7}", digits in "[0-9]{1,7}", swap in any::<bool>()) {
            prop_assume!(letters.len() + digits.len() >= MIN_PASSWORD_CHARS);
            let p = if swap { format!("{digits}{letters}") } else { format!("{letters}{digits}") };
            prop_assert_eq!(validate_password(&p), Ok(()));
            prop_assert_eq!(validate_password_confirm(&p, &p), Ok(()));
        }

        #[test]
        fn any_other_char_is_reported_as_chars(p in "[a-z0-9]{0,20}", bad in "[^a-zA-Z0-9]", at in any::<prop::sample::Index>()) {
            let mut chars: Vec<char> = p.chars().collect();
            chars.insert(at.index(chars.len() + 1), bad.chars().next().unwrap());
            let p: String = chars.into_iter().collect();
            prop_assert_eq!(validate_password(&p), Err(PasswordChars));
        }

        #[test]
        fn length_is_checked_in_chars(p in "[a-z0-9]{0,30}") {
            let n = p.chars().count();
            let r = validate_password(&p);
            if n == 0 {
                prop_assert_eq!(r, Err(PasswordRequired));
            } else if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n) {
                prop_assert_eq!(r, Err(PasswordLength));
            }
        }
    }
}

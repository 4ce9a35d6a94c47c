//! Masking for display, so a confirmation page or a shoulder-surfer sees enough to recognise the
//! data ("09■■■■■■27") but not enough to reuse it. Every mask keeps the length in characters, so
//! the user can still tell a digit is missing.
//!
//! The functions mask what they are given; pass the canonical value (the `validate_*` output), not
//! raw input with spaces or dashes.

use crate::name::{is_cjk, APOSTROPHE, MIDDLE_DOT};

/// The character that hides a digit or letter of a number or ID.
pub const MASK: char = '■';
/// The character that hides part of a name; a circle reads as "a character here" in Chinese.
pub const NAME_MASK: char = '○';

/// Shows the first `head` and last `tail` characters and masks the rest; all masked when the
/// value is too short for that to hide anything.
fn mask_middle(s: &str, head: usize, tail: usize, min_len: usize) -> String {
    let n = s.chars().count();
    if n < min_len {
        return std::iter::repeat_n(MASK, n).collect();
    }
    s.chars()
        .enumerate()
        .map(|(i, c)| if i < head || i >= n - tail { c } else { MASK })
        .collect()
}

/// "0912345627" → "09■■■■■■27": prefix and last two digits, enough to recognise one's own number.
pub fn mask_mobile(n: &str) -> String {
    mask_middle(n, 2, 2, 5)
}

/// "A234567890" → "A2■■■■■■■■": only the letter and gender digit, since the serial identifies.
pub fn mask_national_id(id: &str) -> String {
    mask_middle(id, 2, 0, 5)
}

fn is_separator(c: char) -> bool {
    c == ' ' || c == '-' || c == MIDDLE_DOT || c == APOSTROPHE
}

/// Masks a name the way Taiwanese government sites do: "王小明" → "王○明", "王明" → "王○",
/// "歐陽小明" → "歐○○明"; a romanised name keeps the first letter of each word and its
/// separators: "Kolas Yotaka" → "K○○○○ Y○○○○○". A one-character name is shown as is.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len();
    if chars.iter().any(|&c| is_cjk(c)) {
        return chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let shown = i == 0 || (n >= 3 && i == n - 1) || is_separator(c);
                if shown {
                    c
                } else {
                    NAME_MASK
                }
            })
            .collect();
    }
    let mut word_start = true;
    chars
        .iter()
        .map(|&c| {
            if is_separator(c) {
                word_start = true;
                c
            } else if std::mem::take(&mut word_start) {
                c
            } else {
                NAME_MASK
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobile_vectors() {
        assert_eq!(mask_mobile("0912345627"), "09■■■■■■27");
        assert_eq!(mask_mobile("12345"), "12■45");
        assert_eq!(mask_mobile("1234"), "■■■■");
        assert_eq!(mask_mobile(""), "");
    }

    #[test]
    fn national_id_vectors() {
        assert_eq!(mask_national_id("A234567890"), "A2■■■■■■■■");
        assert_eq!(mask_national_id("A123456789"), "A1■■■■■■■■");
        assert_eq!(mask_national_id("A12"), "■■■");
    }

    #[test]
    fn name_vectors() {
        assert_eq!(mask_name("王小明"), "王○明");
        assert_eq!(mask_name("王明"), "王○");
        assert_eq!(mask_name("王"), "王");
        assert_eq!(mask_name("歐陽小明"), "歐○○明");
        assert_eq!(mask_name("𡘙太郎"), "𡘙○郎");
        assert_eq!(mask_name("麥可·傑克森"), "麥○·○○森");
        assert_eq!(mask_name("Kolas Yotaka"), "K○○○○ Y○○○○○");
        assert_eq!(mask_name("Kolas·Yotaka"), "K○○○○·Y○○○○○");
        assert_eq!(mask_name("Mayaw-Biho"), "M○○○○-B○○○");
        assert_eq!(mask_name("O’Neil"), "O’N○○○");
        assert_eq!(mask_name(""), "");
    }

    proptest! {
        #[test]
        fn mobile_mask_keeps_length_and_hides_middle(n in "09[0-8][0-9]{7}") {
            let m = mask_mobile(&n);
            prop_assert_eq!(m.chars().count(), n.chars().count());
            let middle: String = m.chars().skip(2).take(6).collect();
            prop_assert_eq!(middle, MASK.to_string().repeat(6));
            prop_assert!(m.starts_with(&n[..2]) && m.ends_with(&n[8..]));
        }

        #[test]
        fn id_mask_keeps_length_and_hides_serial(id in "[A-Z][12][0-9]{8}") {
            let m = mask_national_id(&id);
            prop_assert_eq!(m.chars().count(), 10);
            prop_assert!(m.chars().skip(2).all(|c| c == MASK));
        }

        #[test]
        fn masks_keep_length(s in any::<String>()) {
            let n = s.chars().count();
            prop_assert_eq!(mask_mobile(&s).chars().count(), n);
            prop_assert_eq!(mask_national_id(&s).chars().count(), n);
            prop_assert_eq!(mask_name(&s).chars().count(), n);
        }

        #[test]
        fn cjk_name_middle_is_hidden(s in "[王陳林李小明華美]{3,10}") {
            let m: Vec<char> = mask_name(&s).chars().collect();
            prop_assert!(m[1..m.len() - 1].iter().all(|&c| c == NAME_MASK));
        }
    }
}

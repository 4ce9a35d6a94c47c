//! Input clean-up shared by every field. People type IDs and numbers with a Chinese IME on, paste
//! them with spaces or dashes, or copy them from a document; these functions turn all of that into
//! the one form the rules check, so a user is never told "wrong format" for a harmless variant.

/// Maps full-width ASCII (U+FF01..=U+FF5E) to ASCII and the ideographic space U+3000 to ' '.
pub fn to_half_width(s: &str) -> String {
    s.chars().map(half_width_char).collect()
}

pub(crate) fn half_width_char(c: char) -> char {
    match c {
        // The full-width block mirrors ASCII 0x21..=0x7E at a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Whether `c` is a dash or hyphen look-alike that people type inside numbers and codes.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' // hyphen
            | '\u{2011}' // non-breaking hyphen
            | '\u{2012}' // figure dash
            | '\u{2013}' // en dash
            | '\u{2014}' // em dash
            | '\u{2015}' // horizontal bar
            | '\u{2212}' // minus sign
            | '\u{FE58}' // small em dash
            | '\u{FE63}' // small hyphen-minus
            | '\u{FF0D}' // full-width hyphen-minus
    )
}

/// Characters that are invisible but survive copy and paste from web pages and Word documents.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Cleans an alphanumeric code (a national ID): trims, half-width, ASCII upper case, and removes
/// spaces, dashes and invisible characters.
pub fn normalize_code(s: &str) -> String {
    s.trim()
        .chars()
        .map(half_width_char)
        .filter(|&c| !c.is_whitespace() && !is_dash(c) && !is_invisible(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Cleans a number (mobile, NHI card, date): half-width, and drops spaces, dashes, parentheses,
/// dots and invisible characters. '+' is kept so a country code stays recognisable.
pub fn normalize_digits(s: &str) -> String {
    s.chars()
        .map(half_width_char)
        .filter(|&c| {
            !c.is_whitespace() && !is_dash(c) && !is_invisible(c) && !matches!(c, '(' | ')' | '.')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn half_width_vectors() {
        assert_eq!(to_half_width("Ａ１２３４５６７８９"), "A123456789");
        assert_eq!(to_half_width("ａｚ！～"), "az!~");
        assert_eq!(to_half_width("王\u{3000}小明"), "王 小明");
        assert_eq!(to_half_width("已是半形 abc"), "已是半形 abc");
    }

    #[test]
    fn code_vectors() {
        assert_eq!(normalize_code("  a123-456 789 "), "A123456789");
        assert_eq!(normalize_code("Ａ１２３－４５６‐７８９"), "A123456789");
        assert_eq!(normalize_code("a–123—456\u{200B}789"), "A123456789");
        assert_eq!(normalize_code("\u{3000}ａ123456789\u{3000}"), "A123456789");
        assert_eq!(normalize_code(""), "");
    }

    #[test]
    fn digits_vectors() {
        assert_eq!(normalize_digits("0912-345-678"), "0912345678");
        assert_eq!(normalize_digits("(09) 12.345.678"), "0912345678");
        assert_eq!(normalize_digits("+886 912 345 678"), "+886912345678");
        assert_eq!(normalize_digits("０９１２－３４５－６７８"), "0912345678");
        assert_eq!(normalize_digits("（０９）１２３４５６７８"), "0912345678");
    }

    proptest! {
        #[test]
        fn half_width_is_idempotent(s in any::<String>()) {
            let once = to_half_width(&s);
            prop_assert_eq!(to_half_width(&once), once);
        }

        #[test]
        fn normalize_code_is_idempotent(s in any::<String>()) {
            let once = normalize_code(&s);
            prop_assert_eq!(normalize_code(&once), once);
        }

        #[test]
        fn normalize_digits_is_idempotent(s in any::<String>()) {
            let once = normalize_digits(&s);
            prop_assert_eq!(normalize_digits(&once), once);
        }

        #[test]
        fn full_width_ascii_maps_to_ascii(s in "[!-~]{0,20}") {
            let full: String = s.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap()).collect();
            prop_assert_eq!(to_half_width(&full), s);
        }
    }
}

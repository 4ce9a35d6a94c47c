//! 姓名: the name as registered, which the carrier compares with its own records. Names are
//! Chinese characters (including rare ones outside the BMP, which household registration uses),
//! or romanised indigenous and foreign-origin names such as "Kolas Yotaka" and "Mayaw-Biho".
//!
//! Normalisation folds the look-alike characters different keyboards and IMEs produce into one
//! form each, so "Kolas‧Yotaka" typed on a Big5-era keyboard and "Kolas・Yotaka" typed with a
//! Japanese IME are the same name:
//!
//! * Middle dot (間隔號) → U+00B7 `·`. It is the character Unicode and the Chinese punctuation
//!   standards name for 間隔號, it is in Latin-1 so every font and every legacy encoding (Big5
//!   included) has it, and it is neither Japanese (U+30FB, U+FF65) nor a dictionary syllable mark
//!   (U+2027). A '.' (or '．') directly between two letters is read as the same separator.
//! * Apostrophe → U+2019 `’`, the typographic apostrophe; '`', '‘', U+02BC and the ASCII one fold
//!   into it.
//! * Hyphens and dashes → ASCII '-'.
//! * Whitespace runs → one space; spaces next to '·' or '-' are removed, so "Kolas · Yotaka" and
//!   "Kolas·Yotaka" compare equal.

use crate::normalize::{half_width_char, is_dash, is_invisible};
use crate::ErrorCode;

/// Longest name accepted, in characters (not bytes: a rare CJK character is 4 bytes of UTF-8).
pub const MAX_NAME_CHARS: usize = 50;

/// The separator every middle-dot variant becomes.
pub const MIDDLE_DOT: char = '\u{00B7}';
/// The apostrophe every apostrophe variant becomes.
pub const APOSTROPHE: char = '\u{2019}';

/// Whether `c` is a Chinese character: CJK unified ideographs, their extensions A–I, the
/// compatibility ideographs, and 〇.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'     // extension A
        | '\u{4E00}'..='\u{9FFF}'     // unified ideographs
        | '\u{F900}'..='\u{FAFF}'     // compatibility ideographs
        // Extensions B–G and I, the compatibility supplement, and extension H (Unicode 15):
        // household registers use rare characters from these planes.
        | '\u{20000}'..='\u{323AF}')
}

/// Whether `c` is a Latin letter, plain or with diacritics.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

fn is_name_letter(c: char) -> bool {
    is_cjk(c) || is_latin_letter(c)
}

fn is_joiner(c: char) -> bool {
    c == MIDDLE_DOT || c == '-'
}

/// Folds one character to its canonical form; '.' is left for the neighbour-aware pass.
fn fold(c: char) -> char {
    let c = half_width_char(c);
    match c {
        '\u{2027}' | '\u{30FB}' | '\u{FF65}' | '\u{2022}' | '\u{2219}' | '\u{22C5}' => MIDDLE_DOT,
        '\'' | '`' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '\u{2032}' => APOSTROPHE,
        c if is_dash(c) => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Returns the canonical form of a name without judging it (see the module docs).
pub fn normalize_name(raw: &str) -> String {
    let mut folded: Vec<char> = raw
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(fold)
        .collect();
    // Collapsing runs first means a space's neighbours are never spaces, which keeps the pass
    // below linear however much whitespace is pasted.
    folded.dedup_by(|a, b| *a == ' ' && *b == ' ');
    let mut out: Vec<char> = Vec::with_capacity(folded.len());
    for (i, &c) in folded.iter().enumerate() {
        let next = folded.get(i + 1).copied();
        match c {
            ' ' => {
                let after_joiner_or_start = out.last().is_none_or(|&p| is_joiner(p));
                let before_joiner_or_end = next.is_none_or(is_joiner);
                if !after_joiner_or_start && !before_joiner_or_end {
                    out.push(' ');
                }
            }
            '.' if out.last().is_some_and(|p| p.is_alphabetic())
                && next.is_some_and(char::is_alphabetic) =>
            {
                out.push(MIDDLE_DOT)
            }
            _ => out.push(c),
        }
    }
    out.into_iter().collect()
}

/// Validates a name and returns its canonical form.
pub fn validate_name(raw: &str) -> Result<String, ErrorCode> {
    let name = normalize_name(raw);
    if name.is_empty() {
        return Err(ErrorCode::NameRequired);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ErrorCode::NameTooLong);
    }
    let allowed =
        |c: char| is_name_letter(c) || matches!(c, ' ' | '-') || c == MIDDLE_DOT || c == APOSTROPHE;
    // A name of separators only ("-", "·") is not a name; the allowed-characters message fits it
    // better than "enter your name", which would suggest the field was not seen.
    if !name.chars().all(allowed) || !name.chars().any(is_name_letter) {
        return Err(ErrorCode::NameChars);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(s: &str) -> Result<String, ErrorCode> {
        Ok(s.to_string())
    }

    #[test]
    fn chinese_names() {
        assert_eq!(validate_name("王小明"), ok("王小明"));
        assert_eq!(validate_name("　王小明　"), ok("王小明"));
        assert_eq!(validate_name(" \t王小明\n"), ok("王小明"));
        // 𡘙 is U+21619, extension B: four bytes in UTF-8, one character.
        assert_eq!(validate_name("𡘙太"), ok("𡘙太"));
        assert_eq!(validate_name("林〇"), ok("林〇"));
        assert_eq!(validate_name("麥可．傑克森"), ok("麥可·傑克森"));
        assert_eq!(validate_name("麥可‧傑克森"), ok("麥可·傑克森"));
        assert_eq!(validate_name("\u{FA11}\u{3400}"), ok("\u{FA11}\u{3400}"));
    }

    #[test]
    fn romanised_names() {
        assert_eq!(validate_name("Kolas Yotaka"), ok("Kolas Yotaka"));
        assert_eq!(validate_name("  Kolas   Yotaka "), ok("Kolas Yotaka"));
        let dotted = ok("Kolas·Yotaka");
        for v in [
            "Kolas‧Yotaka",
            "Kolas·Yotaka",
            "Kolas・Yotaka",
            "Kolas･Yotaka",
            "Kolas．Yotaka",
            "Kolas.Yotaka",
            "Kolas · Yotaka",
            "Kolas ‧ Yotaka",
            "Ｋｏｌａｓ・Ｙｏｔａｋａ",
        ] {
            assert_eq!(validate_name(v), dotted, "{v:?}");
        }
        for v in ["O’Neil", "O'Neil", "O‘Neil", "O`Neil", "O＇Neil"] {
            assert_eq!(validate_name(v), ok("O’Neil"), "{v:?}");
        }
        for v in [
            "Mayaw-Biho",
            "Mayaw–Biho",
            "Mayaw—Biho",
            "Mayaw－Biho",
            "Mayaw - Biho",
            "Mayaw‐Biho",
        ] {
            assert_eq!(validate_name(v), ok("Mayaw-Biho"), "{v:?}");
        }
        assert_eq!(validate_name("José Ñúñez"), ok("José Ñúñez"));
        assert_eq!(validate_name("Nguyễn Thị Ánh"), ok("Nguyễn Thị Ánh"));
        assert_eq!(validate_name("王 Kolas"), ok("王 Kolas"));
    }

    #[test]
    fn rejections() {
        use ErrorCode::*;
        assert_eq!(validate_name(""), Err(NameRequired));
        assert_eq!(validate_name(" \u{3000} "), Err(NameRequired));
        assert_eq!(validate_name("王小明2"), Err(NameChars));
        assert_eq!(validate_name("王小明２"), Err(NameChars));
        assert_eq!(validate_name("王小明😀"), Err(NameChars));
        assert_eq!(validate_name("王小明!"), Err(NameChars));
        assert_eq!(validate_name("Mayaw A. Biho"), Err(NameChars));
        assert_eq!(validate_name("Kolas."), Err(NameChars));
        assert_eq!(validate_name("-"), Err(NameChars));
        assert_eq!(validate_name("·"), Err(NameChars));
        assert_eq!(validate_name("Straße×2"), Err(NameChars));
        assert_eq!(validate_name("ㄅㄆㄇ"), Err(NameChars));
        assert_eq!(validate_name("Иван"), Err(NameChars));
        assert_eq!(validate_name(&"王".repeat(50)), Ok("王".repeat(50)));
        assert_eq!(validate_name(&"王".repeat(51)), Err(NameTooLong));
        // Counted in characters: 50 four-byte characters are fine.
        assert_eq!(validate_name(&"𡘙".repeat(50)), Ok("𡘙".repeat(50)));
        // Linear time: a megabyte of pasted whitespace around a name is cheap to clean.
        let padded = format!(
            "{}王{}小明{}",
            " ".repeat(1 << 20),
            "\t ".repeat(1 << 19),
            "\n".repeat(1 << 20)
        );
        assert_eq!(validate_name(&padded), ok("王 小明"));
    }

    proptest! {
        #[test]
        fn validation_is_idempotent(s in any::<String>()) {
            if let Ok(once) = validate_name(&s) {
                prop_assert_eq!(validate_name(&once), Ok(once.clone()));
            }
        }

        #[test]
        fn normalisation_is_idempotent(s in "[ a-zA-Z王小明．・‧·.’'`\\-–　]{0,30}") {
            let once = normalize_name(&s);
            prop_assert_eq!(normalize_name(&once), once.clone());
            if let Ok(v) = validate_name(&s) {
                prop_assert_eq!(validate_name(&v), Ok(v.clone()));
            }
        }

        #[test]
        fn plausible_names_pass(s in "[王陳林李\u{20000}-\u{2A6DF}]{1,4}|[A-Z][a-z]{1,8}([ ·-][A-Z][a-z]{1,8}){0,3}") {
            prop_assert_eq!(validate_name(&s), Ok(s.clone()));
        }
    }
}

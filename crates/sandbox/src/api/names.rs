//! Names as the rules compare them.

/// A name as Unicode NFC before any rule sees it: the same name typed by two input methods (a
/// precomposed character, or a base and a combining mark) is the same name. (The SPA does the
/// same with the browser's `normalize`, keeping the tables out of its Wasm.)
pub(super) fn nfc(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc().collect()
}

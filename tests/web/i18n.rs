//! The English table the build writes (src/i18n.rs): the texts the app reads by position are
//! each catalogue's own, in its order, and a table that is not this build's is refused.

use mobile_auth::i18n::{english_texts, install_english, Text, ENGLISH_FILE, T};
use mobile_auth_core::flow::Step;
use mobile_auth_core::{ErrorCode, Field, Lang};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn the_table_is_every_catalogues_english_in_order() {
    let ui = T::ALL
        .iter()
        .map(|&(_, t)| t)
        .take_while(|&t| t != T::Loading)
        .map(|t| t.get(Lang::En));
    let expected: Vec<&str> = ui
        .chain(ErrorCode::ALL.iter().map(|c| c.message(Lang::En)))
        .chain(Field::ALL.iter().map(|f| f.label(Lang::En)))
        .chain(Step::ALL.iter().map(|s| s.title(Lang::En)))
        .collect();
    assert_eq!(english_texts(), expected);
    // What the app shows is core's own English.
    assert_eq!(
        ErrorCode::Network.text(Lang::En),
        ErrorCode::Network.message(Lang::En)
    );
    assert_eq!(
        Step::Enroll.text(Lang::ZhTw),
        Step::Enroll.title(Lang::ZhTw)
    );
    assert!(ENGLISH_FILE.starts_with("texts-en-") && ENGLISH_FILE.ends_with(".json"));
    assert_eq!(ENGLISH_FILE.len(), "texts-en-".len() + 16 + ".json".len());
}

#[wasm_bindgen_test]
fn a_table_of_another_build_is_refused() {
    let short = vec!["Only one".to_string()];
    assert!(install_english(short).is_err());
}

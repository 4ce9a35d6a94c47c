//! 投保資料查詢: the table and the cards show the same cells.

use leptos::prelude::*;
use leptos::task::tick;
use mobile_auth_core::flow::Step;
use wasm_bindgen_test::*;

use crate::setup::*;

#[wasm_bindgen_test]
async fn records_table_has_headers_and_the_cards_show_the_same_cells() {
    use mobile_auth::screens::records::{RecordCards, RecordsTable};
    use mobile_auth_core::contract::{InsuranceRecord, InsuranceType};
    let rec = |insurance, start: &str, end: Option<&str>| InsuranceRecord {
        insurance,
        employer_name: "宏盛建設股份有限公司".into(),
        employer_number: "12345678A".into(),
        insured_salary: 45_800,
        start_date: start.into(),
        end_date: end.map(String::from),
    };
    let list = vec![
        rec(InsuranceType::Labor, "1120501", None),
        rec(InsuranceType::Employment, "0950301", Some("1000615")),
    ];
    let (root, _) = mount(Step::Home, move || {
        let caption = "投保資料（新到舊）：全部期間；保險別：全部".to_string();
        view! {
            <RecordsTable records=list.clone() caption=caption.clone() />
            <RecordCards records=list caption />
        }
    });
    tick().await;
    let cols = root.query_selector_all("thead th[scope=col]").unwrap();
    assert_eq!(cols.length(), 6);
    assert_eq!(text(&root, "thead th"), "保險別");
    assert_eq!(
        text(&root, "caption"),
        "投保資料（新到舊）：全部期間；保險別：全部"
    );
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 2);
    assert_eq!(
        text(&root, "tbody tr th[scope=row]"),
        "宏盛建設股份有限公司"
    );
    let first_row: Vec<String> = {
        let cells = root
            .query_selector_all("tbody tr:first-child th, tbody tr:first-child td")
            .unwrap();
        (0..cells.length())
            .map(|i| cells.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        first_row,
        [
            "勞工保險",
            "宏盛建設股份有限公司",
            "12345678A",
            "45,800",
            "112/05/01",
            "在保中"
        ]
    );
    assert_eq!(root.query_selector_all(".record-card").unwrap().length(), 2);
    assert_eq!(
        q(&root, "ul.record-cards")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("投保資料（新到舊）：全部期間；保險別：全部")
    );
    assert_eq!(
        text(&root, ".record-card:last-child dl div:last-child dd"),
        "100/06/15"
    );
}

//! `api/openapi.yaml` and the serde types of `mobile_auth_core::contract` describe the same JSON:
//! member names, which members are required, enum values and the error codes.

use std::collections::BTreeSet;

use mobile_auth_conformance::schema::Spec;
use mobile_auth_core::contract::*;
use mobile_auth_core::device::{DeviceKind, VerifyPath};
use mobile_auth_core::{ErrorCode, Field, Lang};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// `full` has every optional member set, `minimal` none: the first must show every documented
/// property, the second exactly the required ones. Both must validate, deserialise back, and
/// dropping any required member must make deserialisation fail.
fn agree<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    spec: &Spec,
    name: &str,
    full: T,
    minimal: T,
) {
    let schema = spec
        .schema(name)
        .unwrap_or_else(|| panic!("schema {name} missing"));
    let props = keys(&schema["properties"]);
    let required = schema.get("required").map(strings).unwrap_or_default();
    let full_json = serde_json::to_value(&full).unwrap();
    let min_json = serde_json::to_value(&minimal).unwrap();
    assert_eq!(keys(&full_json), props, "{name}: properties");
    assert_eq!(keys(&min_json), required, "{name}: required");
    for v in [&full_json, &min_json] {
        spec.validate(name, v)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert_eq!(
        serde_json::from_value::<T>(min_json.clone()).unwrap(),
        minimal,
        "{name}: optional members are optional"
    );
    for r in &required {
        let mut v = min_json.clone();
        v.as_object_mut().unwrap().remove(r);
        assert!(
            serde_json::from_value::<T>(v).is_err(),
            "{name}.{r} is required in the spec but optional in Rust"
        );
    }
}

fn enum_agrees<T: Serialize>(spec: &Spec, name: &str, all: &[T]) {
    let documented = strings(&spec.schema(name).unwrap()["enum"]);
    let rust: BTreeSet<String> = all
        .iter()
        .map(|v| {
            serde_json::to_value(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(rust, documented, "{name}: enum values");
}

fn loc() -> Localized {
    Localized {
        zh: "中".into(),
        en: "en".into(),
    }
}

fn session() -> Session {
    Session {
        name_masked: "王○明".into(),
        national_id_masked: "A1■■■■■■■■".into(),
        expires_in_seconds: 900,
    }
}

fn key() -> DevicePublicKey {
    DevicePublicKey {
        key_id: "k".into(),
        kty: "EC".into(),
        crv: "P-256".into(),
        x: "x".into(),
        y: "y".into(),
    }
}

#[test]
fn error_codes_and_fields_are_the_documented_enums() {
    let spec = Spec::bundled();
    let documented = strings(&spec.schema("ErrorCode").unwrap()["enum"]);
    let rust: BTreeSet<String> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    assert_eq!(rust, documented);
    assert_eq!(documented.len(), ErrorCode::ALL.len(), "no duplicates");
    enum_agrees(&spec, "ErrorCode", ErrorCode::ALL);
    enum_agrees(&spec, "Field", &Field::ALL);
    enum_agrees(
        &spec,
        "DeviceKind",
        &[DeviceKind::Desktop, DeviceKind::Tablet, DeviceKind::Phone],
    );
    enum_agrees(&spec, "VerifyPath", &[VerifyPath::Qr, VerifyPath::Direct]);
    use ApplicationState::*;
    enum_agrees(
        &spec,
        "ApplicationState",
        &[Pending, Opened, Verified, Failed, Expired],
    );
    enum_agrees(
        &spec,
        "ConnectionHint",
        &[
            ConnectionHint::Cellular,
            ConnectionHint::Wifi,
            ConnectionHint::Unknown,
        ],
    );
    use InsuranceType::*;
    enum_agrees(
        &spec,
        "InsuranceType",
        &[Labor, Employment, OccupationalAccident],
    );
}

#[test]
fn every_schema_matches_its_rust_type() {
    let spec = Spec::bundled();
    let problem_full =
        Problem::fields(&[(Field::Mobile, ErrorCode::MobileFormat)], Lang::ZhTw).unwrap();
    agree(
        &spec,
        "Problem",
        problem_full,
        Problem::new(ErrorCode::Wifi, Lang::En),
    );
    let fp = FieldProblem {
        field: Field::Name,
        code: ErrorCode::NameRequired,
        message: "m".into(),
    };
    agree(&spec, "FieldProblem", fp.clone(), fp);
    let carrier = Carrier {
        id: "cht".into(),
        name_zh: "中華電信".into(),
        name_en: "Chunghwa".into(),
    };
    agree(&spec, "Carrier", carrier.clone(), carrier.clone());
    agree(&spec, "Localized", loc(), loc());
    let config = BackendConfig {
        carriers: vec![carrier],
        qr_validity_seconds: 300,
        verification_unit: loc(),
        terms: loc(),
        session_idle_seconds: 900,
        public_app_url: Some("http://192.168.1.20:8080/".into()),
    };
    agree(
        &spec,
        "BackendConfig",
        config.clone(),
        BackendConfig {
            public_app_url: None,
            ..config
        },
    );
    let captcha = Captcha {
        captcha_id: "c".into(),
        image: "data:image/png;base64,".into(),
        expires_in_seconds: 120,
    };
    agree(&spec, "Captcha", captcha.clone(), captcha);
    agree(
        &spec,
        "IdCheckRequest",
        IdCheckRequest {
            national_id: "A123456789".into(),
            key_id: Some("k".into()),
        },
        IdCheckRequest {
            national_id: "A123456789".into(),
            key_id: None,
        },
    );
    agree(
        &spec,
        "IdCheckResponse",
        IdCheckResponse { bound: true },
        IdCheckResponse { bound: false },
    );
    agree(&spec, "DevicePublicKey", key(), key());
    let device = DeviceInfo {
        kind: DeviceKind::Tablet,
        has_sim: Some(true),
    };
    agree(
        &spec,
        "DeviceInfo",
        device,
        DeviceInfo {
            kind: DeviceKind::Phone,
            has_sim: None,
        },
    );
    let application = ApplicationRequest {
        national_id: "A123456789".into(),
        carrier: "cht".into(),
        mobile: "0912345678".into(),
        nhi_card: "000012345678".into(),
        birth_date: "0800101".into(),
        name: "王小明".into(),
        confirm: true,
        captcha_id: "c".into(),
        captcha: "AB3D".into(),
        password: "abc123".into(),
        device,
        device_key: key(),
    };
    agree(
        &spec,
        "ApplicationRequest",
        application.clone(),
        application,
    );
    let ar = ApplicationResponse {
        application_id: "a".into(),
        path: VerifyPath::Qr,
        token: "t".into(),
        expires_in_seconds: 300,
    };
    agree(&spec, "ApplicationResponse", ar.clone(), ar);
    let qr = QrToken {
        token: "t".into(),
        expires_in_seconds: 300,
    };
    agree(&spec, "QrToken", qr.clone(), qr);
    agree(
        &spec,
        "ApplicationStatus",
        ApplicationStatus {
            state: ApplicationState::Failed,
            code: Some(ErrorCode::Prepaid),
            expires_in_seconds: 0,
        },
        ApplicationStatus {
            state: ApplicationState::Pending,
            code: None,
            expires_in_seconds: 300,
        },
    );
    let summary = VerificationSummary {
        verification_type: loc(),
        verification_unit: loc(),
        carrier: loc(),
        mobile_masked: "09■■■■■■78".into(),
        national_id_masked: "A1■■■■■■■■".into(),
        path: VerifyPath::Direct,
        expires_in_seconds: 300,
    };
    agree(&spec, "VerificationSummary", summary.clone(), summary);
    // `connection` has a serde default, so it is optional even though it always serialises.
    let start = StartVerificationRequest {
        agree_terms: true,
        connection: ConnectionHint::Wifi,
    };
    let start_json = serde_json::to_value(&start).unwrap();
    assert_eq!(
        keys(&start_json),
        keys(&spec.schema("StartVerificationRequest").unwrap()["properties"])
    );
    spec.validate("StartVerificationRequest", &start_json)
        .unwrap();
    let minimal: StartVerificationRequest =
        serde_json::from_value(json!({"agree_terms": true})).unwrap();
    assert_eq!(minimal.connection, ConnectionHint::Unknown);
    assert_eq!(
        strings(&spec.schema("StartVerificationRequest").unwrap()["required"]),
        BTreeSet::from(["agree_terms".to_string()])
    );
    assert!(
        serde_json::from_value::<StartVerificationRequest>(json!({"connection": "wifi"})).is_err()
    );
    agree(
        &spec,
        "StartVerificationResponse",
        StartVerificationResponse {
            path: VerifyPath::Direct,
            session: Some(session()),
        },
        StartVerificationResponse {
            path: VerifyPath::Qr,
            session: None,
        },
    );
    agree(
        &spec,
        "ChallengeRequest",
        ChallengeRequest { key_id: "k".into() },
        ChallengeRequest { key_id: "k".into() },
    );
    let ch = Challenge {
        challenge_id: "c".into(),
        challenge: "AAAA".into(),
        expires_in_seconds: 120,
    };
    agree(&spec, "Challenge", ch.clone(), ch);
    let login = LoginRequest {
        national_id: "A123456789".into(),
        birth_date: "0800101".into(),
        name: "王小明".into(),
        password: "abc123".into(),
        key_id: "k".into(),
        challenge_id: "c".into(),
        signature: "s".into(),
    };
    agree(&spec, "LoginRequest", login.clone(), login);
    agree(&spec, "Session", session(), session());
    let record = InsuranceRecord {
        insurance: InsuranceType::Labor,
        employer_name: "宏盛科技股份有限公司".into(),
        employer_number: "12345678K".into(),
        insured_salary: 45800,
        start_date: "1100101".into(),
        end_date: Some("1120101".into()),
    };
    agree(
        &spec,
        "InsuranceRecord",
        record.clone(),
        InsuranceRecord {
            end_date: None,
            ..record.clone()
        },
    );
    agree(
        &spec,
        "Records",
        Records {
            records: vec![record],
        },
        Records { records: vec![] },
    );
}

#[test]
fn every_schema_is_checked_above() {
    let spec = Spec::bundled();
    let source = include_str!("openapi.rs");
    for name in keys(&spec.doc["components"]["schemas"]) {
        assert!(
            source.contains(&format!("\"{name}\"")),
            "schema {name} has no Rust check"
        );
    }
}

#[test]
fn paths_are_the_contract_table() {
    let spec = Spec::bundled();
    let table = include_str!("../../../docs/contract.md");
    let mut documented = BTreeSet::new();
    for line in table.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() > 3 && ["GET", "POST", "DELETE"].contains(&cells[1]) {
            documented.insert((
                cells[1].to_ascii_lowercase(),
                cells[2].trim_matches('`').to_string(),
            ));
        }
    }
    let mut in_spec = BTreeSet::new();
    for (path, item) in spec.doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "delete"] {
            if item.get(method).is_some() {
                in_spec.insert((method.to_string(), path.clone()));
            }
        }
    }
    assert_eq!(in_spec, documented);
    assert_eq!(spec.doc["servers"][0]["url"], API_PREFIX);
}

#[test]
fn outcome_table_is_in_the_document() {
    let spec = Spec::bundled();
    let text = spec.doc["paths"]["/verifications/{token}/start"]["post"]["description"]
        .as_str()
        .unwrap();
    for (digits, code) in SANDBOX_OUTCOMES.iter().skip(1) {
        assert!(
            text.contains(&format!("| {digits} | `{}` |", code.unwrap().as_str())),
            "{digits}"
        );
    }
    assert!(text.contains("| 00–89 | – | verified |"));
}

//! Generated malformed requests: only the shape of each answer is judged.

use reqwest::Method;
use serde_json::{json, Value};

use crate::checker::{client, Checker, Payload};

/// Generated malformed requests: raw garbage bodies, every member replaced by values of the
/// wrong type or removed, odd path ids. Only the shape of the answer is judged.
pub(crate) async fn malformed(c: &mut Checker) {
    let http = client();
    let bodies = [
        "",
        "null",
        "[]",
        "\"x\"",
        "{",
        "{}",
        "1e999",
        &"[".repeat(2000),
        "{\"a\":\u{0}}",
    ];
    let junk = [
        json!(null),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(true),
        json!(""),
        json!([]),
        json!({}),
        json!("x".repeat(5000)),
        json!("𠀀🙂\u{0}\u{202e}"),
    ];
    let ops: Vec<(String, String)> = c.spec.doc["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(path, item)| {
            let schema = item
                .pointer("/post/requestBody/content/application~1json/schema/$ref")?
                .as_str()?;
            Some((path.clone(), schema.rsplit('/').next()?.to_string()))
        })
        .collect();
    for (doc_path, schema_name) in ops {
        let path = doc_path.replace("{token}", "not-a-token");
        for raw in bodies {
            c.call(
                &http,
                Method::POST,
                &doc_path,
                &path,
                Payload::Raw(raw.to_string()),
                None,
                "raw body",
            )
            .await;
        }
        let Some(schema) = c.spec.schema(&schema_name).cloned() else {
            continue;
        };
        let base = c.spec.example(&schema);
        for pointer in members(&base, "") {
            let mut removed = base.clone();
            remove(&mut removed, &pointer);
            c.call(
                &http,
                Method::POST,
                &doc_path,
                &path,
                Payload::Json(removed),
                None,
                &format!("without {pointer}"),
            )
            .await;
            for v in &junk {
                let mut body = base.clone();
                if let Some(slot) = body.pointer_mut(&pointer) {
                    *slot = v.clone();
                }
                c.call(
                    &http,
                    Method::POST,
                    &doc_path,
                    &path,
                    Payload::Json(body),
                    None,
                    &format!("{pointer} = junk"),
                )
                .await;
            }
        }
    }
    for id in [
        "x",
        "%00",
        "..%2F..%2Fetc",
        "%F0%A0%80%80",
        &"a".repeat(3000),
    ] {
        for (method, doc, path) in [
            (
                Method::GET,
                "/applications/{application_id}",
                format!("/applications/{id}"),
            ),
            (
                Method::POST,
                "/applications/{application_id}/qr",
                format!("/applications/{id}/qr"),
            ),
            (
                Method::POST,
                "/applications/{application_id}/session",
                format!("/applications/{id}/session"),
            ),
            (
                Method::GET,
                "/verifications/{token}",
                format!("/verifications/{id}"),
            ),
        ] {
            c.call(&http, method, doc, &path, Payload::None, None, "odd id")
                .await;
        }
    }
}

/// JSON pointers of every member, nested objects included.
fn members(v: &Value, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (k, child) in v.as_object().into_iter().flatten() {
        let p = format!("{prefix}/{k}");
        out.push(p.clone());
        if child.is_object() {
            out.extend(members(child, &p));
        }
    }
    out
}

fn remove(v: &mut Value, pointer: &str) {
    if let Some((parent, key)) = pointer.rsplit_once('/') {
        if let Some(obj) = v.pointer_mut(parent).and_then(Value::as_object_mut) {
            obj.remove(key);
        }
    }
}

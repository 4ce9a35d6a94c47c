//! `api/openapi.yaml` as the checker reads it: its component schemas compiled by the `jsonschema`
//! crate (OpenAPI 3.1 schemas are JSON Schema 2020-12), its paths and responses looked up by hand.
//! Schemas are read strictly: a member the document does not name is an error, so drift between a
//! backend and the contract shows.

use std::collections::HashMap;

use jsonschema::{Draft, Keyword, ValidationError, Validator};
use serde_json::{json, Value};

/// The contract, bundled so the conformance checker works from any directory.
pub const OPENAPI_YAML: &str = include_str!("../../../api/openapi.yaml");

/// Marks the schemas of whole numbers (see [`strict`]).
const WHOLE_NUMBER: &str = "x-whole-number";

pub struct Spec {
    pub doc: Value,
    /// One validator per component schema, compiled once.
    validators: HashMap<String, Validator>,
}

impl Spec {
    pub fn bundled() -> Spec {
        Spec::parse(OPENAPI_YAML).expect("bundled api/openapi.yaml parses")
    }

    pub fn parse(yaml: &str) -> Result<Spec, String> {
        let doc: Value = serde_norway::from_str(yaml).map_err(|e| e.to_string())?;
        let mut schemas = doc
            .pointer("/components/schemas")
            .cloned()
            .unwrap_or_else(|| json!({}));
        strict(&mut schemas);
        let mut validators = HashMap::new();
        for name in schemas.as_object().into_iter().flatten().map(|(k, _)| k) {
            // The components travel with each root so that every `#/components/schemas/…`
            // reference inside them resolves as it does in the document.
            let root = json!({
                "$ref": format!("#/components/schemas/{name}"),
                "components": { "schemas": schemas },
            });
            let validator = jsonschema::options()
                .with_draft(Draft::Draft202012)
                .with_keyword(WHOLE_NUMBER, |_, _, _| Ok(Box::new(WholeNumber)))
                .build(&root)
                .map_err(|e| format!("schema {name}: {e}"))?;
            validators.insert(name.clone(), validator);
        }
        Ok(Spec { doc, validators })
    }

    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.doc.pointer(&format!("/components/schemas/{name}"))
    }

    /// `schema` itself, or the part of the document its `$ref` names.
    fn resolve<'a>(&'a self, schema: &'a Value) -> Result<&'a Value, String> {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let ptr = r
                    .strip_prefix('#')
                    .ok_or_else(|| format!("external $ref {r}"))?;
                self.doc
                    .pointer(ptr)
                    .ok_or_else(|| format!("dangling $ref {r}"))
            }
            None => Ok(schema),
        }
    }

    /// Checks `value` against the named component schema; the error names where it failed.
    pub fn validate(&self, name: &str, value: &Value) -> Result<(), String> {
        let validator = self
            .validators
            .get(name)
            .ok_or_else(|| format!("no schema {name}"))?;
        validator
            .validate(value)
            .map_err(|e| format!("{name}{}: {e}", e.instance_path()))
    }

    /// The documented responses of `method path` (path as in the document, e.g.
    /// `/applications/{application_id}`): the schema name for `status`, or `None` for no body.
    /// `Err` when the status is not documented and there is no `default`.
    pub fn response_schema(
        &self,
        method: &str,
        path: &str,
        status: u16,
    ) -> Result<Option<String>, String> {
        let op = self
            .doc
            .get("paths")
            .and_then(|p| p.get(path))
            .and_then(|p| p.get(method.to_ascii_lowercase()))
            .ok_or_else(|| format!("{method} {path} is not in the document"))?;
        let responses = op
            .get("responses")
            .ok_or_else(|| format!("{method} {path} has no responses"))?;
        let response = responses
            .get(status.to_string())
            .or_else(|| responses.get("default"))
            .ok_or_else(|| format!("{method} {path}: status {status} is not documented"))?;
        let response = self.resolve(response)?;
        let schema = response.pointer("/content/application~1json/schema");
        Ok(schema
            .and_then(|s| s.get("$ref"))
            .and_then(Value::as_str)
            .map(|r| r.rsplit('/').next().unwrap_or(r).to_string()))
    }

    /// A minimal valid instance of a schema (every required member, first enum value), used as
    /// the starting point for generated malformed requests.
    pub fn example(&self, schema: &Value) -> Value {
        let Ok(schema) = self.resolve(schema) else {
            return Value::Null;
        };
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
        {
            return first.clone();
        }
        if let Some(c) = schema.get("const") {
            return c.clone();
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => Value::String("x".into()),
            Some("boolean") => Value::Bool(true),
            Some("integer" | "number") => Value::from(1),
            Some("array") => Value::Array(Vec::new()),
            Some("object") => {
                let mut obj = serde_json::Map::new();
                if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                    for (k, v) in props {
                        obj.insert(k.clone(), self.example(v));
                    }
                }
                Value::Object(obj)
            }
            _ => Value::Null,
        }
    }
}

/// Tightens the document's schemas to what a client of the contract can rely on: an object holds
/// only the members its schema names (`additionalProperties: false` where the document leaves it
/// open), and an integer is written without a fraction (JSON Schema counts `1.0` as an integer,
/// but the SPA's `u32` fields would refuse it).
fn strict(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            match map.get("type").and_then(Value::as_str) {
                Some("object") if !map.contains_key("additionalProperties") => {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                Some("integer") => {
                    map.insert(WHOLE_NUMBER.into(), Value::Bool(true));
                }
                _ => {}
            }
            map.values_mut().for_each(strict);
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

struct WholeNumber;

impl<'i> Keyword<'i> for WholeNumber {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(format!(
                "{instance} is not written as a whole number"
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        !instance.is_number() || instance.is_i64() || instance.is_u64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_and_objects_are_closed() {
        let spec = Spec::bundled();
        let carrier = json!({"id": "cht", "name_zh": "中華電信", "name_en": "Chunghwa Telecom"});
        let config = json!({
            "carriers": [carrier], "qr_validity_seconds": 300, "session_idle_seconds": 900,
            "verification_unit": {"zh": "中", "en": "en"}, "terms": {"zh": "中", "en": "en"},
        });
        spec.validate("BackendConfig", &config).unwrap();

        let mut extra = config.clone();
        extra["carriers"][0]["logo"] = json!("x");
        let e = spec.validate("BackendConfig", &extra).unwrap_err();
        assert!(e.starts_with("BackendConfig/carriers/0:"), "{e}");
        let mut missing = config.clone();
        missing["terms"].as_object_mut().unwrap().remove("en");
        assert!(spec.validate("BackendConfig", &missing).is_err());
        let mut wrong_enum = json!({"code": "nope", "message": "m", "retryable": false});
        assert!(spec.validate("Problem", &wrong_enum).is_err());
        wrong_enum["code"] = json!("internal");
        spec.validate("Problem", &wrong_enum).unwrap();
    }

    #[test]
    fn integers_are_whole_and_not_negative() {
        let spec = Spec::bundled();
        let qr = |n: Value| json!({"token": "t", "expires_in_seconds": n});
        spec.validate("QrToken", &qr(json!(300))).unwrap();
        for bad in [json!(300.0), json!(1.5), json!(-1), json!("300")] {
            assert!(spec.validate("QrToken", &qr(bad.clone())).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unknown_schema_is_an_error() {
        assert!(Spec::bundled().validate("Nope", &json!({})).is_err());
    }
}

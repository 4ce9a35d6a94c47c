//! A small validator for the subset of JSON Schema that `api/openapi.yaml` uses ($ref, type,
//! enum, const, required, properties, items, minimum). Objects are checked strictly: a member the
//! document does not name is an error, so drift between a backend and the contract shows.

use serde_json::Value;

/// The contract, bundled so the conformance checker works from any directory.
pub const OPENAPI_YAML: &str = include_str!("../../../api/openapi.yaml");

pub struct Spec {
    pub doc: Value,
}

impl Spec {
    pub fn bundled() -> Spec {
        Spec::parse(OPENAPI_YAML).expect("bundled api/openapi.yaml parses")
    }

    pub fn parse(yaml: &str) -> Result<Spec, String> {
        let doc: Value = serde_norway::from_str(yaml).map_err(|e| e.to_string())?;
        Ok(Spec { doc })
    }

    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.doc.pointer(&format!("/components/schemas/{name}"))
    }

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

    /// Checks `value` against the named component schema.
    pub fn validate(&self, name: &str, value: &Value) -> Result<(), String> {
        let schema = self
            .schema(name)
            .ok_or_else(|| format!("no schema {name}"))?;
        self.check(schema, value, name)
    }

    pub fn check(&self, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
        let schema = self.resolve(schema)?;
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                return Err(format!("{at}: {value} is not one of the documented values"));
            }
        }
        if let Some(c) = schema.get("const") {
            if c != value {
                return Err(format!("{at}: {value} is not {c}"));
            }
        }
        let ty = schema.get("type").and_then(Value::as_str);
        let ok = match ty {
            Some("string") => value.is_string(),
            Some("boolean") => value.is_boolean(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("number") => value.is_number(),
            Some("array") => value.is_array(),
            Some("object") => value.is_object(),
            _ => true,
        };
        if !ok {
            return Err(format!("{at}: expected {}, got {value}", ty.unwrap_or("?")));
        }
        if let (Some(min), Some(n)) = (
            schema.get("minimum").and_then(Value::as_f64),
            value.as_f64(),
        ) {
            if n < min {
                return Err(format!("{at}: {n} is below {min}"));
            }
        }
        if let Some(items) = schema.get("items") {
            for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                self.check(items, v, &format!("{at}[{i}]"))?;
            }
        }
        if let Some(obj) = value.as_object().filter(|_| ty == Some("object")) {
            let props = schema.get("properties").and_then(Value::as_object);
            for req in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let req = req.as_str().unwrap_or_default();
                if !obj.contains_key(req) {
                    return Err(format!("{at}: required member `{req}` is missing"));
                }
            }
            for (k, v) in obj {
                let prop = props
                    .and_then(|p| p.get(k))
                    .ok_or_else(|| format!("{at}: undocumented member `{k}`"))?;
                self.check(prop, v, &format!("{at}.{k}"))?;
            }
        }
        Ok(())
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

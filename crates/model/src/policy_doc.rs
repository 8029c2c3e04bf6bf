//! Policy documents as they appear in AWS responses.
//!
//! The raw IAM API returns policy documents URL-encoded (`%7B%22Version%22...`); the AWS CLI and
//! boto3 decode them into JSON objects; S3, KMS and others return a JSON string. All three load,
//! and the result is always the parsed JSON object. Evaluating it is the `policy` crate's job.

use percent_encoding::percent_decode_str;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A parsed policy document (the JSON object), kept as JSON for the policy engine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct PolicyDocument(pub Value);

impl PolicyDocument {
    /// Parses a policy from the text forms AWS uses: JSON, or URL-encoded JSON.
    pub fn from_text(s: &str) -> Result<PolicyDocument, String> {
        let trimmed = s.trim_start();
        if trimmed.starts_with('{') {
            return serde_json::from_str::<Value>(s)
                .map(PolicyDocument)
                .map_err(|e| format!("policy document is not valid JSON: {e}"));
        }
        if trimmed.starts_with("%7B") || trimmed.starts_with("%7b") {
            let decoded = percent_decode_str(s)
                .decode_utf8()
                .map_err(|_| "URL-encoded policy document is not UTF-8".to_string())?;
            return serde_json::from_str::<Value>(&decoded)
                .map(PolicyDocument)
                .map_err(|e| format!("URL-encoded policy document is not valid JSON: {e}"));
        }
        Err("policy document is neither JSON nor URL-encoded JSON".to_string())
    }
}

impl<'de> Deserialize<'de> for PolicyDocument {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let doc = match v {
            Value::Object(_) => PolicyDocument(v),
            Value::String(s) => PolicyDocument::from_text(&s).map_err(de::Error::custom)?,
            other => {
                return Err(de::Error::custom(format!(
                    "expected a policy document (object or string), found {}",
                    kind(&other)
                )));
            }
        };
        if !doc.0.is_object() {
            return Err(de::Error::custom("policy document is not a JSON object"));
        }
        Ok(doc)
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_object_string_and_url_encoded_forms() {
        let obj: PolicyDocument =
            serde_json::from_str(r#"{"Version":"2012-10-17","Statement":[]}"#).unwrap();
        let s: PolicyDocument =
            serde_json::from_str(r#""{\"Version\":\"2012-10-17\",\"Statement\":[]}""#).unwrap();
        let url: PolicyDocument = serde_json::from_str(
            r#""%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D""#,
        )
        .unwrap();
        assert_eq!(obj, s);
        assert_eq!(obj, url);
    }

    #[test]
    fn rejects_non_policies() {
        assert!(serde_json::from_str::<PolicyDocument>("5").is_err());
        assert!(serde_json::from_str::<PolicyDocument>(r#""not json""#).is_err());
        assert!(serde_json::from_str::<PolicyDocument>(r#""[1,2]""#).is_err());
    }
}

//! Policy documents as they appear in AWS responses.
//!
//! The raw IAM API returns policy documents URL-encoded (`%7B%22Version%22...`); the AWS CLI and
//! boto3 decode them into JSON objects; S3, KMS and others return a JSON string. All three load.
//! The document is kept as its JSON text (checked to be an object of sane depth): loading a large
//! account stays fast, and the policy engine parses a document only when a check asks about it.

use percent_encoding::percent_decode_str;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Deepest nesting accepted in a policy document (real policies are a few levels deep).
pub const MAX_POLICY_DEPTH: usize = 64;

/// A policy document: the JSON text of an object.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct PolicyDocument(Box<RawValue>);

impl PolicyDocument {
    /// The document's JSON text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The document as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        // INVARIANT: the text was validated as a JSON object when the document was built.
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }

    /// Parses a policy from the text forms AWS uses: JSON, or URL-encoded JSON.
    pub fn from_text(s: &str) -> Result<PolicyDocument, String> {
        let trimmed = s.trim_start();
        if trimmed.starts_with('{') {
            return Self::from_json(s, "policy document");
        }
        if trimmed.starts_with("%7B") || trimmed.starts_with("%7b") {
            let decoded = percent_decode_str(s)
                .decode_utf8()
                .map_err(|_| "URL-encoded policy document is not UTF-8".to_string())?;
            return Self::from_json(&decoded, "URL-encoded policy document");
        }
        Err("policy document is neither JSON nor URL-encoded JSON".to_string())
    }

    fn from_json(s: &str, what: &str) -> Result<PolicyDocument, String> {
        Self::from_json_string(s.to_string(), what)
    }

    /// Like `from_json`, keeping the allocation of `s` (no copy).
    fn from_json_string(s: String, what: &str) -> Result<PolicyDocument, String> {
        check_depth(&s)?;
        let raw = RawValue::from_string(s).map_err(|e| format!("{what} is not valid JSON: {e}"))?;
        Self::from_raw(raw)
    }

    fn from_raw(raw: Box<RawValue>) -> Result<PolicyDocument, String> {
        if !raw.get().trim_start().starts_with('{') {
            return Err("policy document is not a JSON object".to_string());
        }
        Ok(PolicyDocument(raw))
    }
}

impl PartialEq for PolicyDocument {
    /// Documents are equal when their JSON is, whatever the formatting.
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() || self.to_value() == other.to_value()
    }
}

/// Rejects documents nested deeper than [`MAX_POLICY_DEPTH`] (hostile input), counting brackets
/// outside strings. String contents, most of a policy's text, are skipped with `memchr`.
fn check_depth(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let (mut i, mut depth) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                // Skip to the closing quote, stepping over escapes.
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &b[i.min(b.len())..]) {
                        None => return Ok(()),
                        Some(k) if b[i + k] == b'\\' => i += k + 2,
                        Some(k) => {
                            i += k + 1;
                            break;
                        }
                    }
                }
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_POLICY_DEPTH {
                    return Err(format!(
                        "policy document is nested deeper than {MAX_POLICY_DEPTH} levels"
                    ));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

impl<'de> Deserialize<'de> for PolicyDocument {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get().trim_start();
        if text.starts_with('{') {
            check_depth(text).map_err(de::Error::custom)?;
            return PolicyDocument::from_raw(raw).map_err(de::Error::custom);
        }
        if text.starts_with('"') {
            let s: String = serde_json::from_str(text).map_err(de::Error::custom)?;
            if s.trim_start().starts_with('{') {
                return PolicyDocument::from_json_string(s, "policy document")
                    .map_err(de::Error::custom);
            }
            return PolicyDocument::from_text(&s).map_err(de::Error::custom);
        }
        Err(de::Error::custom(format!(
            "expected a policy document (object or string), found `{}`",
            text.chars().take(20).collect::<String>()
        )))
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
            serde_json::from_str(r#""{\"Version\": \"2012-10-17\",\"Statement\":[]}""#).unwrap();
        let url: PolicyDocument = serde_json::from_str(
            r#""%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D""#,
        )
        .unwrap();
        assert_eq!(obj, s);
        assert_eq!(obj, url);
        assert_eq!(obj.to_value()["Version"], "2012-10-17");
    }

    #[test]
    fn rejects_non_policies() {
        assert!(serde_json::from_str::<PolicyDocument>("5").is_err());
        assert!(serde_json::from_str::<PolicyDocument>(r#""not json""#).is_err());
        assert!(serde_json::from_str::<PolicyDocument>(r#""[1,2]""#).is_err());
        assert!(serde_json::from_str::<PolicyDocument>("[1,2]").is_err());
    }

    #[test]
    fn rejects_hostile_nesting_but_not_brackets_in_strings() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100), "]".repeat(100));
        let e = serde_json::from_str::<PolicyDocument>(&deep).unwrap_err();
        assert!(e.to_string().contains("nested deeper"), "{e}");
        let fine = format!("{{\"Sid\":\"{}\"}}", "[".repeat(100));
        assert!(serde_json::from_str::<PolicyDocument>(&fine).is_ok());
        // An escaped quote does not end the string; an escaped backslash before the quote does.
        let escaped_quote = format!(r#"{{"Sid":"a\"{}"}}"#, "[".repeat(100));
        assert!(check_depth(&escaped_quote).is_ok());
        let escaped_backslash = format!(
            r#"{{"Sid":"a\\","x":{}{}}}"#,
            "[".repeat(70),
            "]".repeat(70)
        );
        assert!(check_depth(&escaped_backslash).is_err());
        let shallow = format!(
            r#"{{"Sid":"a\\","x":{}{}}}"#,
            "[".repeat(60),
            "]".repeat(60)
        );
        assert!(check_depth(&shallow).is_ok());
        // Text that ends inside a string or right after a backslash does not panic.
        assert!(check_depth(r#"{"a":"\"#).is_ok());
        assert!(check_depth(r#"{"a":"abc"#).is_ok());
    }
}

//! Building response bodies in the shape the AWS CLI prints.
//!
//! The SDK's output types are not `Serialize`, and their field names are Rust's, not botocore's.
//! Each service module writes its conversions with [`obj!`]: member names as botocore spells
//! them, absent (`None`) members left out, timestamps as ISO-8601 strings, blobs as base64.

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde_json::{Map, Value};

/// A JSON object from `"Member" => value` pairs; members whose value is `None`/`Null` are left
/// out. Values are anything [`ToJson`].
macro_rules! obj {
    ($($k:expr => $v:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut m = serde_json::Map::new();
        $( $crate::json::put(&mut m, $k, $crate::json::ToJson::to_json(&$v)); )*
        serde_json::Value::Object(m)
    }};
}
pub(crate) use obj;

/// A value that becomes JSON in the AWS CLI's form. `Null` means "leave the member out".
pub trait ToJson {
    fn to_json(&self) -> Value;
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}
impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}
impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}
impl ToJson for i32 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}
impl ToJson for i64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}
impl ToJson for f64 {
    fn to_json(&self) -> Value {
        serde_json::Number::from_f64(*self).map_or(Value::Null, Value::Number)
    }
}
impl ToJson for DateTime {
    /// `2026-01-10T12:00:00Z`; the loader reads every ISO-8601 form.
    fn to_json(&self) -> Value {
        self.fmt(Format::DateTime)
            .map_or(Value::Null, Value::String)
    }
}
impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}
impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}
impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}
impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

/// An SDK enum as its wire string.
pub fn en<E: AsRef<str>>(e: Option<&E>) -> Value {
    e.map_or(Value::Null, |e| Value::String(e.as_ref().to_string()))
}

/// A list of SDK values converted one by one; an empty list is left out like an absent one,
/// as boto3 does for lists the service did not send.
pub fn list<T>(items: &[T], f: impl Fn(&T) -> Value) -> Value {
    if items.is_empty() {
        return Value::Null;
    }
    Value::Array(items.iter().map(f).collect())
}

/// Like [`list`], but an empty list stays `[]` (the top-level list of a List/Describe call).
pub fn list_all<T>(items: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(f).collect())
}

/// A policy document as the AWS CLI prints it: IAM returns documents URL-encoded and the CLI
/// decodes them into JSON objects. Anything that does not decode is kept as the text it was.
pub fn policy_document(text: Option<&str>) -> Value {
    let Some(text) = text else {
        return Value::Null;
    };
    let decoded = if text.trim_start().starts_with('%') {
        percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .map(|s| s.into_owned())
            .unwrap_or_else(|_| text.to_string())
    } else {
        text.to_string()
    };
    match serde_json::from_str::<Value>(&decoded) {
        Ok(v @ Value::Object(_)) => v,
        _ => Value::String(decoded),
    }
}

/// Inserts `value` under `key` unless it is `Null`.
pub fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    if !value.is_null() {
        map.insert(key.to_string(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_members_are_left_out_and_times_are_iso() {
        let t = DateTime::from_secs(1_768_046_400);
        let none: Option<&str> = None;
        let v = obj! { "Name" => "a", "Missing" => none, "CreateDate" => t, "Count" => 3i32 };
        assert_eq!(
            v,
            serde_json::json!({"Name": "a", "CreateDate": "2026-01-10T12:00:00Z", "Count": 3})
        );
    }

    #[test]
    fn iam_policy_documents_are_decoded() {
        let v = policy_document(Some("%7B%22Version%22%3A%222012-10-17%22%7D"));
        assert_eq!(v, serde_json::json!({"Version": "2012-10-17"}));
        let v = policy_document(Some("{\"Statement\":[]}"));
        assert_eq!(v, serde_json::json!({"Statement": []}));
        assert_eq!(policy_document(Some("%zz")), Value::String("%zz".into()));
    }
}

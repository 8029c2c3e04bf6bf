//! The parsed policy model. Every form of the grammar (IAM UG *Grammar of the IAM JSON policy
//! language*) is accepted: single statement or list, string-or-list values, `Not*` elements, all
//! principal forms. Parsing resolves what can be resolved once (lower-cased action patterns
//! indexed by service prefix, ARN patterns split into parts, typed condition values), so
//! evaluation does no parsing.

use std::collections::HashMap;

use serde_json::Value;

use crate::Warning;
use crate::condition::Condition;
use crate::error::PolicyError;
use crate::glob::{ArnPattern, Pattern};

/// The policy language version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// `2012-10-17`: policy variables are substituted.
    V2012_10_17,
    /// `2008-10-17`: variables are literal text.
    V2008_10_17,
    /// No `Version` element: as 2008-10-17.
    Absent,
}

impl Version {
    /// True when `${...}` is a policy variable.
    pub fn honours_variables(self) -> bool {
        self == Version::V2012_10_17
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// Identifies a statement within its policy: its position and `Sid`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatementRef {
    /// Zero-based position in the `Statement` list.
    pub index: usize,
    pub sid: Option<String>,
}

impl std::fmt::Display for StatementRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sid {
            Some(s) => write!(f, "statement `{s}` (#{})", self.index),
            None => write!(f, "statement #{}", self.index),
        }
    }
}

/// The `Principal`/`NotPrincipal` element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principals {
    /// `"*"` (or `{"AWS": "*"}`): everyone, anonymous included.
    pub any: bool,
    /// `AWS` values: account IDs, root, user, role and session ARNs (or unique IDs).
    pub aws: Vec<String>,
    pub service: Vec<String>,
    pub federated: Vec<String>,
    pub canonical_user: Vec<String>,
}

/// Action patterns, lower-cased and indexed by service prefix.
/// FxHash-style hasher for short keys (service prefixes): much cheaper than SipHash, and the
/// keys come from policies, not from an adversary who could force collisions at scale.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
    }
}

pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ActionMatcher {
    any: bool,
    by_service: HashMap<Box<str>, Vec<Pattern>, FxBuild>,
    /// Patterns whose service prefix has a wildcard (or which have no colon).
    other: Vec<Pattern>,
}

impl ActionMatcher {
    fn new(patterns: &[String]) -> ActionMatcher {
        let mut m = ActionMatcher::default();
        for p in patterns {
            let lc = p.to_ascii_lowercase();
            match lc.split_once(':') {
                Some((svc, name)) if !svc.contains(['*', '?']) => {
                    let pat = Pattern::parse(name, true, false);
                    match m.by_service.get_mut(svc) {
                        Some(v) => v.push(pat),
                        None => {
                            m.by_service.insert(svc.into(), vec![pat]);
                        }
                    }
                }
                _ => {
                    let pat = Pattern::parse(&lc, true, false);
                    if pat.is_any() || lc == "*:*" {
                        m.any = true;
                    }
                    m.other.push(pat);
                }
            }
        }
        m
    }

    /// `action_lc` is the lower-cased `service:name`; `colon` the position of its `:`.
    pub(crate) fn matches(&self, action_lc: &str, colon: Option<usize>) -> bool {
        if self.any {
            return true;
        }
        if let Some((svc, name)) = colon.map(|i| (&action_lc[..i], &action_lc[i + 1..]))
            && let Some(pats) = self.by_service.get(svc)
            && pats.iter().any(|p| p.matches(name))
        {
            return true;
        }
        self.other.iter().any(|p| p.matches(action_lc))
    }

    pub(crate) fn matches_everything(&self) -> bool {
        self.any
    }
}

/// `Action` or `NotAction`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionBlock {
    /// True for `NotAction`.
    pub negated: bool,
    /// The patterns as written.
    pub patterns: Vec<String>,
    pub(crate) matcher: ActionMatcher,
}

impl ActionBlock {
    pub(crate) fn matches(&self, action_lc: &str, colon: Option<usize>) -> bool {
        self.matcher.matches(action_lc, colon) != self.negated
    }
}

/// `Resource` or `NotResource`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceBlock {
    /// True for `NotResource`.
    pub negated: bool,
    /// The patterns as written.
    pub patterns: Vec<String>,
    pub(crate) parsed: Vec<ArnPattern>,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalBlock {
    /// True for `NotPrincipal`.
    pub negated: bool,
    pub principals: Principals,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub action: ActionBlock,
    /// `None` when the statement has neither `Resource` nor `NotResource` (trust policies, some
    /// resource policies: the resource is implicit).
    pub resource: Option<ResourceBlock>,
    pub principal: Option<PrincipalBlock>,
    /// The `Condition` entries (all must hold).
    pub conditions: Vec<Condition>,
}

impl Statement {
    /// This statement's reference (index and Sid).
    pub fn reference(&self) -> StatementRef {
        StatementRef {
            index: self.index,
            sid: self.sid.clone(),
        }
    }
}

/// A parsed policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub version: Version,
    pub id: Option<String>,
    pub statements: Vec<Statement>,
    /// Oddities found while parsing that do not stop evaluation.
    pub warnings: Vec<Warning>,
}

impl Policy {
    /// Parse a policy from JSON: an object, or a string holding the document (as S3 and SQS
    /// return it), possibly URL-encoded (as IAM returns it).
    pub fn parse(v: &Value) -> Result<Policy, PolicyError> {
        match v {
            Value::String(s) => Policy::parse_str(s),
            _ => Parser::default().policy(v),
        }
    }

    /// Parse a policy from text (JSON, or URL-encoded JSON).
    pub fn parse_str(s: &str) -> Result<Policy, PolicyError> {
        let t = s.trim_start();
        let decoded;
        let text = if t.starts_with('%')
            || (t.contains("%7B") && !t.starts_with('{') && !t.starts_with('"'))
        {
            decoded = percent_decode(t).ok_or_else(|| {
                PolicyError::invalid("", "policy text is neither JSON nor URL-encoded JSON")
            })?;
            decoded.as_str()
        } else {
            s
        };
        let v: Value = serde_json::from_str(text).map_err(|e| PolicyError::from_json(&e))?;
        if let Value::String(inner) = &v {
            // A JSON string holding the document (JSON or URL-encoded); one level only.
            if inner.trim_start().starts_with('"') {
                return Err(PolicyError::invalid(
                    "",
                    "a policy must be a JSON object, found a string holding a string",
                ));
            }
            return Policy::parse_str(inner);
        }
        let mut p = Parser::default().policy(&v)?;
        // Duplicate keys are invisible once parsed (the last one wins): IAM rejects them, so
        // a policy read from elsewhere that has them must say so.
        for (path, key) in crate::lint::duplicate_keys(text) {
            p.warnings.push(Warning::new(
                "duplicate-key",
                format!(
                    "at `{path}`: the key `{key}` appears more than once in one object (keys \
                     are compared without case); only the last one is used"
                ),
            ));
        }
        Ok(p)
    }

    /// The statements.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
}

/// Decode `%XX` escapes (and `+` as space); `None` if invalid.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(h, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[derive(Default)]
struct Parser {
    warnings: Vec<Warning>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl Parser {
    fn policy(mut self, v: &Value) -> Result<Policy, PolicyError> {
        let Value::Object(map) = v else {
            return Err(PolicyError::invalid(
                "",
                format!("a policy must be a JSON object, found {}", type_name(v)),
            ));
        };
        let mut version = Version::Absent;
        let mut id = None;
        let mut stmt_value = None;
        for (k, val) in map {
            match k.as_str() {
                "Version" => {
                    version = match val.as_str() {
                        Some("2012-10-17") => Version::V2012_10_17,
                        Some("2008-10-17") => Version::V2008_10_17,
                        _ => {
                            return Err(PolicyError::invalid(
                                "Version",
                                format!(
                                    "must be `2012-10-17` or `2008-10-17`, found `{}`",
                                    compact(val)
                                ),
                            ));
                        }
                    }
                }
                "Id" => {
                    id = Some(match val {
                        Value::String(s) => s.clone(),
                        other => {
                            return Err(PolicyError::invalid(
                                "Id",
                                format!("must be a string, found {}", type_name(other)),
                            ));
                        }
                    })
                }
                "Statement" => stmt_value = Some(val),
                other => {
                    return Err(PolicyError::invalid(
                        other,
                        format!("`{other}` is not a policy element (Version, Id, Statement)"),
                    ));
                }
            }
        }
        let vars = version.honours_variables();
        let Some(sv) = stmt_value else {
            return Err(PolicyError::invalid("", "the policy has no `Statement`"));
        };
        let statements = match sv {
            Value::Object(_) => vec![self.statement(sv, 0, "Statement", vars)?],
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, it) in items.iter().enumerate() {
                    out.push(self.statement(it, i, &format!("Statement[{i}]"), vars)?);
                }
                out
            }
            other => {
                return Err(PolicyError::invalid(
                    "Statement",
                    format!(
                        "must be an object or a list of objects, found {}",
                        type_name(other)
                    ),
                ));
            }
        };
        Ok(Policy {
            version,
            id,
            statements,
            warnings: self.warnings,
        })
    }

    fn statement(
        &mut self,
        v: &Value,
        index: usize,
        path: &str,
        vars: bool,
    ) -> Result<Statement, PolicyError> {
        let Value::Object(map) = v else {
            return Err(PolicyError::invalid(
                path,
                format!("a statement must be an object, found {}", type_name(v)),
            ));
        };
        let mut sid = None;
        let mut effect = None;
        let mut action: Option<ActionBlock> = None;
        let mut resource: Option<ResourceBlock> = None;
        let mut principal: Option<PrincipalBlock> = None;
        let mut conditions = Vec::new();
        for (k, val) in map {
            let p = format!("{path}.{k}");
            match k.as_str() {
                "Sid" => match val {
                    Value::String(s) => sid = Some(s.clone()),
                    other => {
                        return Err(PolicyError::invalid(
                            &p,
                            format!("must be a string, found {}", type_name(other)),
                        ));
                    }
                },
                "Effect" => {
                    effect = Some(match val.as_str() {
                        Some("Allow") => Effect::Allow,
                        Some("Deny") => Effect::Deny,
                        _ => {
                            return Err(PolicyError::invalid(
                                &p,
                                format!(
                                    "must be `Allow` or `Deny` (case-sensitive), found `{}`",
                                    compact(val)
                                ),
                            ));
                        }
                    })
                }
                "Action" | "NotAction" => {
                    if action.is_some() {
                        return Err(PolicyError::invalid(
                            &p,
                            "a statement has both `Action` and `NotAction`",
                        ));
                    }
                    let patterns = string_list(val, &p)?;
                    action = Some(ActionBlock {
                        negated: k == "NotAction",
                        matcher: ActionMatcher::new(&patterns),
                        patterns,
                    });
                }
                "Resource" | "NotResource" => {
                    if resource.is_some() {
                        return Err(PolicyError::invalid(
                            &p,
                            "a statement has both `Resource` and `NotResource`",
                        ));
                    }
                    let patterns = string_list(val, &p)?;
                    let parsed = patterns
                        .iter()
                        .map(|r| ArnPattern::parse(r, vars))
                        .collect();
                    resource = Some(ResourceBlock {
                        negated: k == "NotResource",
                        patterns,
                        parsed,
                    });
                }
                "Principal" | "NotPrincipal" => {
                    if principal.is_some() {
                        return Err(PolicyError::invalid(
                            &p,
                            "a statement has both `Principal` and `NotPrincipal`",
                        ));
                    }
                    principal = Some(PrincipalBlock {
                        negated: k == "NotPrincipal",
                        principals: principals(val, &p)?,
                    });
                }
                "Condition" => conditions = self.conditions(val, &p, vars)?,
                other => {
                    return Err(PolicyError::invalid(
                        &p,
                        format!(
                            "`{other}` is not a statement element (Sid, Effect, Action, \
                             NotAction, Resource, NotResource, Principal, NotPrincipal, Condition)"
                        ),
                    ));
                }
            }
        }
        let Some(effect) = effect else {
            return Err(PolicyError::invalid(path, "the statement has no `Effect`"));
        };
        let Some(action) = action else {
            return Err(PolicyError::invalid(
                path,
                "the statement has no `Action` or `NotAction`",
            ));
        };
        Ok(Statement {
            index,
            sid,
            effect,
            action,
            resource,
            principal,
            conditions,
        })
    }

    fn conditions(
        &mut self,
        v: &Value,
        path: &str,
        vars: bool,
    ) -> Result<Vec<Condition>, PolicyError> {
        let Value::Object(ops) = v else {
            return Err(PolicyError::invalid(
                path,
                format!("must be an object of operators, found {}", type_name(v)),
            ));
        };
        let mut out = Vec::new();
        for (op, keys) in ops {
            let p = format!("{path}.{op}");
            let Value::Object(keys) = keys else {
                return Err(PolicyError::invalid(
                    &p,
                    format!(
                        "must be an object of condition keys, found {}",
                        type_name(keys)
                    ),
                ));
            };
            let mut seen: Vec<String> = Vec::new();
            for (key, vals) in keys {
                let kp = format!("{p}.{key}");
                let lc = key.to_lowercase();
                if seen.contains(&lc) {
                    self.warnings.push(Warning::new(
                        "duplicate-key-case",
                        format!("at `{kp}`: condition key differs from another only by case"),
                    ));
                }
                seen.push(lc);
                let values = condition_values(vals, &kp)?;
                let c = Condition::new(op, key, values, vars);
                if c.spec.operator.is_none() {
                    self.warnings.push(Warning::new(
                        "unknown-operator",
                        format!("at `{p}`: `{op}` is not an IAM condition operator"),
                    ));
                }
                let bad = c.invalid_values();
                if !bad.is_empty() {
                    self.warnings.push(Warning::new(
                        "invalid-condition-value",
                        format!(
                            "at `{kp}`: {} not valid for `{op}`; such a value never matches",
                            bad.iter()
                                .map(|b| format!("`{b}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
                out.push(c);
            }
        }
        Ok(out)
    }
}

fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn string_list(v: &Value, path: &str) -> Result<Vec<String>, PolicyError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, it)| match it {
                Value::String(s) => Ok(s.clone()),
                other => Err(PolicyError::invalid(
                    &format!("{path}[{i}]"),
                    format!("must be a string, found {}", type_name(other)),
                )),
            })
            .collect(),
        other => Err(PolicyError::invalid(
            path,
            format!(
                "must be a string or a list of strings, found {}",
                type_name(other)
            ),
        )),
    }
}

fn condition_values(v: &Value, path: &str) -> Result<Vec<String>, PolicyError> {
    let one = |v: &Value, p: &str| -> Result<String, PolicyError> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(PolicyError::invalid(
                p,
                format!(
                    "a condition value must be a string, number or boolean, found {}",
                    type_name(other)
                ),
            )),
        }
    };
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, it)| one(it, &format!("{path}[{i}]")))
            .collect(),
        other => Ok(vec![one(other, path)?]),
    }
}

fn principals(v: &Value, path: &str) -> Result<Principals, PolicyError> {
    let mut p = Principals::default();
    match v {
        Value::String(s) if s == "*" => p.any = true,
        Value::String(s) => {
            return Err(PolicyError::invalid(
                path,
                format!(
                    "a principal string must be `*`; use an object such as {{\"AWS\": \"{s}\"}}"
                ),
            ));
        }
        Value::Object(map) => {
            for (k, val) in map {
                let kp = format!("{path}.{k}");
                let list = string_list(val, &kp)?;
                match k.as_str() {
                    "AWS" => {
                        if list.iter().any(|a| a == "*") {
                            p.any = true;
                        }
                        p.aws.extend(list);
                    }
                    "Service" => p.service.extend(list),
                    "Federated" => p.federated.extend(list),
                    "CanonicalUser" => p.canonical_user.extend(list),
                    other => {
                        return Err(PolicyError::invalid(
                            &kp,
                            format!(
                                "`{other}` is not a principal type (AWS, Service, Federated, \
                                 CanonicalUser)"
                            ),
                        ));
                    }
                }
            }
        }
        other => {
            return Err(PolicyError::invalid(
                path,
                format!("must be `*` or an object, found {}", type_name(other)),
            ));
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn single_statement_and_strings() {
        let p = Policy::parse(&json!({
            "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
        }))
        .unwrap();
        assert_eq!(p.version, Version::Absent);
        assert_eq!(p.statements.len(), 1);
    }

    #[test]
    fn string_and_url_encoded_forms() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*"}]}"#;
        let a = Policy::parse_str(text).unwrap();
        let enc = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Deny%22%2C%22NotAction%22%3A%5B%22iam%3A%2A%22%5D%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
        assert_eq!(Policy::parse_str(enc).unwrap(), a);
        assert_eq!(Policy::parse(&Value::String(text.into())).unwrap(), a);
    }

    #[test]
    fn errors_name_the_place() {
        let e =
            Policy::parse(&json!({"Statement": [{"Effect": "allow", "Action": "*"}]})).unwrap_err();
        assert!(e.to_string().contains("Statement[0].Effect"), "{e}");
        let e =
            Policy::parse(&json!({"Statement": [{"Effect": "Allow", "Action": [1]}]})).unwrap_err();
        assert!(e.to_string().contains("Statement[0].Action[0]"), "{e}");
        let e = Policy::parse_str("{\n  \"Statement\": [,]}").unwrap_err();
        assert!(matches!(e, PolicyError::Json { line: 2, .. }), "{e}");
    }

    #[test]
    fn duplicate_keys_are_flagged() {
        let p = Policy::parse_str(
            r#"{"Statement":{"Effect":"Deny","Effect":"Allow","Action":"*","Resource":"*"}}"#,
        )
        .unwrap();
        assert!(
            p.warnings.iter().any(|w| w.code == "duplicate-key"),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn action_index() {
        let m = ActionMatcher::new(&["S3:Get*".into(), "*:List*".into()]);
        assert!(m.matches("s3:getobject", Some(2)));
        assert!(m.matches("ec2:listthings", Some(3)));
        assert!(!m.matches("s3:putobject", Some(2)));
    }
}

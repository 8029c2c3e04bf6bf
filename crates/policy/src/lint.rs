//! `rampart iam lint` (CONTRACT §4b): offline policy validation in the manner of IAM Access
//! Analyzer's `ValidatePolicy`, with its severities and, where the problem is the same, its issue
//! codes (IAM UG *Access Analyzer policy check reference*). Codes Access Analyzer does not use
//! are Rampart's own and say so in their name or message.
//!
//! The linter walks the JSON itself (not the parsed [`crate::Policy`]) so that a malformed
//! element becomes a finding with its path, line and column rather than a parse failure; only
//! text that is not JSON, or JSON that is not an object, is an error.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::catalog::{KeyType, catalog, template_matches};
use crate::condition::{
    Cidr, Operator, OperatorSpec, OperatorType, SetQualifier, base64_decode, parse_date,
    parse_number,
};
use crate::error::PolicyError;
use crate::glob::{Pattern, split_arn};

/// Access Analyzer's finding types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    #[serde(rename = "ERROR")]
    Error,
    #[serde(rename = "SECURITY_WARNING")]
    SecurityWarning,
    #[serde(rename = "WARNING")]
    Warning,
    #[serde(rename = "SUGGESTION")]
    Suggestion,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::SecurityWarning => "SECURITY_WARNING",
            Severity::Warning => "WARNING",
            Severity::Suggestion => "SUGGESTION",
        }
    }

    /// Parse `ERROR`, `SECURITY_WARNING`, `WARNING`, `SUGGESTION` (any case).
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_uppercase().as_str() {
            "ERROR" => Some(Severity::Error),
            "SECURITY_WARNING" => Some(Severity::SecurityWarning),
            "WARNING" => Some(Severity::Warning),
            "SUGGESTION" => Some(Severity::Suggestion),
            _ => None,
        }
    }
}

/// The kind of policy being validated (`--policy-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LintPolicyType {
    Identity,
    Resource,
    Scp,
    Rcp,
    Trust,
}

impl LintPolicyType {
    /// Parse `identity`, `resource`, `scp`, `rcp`, `trust`.
    pub fn parse(s: &str) -> Option<LintPolicyType> {
        match s.to_ascii_lowercase().as_str() {
            "identity" => Some(LintPolicyType::Identity),
            "resource" => Some(LintPolicyType::Resource),
            "scp" => Some(LintPolicyType::Scp),
            "rcp" => Some(LintPolicyType::Rcp),
            "trust" => Some(LintPolicyType::Trust),
            _ => None,
        }
    }

    fn needs_principal(self) -> bool {
        matches!(
            self,
            LintPolicyType::Resource | LintPolicyType::Trust | LintPolicyType::Rcp
        )
    }
}

/// One step of a path: an object key or a list position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl Serialize for PathSeg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PathSeg::Key(k) => s.serialize_str(k),
            PathSeg::Index(i) => s.serialize_u64(*i as u64),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintFinding {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub path: Vec<PathSeg>,
    /// 1-based line of the element, when located.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (characters) of the element, when located.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// Validate a policy document. `Err` only when the text is not JSON or not a JSON object.
pub fn lint(text: &str, ty: LintPolicyType) -> Result<Vec<LintFinding>, PolicyError> {
    let v: Value = serde_json::from_str(text).map_err(|e| PolicyError::from_json(&e))?;
    let Value::Object(_) = &v else {
        return Err(PolicyError::invalid("", "a policy must be a JSON object"));
    };
    let mut l = Linter {
        ty,
        out: Vec::new(),
        vars_ok: false,
    };
    l.policy(&v);
    let scan = Scanner::new(text).run();
    for d in &scan.duplicates {
        l.push(
            Severity::Error,
            "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
            format!(
                "the key `{}` appears more than once in one object (keys are compared without \
                 case); only one is used",
                d.1
            ),
            d.0.clone(),
        );
    }
    size_check(text, ty, &mut l);
    let mut out = l.out;
    for f in &mut out {
        if let Some((line, col)) = locate(&scan.positions, &f.path) {
            f.line = Some(line);
            f.column = Some(col);
        }
    }
    out.sort_by(|a, b| {
        (a.line, a.column, a.severity, a.code).cmp(&(b.line, b.column, b.severity, b.code))
    });
    Ok(out)
}

/// `rampart iam lint --format json`: one line `{"file": ..., "findings": [...]}`.
pub fn lint_json_line(file: &str, text: &str, ty: LintPolicyType) -> Result<String, PolicyError> {
    Ok(findings_json_line(file, &lint(text, ty)?))
}

/// `{"file": ..., "findings": [...]}` for findings already computed by [`lint`].
pub fn findings_json_line(file: &str, findings: &[LintFinding]) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        file: &'a str,
        findings: &'a [LintFinding],
    }
    // Serialising strings, numbers and enums into memory cannot fail.
    serde_json::to_string(&Line { file, findings }).unwrap_or_default()
}

/// Human-readable form: `file:line:column: SEVERITY CODE message` per finding.
pub fn lint_text_lines(file: &str, findings: &[LintFinding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{file}:{}:{}: {} {} {} (at {})",
                f.line.unwrap_or(0),
                f.column.unwrap_or(0),
                f.severity.as_str(),
                f.code,
                f.message,
                path_string(&f.path)
            )
        })
        .collect()
}

/// Keys that appear more than once in one object (compared without case), as (path, key).
/// Uses serde_json's parser with a visitor that keeps nothing but keys, so it is cheap enough to
/// run on every policy parsed from text.
pub(crate) fn duplicate_keys(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut path: Vec<PathSeg> = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = serde::de::DeserializeSeed::deserialize(
        DupSeed {
            path: &mut path,
            out: &mut out,
            depth: 0,
        },
        &mut de,
    );
    out.into_iter().map(|(p, k)| (path_string(&p), k)).collect()
}

struct DupSeed<'a> {
    path: &'a mut Vec<PathSeg>,
    out: &'a mut Vec<(Vec<PathSeg>, String)>,
    depth: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for DupSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for DupSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.depth > 128 {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let mut i = 0;
        loop {
            self.path.push(PathSeg::Index(i));
            let r = seq.next_element_seed(DupSeed {
                path: self.path,
                out: self.out,
                depth: self.depth + 1,
            });
            self.path.pop();
            if r?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<String> = Vec::new();
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let lc = k.to_lowercase();
            self.path.push(PathSeg::Key(k.to_string()));
            if seen.contains(&lc) {
                self.out.push((self.path.clone(), k.to_string()));
            }
            seen.push(lc);
            let r = if self.depth > 128 {
                map.next_value::<serde::de::IgnoredAny>().map(|_| ())
            } else {
                map.next_value_seed(DupSeed {
                    path: self.path,
                    out: self.out,
                    depth: self.depth + 1,
                })
            };
            self.path.pop();
            r?;
        }
        Ok(())
    }
}

fn path_string(p: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in p {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    if s.is_empty() { "$".into() } else { s }
}

fn locate(pos: &HashMap<Vec<PathSeg>, (usize, usize)>, path: &[PathSeg]) -> Option<(usize, usize)> {
    // The element itself, else the nearest located ancestor.
    (0..=path.len())
        .rev()
        .find_map(|n| pos.get(&path[..n]).copied())
}

struct Linter {
    ty: LintPolicyType,
    out: Vec<LintFinding>,
    /// The policy's `Version` is `2012-10-17`, so policy variables are honoured.
    vars_ok: bool,
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

fn with(path: &[PathSeg], seg: PathSeg) -> Vec<PathSeg> {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

/// Items of a string-or-list element with their paths; non-strings are reported.
fn items<'v>(v: &'v Value, path: &[PathSeg]) -> Vec<(Option<&'v str>, Vec<PathSeg>)> {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, x)| (x.as_str(), with(path, PathSeg::Index(i))))
            .collect(),
        other => vec![(other.as_str(), path.to_vec())],
    }
}

const PARTITIONS: [&str; 7] = [
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
];

/// Global condition keys (IAM UG *AWS global condition context keys*) and their types.
/// Global keys in the context of every request, anonymous ones included (IAM UG *AWS global
/// condition context keys*, "Availability: This key is always included in the request
/// context"; `aws:PrincipalType`: "for all requests, including anonymous requests").
const ALWAYS_PRESENT_KEYS: [&str; 7] = [
    "aws:currenttime",
    "aws:epochtime",
    "aws:requestedregion",
    "aws:securetransport",
    "aws:useragent",
    "aws:viaawsservice",
    "aws:principaltype",
];

/// Global keys in the context of every signed request (same page: "included in the request
/// context for all signed requests").
const SIGNED_REQUEST_KEYS: [&str; 4] = [
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalisawsservice",
    "aws:userid",
];

const GLOBAL_KEYS: [(&str, KeyType); 48] = [
    ("aws:ismcpserviceaction", KeyType::Bool),
    ("aws:viaawsmcpservice", KeyType::Bool),
    ("aws:calledviaawsmcp", KeyType::String),
    ("aws:principalorgmasteraccountid", KeyType::String),
    ("aws:calledvia", KeyType::ArrayOfString),
    ("aws:calledviafirst", KeyType::String),
    ("aws:calledvialast", KeyType::String),
    ("aws:currenttime", KeyType::Date),
    ("aws:epochtime", KeyType::Date),
    ("aws:federatedprovider", KeyType::String),
    ("aws:multifactorauthage", KeyType::Numeric),
    ("aws:multifactorauthpresent", KeyType::Bool),
    ("aws:principalaccount", KeyType::String),
    ("aws:principalarn", KeyType::Arn),
    ("aws:principalisawsservice", KeyType::Bool),
    ("aws:principalorgid", KeyType::String),
    ("aws:principalorgpaths", KeyType::ArrayOfString),
    ("aws:principalservicename", KeyType::String),
    ("aws:principalservicenameslist", KeyType::ArrayOfString),
    ("aws:principaltag/${tagkey}", KeyType::String),
    ("aws:principaltype", KeyType::String),
    ("aws:referer", KeyType::String),
    ("aws:requestedregion", KeyType::String),
    ("aws:requesttag/${tagkey}", KeyType::String),
    ("aws:resourceaccount", KeyType::String),
    ("aws:resourceorgid", KeyType::String),
    ("aws:resourceorgpaths", KeyType::ArrayOfString),
    ("aws:resourcetag/${tagkey}", KeyType::String),
    ("aws:securetransport", KeyType::Bool),
    ("aws:sourceaccount", KeyType::String),
    ("aws:sourcearn", KeyType::Arn),
    ("aws:sourceidentity", KeyType::String),
    ("aws:sourceip", KeyType::IpAddress),
    ("aws:sourceorgid", KeyType::String),
    ("aws:sourceorgpaths", KeyType::ArrayOfString),
    ("aws:sourcevpc", KeyType::String),
    ("aws:sourcevpce", KeyType::String),
    ("aws:sourcevpcarn", KeyType::Arn),
    ("aws:tagkeys", KeyType::ArrayOfString),
    ("aws:tokenissuetime", KeyType::Date),
    ("aws:useragent", KeyType::String),
    ("aws:userid", KeyType::String),
    ("aws:username", KeyType::String),
    ("aws:viaawsservice", KeyType::Bool),
    ("aws:vpcsourceip", KeyType::IpAddress),
    ("aws:ec2instancesourcevpc", KeyType::String),
    ("aws:ec2instancesourceprivateipv4", KeyType::IpAddress),
    ("aws:assumedroot", KeyType::Bool),
];

/// The type of a global condition key (`aws:...`, lower-case), `None` when there is no such key.
pub(crate) fn global_key_type(lc: &str) -> Option<KeyType> {
    if let Some((_, t)) = GLOBAL_KEYS.iter().find(|(k, _)| *k == lc) {
        return Some(*t);
    }
    // The tag key families (`aws:PrincipalTag/${TagKey}`, ...): any non-empty tag key.
    ["aws:principaltag/", "aws:requesttag/", "aws:resourcetag/"]
        .iter()
        .any(|p| lc.len() > p.len() && lc.starts_with(p))
        .then_some(KeyType::String)
}

impl Linter {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        message: String,
        path: Vec<PathSeg>,
    ) {
        self.out.push(LintFinding {
            severity,
            code,
            message,
            path,
            line: None,
            column: None,
        });
    }

    fn policy(&mut self, v: &Value) {
        let Value::Object(m) = v else {
            return;
        };
        self.vars_ok = m.get("Version").and_then(Value::as_str) == Some("2012-10-17");
        match m.get("Version") {
            None => self.push(
                Severity::Warning,
                "MISSING_VERSION",
                "add `\"Version\": \"2012-10-17\"`; without it policy variables are literal text"
                    .into(),
                vec![],
            ),
            Some(Value::String(s)) if s == "2012-10-17" => {}
            Some(Value::String(s)) if s == "2008-10-17" => self.push(
                Severity::Warning,
                "RAMPART_OLD_VERSION",
                "version `2008-10-17` treats policy variables as literal text; use `2012-10-17`"
                    .into(),
                vec![key("Version")],
            ),
            Some(other) => self.push(
                Severity::Error,
                "INVALID_VERSION",
                format!(
                    "`{}` is not a policy version; use `2012-10-17`",
                    value_text(other)
                ),
                vec![key("Version")],
            ),
        }
        for k in m.keys() {
            if !matches!(k.as_str(), "Version" | "Id" | "Statement") {
                self.push(
                    Severity::Error,
                    "INVALID_POLICY_ELEMENT",
                    format!("`{k}` is not a policy element (Version, Id, Statement)"),
                    vec![key(k)],
                );
            }
        }
        if let Some(id) = m.get("Id")
            && !id.is_string()
        {
            self.push(
                Severity::Error,
                "DATA_TYPE_MISMATCH",
                "`Id` must be a string".into(),
                vec![key("Id")],
            );
        }
        let Some(st) = m.get("Statement") else {
            self.push(
                Severity::Error,
                "MISSING_STATEMENT",
                "the policy has no `Statement` element".into(),
                vec![],
            );
            return;
        };
        let stmts: Vec<(&Value, Vec<PathSeg>)> = match st {
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, s)| (s, vec![key("Statement"), PathSeg::Index(i)]))
                .collect(),
            Value::Object(_) => vec![(st, vec![key("Statement")])],
            _ => {
                self.push(
                    Severity::Error,
                    "DATA_TYPE_MISMATCH",
                    "`Statement` must be an object or a list of objects".into(),
                    vec![key("Statement")],
                );
                return;
            }
        };
        let mut sids: HashMap<String, usize> = HashMap::new();
        for (s, path) in &stmts {
            if let Some(Value::String(sid)) = s.get("Sid") {
                *sids.entry(sid.clone()).or_default() += 1;
                if sids[sid] == 2 {
                    self.push(
                        Severity::Warning,
                        "UNIQUE_SIDS_RECOMMENDED",
                        format!("the Sid `{sid}` is used by more than one statement"),
                        with(path, key("Sid")),
                    );
                }
            }
            self.statement(s, path);
        }
    }

    fn statement(&mut self, s: &Value, path: &[PathSeg]) {
        let Value::Object(m) = s else {
            self.push(
                Severity::Error,
                "DATA_TYPE_MISMATCH",
                "a statement must be an object".into(),
                path.to_vec(),
            );
            return;
        };
        for k in m.keys() {
            if !matches!(
                k.as_str(),
                "Sid"
                    | "Effect"
                    | "Action"
                    | "NotAction"
                    | "Resource"
                    | "NotResource"
                    | "Principal"
                    | "NotPrincipal"
                    | "Condition"
            ) {
                self.push(
                    Severity::Error,
                    "INVALID_POLICY_ELEMENT",
                    format!("`{k}` is not a statement element"),
                    with(path, key(k)),
                );
            }
        }
        // Sid
        match m.get("Sid") {
            Some(Value::String(sid)) if sid.is_empty() => self.push(
                Severity::Suggestion,
                "EMPTY_SID_VALUE",
                "the Sid is empty; remove it or give it a value".into(),
                with(path, key("Sid")),
            ),
            Some(Value::String(sid))
                if matches!(self.ty, LintPolicyType::Identity | LintPolicyType::Scp)
                    && !sid.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                self.push(
                    Severity::Error,
                    "UNSUPPORTED_SID",
                    format!("the Sid `{sid}` may hold only letters A-Z, a-z and digits 0-9 here"),
                    with(path, key("Sid")),
                )
            }
            Some(Value::String(_)) | None => {}
            Some(_) => self.push(
                Severity::Error,
                "DATA_TYPE_MISMATCH",
                "`Sid` must be a string".into(),
                with(path, key("Sid")),
            ),
        }
        // Effect
        let effect = match m.get("Effect") {
            None => {
                self.push(
                    Severity::Error,
                    "MISSING_EFFECT",
                    "add `\"Effect\": \"Allow\"` or `\"Deny\"` to the statement".into(),
                    path.to_vec(),
                );
                None
            }
            Some(Value::String(e)) if e == "Allow" || e == "Deny" => Some(e.as_str()),
            Some(other) => {
                self.push(
                    Severity::Error,
                    "INVALID_EFFECT",
                    format!(
                        "`{}` is not an effect; use `Allow` or `Deny` (case-sensitive)",
                        value_text(other)
                    ),
                    with(path, key("Effect")),
                );
                None
            }
        };
        // Action / NotAction
        let action = match (m.get("Action"), m.get("NotAction")) {
            (None, None) => {
                self.push(
                    Severity::Error,
                    "MISSING_ACTION",
                    "add an `Action` or `NotAction` element".into(),
                    path.to_vec(),
                );
                None
            }
            (Some(_), Some(_)) => {
                self.push(
                    Severity::Error,
                    "UNSUPPORTED_ELEMENT_COMBINATION",
                    "a statement cannot have both `Action` and `NotAction`".into(),
                    path.to_vec(),
                );
                None
            }
            (Some(a), None) => Some((false, a, with(path, key("Action")))),
            (None, Some(a)) => Some((true, a, with(path, key("NotAction")))),
        };
        let mut actions: Vec<String> = Vec::new();
        if let Some((_, v, p)) = &action {
            actions = self.actions(v, p);
        }
        let not_action = action.as_ref().is_some_and(|a| a.0);
        // Resource / NotResource
        let resource = match (m.get("Resource"), m.get("NotResource")) {
            (Some(_), Some(_)) => {
                self.push(
                    Severity::Error,
                    "UNSUPPORTED_ELEMENT_COMBINATION",
                    "a statement cannot have both `Resource` and `NotResource`".into(),
                    path.to_vec(),
                );
                None
            }
            (None, None) => {
                if matches!(self.ty, LintPolicyType::Identity) {
                    self.push(
                        Severity::Error,
                        "MISSING_RESOURCE",
                        "add a `Resource` or `NotResource` element".into(),
                        path.to_vec(),
                    );
                }
                None
            }
            (Some(r), None) => Some((false, r, with(path, key("Resource")))),
            (None, Some(r)) => Some((true, r, with(path, key("NotResource")))),
        };
        if self.ty == LintPolicyType::Trust
            && let Some((neg, _, rp)) = &resource
        {
            self.push(
                Severity::Error,
                "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
                format!(
                    "a role trust policy applies to its role: remove `{}`",
                    if *neg { "NotResource" } else { "Resource" }
                ),
                rp.clone(),
            );
        }
        let mut resources: Vec<String> = Vec::new();
        if let Some((_, v, p)) = &resource {
            resources = self.resources(v, p);
        }
        let not_resource = resource.as_ref().is_some_and(|r| r.0);
        // Principal / NotPrincipal
        let mut principal_el: Option<(&Value, Vec<PathSeg>)> = None;
        match (m.get("Principal"), m.get("NotPrincipal")) {
            (Some(_), Some(_)) => self.push(
                Severity::Error,
                "UNSUPPORTED_ELEMENT_COMBINATION",
                "a statement cannot have both `Principal` and `NotPrincipal`".into(),
                path.to_vec(),
            ),
            (None, None) if self.ty.needs_principal() => self.push(
                Severity::Error,
                "MISSING_PRINCIPAL",
                "add a `Principal` element to the statement".into(),
                path.to_vec(),
            ),
            (None, None) => {}
            (p, np) => {
                let (name, v) = match (p, np) {
                    (Some(v), _) => ("Principal", v),
                    (None, Some(v)) => ("NotPrincipal", v),
                    (None, None) => return,
                };
                let pp = with(path, key(name));
                if self.ty == LintPolicyType::Scp {
                    self.push(
                        Severity::Error,
                        "SCP_SYNTAX_ERROR_PRINCIPAL",
                        format!("SCPs cannot name principals: remove `{name}`"),
                        pp.clone(),
                    );
                } else if !self.ty.needs_principal() {
                    self.push(
                        Severity::Error,
                        "UNSUPPORTED_PRINCIPAL",
                        format!("`{name}` is not allowed in this policy type"),
                        pp.clone(),
                    );
                } else if name == "NotPrincipal" && self.ty == LintPolicyType::Trust {
                    self.push(
                        Severity::Error,
                        "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
                        "role trust policies do not support `NotPrincipal`; use `Principal`".into(),
                        pp.clone(),
                    );
                } else {
                    self.principal(v, &pp);
                    if name == "Principal" {
                        principal_el = Some((v, pp.clone()));
                    }
                }
                if name == "NotPrincipal" && effect == Some("Allow") {
                    self.push(
                        Severity::SecurityWarning,
                        "ALLOW_WITH_NOT_PRINCIPAL",
                        "`Allow` with `NotPrincipal` grants everyone not listed, anonymous \
                         callers included; name the principals in `Principal` instead"
                            .into(),
                        pp,
                    );
                }
            }
        }
        // Condition
        let mut cond_keys: Vec<String> = Vec::new();
        if let Some(c) = m.get("Condition") {
            cond_keys = self.condition(
                c,
                &with(path, key("Condition")),
                effect,
                &actions,
                not_action,
            );
        }
        if effect == Some("Allow")
            && let Some((pv, pp)) = &principal_el
        {
            self.principal_guards(pv, pp, &cond_keys, m.get("Condition"));
        }
        // PassRole / CreateServiceLinkedRole with wildcards.
        if effect == Some("Allow")
            && let Some((_, av, ap)) = &action
        {
            let res_path = resource
                .as_ref()
                .map(|r| r.2.clone())
                .unwrap_or_else(|| path.to_vec());
            let res_star = !not_resource && resources.iter().any(|r| r == "*");
            self.star_checks(
                av,
                ap,
                not_action,
                res_star,
                not_resource,
                &cond_keys,
                res_path,
            );
        }
        // Resources that no action can use.
        if !not_action
            && !not_resource
            && !actions.is_empty()
            && let Some((_, rv, rp)) = &resource
        {
            self.resource_types(&actions, rv, rp);
        }
    }

    /// Check action strings; returns the action patterns as written.
    fn actions(&mut self, v: &Value, path: &[PathSeg]) -> Vec<String> {
        if matches!(v, Value::Array(a) if a.is_empty()) {
            self.push(
                Severity::Suggestion,
                "EMPTY_ARRAY_ACTION",
                "the action list is empty, so the statement matches nothing".into(),
                path.to_vec(),
            );
            return Vec::new();
        }
        let cat = catalog();
        let mut out = Vec::new();
        let mut expansions: Vec<(String, Vec<PathSeg>, Vec<String>)> = Vec::new();
        for (s, p) in items(v, path) {
            let Some(s) = s else {
                self.push(
                    Severity::Error,
                    "DATA_TYPE_MISMATCH",
                    "an action must be a string".into(),
                    p,
                );
                continue;
            };
            out.push(s.to_string());
            if s.chars().all(|c| c == '*') {
                expansions.push((s.to_string(), p, vec!["*".into()]));
                continue;
            }
            if s.contains("${") {
                self.push(
                    Severity::Error,
                    "VARIABLE_UNSUPPORTED_IN_ELEMENT",
                    format!(
                        "`{s}`: policy variables are supported only in the `Resource` and \
                         `Condition` elements"
                    ),
                    p.clone(),
                );
            }
            let Some((svc, _)) = s.split_once(':') else {
                self.push(
                    Severity::Error,
                    "INVALID_ACTION",
                    format!("`{s}` is not an action: use `service:Action`"),
                    p,
                );
                continue;
            };
            if svc.contains(['*', '?']) {
                self.push(
                    Severity::Suggestion,
                    "WILDCARD_IN_SERVICE_NAME",
                    format!(
                        "`{s}`: a wildcard in the service name may grant actions of other \
                         services with similar names"
                    ),
                    p.clone(),
                );
                let exp = cat.expand(s);
                if exp.is_empty() {
                    self.push(
                        Severity::Error,
                        "INVALID_ACTION",
                        format!("`{s}` matches no action"),
                        p,
                    );
                }
                continue;
            }
            if cat.service(svc).is_none() {
                self.push(
                    Severity::Error,
                    "INVALID_SERVICE_IN_ACTION",
                    format!(
                        "`{svc}` is not an AWS service prefix (catalogue {})",
                        cat.version
                    ),
                    p,
                );
                continue;
            }
            let exp = cat.expand(s);
            if exp.is_empty() {
                self.push(
                    Severity::Error,
                    "INVALID_ACTION",
                    format!("the action `{s}` does not exist"),
                    p,
                );
                continue;
            }
            expansions.push((s.to_string(), p, exp));
        }
        // Redundant actions: one pattern's actions all covered by another's.
        for i in 0..expansions.len() {
            for j in 0..expansions.len() {
                if i == j {
                    continue;
                }
                let (a, pa, ea) = &expansions[i];
                let (b, _, eb) = &expansions[j];
                let covered = eb == &vec!["*".to_string()]
                    || (ea.len() <= eb.len() && ea.iter().all(|x| eb.binary_search(x).is_ok()));
                let equal = ea == eb;
                if covered && (!equal || j < i) && ea != &vec!["*".to_string()] {
                    self.push(
                        Severity::Suggestion,
                        "REDUNDANT_ACTION",
                        format!("`{a}` is redundant: `{b}` already covers it"),
                        pa.clone(),
                    );
                    break;
                }
            }
        }
        out
    }

    fn resources(&mut self, v: &Value, path: &[PathSeg]) -> Vec<String> {
        if matches!(v, Value::Array(a) if a.is_empty()) {
            self.push(
                Severity::Suggestion,
                "EMPTY_ARRAY_RESOURCE",
                "the resource list is empty, so the statement matches nothing".into(),
                path.to_vec(),
            );
            return Vec::new();
        }
        let mut out: Vec<(String, Vec<PathSeg>)> = Vec::new();
        for (s, p) in items(v, path) {
            let Some(s) = s else {
                self.push(
                    Severity::Error,
                    "DATA_TYPE_MISMATCH",
                    "a resource must be a string".into(),
                    p,
                );
                continue;
            };
            out.push((s.to_string(), p.clone()));
            if s == "*" {
                continue;
            }
            if !s.starts_with("arn:") {
                self.push(
                    Severity::Error,
                    "INVALID_ARN_PREFIX",
                    format!("`{s}` is not an ARN: resource ARNs start with `arn:`"),
                    p,
                );
                continue;
            }
            let Some(parts) = split_arn(s) else {
                self.push(
                    Severity::Error,
                    "MISSING_ARN_FIELD",
                    format!(
                        "`{s}` has fewer than 6 fields (arn:partition:service:region:account:resource)"
                    ),
                    p,
                );
                continue;
            };
            let part = parts[1];
            if !part.contains(['*', '?', '$']) && !PARTITIONS.contains(&part) {
                self.push(
                    Severity::Error,
                    "INVALID_PARTITION",
                    format!("`{part}` is not an AWS partition"),
                    p.clone(),
                );
            }
            self.variables(s, &p);
            self.arn_fields(s, &parts, &p);
        }
        // Redundant resources.
        for i in 0..out.len() {
            for j in 0..out.len() {
                if i == j {
                    continue;
                }
                let (a, pa) = &out[i];
                let (b, _) = &out[j];
                let pb = Pattern::parse(b, true, false);
                if (a != b || j < i) && pb.matches(a) {
                    self.push(
                        Severity::Suggestion,
                        "REDUNDANT_RESOURCE",
                        format!("`{a}` is redundant: `{b}` already covers it"),
                        pa.clone(),
                    );
                    break;
                }
            }
        }
        out.into_iter().map(|(s, _)| s).collect()
    }

    fn principal(&mut self, v: &Value, path: &[PathSeg]) {
        match v {
            Value::String(s) if s == "*" => {
                if self.ty == LintPolicyType::Trust {
                    self.push(
                        Severity::Error,
                        "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                        "`\"Principal\": \"*\"` is not supported in a role trust policy; name \
                         the principals that may assume the role"
                            .into(),
                        path.to_vec(),
                    );
                }
            }
            Value::String(s) => self.push(
                Severity::Error,
                "INVALID_PRINCIPAL_FORMAT",
                format!("a principal string must be `*`; use {{\"AWS\": \"{s}\"}}"),
                path.to_vec(),
            ),
            Value::Object(m) => {
                if m.is_empty() {
                    self.push(
                        Severity::Suggestion,
                        "EMPTY_OBJECT_PRINCIPAL",
                        "the principal object is empty".into(),
                        path.to_vec(),
                    );
                }
                for (k, val) in m {
                    let kp = with(path, key(k));
                    if !matches!(
                        k.as_str(),
                        "AWS" | "Service" | "Federated" | "CanonicalUser"
                    ) {
                        self.push(
                            Severity::Error,
                            "INVALID_PRINCIPAL_KEY",
                            format!("`{k}` is not a principal type (AWS, Service, Federated, CanonicalUser)"),
                            kp,
                        );
                        continue;
                    }
                    if matches!(val, Value::Array(a) if a.is_empty()) {
                        self.push(
                            Severity::Suggestion,
                            "EMPTY_ARRAY_PRINCIPAL",
                            "the principal list is empty".into(),
                            kp.clone(),
                        );
                    }
                    for (s, p) in items(val, &kp) {
                        let Some(s) = s else {
                            self.push(
                                Severity::Error,
                                "DATA_TYPE_MISMATCH",
                                "a principal must be a string".into(),
                                p,
                            );
                            continue;
                        };
                        if s.contains("${") {
                            self.push(
                                Severity::Error,
                                "VARIABLE_UNSUPPORTED_IN_ELEMENT",
                                format!(
                                    "`{s}`: policy variables are supported only in the \
                                     `Resource` and `Condition` elements"
                                ),
                                p.clone(),
                            );
                        }
                        if k == "AWS" && (s.starts_with("AROA") || s.starts_with("AIDA")) {
                            let (code, what) = if s.starts_with("AROA") {
                                ("INVALID_ROLE_REFERENCE", "role")
                            } else {
                                ("INVALID_USER_REFERENCE", "user")
                            };
                            self.push(
                                Severity::Warning,
                                code,
                                format!(
                                    "`{s}` is an IAM {what} ID (IAM shows one when the {what} \
                                     was deleted); use the {what} ARN"
                                ),
                                p.clone(),
                            );
                        }
                        if k == "AWS" && s != "*" {
                            let is_account = s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit());
                            let is_unique_id = s.len() >= 16
                                && s.bytes()
                                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                            let is_arn = split_arn(s).is_some_and(|a| a[0] == "arn");
                            if !(is_account || is_unique_id || is_arn) {
                                self.push(
                                    Severity::Error,
                                    "INVALID_PRINCIPAL_FORMAT",
                                    format!("`{s}` is not an account ID or principal ARN"),
                                    p,
                                );
                            } else if is_arn && s.contains(['*', '?']) {
                                self.push(
                                    Severity::Error,
                                    "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                                    format!(
                                        "`{s}`: principal ARNs cannot hold wildcards; use `*` \
                                         with a condition such as `aws:PrincipalArn`"
                                    ),
                                    p,
                                );
                            }
                        }
                    }
                }
            }
            _ => self.push(
                Severity::Error,
                "DATA_TYPE_MISMATCH",
                "a principal must be `*` or an object".into(),
                path.to_vec(),
            ),
        }
    }

    /// Returns the lower-cased condition keys used.
    fn condition(
        &mut self,
        v: &Value,
        path: &[PathSeg],
        effect: Option<&str>,
        actions: &[String],
        not_action: bool,
    ) -> Vec<String> {
        let mut keys_used = Vec::new();
        let Value::Object(ops) = v else {
            self.push(
                Severity::Error,
                "DATA_TYPE_MISMATCH",
                "`Condition` must be an object".into(),
                path.to_vec(),
            );
            return keys_used;
        };
        if ops.is_empty() {
            self.push(
                Severity::Suggestion,
                "EMPTY_OBJECT_CONDITION",
                "the condition block is empty".into(),
                path.to_vec(),
            );
        }
        let cat = catalog();
        let services: Vec<&str> = if not_action {
            Vec::new()
        } else {
            actions
                .iter()
                .filter_map(|a| a.split_once(':').map(|x| x.0))
                .collect()
        };
        // (lower-cased key, path) of every key of the block, for the paired-key check.
        let mut key_paths: Vec<(String, Vec<PathSeg>)> = Vec::new();
        for (op_text, keys) in ops {
            let op_path = with(path, key(op_text));
            let spec = OperatorSpec::parse(op_text);
            let base = op_text
                .trim_start_matches("ForAllValues:")
                .trim_start_matches("ForAnyValue:");
            if base == "NullIfExists" {
                self.push(
                    Severity::Error,
                    "NULL_WITH_IF_EXISTS",
                    "`Null` has no `IfExists` form".into(),
                    op_path.clone(),
                );
                continue;
            }
            let Some(op) = spec.operator else {
                self.push(
                    Severity::Error,
                    "INVALID_CONDITION_OPERATOR",
                    format!("`{op_text}` is not a condition operator (names are case-sensitive)"),
                    op_path,
                );
                continue;
            };
            if op == Operator::Null && spec.qualifier.is_some() {
                self.push(
                    Severity::Suggestion,
                    "NULL_WITH_QUALIFIER",
                    "a set qualifier on `Null` makes it always true (ForAllValues) or always \
                     false (ForAnyValue); remove it"
                        .into(),
                    op_path.clone(),
                );
            }
            let Value::Object(keys) = keys else {
                self.push(
                    Severity::Error,
                    "DATA_TYPE_MISMATCH",
                    format!("`{op_text}` must map condition keys to values"),
                    op_path,
                );
                continue;
            };
            for (k, vals) in keys {
                let kp = with(&op_path, key(k));
                let lc = k.to_lowercase();
                keys_used.push(lc.clone());
                key_paths.push((lc.clone(), kp.clone()));
                let values: Vec<(Option<String>, Vec<PathSeg>)> = match vals {
                    Value::Array(a) => {
                        if a.is_empty() {
                            let (code, msg) = match (spec.qualifier, spec.if_exists) {
                                (Some(SetQualifier::ForAllValues), _) => (
                                    "EMPTY_ARRAY_CONDITION_FORALLVALUES",
                                    format!(
                                        "ForAllValues with no values matches only when `{k}` is \
                                         absent; use `Null` with `true` to test that"
                                    ),
                                ),
                                (Some(SetQualifier::ForAnyValue), _) => (
                                    "EMPTY_ARRAY_CONDITION_FORANYVALUE",
                                    format!("ForAnyValue with no values for `{k}` never matches"),
                                ),
                                (None, true) => (
                                    "EMPTY_ARRAY_CONDITION_IFEXISTS",
                                    format!(
                                        "IfExists with no values matches only when `{k}` is \
                                         absent; use `Null` with `true` to test that"
                                    ),
                                ),
                                (None, false) => (
                                    "EMPTY_ARRAY_CONDITION",
                                    format!("the condition on `{k}` has no values"),
                                ),
                            };
                            self.push(Severity::Suggestion, code, msg, kp.clone());
                        }
                        a.iter()
                            .enumerate()
                            .map(|(i, x)| (scalar(x), with(&kp, PathSeg::Index(i))))
                            .collect()
                    }
                    x => vec![(scalar(x), kp.clone())],
                };
                if op == Operator::Bool && values.len() > 1 {
                    self.push(
                        Severity::Error,
                        "INVALID_CONDITION_MULTIPLE_BOOLEAN",
                        format!("`{k}` takes a single Boolean value, not a list"),
                        kp.clone(),
                    );
                }
                let mut texts: Vec<(&str, &[PathSeg])> = Vec::new();
                for (val, vp) in &values {
                    let Some(val) = val else {
                        self.push(
                            Severity::Error,
                            "DATA_TYPE_MISMATCH",
                            "a condition value must be a string, number or boolean".into(),
                            vp.clone(),
                        );
                        continue;
                    };
                    self.condition_value(op, op_text, k, val, vp);
                    texts.push((val.as_str(), vp.as_slice()));
                }
                self.key_value_checks(op, &lc, k, &texts, &kp);
                // Key existence and type.
                let key_type = if let Some(rest) = lc.strip_prefix("aws:") {
                    let t = global_key_type(&lc).or_else(|| {
                        services
                            .iter()
                            .find_map(|s| cat.key_type(s, &lc))
                            .or_else(|| cat.key_type("iam", &lc))
                    });
                    if t.is_none() && !rest.is_empty() {
                        if lc == "aws:arn" {
                            self.push(
                                Severity::Warning,
                                "DEPRECATED_GLOBAL_CONDITION_KEY",
                                format!(
                                    "`{k}` is deprecated: use `aws:PrincipalArn` (or \
                                     `aws:SourceArn`)"
                                ),
                                kp.clone(),
                            );
                        } else if matches!(
                            lc.as_str(),
                            "aws:resourcetag" | "aws:requesttag" | "aws:principaltag"
                        ) || (lc.ends_with('/')
                            && matches!(
                                lc.trim_end_matches('/'),
                                "aws:resourcetag" | "aws:requesttag" | "aws:principaltag"
                            ))
                        {
                            self.push(
                                Severity::Error,
                                "MISSING_TAG_KEY_IN_CONDITION",
                                format!(
                                    "`{k}` needs a tag key: write `{}/tag-key`",
                                    k.trim_end_matches('/')
                                ),
                                kp.clone(),
                            );
                        } else {
                            self.push(
                                Severity::Error,
                                "INVALID_GLOBAL_CONDITION_KEY",
                                format!("`{k}` is not a global condition key"),
                                kp.clone(),
                            );
                        }
                    }
                    t
                } else if let Some((svc, _)) = k.split_once(':') {
                    match cat.service(svc) {
                        Some(_) => {
                            let t = cat.key_type(svc, &lc);
                            if t.is_none() {
                                self.push(
                                    Severity::Error,
                                    "INVALID_SERVICE_CONDITION_KEY",
                                    format!("`{k}` is not a condition key of the `{svc}` service"),
                                    kp.clone(),
                                );
                            } else if !not_action
                                && !actions.is_empty()
                                && !key_applies(&lc, svc, actions)
                            {
                                self.push(
                                    Severity::Warning,
                                    "RAMPART_CONDITION_KEY_NOT_APPLICABLE",
                                    format!(
                                        "no action of this statement supports `{k}`, so the \
                                         key is never in the request"
                                    ),
                                    kp.clone(),
                                );
                                if op == Operator::Null
                                    && texts.iter().any(|(v, _)| v.eq_ignore_ascii_case("false"))
                                {
                                    self.null_never_true(
                                        k,
                                        "is never in the request for these actions",
                                        &kp,
                                    );
                                }
                            }
                            t
                        }
                        None => None,
                    }
                } else {
                    None
                };
                if op == Operator::Null
                    && texts.iter().any(|(v, _)| v.eq_ignore_ascii_case("true"))
                    && !texts.iter().any(|(v, _)| v.eq_ignore_ascii_case("false"))
                {
                    let signed_only =
                        matches!(self.ty, LintPolicyType::Identity | LintPolicyType::Scp);
                    if ALWAYS_PRESENT_KEYS.contains(&lc.as_str()) {
                        self.null_never_true(k, "is in the context of every request", &kp);
                    } else if signed_only && SIGNED_REQUEST_KEYS.contains(&lc.as_str()) {
                        self.null_never_true(
                            k,
                            "is in the context of every signed request, and this policy type \
                             only applies to signed requests",
                            &kp,
                        );
                    }
                }
                if let Some(t) = key_type {
                    self.key_type_checks(op, &spec, op_text, k, t, effect, &kp);
                }
            }
        }
        // Missing paired condition keys (Access Analyzer: aws:VpcSourceIp needs aws:SourceVpc).
        for (lc, kp) in &key_paths {
            if lc == "aws:vpcsourceip" && !key_paths.iter().any(|(o, _)| o == "aws:sourcevpc") {
                self.push(
                    Severity::SecurityWarning,
                    "MISSING_PAIRED_CONDITION_KEYS",
                    "`aws:VpcSourceIp` can be overly permissive without `aws:SourceVpc` in the \
                     same condition block: the same private address exists in many VPCs"
                        .into(),
                    kp.clone(),
                );
            }
        }
        keys_used
    }

    /// A `Null` test that can never hold (the statement never applies because of it).
    fn null_never_true(&mut self, k: &str, why: &str, kp: &[PathSeg]) {
        self.push(
            Severity::Warning,
            "RAMPART_NULL_CONDITION_ALWAYS_FALSE",
            format!("this `Null` test on `{k}` is always false: the key {why}"),
            kp.to_vec(),
        );
    }

    /// Checks on all values of one key: private `aws:SourceIp` ranges, VPC identifiers.
    fn key_value_checks(
        &mut self,
        op: Operator,
        lc: &str,
        k: &str,
        values: &[(&str, &[PathSeg])],
        kp: &[PathSeg],
    ) {
        if lc == "aws:sourceip" && matches!(op, Operator::IpAddress | Operator::NotIpAddress) {
            let cidrs: Vec<Cidr> = values.iter().filter_map(|(v, _)| Cidr::parse(v)).collect();
            let private = cidrs.iter().filter(|c| c.is_private()).count();
            let not = op == Operator::NotIpAddress;
            if private > 0 {
                let (sev, code) = match (private == cidrs.len(), not) {
                    (true, false) => (Severity::Error, "PRIVATE_IP_ADDRESS"),
                    (true, true) => (Severity::Error, "PRIVATE_NOT_IP_ADDRESS"),
                    (false, false) => (Severity::Suggestion, "PRIVATE_IP_ADDRESS_SUBSET"),
                    (false, true) => (Severity::Suggestion, "PRIVATE_NOT_IP_ADDRESS_SUBSET"),
                };
                self.push(
                    sev,
                    code,
                    format!(
                        "`{k}` holds only public addresses (requests from private addresses \
                         arrive through a VPC endpoint, without it), so {} of these ranges \
                         {} private; use `aws:VpcSourceIp` for private ranges",
                        if private == cidrs.len() {
                            "all"
                        } else {
                            "some"
                        },
                        if private == 1 { "is" } else { "are" }
                    ),
                    kp.to_vec(),
                );
            }
        }
        let vpc_prefix = match lc {
            "aws:sourcevpc" => Some(("vpc-", "INVALID_VPC_FORMAT", "VPC")),
            "aws:sourcevpce" => Some(("vpce-", "INVALID_VPCE_FORMAT", "VPC endpoint")),
            _ => None,
        };
        if let Some((prefix, code, what)) = vpc_prefix
            && matches!(
                op,
                Operator::StringEquals
                    | Operator::StringNotEquals
                    | Operator::StringEqualsIgnoreCase
                    | Operator::StringNotEqualsIgnoreCase
            )
        {
            for (v, vp) in values {
                if v.contains(['*', '?', '$']) {
                    continue;
                }
                let ok = v.strip_prefix(prefix).is_some_and(|id| {
                    (id.len() == 8 || id.len() == 17)
                        && id.bytes().all(|b| b.is_ascii_alphanumeric())
                });
                if !ok {
                    self.push(
                        Severity::Error,
                        code,
                        format!(
                            "`{v}` is not a {what} ID: `{prefix}` followed by 8 or 17 letters \
                             and digits"
                        ),
                        vp.to_vec(),
                    );
                }
            }
        }
    }

    /// Policy variable syntax in a `Resource` entry or a condition value.
    fn variables(&mut self, s: &str, p: &[PathSeg]) {
        if !s.contains("${") {
            return;
        }
        if !self.vars_ok {
            self.push(
                Severity::Error,
                "VARIABLE_UNSUPPORTED_IN_VERSION",
                format!(
                    "`{s}`: policy variables need `\"Version\": \"2012-10-17\"`; with another \
                     or no version they are literal text"
                ),
                p.to_vec(),
            );
            return;
        }
        let mut rest = s;
        while let Some(i) = rest.find("${") {
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                self.push(
                    Severity::Error,
                    "MISSING_BRACE_IN_VARIABLE",
                    format!("`{s}`: a policy variable lacks its closing `}}`"),
                    p.to_vec(),
                );
                return;
            };
            let inner = &after[..end];
            rest = &after[end + 1..];
            if inner.trim().is_empty() {
                self.push(
                    Severity::Error,
                    "EMPTY_VARIABLE",
                    format!("`{s}` holds an empty policy variable `${{}}`"),
                    p.to_vec(),
                );
                continue;
            }
            let (name, default) = match inner.split_once(',') {
                Some((n, d)) => (n, Some(d.trim())),
                None => (inner, None),
            };
            if name.contains(' ') {
                self.push(
                    Severity::Error,
                    "UNSUPPORTED_SPACE_IN_VARIABLE",
                    format!("`{s}`: the variable name `{name}` contains a space"),
                    p.to_vec(),
                );
            }
            if let Some(d) = default
                && !(d.len() >= 2 && d.starts_with('\'') && d.ends_with('\''))
            {
                self.push(
                    Severity::Error,
                    "MISSING_QUOTE_IN_VARIABLE",
                    format!("`{s}`: a variable's default value goes in single quotes"),
                    p.to_vec(),
                );
            }
        }
    }

    /// ARN fields checked against the catalogue: service case, account, Region.
    fn arn_fields(&mut self, s: &str, parts: &[&str; 6], p: &[PathSeg]) {
        let (svc, region, account) = (parts[2], parts[3], parts[4]);
        let literal = |x: &str| !x.is_empty() && !x.contains(['*', '?', '$']);
        if literal(svc) && svc.bytes().any(|b| b.is_ascii_uppercase()) {
            self.push(
                Severity::Error,
                "INVALID_ARN_SERVICE_CASE",
                format!("`{s}`: write the service `{svc}` in lower case"),
                p.to_vec(),
            );
        }
        if literal(account)
            && account != "aws"
            && !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        {
            self.push(
                Severity::Error,
                "INVALID_ARN_ACCOUNT",
                format!("`{s}`: the account `{account}` is not a 12-digit account ID"),
                p.to_vec(),
            );
        }
        let Some(service) = catalog().service(svc) else {
            return;
        };
        if service.resource_types.is_empty() {
            return;
        }
        fn field(f: &str, i: usize) -> &str {
            split_arn(f).map(|x| x[i]).unwrap_or("")
        }
        if literal(account)
            && service
                .resource_types
                .iter()
                .all(|rt| field(&rt.arn_format, 4).is_empty())
        {
            self.push(
                Severity::Error,
                "ARN_ACCOUNT_NOT_ALLOWED",
                format!("`{s}`: the service `{svc}` has no account ID in its resource ARNs"),
                p.to_vec(),
            );
        }
        if literal(region)
            && service
                .resource_types
                .iter()
                .all(|rt| field(&rt.arn_format, 3).is_empty())
        {
            self.push(
                Severity::Error,
                "ARN_REGION_NOT_ALLOWED",
                format!("`{s}`: the service `{svc}` has no Region in its resource ARNs"),
                p.to_vec(),
            );
        }
    }

    /// Grants to service and OIDC principals without the conditions that pin the caller.
    fn principal_guards(
        &mut self,
        v: &Value,
        pp: &[PathSeg],
        cond_keys: &[String],
        cond: Option<&Value>,
    ) {
        let Value::Object(m) = v else {
            return;
        };
        if m.contains_key("Service")
            && self.ty == LintPolicyType::Resource
            && !cond_keys.iter().any(|k| {
                matches!(
                    k.as_str(),
                    "aws:sourcearn"
                        | "aws:sourceaccount"
                        | "aws:sourceorgid"
                        | "aws:sourceorgpaths"
                )
            })
        {
            self.push(
                Severity::SecurityWarning,
                "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
                "a grant to a service principal without `aws:SourceArn` or `aws:SourceAccount` \
                 lets the service act for any account (confused deputy)"
                    .into(),
                with(pp, key("Service")),
            );
        }
        let Some(fv) = m.get("Federated") else {
            return;
        };
        if self.ty != LintPolicyType::Trust {
            return;
        }
        let fp = with(pp, key("Federated"));
        for (f, p) in items(fv, &fp) {
            let Some(f) = f else { continue };
            let host = match f.split_once(":oidc-provider/") {
                Some((_, h)) => h.to_ascii_lowercase(),
                None => continue,
            };
            let prefix = format!("{host}:");
            if host == "token.actions.githubusercontent.com" {
                let sub = format!("{host}:sub");
                if !cond_keys.contains(&sub) {
                    self.push(
                        Severity::SecurityWarning,
                        "MISSING_GITHUB_REPO_CONDITION_KEY",
                        "a GitHub OIDC principal without `token.actions.githubusercontent.com:sub` \
                         lets any repository's workflows assume the role; pin the repository and \
                         branch"
                            .into(),
                        p.clone(),
                    );
                } else if let Some(Value::Object(ops)) = cond {
                    for (op, keys) in ops {
                        let Value::Object(keys) = keys else { continue };
                        for (k, vals) in keys {
                            if k.to_ascii_lowercase() != sub {
                                continue;
                            }
                            let wild = match vals {
                                Value::String(s) => s.contains('*'),
                                Value::Array(a) => a
                                    .iter()
                                    .any(|x| x.as_str().is_some_and(|s| s.contains('*'))),
                                _ => false,
                            };
                            if wild {
                                let cond_path: Vec<PathSeg> = pp[..pp.len() - 1]
                                    .iter()
                                    .cloned()
                                    .chain([key("Condition"), key(op), key(k)])
                                    .collect();
                                self.push(
                                    Severity::Warning,
                                    "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
                                    "a wildcard in `token.actions.githubusercontent.com:sub` \
                                     admits more workflows than intended; name the repository \
                                     and branch"
                                        .into(),
                                    cond_path,
                                );
                            }
                        }
                    }
                }
            } else if !cond_keys.iter().any(|k| k.starts_with(&prefix)) {
                self.push(
                    Severity::SecurityWarning,
                    "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
                    format!(
                        "the OIDC principal `{f}` has no condition on `{host}:...` keys (such as \
                         `{host}:aud` or `{host}:sub`), so any identity of that provider can \
                         assume the role"
                    ),
                    p,
                );
            }
        }
    }

    fn condition_value(&mut self, op: Operator, op_text: &str, k: &str, val: &str, vp: &[PathSeg]) {
        let has_var = val.contains("${");
        match op.value_type() {
            OperatorType::Numeric
            | OperatorType::Date
            | OperatorType::Bool
            | OperatorType::Ip
            | OperatorType::Binary
            | OperatorType::Null
                if has_var =>
            {
                self.push(
                    Severity::Error,
                    "INVALID_VARIABLE_FOR_OPERATOR",
                    format!("policy variables are not allowed with `{op_text}`"),
                    vp.to_vec(),
                );
            }
            OperatorType::String | OperatorType::Arn if has_var => self.variables(val, vp),
            OperatorType::Numeric if parse_number(val).is_none() => self.push(
                Severity::Warning,
                "TYPE_MISMATCH_NUMBER",
                format!("`{val}` is not a number, as `{op_text}` needs"),
                vp.to_vec(),
            ),
            OperatorType::Date if parse_date(val).is_none() => self.push(
                Severity::Warning,
                "TYPE_MISMATCH_DATE",
                format!("`{val}` is not an ISO 8601 date or epoch time, as `{op_text}` needs"),
                vp.to_vec(),
            ),
            OperatorType::Bool | OperatorType::Null
                if !val.eq_ignore_ascii_case("true") && !val.eq_ignore_ascii_case("false") =>
            {
                self.push(
                    Severity::Warning,
                    "TYPE_MISMATCH_BOOLEAN",
                    format!("`{val}` is not `true` or `false`, as `{op_text}` needs"),
                    vp.to_vec(),
                )
            }
            OperatorType::Ip => match Cidr::parse(val) {
                None => self.push(
                    Severity::Warning,
                    "TYPE_MISMATCH_IP_RANGE",
                    format!("`{val}` is not an IP address or CIDR range"),
                    vp.to_vec(),
                ),
                Some(c) => {
                    if let Some(net) = c.normalized() {
                        self.push(
                            Severity::Suggestion,
                            "IMPROVE_IP_RANGE",
                            format!(
                                "the bits of `{val}` after the prefix are ignored; write `{net}`"
                            ),
                            vp.to_vec(),
                        );
                    }
                }
            },
            OperatorType::Binary if base64_decode(val).is_none() => self.push(
                Severity::Warning,
                "TYPE_MISMATCH_STRING",
                format!("`{val}` is not base64 text, as `{op_text}` needs"),
                vp.to_vec(),
            ),
            OperatorType::String
                if matches!(
                    op,
                    Operator::StringEquals
                        | Operator::StringNotEquals
                        | Operator::StringEqualsIgnoreCase
                        | Operator::StringNotEqualsIgnoreCase
                ) && val.contains(['*', '?']) =>
            {
                self.push(
                    Severity::Warning,
                    "WILDCARD_WITHOUT_LIKE_OPERATOR",
                    format!(
                        "`{op_text}` compares `{val}` literally; use `StringLike` for wildcards \
                         (key `{k}`)"
                    ),
                    vp.to_vec(),
                )
            }
            _ => {}
        }
    }
    #[allow(clippy::too_many_arguments)]
    fn key_type_checks(
        &mut self,
        op: Operator,
        spec: &OperatorSpec,
        op_text: &str,
        k: &str,
        t: KeyType,
        effect: Option<&str>,
        kp: &[PathSeg],
    ) {
        let multi = t.is_multivalued();
        match spec.qualifier {
            Some(SetQualifier::ForAllValues) if !multi && t != KeyType::Unknown => self.push(
                Severity::SecurityWarning,
                "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                format!(
                    "using ForAllValues with the single-valued key `{k}` can be overly permissive; \
                     remove ForAllValues:"
                ),
                kp.to_vec(),
            ),
            Some(SetQualifier::ForAnyValue) if !multi && t != KeyType::Unknown => self.push(
                Severity::Warning,
                "RAMPART_FORANYVALUE_WITH_SINGLE_VALUED_KEY",
                format!("`{k}` is single-valued; remove ForAnyValue:"),
                kp.to_vec(),
            ),
            None if multi && op != Operator::Null => self.push(
                Severity::Error,
                "MISSING_QUALIFIER",
                format!("`{k}` is multivalued: use ForAllValues: or ForAnyValue: with `{op_text}`"),
                kp.to_vec(),
            ),
            Some(SetQualifier::ForAllValues) if multi && effect == Some("Allow") => {
                // Vacuously true when the key is absent (iam-semantics §10).
            }
            _ => {}
        }
        let expected = match t {
            KeyType::String | KeyType::ArrayOfString => Some(OperatorType::String),
            KeyType::Arn | KeyType::ArrayOfArn => Some(OperatorType::Arn),
            KeyType::Bool | KeyType::ArrayOfBool => Some(OperatorType::Bool),
            KeyType::Date => Some(OperatorType::Date),
            KeyType::Numeric | KeyType::ArrayOfNumeric => Some(OperatorType::Numeric),
            KeyType::IpAddress => Some(OperatorType::Ip),
            KeyType::Binary => Some(OperatorType::Binary),
            KeyType::Unknown => None,
        };
        let got = op.value_type();
        if let Some(e) = expected {
            let ok = got == e
                || got == OperatorType::Null
                // Dates given as epoch numbers and ARNs compared as strings for equality are
                // accepted by IAM; only flag the pattern operators on ARNs.
                || (e == OperatorType::Date && got == OperatorType::Numeric)
                || (e == OperatorType::Arn
                    && matches!(op, Operator::StringEquals | Operator::StringNotEquals));
            if !ok {
                self.push(
                    Severity::Warning,
                    "TYPE_MISMATCH",
                    format!("`{k}` is of type {t:?}; use a {e:?} operator instead of `{op_text}`"),
                    kp.to_vec(),
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn star_checks(
        &mut self,
        av: &Value,
        ap: &[PathSeg],
        not_action: bool,
        res_star: bool,
        not_resource: bool,
        cond_keys: &[String],
        res_path: Vec<PathSeg>,
    ) {
        let acts: Vec<String> = items(av, ap)
            .into_iter()
            .filter_map(|(s, _)| s.map(str::to_ascii_lowercase))
            .collect();
        for (target, explicit_code, prefix) in [
            ("iam:passrole", "PASS_ROLE", "iam:PassRole"),
            (
                "iam:createservicelinkedrole",
                "CREATE_SLR",
                "iam:CreateServiceLinkedRole",
            ),
        ] {
            let explicit = !not_action && acts.iter().any(|a| a == target);
            let wild = !not_action
                && !explicit
                && acts
                    .iter()
                    .any(|a| Pattern::parse(a, true, false).matches(target));
            let via_not = not_action
                && !acts
                    .iter()
                    .any(|a| Pattern::parse(a, true, false).matches(target));
            if target == "iam:passrole" && cond_keys.iter().any(|k| k == "iam:passedtoservice") {
                continue;
            }
            let code: Option<&'static str> = match (explicit, wild, via_not, res_star, not_resource)
            {
                (true, _, _, true, _) => Some(if explicit_code == "PASS_ROLE" {
                    "PASS_ROLE_WITH_STAR_IN_RESOURCE"
                } else {
                    "CREATE_SLR_WITH_STAR_IN_RESOURCE"
                }),
                (_, true, _, true, _) => Some(if explicit_code == "PASS_ROLE" {
                    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"
                } else {
                    "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"
                }),
                (_, _, true, true, _) => Some(if explicit_code == "PASS_ROLE" {
                    "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
                } else {
                    "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
                }),
                (true, _, _, _, true) => Some(if explicit_code == "PASS_ROLE" {
                    "PASS_ROLE_WITH_NOT_RESOURCE"
                } else {
                    "CREATE_SLR_WITH_NOT_RESOURCE"
                }),
                (_, true, _, _, true) => Some(if explicit_code == "PASS_ROLE" {
                    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
                } else {
                    "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
                }),
                (_, _, true, _, true) => Some(if explicit_code == "PASS_ROLE" {
                    "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
                } else {
                    "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"
                }),
                _ => None,
            };
            if let Some(code) = code {
                let (sev, msg) = if explicit_code == "PASS_ROLE" {
                    (
                        Severity::SecurityWarning,
                        format!(
                            "{prefix} on every role lets the caller hand any role, including \
                             admin roles, to a service it controls; name the role ARNs or add an \
                             `iam:PassedToService` condition"
                        ),
                    )
                } else {
                    (
                        Severity::Warning,
                        format!(
                            "{prefix} on every resource allows creating any service-linked role; \
                             name the role ARNs"
                        ),
                    )
                };
                self.push(sev, code, msg, res_path.clone());
            }
        }
    }

    /// Resource patterns that match no resource type of any action of the statement.
    fn resource_types(&mut self, actions: &[String], rv: &Value, rp: &[PathSeg]) {
        let cat = catalog();
        let mut formats: Vec<Vec<Pattern>> = Vec::new();
        let mut wildcard_only_actions: Vec<String> = Vec::new();
        for a in actions {
            if a.contains(['*', '?']) {
                return; // Wildcard actions span many resource types: nothing to say.
            }
            let Some((svc, act)) = cat.action(a) else {
                return;
            };
            if act.wildcard_only() {
                wildcard_only_actions.push(format!("{}:{}", svc.prefix, act.name));
                continue;
            }
            let pats: Vec<Pattern> = act
                .resource_types
                .iter()
                .filter_map(|(i, _)| svc.resource_types.get(*i))
                .map(|rt| format_pattern(&rt.arn_format))
                .collect();
            formats.push(pats);
        }
        for (s, p) in items(rv, rp) {
            let Some(s) = s else { continue };
            if s == "*" || !s.starts_with("arn:") || split_arn(s).is_none() {
                continue;
            }
            let rpat = format_pattern(s);
            let any_type = formats
                .iter()
                .any(|fs| fs.iter().any(|f| overlaps(&rpat, f)));
            if !any_type {
                let msg = if formats.is_empty() && !wildcard_only_actions.is_empty() {
                    format!(
                        "`{s}`: {} support only `\"Resource\": \"*\"`, so this statement never \
                         applies",
                        wildcard_only_actions.join(", ")
                    )
                } else {
                    format!(
                        "`{s}` matches no resource type of the statement's actions, so it never \
                         applies to them"
                    )
                };
                self.push(
                    Severity::Warning,
                    "RAMPART_RESOURCE_MATCHES_NO_RESOURCE_TYPE",
                    msg,
                    p,
                );
            }
        }
    }
}

/// Does a service condition key apply to one of the actions (action keys, resource type keys)?
fn key_applies(lc: &str, svc: &str, actions: &[String]) -> bool {
    let cat = catalog();
    for a in actions {
        let Some((asvc, aname)) = a.split_once(':') else {
            return true;
        };
        if asvc.contains(['*', '?']) {
            return true;
        }
        let Some(s) = cat.service(asvc) else {
            return true;
        };
        let acts: Vec<&crate::catalog::Action> = if aname.contains(['*', '?']) {
            let p = Pattern::parse(&aname.to_ascii_lowercase(), true, false);
            s.actions
                .iter()
                .filter(|x| p.matches(&x.name.to_ascii_lowercase()))
                .collect()
        } else {
            s.action(aname).into_iter().collect()
        };
        for act in acts {
            let mut idx: Vec<usize> = act.condition_keys.clone();
            for (ri, _) in &act.resource_types {
                if let Some(rt) = s.resource_types.get(*ri) {
                    idx.extend(&rt.condition_keys);
                }
            }
            if idx.iter().any(|i| {
                s.keys
                    .get(*i)
                    .is_some_and(|(k, _)| template_matches(&k.to_lowercase(), lc))
            }) {
                return true;
            }
        }
    }
    // Keys of another service than the actions' (e.g. `kms:ViaService` on s3 actions) are
    // left alone.
    !actions.iter().any(|a| {
        a.split_once(':')
            .is_some_and(|(s, _)| s.eq_ignore_ascii_case(svc))
    })
}

/// An ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) or a policy resource
/// with variables, as a glob: placeholders and variables become `*`.
fn format_pattern(f: &str) -> Pattern {
    let mut s = String::with_capacity(f.len());
    let mut rest = f;
    while let Some(i) = rest.find("${") {
        s.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(j) => {
                s.push('*');
                rest = &rest[i + j + 1..];
            }
            None => {
                s.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    s.push_str(rest);
    Pattern::parse(&s, true, false)
}

/// Can some string match both globs? (Dynamic programming over the two token lists.)
fn overlaps(a: &Pattern, b: &Pattern) -> bool {
    let ta = glob_chars(&a.raw);
    let tb = glob_chars(&b.raw);
    let (n, m) = (ta.len(), tb.len());
    // reach[i][j]: a[i..] and b[j..] can match a common string.
    let mut reach = vec![vec![false; m + 1]; n + 1];
    reach[n][m] = true;
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            if i == n && j == m {
                continue;
            }
            let r = match (ta.get(i), tb.get(j)) {
                (Some(None), _) => reach[i + 1][j] || (j < m && reach[i][j + 1]),
                (_, Some(None)) => reach[i][j + 1] || (i < n && reach[i + 1][j]),
                (Some(Some(x)), Some(Some(y))) => {
                    (x == y || *x == '\u{0}' || *y == '\u{0}') && reach[i + 1][j + 1]
                }
                _ => false,
            };
            reach[i][j] = r;
        }
    }
    reach[0][0]
}

/// Characters of a glob: `None` for `*`, `Some('\0')` for `?`.
fn glob_chars(s: &str) -> Vec<Option<char>> {
    s.chars()
        .map(|c| match c {
            '*' => None,
            '?' => Some('\u{0}'),
            c => Some(c),
        })
        .collect()
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        o => o.to_string(),
    }
}

/// Policy size quotas (characters, whitespace not counted): IAM UG *IAM and AWS STS quotas*,
/// AWS Organizations UG *Quotas*.
fn size_check(text: &str, ty: LintPolicyType, l: &mut Linter) {
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    let (limit, sev, code, what) = match ty {
        // A warning, not an error: AWS managed policies exceed the customer quota and are valid.
        LintPolicyType::Identity => (
            6144,
            Severity::Warning,
            "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
            "managed policy",
        ),
        LintPolicyType::Scp => (
            5120,
            Severity::Error,
            "POLICY_SIZE_EXCEEDS_SCP_QUOTA",
            "service control policy",
        ),
        // Access Analyzer has no RCP size check: a warning (AWS Organizations rejects it).
        LintPolicyType::Rcp => (
            5120,
            Severity::Warning,
            "RAMPART_POLICY_SIZE_EXCEEDS_RCP_QUOTA",
            "resource control policy (AWS Organizations rejects larger ones)",
        ),
        LintPolicyType::Trust => (
            2048,
            Severity::Warning,
            "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
            "role trust policy (default quota; it can be raised)",
        ),
        LintPolicyType::Resource => (
            20480,
            Severity::Warning,
            "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
            "S3 bucket policy",
        ),
    };
    if n > limit {
        l.push(
            sev,
            code,
            format!(
                "the policy has {n} characters (without whitespace); the {what} quota is {limit}"
            ),
            vec![],
        );
    }
}

/// Positions of every value in JSON text, keyed by path; duplicate keys found on the way.
struct Scan {
    positions: HashMap<Vec<PathSeg>, (usize, usize)>,
    duplicates: Vec<(Vec<PathSeg>, String)>,
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
    scan: Scan,
    depth: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            chars: text.chars().peekable(),
            line: 1,
            col: 1,
            scan: Scan {
                positions: HashMap::new(),
                duplicates: Vec::new(),
            },
            depth: 0,
        }
    }

    fn run(mut self) -> Scan {
        let mut path = Vec::new();
        self.value(&mut path);
        self.scan
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn ws(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.bump();
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.bump()? != '"' {
            return None;
        }
        let mut s = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(s),
                '\\' => {
                    let e = self.bump()?;
                    match e {
                        'u' => {
                            let mut h = String::new();
                            for _ in 0..4 {
                                h.push(self.bump()?);
                            }
                            if let Some(c) =
                                u32::from_str_radix(&h, 16).ok().and_then(char::from_u32)
                            {
                                s.push(c);
                            }
                        }
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        other => s.push(other),
                    }
                }
                c => s.push(c),
            }
        }
    }

    fn value(&mut self, path: &mut Vec<PathSeg>) -> Option<()> {
        self.ws();
        self.scan
            .positions
            .insert(path.clone(), (self.line, self.col));
        self.depth += 1;
        if self.depth > 256 {
            return None;
        }
        let r = match *self.chars.peek()? {
            '{' => {
                self.bump();
                let mut seen: Vec<String> = Vec::new();
                loop {
                    self.ws();
                    if *self.chars.peek()? == '}' {
                        self.bump();
                        break;
                    }
                    let k = self.string()?;
                    let lc = k.to_lowercase();
                    if seen.contains(&lc) {
                        let mut p = path.clone();
                        p.push(PathSeg::Key(k.clone()));
                        self.scan.duplicates.push((p, k.clone()));
                    }
                    seen.push(lc);
                    self.ws();
                    if self.bump()? != ':' {
                        return None;
                    }
                    path.push(PathSeg::Key(k));
                    let r = self.value(path);
                    path.pop();
                    r?;
                    self.ws();
                    match self.bump()? {
                        ',' => continue,
                        '}' => break,
                        _ => return None,
                    }
                }
                Some(())
            }
            '[' => {
                self.bump();
                let mut i = 0;
                loop {
                    self.ws();
                    if *self.chars.peek()? == ']' {
                        self.bump();
                        break;
                    }
                    path.push(PathSeg::Index(i));
                    let r = self.value(path);
                    path.pop();
                    r?;
                    i += 1;
                    self.ws();
                    match self.bump()? {
                        ',' => continue,
                        ']' => break,
                        _ => return None,
                    }
                }
                Some(())
            }
            '"' => self.string().map(|_| ()),
            _ => {
                while self
                    .chars
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | '}' | ']') && !c.is_whitespace())
                {
                    self.bump();
                }
                Some(())
            }
        };
        self.depth -= 1;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, ty: LintPolicyType) -> Vec<(&'static str, Severity)> {
        lint(text, ty)
            .unwrap()
            .into_iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    #[test]
    fn clean_policy_has_no_findings() {
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}]}"#;
        assert_eq!(codes(t, LintPolicyType::Identity), vec![]);
    }

    #[test]
    fn common_problems() {
        let t = "{\n \"Statement\": [\n  {\"Effect\": \"Allow\",\n   \"Action\": [\"s3:GetObject\", \"s3:Get*\", \"s3:NoSuch\", \"nosuchsvc:Get\"],\n   \"Resource\": \"*\"},\n  {\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"}\n ]\n}";
        let fs = lint(t, LintPolicyType::Identity).unwrap();
        let c: Vec<&str> = fs.iter().map(|f| f.code).collect();
        assert!(c.contains(&"MISSING_VERSION"), "{c:?}");
        assert!(c.contains(&"REDUNDANT_ACTION"), "{c:?}");
        assert!(c.contains(&"INVALID_ACTION"), "{c:?}");
        assert!(c.contains(&"INVALID_SERVICE_IN_ACTION"), "{c:?}");
        assert!(c.contains(&"PASS_ROLE_WITH_STAR_IN_RESOURCE"), "{c:?}");
        let inv = fs.iter().find(|f| f.code == "INVALID_ACTION").unwrap();
        assert_eq!(
            inv.path,
            vec![
                key("Statement"),
                PathSeg::Index(0),
                key("Action"),
                PathSeg::Index(2)
            ]
        );
        assert_eq!(inv.line, Some(4));
        assert_eq!(inv.column, Some(42));
    }

    #[test]
    fn condition_checks() {
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
            "ForAllValues:StringEquals":{"aws:SourceVpc":"vpc-1"},
            "StringEquals":{"aws:TagKeys":"a"},
            "StringLike":{"aws:SourceArn":"arn:aws:sns:*"},
            "NumericLessThan":{"s3:max-keys":"ten"},
            "StringEqualz":{"aws:username":"x"},
            "NullIfExists":{"aws:username":"true"},
            "Bool":{"aws:NoSuchGlobalKey":"true"}
        }}]}"#;
        let c = codes(t, LintPolicyType::Identity);
        let has = |x: &str| c.iter().any(|(k, _)| *k == x);
        assert!(has("FORALLVALUES_WITH_SINGLE_VALUED_KEY"), "{c:?}");
        assert!(has("MISSING_QUALIFIER"), "{c:?}");
        assert!(has("TYPE_MISMATCH"), "{c:?}");
        assert!(has("TYPE_MISMATCH_NUMBER"), "{c:?}");
        assert!(has("INVALID_CONDITION_OPERATOR"), "{c:?}");
        assert!(has("NULL_WITH_IF_EXISTS"), "{c:?}");
        assert!(has("INVALID_GLOBAL_CONDITION_KEY"), "{c:?}");
    }

    #[test]
    fn resource_policy_checks() {
        let t = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/app-*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}
        ]}"#;
        let c = codes(t, LintPolicyType::Resource);
        let has = |x: &str| c.iter().any(|(k, _)| *k == x);
        assert!(has("MISSING_PRINCIPAL"), "{c:?}");
        assert!(has("ALLOW_WITH_NOT_PRINCIPAL"), "{c:?}");
        assert!(has("UNSUPPORTED_WILDCARD_IN_PRINCIPAL"), "{c:?}");
        assert!(has("RAMPART_RESOURCE_MATCHES_NO_RESOURCE_TYPE"), "{c:?}");
    }

    #[test]
    fn not_json_is_an_error() {
        assert!(lint("nope", LintPolicyType::Identity).is_err());
        assert!(lint("[1]", LintPolicyType::Identity).is_err());
    }

    #[test]
    fn glob_overlap() {
        let p = |s: &str| Pattern::parse(s, true, false);
        assert!(overlaps(&p("arn:aws:s3:::b/*"), &p("arn:*:s3:::*/*")));
        assert!(!overlaps(&p("arn:aws:s3:::b"), &p("arn:*:s3:::*/*")));
        assert!(overlaps(&p("a?c"), &p("*c")));
    }

    fn find(text: &str, ty: LintPolicyType, code: &str) -> Option<LintFinding> {
        lint(text, ty).unwrap().into_iter().find(|f| f.code == code)
    }

    #[test]
    fn access_analyzer_codes_and_severities() {
        // Each finding: the code and severity Access Analyzer's policy check reference gives
        // for the same problem.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
            "Bool":{"aws:SecureTransport":"yes"},
            "IpAddress":{"aws:SourceIp":"300.1.1.1"},
            "DateGreaterThan":{"aws:CurrentTime":"tomorrow"},
            "StringEquals":{"aws:TagKeys":"a"}
        }}]}"#;
        let c = codes(t, LintPolicyType::Identity);
        for (code, sev) in [
            ("TYPE_MISMATCH_BOOLEAN", Severity::Warning),
            ("TYPE_MISMATCH_IP_RANGE", Severity::Warning),
            ("TYPE_MISMATCH_DATE", Severity::Warning),
            ("MISSING_QUALIFIER", Severity::Error),
        ] {
            assert!(c.contains(&(code, sev)), "{code}: {c:?}");
        }
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}"#;
        assert!(codes(t, LintPolicyType::Identity).contains(&(
            "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            Severity::SecurityWarning
        )));
    }

    #[test]
    fn null_tests_that_are_always_false() {
        // aws:CurrentTime is in every request: `Null: true` never holds.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"Null":{"aws:CurrentTime":"true"}}}]}"#;
        let f = find(
            t,
            LintPolicyType::Identity,
            "RAMPART_NULL_CONDITION_ALWAYS_FALSE",
        )
        .unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.line, Some(2));
        assert_eq!(
            f.path,
            vec![
                key("Statement"),
                PathSeg::Index(0),
                key("Condition"),
                key("Null"),
                key("aws:CurrentTime")
            ]
        );
        // aws:PrincipalArn: every signed request; identity policies only see signed ones, but
        // a bucket policy also sees anonymous requests, where the key is absent.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"Null":{"aws:PrincipalArn":"true"}}}]}"#;
        assert!(
            find(
                t,
                LintPolicyType::Resource,
                "RAMPART_NULL_CONDITION_ALWAYS_FALSE"
            )
            .is_none()
        );
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*",
            "Condition":{"Null":{"aws:PrincipalArn":"true"}}}]}"#;
        assert!(
            find(
                t,
                LintPolicyType::Identity,
                "RAMPART_NULL_CONDITION_ALWAYS_FALSE"
            )
            .is_some()
        );
        // A service key that no action of the statement supplies: `Null: false` never holds.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"Null":{"s3:max-keys":"false"}}}]}"#;
        assert!(
            find(
                t,
                LintPolicyType::Identity,
                "RAMPART_NULL_CONDITION_ALWAYS_FALSE"
            )
            .is_some()
        );
        // ... but `Null: true` on it always holds, and on a supplied key is a real test.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
            "Condition":{"Null":{"s3:max-keys":"false"}}}]}"#;
        assert!(
            find(
                t,
                LintPolicyType::Identity,
                "RAMPART_NULL_CONDITION_ALWAYS_FALSE"
            )
            .is_none()
        );
        // A set qualifier on Null (Access Analyzer: always true / always false).
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"ForAnyValue:Null":{"aws:TagKeys":"false"}}}]}"#;
        assert_eq!(
            find(t, LintPolicyType::Identity, "NULL_WITH_QUALIFIER").map(|f| f.severity),
            Some(Severity::Suggestion)
        );
    }

    #[test]
    fn paired_keys_private_ranges_and_vpc_ids() {
        let t = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"}}},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.1.0.0/16","192.168.0.1"]}}},
            {"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.1.0.0/16","203.0.113.0/24"]}}},
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.9/24"},"StringEquals":{"aws:SourceVpce":"vpce1234"}}}
        ]}"#;
        let fs = lint(t, LintPolicyType::Identity).unwrap();
        let at = |code: &str| -> Vec<(Severity, usize)> {
            fs.iter()
                .filter(|f| f.code == code)
                .map(|f| {
                    let PathSeg::Index(i) = f.path[1] else {
                        panic!()
                    };
                    (f.severity, i)
                })
                .collect()
        };
        assert_eq!(
            at("MISSING_PAIRED_CONDITION_KEYS"),
            vec![(Severity::SecurityWarning, 0)]
        );
        assert_eq!(at("PRIVATE_IP_ADDRESS"), vec![(Severity::Error, 2)]);
        assert_eq!(
            at("PRIVATE_NOT_IP_ADDRESS_SUBSET"),
            vec![(Severity::Suggestion, 3)]
        );
        assert_eq!(at("IMPROVE_IP_RANGE"), vec![(Severity::Suggestion, 4)]);
        assert_eq!(at("INVALID_VPCE_FORMAT"), vec![(Severity::Error, 4)]);
        assert!(at("INVALID_VPC_FORMAT").is_empty());
        assert!(fs.iter().all(|f| f.line.is_some() && f.column.is_some()));
    }

    #[test]
    fn arns_variables_and_principals() {
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3*:List*"],"Resource":[
            "arn:aws:S3:::b/*","arn:aws:s3:::b/${aws:username","arn:aws:iam:us-east-1:111111111111:user/a","arn:aws:s3::12:b/*"]}]}"#;
        let c = codes(t, LintPolicyType::Identity);
        for (code, sev) in [
            ("INVALID_ARN_SERVICE_CASE", Severity::Error),
            ("MISSING_BRACE_IN_VARIABLE", Severity::Error),
            ("ARN_REGION_NOT_ALLOWED", Severity::Error),
            ("INVALID_ARN_ACCOUNT", Severity::Error),
            ("WILDCARD_IN_SERVICE_NAME", Severity::Suggestion),
        ] {
            assert!(c.contains(&(code, sev)), "{code}: {c:?}");
        }
        // Variables need version 2012-10-17.
        let t = r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}"#;
        assert!(
            codes(t, LintPolicyType::Identity)
                .contains(&("VARIABLE_UNSUPPORTED_IN_VERSION", Severity::Error))
        );
        // Trust policies.
        let t = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity",
             "Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/*"}}},
            {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"},
            {"Effect":"Allow","Principal":{"AWS":"AROAEXAMPLEEXAMPLE1"},"Action":"sts:AssumeRole"}
        ]}"#;
        let c = codes(t, LintPolicyType::Trust);
        for (code, sev) in [
            (
                "MISSING_GITHUB_REPO_CONDITION_KEY",
                Severity::SecurityWarning,
            ),
            (
                "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
                Severity::Warning,
            ),
            (
                "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
                Severity::SecurityWarning,
            ),
            (
                "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                Severity::Error,
            ),
            ("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Severity::Error),
            ("INVALID_ROLE_REFERENCE", Severity::Warning),
        ] {
            assert!(c.contains(&(code, sev)), "{code}: {c:?}");
        }
        // A bucket policy granting a service principal without a source condition.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}"#;
        assert!(codes(t, LintPolicyType::Resource).contains(&(
            "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
            Severity::SecurityWarning
        )));
        // SCPs cannot name principals.
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#;
        assert!(
            codes(t, LintPolicyType::Scp)
                .contains(&("SCP_SYNTAX_ERROR_PRINCIPAL", Severity::Error))
        );
    }

    /// Access Analyzer's checks, from the IAM UG *Access Analyzer policy check reference*
    /// (`access-analyzer-reference-policy-checks`, section titles "Error – ...", "General
    /// Warning – ...", "Security Warning – ...", "Suggestion – ..."; the issue code is the
    /// title in upper snake case, `Not...` element names split, as in `ALLOW_WITH_NOT_PRINCIPAL`).
    const ACCESS_ANALYZER_CHECKS: &[(&str, Severity)] = &[
        ("ARN_ACCOUNT_NOT_ALLOWED", Severity::Error),
        ("ARN_REGION_NOT_ALLOWED", Severity::Error),
        ("DATA_TYPE_MISMATCH", Severity::Error),
        ("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", Severity::Error),
        ("INVALID_ACTION", Severity::Error),
        ("INVALID_ARN_ACCOUNT", Severity::Error),
        ("INVALID_ARN_PREFIX", Severity::Error),
        ("INVALID_ARN_REGION", Severity::Error),
        ("INVALID_ARN_RESOURCE", Severity::Error),
        ("INVALID_ARN_SERVICE_CASE", Severity::Error),
        ("INVALID_CONDITION_DATA_TYPE", Severity::Error),
        ("INVALID_CONDITION_KEY_FORMAT", Severity::Error),
        ("INVALID_CONDITION_MULTIPLE_BOOLEAN", Severity::Error),
        ("INVALID_CONDITION_OPERATOR", Severity::Error),
        ("INVALID_EFFECT", Severity::Error),
        ("INVALID_GLOBAL_CONDITION_KEY", Severity::Error),
        ("INVALID_PARTITION", Severity::Error),
        ("INVALID_POLICY_ELEMENT", Severity::Error),
        ("INVALID_PRINCIPAL_FORMAT", Severity::Error),
        ("INVALID_PRINCIPAL_KEY", Severity::Error),
        ("INVALID_REGION", Severity::Error),
        ("INVALID_SERVICE", Severity::Error),
        ("INVALID_SERVICE_CONDITION_KEY", Severity::Error),
        ("INVALID_SERVICE_IN_ACTION", Severity::Error),
        ("INVALID_VARIABLE_FOR_OPERATOR", Severity::Error),
        ("INVALID_VERSION", Severity::Error),
        ("JSON_SYNTAX_ERROR", Severity::Error),
        ("MISSING_ACTION", Severity::Error),
        ("MISSING_ARN_FIELD", Severity::Error),
        ("MISSING_ARN_REGION", Severity::Error),
        ("MISSING_EFFECT", Severity::Error),
        ("MISSING_PRINCIPAL", Severity::Error),
        ("MISSING_QUALIFIER", Severity::Error),
        ("MISSING_RESOURCE", Severity::Error),
        ("MISSING_STATEMENT", Severity::Error),
        ("NULL_WITH_IF_EXISTS", Severity::Error),
        ("SCP_SYNTAX_ERROR_ACTION_WILDCARD", Severity::Error),
        ("SCP_SYNTAX_ERROR_ALLOW_CONDITION", Severity::Error),
        ("SCP_SYNTAX_ERROR_ALLOW_NOT_ACTION", Severity::Error),
        ("SCP_SYNTAX_ERROR_ALLOW_RESOURCE", Severity::Error),
        ("SCP_SYNTAX_ERROR_NOT_RESOURCE", Severity::Error),
        ("SCP_SYNTAX_ERROR_PRINCIPAL", Severity::Error),
        ("UNIQUE_SIDS_REQUIRED", Severity::Error),
        ("UNSUPPORTED_ACTION_IN_POLICY", Severity::Error),
        ("UNSUPPORTED_ELEMENT_COMBINATION", Severity::Error),
        ("UNSUPPORTED_GLOBAL_CONDITION_KEY", Severity::Error),
        ("UNSUPPORTED_PRINCIPAL", Severity::Error),
        ("UNSUPPORTED_RESOURCE_ARN_IN_POLICY", Severity::Error),
        ("UNSUPPORTED_SID", Severity::Error),
        ("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", Severity::Error),
        ("MISSING_BRACE_IN_VARIABLE", Severity::Error),
        ("MISSING_QUOTE_IN_VARIABLE", Severity::Error),
        ("UNSUPPORTED_SPACE_IN_VARIABLE", Severity::Error),
        ("EMPTY_VARIABLE", Severity::Error),
        ("VARIABLE_UNSUPPORTED_IN_ELEMENT", Severity::Error),
        ("VARIABLE_UNSUPPORTED_IN_VERSION", Severity::Error),
        ("PRIVATE_IP_ADDRESS", Severity::Error),
        ("PRIVATE_NOT_IP_ADDRESS", Severity::Error),
        ("POLICY_SIZE_EXCEEDS_SCP_QUOTA", Severity::Error),
        ("INVALID_SERVICE_PRINCIPAL_FORMAT", Severity::Error),
        ("MISSING_TAG_KEY_IN_CONDITION", Severity::Error),
        ("INVALID_VPC_FORMAT", Severity::Error),
        ("INVALID_VPCE_FORMAT", Severity::Error),
        ("FEDERATED_PRINCIPAL_NOT_SUPPORTED", Severity::Error),
        ("UNSUPPORTED_ACTION_FOR_CONDITION_KEY", Severity::Error),
        (
            "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
            Severity::Error,
        ),
        (
            "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
            Severity::Error,
        ),
        (
            "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
            Severity::Error,
        ),
        ("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Severity::Error),
        ("MISSING_ACTION_FOR_CONDITION_KEY", Severity::Error),
        (
            "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
            Severity::Error,
        ),
        ("MISMATCHED_ACTION_FOR_PRINCIPAL", Severity::Error),
        (
            "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
            Severity::Error,
        ),
        ("CREATE_SLR_WITH_NOT_RESOURCE", Severity::Warning),
        (
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
            Severity::Warning,
        ),
        (
            "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
            Severity::Warning,
        ),
        ("CREATE_SLR_WITH_STAR_IN_RESOURCE", Severity::Warning),
        (
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
            Severity::Warning,
        ),
        (
            "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            Severity::Warning,
        ),
        ("DEPRECATED_GLOBAL_CONDITION_KEY", Severity::Warning),
        ("INVALID_DATE_VALUE", Severity::Warning),
        ("INVALID_ROLE_REFERENCE", Severity::Warning),
        ("INVALID_USER_REFERENCE", Severity::Warning),
        ("MISSING_VERSION", Severity::Warning),
        ("UNIQUE_SIDS_RECOMMENDED", Severity::Warning),
        ("WILDCARD_WITHOUT_LIKE_OPERATOR", Severity::Warning),
        (
            "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
            Severity::Warning,
        ),
        (
            "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
            Severity::Warning,
        ),
        ("TYPE_MISMATCH", Severity::Warning),
        ("TYPE_MISMATCH_BOOLEAN", Severity::Warning),
        ("TYPE_MISMATCH_DATE", Severity::Warning),
        ("TYPE_MISMATCH_IP_RANGE", Severity::Warning),
        ("TYPE_MISMATCH_NUMBER", Severity::Warning),
        ("TYPE_MISMATCH_STRING", Severity::Warning),
        (
            "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
            Severity::Warning,
        ),
        (
            "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
            Severity::Warning,
        ),
        ("ALLOW_WITH_NOT_PRINCIPAL", Severity::SecurityWarning),
        (
            "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
            Severity::SecurityWarning,
        ),
        ("PASS_ROLE_WITH_NOT_RESOURCE", Severity::SecurityWarning),
        (
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
            Severity::SecurityWarning,
        ),
        (
            "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
            Severity::SecurityWarning,
        ),
        ("PASS_ROLE_WITH_STAR_IN_RESOURCE", Severity::SecurityWarning),
        (
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            Severity::SecurityWarning,
        ),
        (
            "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            Severity::SecurityWarning,
        ),
        ("MISSING_PAIRED_CONDITION_KEYS", Severity::SecurityWarning),
        (
            "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
            Severity::SecurityWarning,
        ),
        (
            "DENY_NOT_ACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
            Severity::SecurityWarning,
        ),
        (
            "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
            Severity::SecurityWarning,
        ),
        (
            "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
            Severity::SecurityWarning,
        ),
        (
            "MISSING_GITHUB_REPO_CONDITION_KEY",
            Severity::SecurityWarning,
        ),
        ("EMPTY_ARRAY_ACTION", Severity::Suggestion),
        ("EMPTY_ARRAY_CONDITION", Severity::Suggestion),
        ("EMPTY_ARRAY_CONDITION_FORALLVALUES", Severity::Suggestion),
        ("EMPTY_ARRAY_CONDITION_FORANYVALUE", Severity::Suggestion),
        ("EMPTY_ARRAY_CONDITION_IFEXISTS", Severity::Suggestion),
        ("EMPTY_ARRAY_PRINCIPAL", Severity::Suggestion),
        ("EMPTY_ARRAY_RESOURCE", Severity::Suggestion),
        ("EMPTY_OBJECT_CONDITION", Severity::Suggestion),
        ("EMPTY_OBJECT_PRINCIPAL", Severity::Suggestion),
        ("EMPTY_SID_VALUE", Severity::Suggestion),
        ("IMPROVE_IP_RANGE", Severity::Suggestion),
        ("NULL_WITH_QUALIFIER", Severity::Suggestion),
        ("PRIVATE_IP_ADDRESS_SUBSET", Severity::Suggestion),
        ("PRIVATE_NOT_IP_ADDRESS_SUBSET", Severity::Suggestion),
        ("REDUNDANT_ACTION", Severity::Suggestion),
        ("REDUNDANT_CONDITION_VALUE_NUM", Severity::Suggestion),
        ("REDUNDANT_RESOURCE", Severity::Suggestion),
        ("REDUNDANT_STATEMENT", Severity::Suggestion),
        ("WILDCARD_IN_SERVICE_NAME", Severity::Suggestion),
        (
            "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
            Severity::Suggestion,
        ),
        (
            "ALLOW_NOT_ACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
            Severity::Suggestion,
        ),
        (
            "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
            Severity::Suggestion,
        ),
        ("IRRELEVANT_CONDITION_KEY_IN_POLICY", Severity::Suggestion),
        (
            "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
            Severity::Suggestion,
        ),
        ("CONFIRM_AUDIENCE_CLAIM_TYPE", Severity::Suggestion),
    ];

    /// Every (severity, code) pair this linter can emit, read from its own source: a code is
    /// either Access Analyzer's, with Access Analyzer's severity, or Rampart's own, named
    /// `RAMPART_...`.
    #[test]
    fn every_code_is_access_analyzers_or_marked_as_rampart_own() {
        let src = include_str!("lint.rs");
        let src = &src[..src.find("#[cfg(test)]").unwrap()];
        let mut pairs: Vec<(Severity, String)> = Vec::new();
        let mut rest = src;
        while let Some(i) = rest.find("Severity::") {
            rest = &rest[i + "Severity::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let Some(sev) = Severity::parse(&match name.as_str() {
                "SecurityWarning" => "SECURITY_WARNING".to_string(),
                n => n.to_string(),
            }) else {
                continue;
            };
            // The code is the next string literal if it follows the severity directly.
            let after = rest[name.len()..].trim_start();
            let Some(after) = after.strip_prefix(',') else {
                continue;
            };
            let after = after.trim_start();
            if let Some(lit) = after.strip_prefix('"') {
                let code: String = lit.chars().take_while(|c| *c != '"').collect();
                if code.chars().all(|c| c.is_ascii_uppercase() || c == '_') && code.len() > 4 {
                    pairs.push((sev, code));
                }
            }
        }
        assert!(pairs.len() > 60, "found only {} codes", pairs.len());
        let mut problems = Vec::new();
        for (sev, code) in &pairs {
            if code.starts_with("RAMPART_") {
                continue;
            }
            match ACCESS_ANALYZER_CHECKS.iter().find(|(c, _)| c == code) {
                None => problems.push(format!("{code}: not an Access Analyzer issue code")),
                Some((_, s)) if s != sev => {
                    problems.push(format!("{code}: {sev:?} here, {s:?} in Access Analyzer"))
                }
                _ => {}
            }
        }
        // The PassRole / CreateServiceLinkedRole codes are chosen in a table of their own.
        for code in [
            "PASS_ROLE_WITH_STAR_IN_RESOURCE",
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            "PASS_ROLE_WITH_NOT_RESOURCE",
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
            "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            "CREATE_SLR_WITH_NOT_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
            "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
        ] {
            assert!(src.contains(&format!("\"{code}\"")), "{code} not emitted");
            let want = if code.starts_with("PASS_ROLE") {
                Severity::SecurityWarning
            } else {
                Severity::Warning
            };
            assert!(
                ACCESS_ANALYZER_CHECKS.contains(&(code, want)),
                "{code}: not Access Analyzer's with {want:?}"
            );
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn duplicate_keys_found() {
        let t = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","effect":"Deny","Action":"*","Resource":"*"}}"#;
        let c = codes(t, LintPolicyType::Identity);
        assert!(
            c.iter()
                .any(|(k, _)| *k == "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"),
            "{c:?}"
        );
    }
}

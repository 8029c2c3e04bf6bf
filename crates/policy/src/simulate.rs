//! `rampart iam simulate` (CONTRACT §4): one JSON request, or JSON Lines with one request a
//! line, answered one result a line in the same order. A bad line gets an error result naming
//! its line; the other lines still get their answers.
//!
//! Requests in a batch often carry the same large policies inline (managed policies), so parsed
//! policies are cached by their exact JSON text.

use std::collections::HashMap;
use std::io::{self, Write};
use std::rc::Rc;

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::{PolicyError, RequestError};
use crate::eval::{Evaluation, NamedPolicy, PolicySet, ResourcePolicyKind, evaluate};
use crate::policy::Policy;
use crate::request::{Context, Principal, Request, Settings};

const KNOWN_FIELDS: [&str; 16] = [
    "id",
    "principal",
    "action",
    "resource",
    "resource_account",
    "context",
    "identity_policies",
    "resource_policy",
    "resource_policy_type",
    "permission_boundary",
    "permissions_boundary",
    "scps",
    "rcps",
    "session_policy",
    "settings",
    "comment",
];

/// A parsed policy (or why it did not parse), shared between requests.
type Shared = Rc<Result<Policy, PolicyError>>;
/// A policy with its name (the request field it came from).
type Named = (String, Shared);

/// Parsed policies keyed by their JSON text.
#[derive(Default)]
pub struct PolicyCache {
    map: HashMap<u64, Vec<(Box<str>, Shared)>>,
}

impl PolicyCache {
    /// A new, empty cache.
    pub fn new() -> Self {
        PolicyCache::default()
    }

    fn get(&mut self, raw: &RawValue) -> Shared {
        let text = raw.get();
        let h = fast_hash(text.as_bytes());
        let bucket = self.map.entry(h).or_default();
        if let Some((_, p)) = bucket.iter().find(|(t, _)| &**t == text) {
            return Rc::clone(p);
        }
        let parsed = match serde_json::from_str::<Value>(text) {
            Ok(v) => Policy::parse(&v),
            Err(e) => Err(PolicyError::from_json(&e)),
        };
        let rc = Rc::new(parsed);
        if bucket.len() < 8 {
            bucket.push((text.into(), Rc::clone(&rc)));
        }
        rc
    }
}

/// A fast non-cryptographic hash (FxHash-style over 8-byte words).
fn fast_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(K);
    }
    h
}

/// One simulation request, parsed and with its policies.
pub struct SimRequest {
    /// The `id` echoed in the result (any JSON value).
    pub id: Option<Value>,
    pub request: Request,
    identity: Vec<Named>,
    resource: Option<Named>,
    resource_kind: Option<ResourcePolicyKind>,
    boundary: Option<Named>,
    session: Option<Named>,
    scps: Vec<Vec<Named>>,
    rcps: Vec<Vec<Named>>,
    /// Fields the request carries that the contract does not define.
    pub unknown_fields: Vec<String>,
}

fn policy_of<'a>((name, p): &'a Named) -> Result<NamedPolicy<'a>, RequestError> {
    match &**p {
        Ok(p) => Ok(NamedPolicy::new(name, p)),
        Err(e) => Err(RequestError::Policy {
            field: name.clone(),
            source: e.clone(),
        }),
    }
}

impl SimRequest {
    /// Parse a request from its JSON text, using `cache` for policies.
    pub fn parse(text: &str, cache: &mut PolicyCache) -> Result<SimRequest, RequestError> {
        let fields: HashMap<&str, &RawValue> =
            serde_json::from_str(text).map_err(|e| RequestError::Json {
                column: e.column(),
                message: strip_position(&e),
            })?;
        let val = |name: &str| -> Result<Option<Value>, RequestError> {
            match fields.get(name) {
                None => Ok(None),
                Some(r) => serde_json::from_str::<Value>(r.get())
                    .map(|v| if v.is_null() { None } else { Some(v) })
                    .map_err(|e| RequestError::field(name, strip_position(&e))),
            }
        };
        let string = |name: &str| -> Result<Option<String>, RequestError> {
            match val(name)? {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(RequestError::field(name, "must be a string")),
            }
        };
        let id = val("id")?;
        let principal = Principal::parse(string("principal")?.as_deref())?;
        let action = string("action")?
            .ok_or_else(|| RequestError::field("action", "is required (`service:Action`)"))?;
        if !action.contains(':') {
            return Err(RequestError::field(
                "action",
                format!("`{action}` is not of the form `service:Action`"),
            ));
        }
        let resource = string("resource")?.unwrap_or_else(|| "*".to_string());
        let resource_account = string("resource_account")?;
        let context = match val("context")? {
            None => Context::new(),
            Some(v) => Context::from_json(&v, "context")?,
        };
        let mut settings = Settings::default();
        if let Some(v) = val("settings")? {
            let Value::Object(m) = v else {
                return Err(RequestError::field("settings", "must be an object"));
            };
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("s3_block_public_access", Value::Bool(b)) => {
                        settings.s3_block_public_access = b;
                    }
                    (k, _) => {
                        return Err(RequestError::field(
                            format!("settings.{k}"),
                            "unknown setting or not a boolean (known: s3_block_public_access)",
                        ));
                    }
                }
            }
        }
        let resource_kind = match string("resource_policy_type")?.as_deref() {
            None => None,
            Some("generic" | "resource") => Some(ResourcePolicyKind::Generic),
            Some("role_trust" | "trust") => Some(ResourcePolicyKind::RoleTrust),
            Some("kms_key" | "kms") => Some(ResourcePolicyKind::KmsKey),
            Some(o) => {
                return Err(RequestError::field(
                    "resource_policy_type",
                    format!("`{o}` is not one of generic, role_trust, kms_key"),
                ));
            }
        };
        let one = |name: &str, cache: &mut PolicyCache| -> Option<Named> {
            let r = fields.get(name)?;
            if r.get() == "null" {
                return None;
            }
            Some((name.to_string(), cache.get(r)))
        };
        let list = |name: &str, cache: &mut PolicyCache| -> Result<Vec<Named>, RequestError> {
            let Some(r) = fields.get(name) else {
                return Ok(Vec::new());
            };
            let items: Option<Vec<&RawValue>> = serde_json::from_str(r.get())
                .map_err(|_| RequestError::field(name, "must be a list of policy documents"))?;
            Ok(items
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, r)| (format!("{name}[{i}]"), cache.get(r)))
                .collect())
        };
        let levels = |name: &str,
                      cache: &mut PolicyCache|
         -> Result<Vec<Vec<Named>>, RequestError> {
            let Some(r) = fields.get(name) else {
                return Ok(Vec::new());
            };
            let lv: Option<Vec<Vec<&RawValue>>> = serde_json::from_str(r.get()).map_err(|_| {
                RequestError::field(
                    name,
                    "must be a list of levels, each a list of policy documents",
                )
            })?;
            Ok(lv
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(l, ps)| {
                    ps.into_iter()
                        .enumerate()
                        .map(|(i, r)| (format!("{name}[{l}][{i}]"), cache.get(r)))
                        .collect()
                })
                .collect())
        };
        let identity = list("identity_policies", cache)?;
        let resource_p = one("resource_policy", cache);
        let boundary =
            one("permission_boundary", cache).or_else(|| one("permissions_boundary", cache));
        let session = one("session_policy", cache);
        let scps = levels("scps", cache)?;
        let rcps = levels("rcps", cache)?;
        let mut unknown_fields: Vec<String> = fields
            .keys()
            .filter(|k| !KNOWN_FIELDS.contains(k))
            .map(|k| k.to_string())
            .collect();
        unknown_fields.sort();
        let request = Request::new(principal, &action, &resource)
            .with_resource_account(resource_account.as_deref())
            .with_context(context)
            .with_settings(settings);
        let sim = SimRequest {
            id,
            request,
            identity,
            resource: resource_p,
            resource_kind,
            boundary,
            session,
            scps,
            rcps,
            unknown_fields,
        };
        // Surface invalid policies now, naming the field.
        sim.policy_set()?;
        Ok(sim)
    }

    /// The request's policies as a [`PolicySet`]; fails on the first invalid policy.
    pub fn policy_set(&self) -> Result<PolicySet<'_>, RequestError> {
        Ok(PolicySet {
            identity: self
                .identity
                .iter()
                .map(policy_of)
                .collect::<Result<_, _>>()?,
            resource: self.resource.as_ref().map(policy_of).transpose()?,
            resource_kind: self.resource_kind,
            permissions_boundary: self.boundary.as_ref().map(policy_of).transpose()?,
            session: self.session.as_ref().map(policy_of).transpose()?,
            scps: self
                .scps
                .iter()
                .map(|l| l.iter().map(policy_of).collect::<Result<_, _>>())
                .collect::<Result<_, _>>()?,
            rcps: self
                .rcps
                .iter()
                .map(|l| l.iter().map(policy_of).collect::<Result<_, _>>())
                .collect::<Result<_, _>>()?,
        })
    }

    /// Evaluate the request.
    pub fn evaluate(&self) -> Result<Evaluation, RequestError> {
        Ok(evaluate(&self.request, &self.policy_set()?))
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

#[derive(Serialize)]
struct ResultLine<'a> {
    id: &'a Option<Value>,
    decision: &'static str,
    explain: &'a [crate::eval::Explain],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [crate::eval::Warning],
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a Option<Value>,
    line: usize,
    error: String,
}

/// Answer one request text (one JSON object) as a result line; errors become an error result
/// naming `line`.
pub fn simulate_one(
    text: &str,
    line: usize,
    cache: &mut PolicyCache,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> io::Result<()> {
    match SimRequest::parse(text, cache).and_then(|s| s.evaluate().map(|e| (s, e))) {
        Ok((sim, ev)) => {
            for f in &sim.unknown_fields {
                writeln!(
                    warn,
                    "warning: line {line}: unknown request field `{f}` ignored"
                )?;
            }
            let r = ResultLine {
                id: &sim.id,
                decision: ev.decision.as_str(),
                explain: &ev.explain,
                warnings: &ev.warnings,
            };
            serde_json::to_writer(&mut *out, &r).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
        Err(e) => {
            // Recover the id when the line is at least JSON.
            let id = serde_json::from_str::<HashMap<String, Value>>(text)
                .ok()
                .and_then(|m| m.get("id").cloned());
            let r = ErrorLine {
                id: &id,
                line,
                error: format!("line {line}: {e}"),
            };
            serde_json::to_writer(&mut *out, &r).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
    }
}

/// `rampart iam simulate`: `input` is one JSON request (possibly spread over several lines) or
/// JSON Lines. Results go to `out`, one a line; warnings (unknown fields) to `warn`.
pub fn simulate_lines(input: &str, out: &mut dyn Write, warn: &mut dyn Write) -> io::Result<()> {
    let mut cache = PolicyCache::new();
    let trimmed = input.trim();
    // A single (pretty-printed) request spans several lines and is one JSON value.
    if trimmed.starts_with('{') && trimmed.contains('\n') {
        let mut de = serde_json::Deserializer::from_str(trimmed).into_iter::<&RawValue>();
        if let (Some(Ok(_)), None) = (de.next(), de.next()) {
            let first_line = input.len() - input.trim_start().len();
            let line = input[..first_line].matches('\n').count() + 1;
            return simulate_one(trimmed, line, &mut cache, out, warn);
        }
    }
    for (i, l) in input.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        simulate_one(l, i + 1, &mut cache, out, warn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> (Vec<Value>, String) {
        let mut out = Vec::new();
        let mut warn = Vec::new();
        simulate_lines(input, &mut out, &mut warn).unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, String::from_utf8(warn).unwrap())
    }

    #[test]
    fn json_lines_with_a_bad_line() {
        let input = concat!(
            r#"{"id":"a","principal":"arn:aws:iam::111111111111:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resource_account":"111111111111","identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]}"#,
            "\n",
            "not json\n",
            "\n",
            r#"{"id":"c","principal":"arn:aws:iam::111111111111:user/alice","action":"s3:PutObject","resource":"*","identity_policies":[],"extra":1}"#,
            "\n"
        );
        let (lines, warn) = run(input);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["decision"], "Allow");
        assert_eq!(lines[0]["explain"][0]["statement"]["index"], 0);
        assert_eq!(lines[1]["line"], 2);
        assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
        assert_eq!(lines[2]["decision"], "ImplicitDeny");
        assert!(
            warn.contains("line 4") && warn.contains("`extra`"),
            "{warn}"
        );
    }

    #[test]
    fn pretty_single_request_and_bad_policy() {
        let input = "{\n \"id\": 7,\n \"principal\": null,\n \"action\": \"s3:GetObject\",\n \"resource\": \"arn:aws:s3:::b/k\",\n \"resource_policy\": {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}\n}\n";
        let (lines, _) = run(input);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["decision"], "Allow");
        let bad = r#"{"id":"x","principal":null,"action":"s3:GetObject","identity_policies":[{"Statement":{"Effect":"allow","Action":"*"}}]}"#;
        let (lines, _) = run(bad);
        let e = lines[0]["error"].as_str().unwrap();
        assert!(
            e.contains("identity_policies[0]") && e.contains("Effect"),
            "{e}"
        );
        assert_eq!(lines[0]["id"], "x");
    }
}

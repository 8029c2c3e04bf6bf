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
use crate::eval::{
    Evaluation, NamedPolicy, PolicySet, ResourcePolicyKind, Warning, context_warnings, evaluate,
};
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
    /// Recently seen policy texts, for the prefix match of the fast request reader.
    recent: Vec<(Box<str>, Shared)>,
}

impl PolicyCache {
    /// A new, empty cache.
    pub fn new() -> Self {
        PolicyCache::default()
    }

    fn get(&mut self, text: &str) -> Shared {
        let h = fast_hash(text.as_bytes());
        let bucket = self.map.entry(h).or_default();
        if let Some((_, p)) = bucket.iter().find(|(t, _)| &**t == text) {
            return Rc::clone(p);
        }
        let parsed = Policy::parse_str(text);
        let rc = Rc::new(parsed);
        if bucket.len() < 8 {
            bucket.push((text.into(), Rc::clone(&rc)));
        }
        // Large documents are the ones worth recognising without parsing.
        if text.len() >= 256 && text.starts_with(['{', '[']) && self.recent.len() < 32 {
            self.recent.push((text.into(), Rc::clone(&rc)));
        }
        rc
    }

    /// A cached policy whose text is a prefix of `b`, with that text's length; or
    /// [`Prefix::Truncated`] when `b` ends inside what may be a cached text (the read buffer
    /// ends mid-request: read more before parsing, instead of scanning the partial document).
    fn match_prefix(&self, b: &[u8]) -> Prefix {
        for (t, p) in &self.recent {
            let t = t.as_bytes();
            if b.len() >= t.len() {
                if b[..t.len()] == *t {
                    return Prefix::Hit(t.len(), Rc::clone(p));
                }
            } else if t[..b.len()] == *b {
                return Prefix::Truncated;
            }
        }
        Prefix::Miss
    }
}

/// What [`PolicyCache::match_prefix`] found.
enum Prefix {
    Hit(usize, Shared),
    Truncated,
    Miss,
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
    /// Warnings about the request itself (no principal, context keys), added to the result.
    notes: Vec<Warning>,
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
        let fast = fast_fields(text.as_bytes(), cache)
            .filter(|(_, end)| skip_ws(text.as_bytes(), *end) == text.len());
        let (fields, pre) = match fast {
            Some((f, _)) => f,
            None => {
                let f: HashMap<&str, &RawValue> =
                    serde_json::from_str(text).map_err(|e| RequestError::Json {
                        column: e.column(),
                        message: strip_position(&e),
                    })?;
                let f: FieldMap<'_> = f.into_iter().map(|(k, v)| (k, v.get())).collect();
                (f, PreMap::default())
            }
        };
        SimRequest::from_fields(&fields, &pre, cache)
    }

    /// Parse a request at the start of `b` with the fast reader only: `None` when the request
    /// is unusual or invalid (use [`SimRequest::parse`] on the line then). Also returns where
    /// the request object ends.
    fn parse_fast(b: &[u8], cache: &mut PolicyCache) -> Option<(SimRequest, usize)> {
        let ((fields, pre), end) = fast_fields(b, cache)?;
        let sim = SimRequest::from_fields(&fields, &pre, cache).ok()?;
        Some((sim, end))
    }

    fn from_fields(
        fields: &FieldMap<'_>,
        pre: &PreMap<'_>,
        cache: &mut PolicyCache,
    ) -> Result<SimRequest, RequestError> {
        let val = |name: &str| -> Result<Option<Value>, RequestError> {
            match fields.get(name) {
                None => Ok(None),
                Some(r) => serde_json::from_str::<Value>(r)
                    .map(|v| if v.is_null() { None } else { Some(v) })
                    .map_err(|e| RequestError::field(name, strip_position(&e))),
            }
        };
        let string = |name: &str| -> Result<Option<String>, RequestError> {
            // A plain JSON string (no escapes) is its own text between the quotes.
            if let Some(r) = fields.get(name)
                && let Some(inner) = r.strip_prefix('"').and_then(|x| x.strip_suffix('"'))
                && !inner.contains(['\\', '"'])
            {
                return Ok(Some(inner.to_string()));
            }
            match val(name)? {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(RequestError::field(name, "must be a string")),
            }
        };
        let id = val("id")?;
        let principal_text = string("principal")?;
        let principal = Principal::parse(principal_text.as_deref())?;
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
            if let Some(p) = pre
                .get(name)
                .and_then(|l| l.first())
                .and_then(|l| l.first())
            {
                return Some((name.to_string(), p.resolve(cache)));
            }
            let r = fields.get(name)?;
            if *r == "null" {
                return None;
            }
            Some((name.to_string(), cache.get(r)))
        };
        let list = |name: &str, cache: &mut PolicyCache| -> Result<Vec<Named>, RequestError> {
            if let Some(p) = pre.get(name).and_then(|l| l.first()) {
                return Ok(p
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (format!("{name}[{i}]"), e.resolve(cache)))
                    .collect());
            }
            let Some(r) = fields.get(name) else {
                return Ok(Vec::new());
            };
            let items: Option<Vec<&RawValue>> = serde_json::from_str(r)
                .map_err(|_| RequestError::field(name, "must be a list of policy documents"))?;
            Ok(items
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, r)| (format!("{name}[{i}]"), cache.get(r.get())))
                .collect())
        };
        let levels =
            |name: &str, cache: &mut PolicyCache| -> Result<Vec<Vec<Named>>, RequestError> {
                if let Some(p) = pre.get(name) {
                    return Ok(p
                        .iter()
                        .enumerate()
                        .map(|(l, ps)| {
                            ps.iter()
                                .enumerate()
                                .map(|(i, e)| (format!("{name}[{l}][{i}]"), e.resolve(cache)))
                                .collect()
                        })
                        .collect());
                }
                let Some(r) = fields.get(name) else {
                    return Ok(Vec::new());
                };
                let lv: Option<Vec<Vec<&RawValue>>> = serde_json::from_str(r).map_err(|_| {
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
                            .map(|(i, r)| (format!("{name}[{l}][{i}]"), cache.get(r.get())))
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
        let mut notes = Vec::new();
        if principal_text.is_none() {
            notes.push(Warning::new(
                "anonymous-principal",
                if fields.contains_key("principal") {
                    "`principal` is null: the request is evaluated as an anonymous (unsigned) \
                     call, which only a resource policy granting everyone can allow"
                } else {
                    "the request has no `principal`: it is evaluated as an anonymous (unsigned) \
                     call, which only a resource policy granting everyone can allow"
                },
            ));
        }
        notes.extend(context_warnings(&request));
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
            notes,
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

    /// Evaluate the request; the result's warnings include those about the request itself
    /// (no principal: anonymous; context keys the action does not support, see
    /// [`context_warnings`]).
    pub fn evaluate(&self) -> Result<Evaluation, RequestError> {
        let mut ev = evaluate(&self.request, &self.policy_set()?);
        for n in &self.notes {
            if !ev.warnings.contains(n) {
                ev.warnings.push(n.clone());
            }
        }
        Ok(ev)
    }
}

/// A policy document found by the fast reader: its text, and the cached parse when its text
/// was recognised.
struct PreElem<'a> {
    text: &'a str,
    hit: Option<Shared>,
}

impl PreElem<'_> {
    fn resolve(&self, cache: &mut PolicyCache) -> Shared {
        match &self.hit {
            Some(p) => Rc::clone(p),
            None => cache.get(self.text),
        }
    }
}

/// Top-level fields of a request: key to raw JSON text.
type FieldMap<'a> = HashMap<&'a str, &'a str, crate::policy::FxBuild>;
/// Policy fields split into documents, by key.
type PreMap<'a> = HashMap<&'a str, Vec<Vec<PreElem<'a>>>, crate::policy::FxBuild>;

/// Raw top-level fields, and the policy fields already split into documents
/// (`identity_policies` as one level, single policies as one level of one).
type FastFields<'a> = (FieldMap<'a>, PreMap<'a>);

/// Read a request object quickly: policy documents whose exact text was seen before are
/// recognised by comparing bytes instead of parsing JSON (requests in a batch usually repeat
/// large managed policies), and only the other bytes are checked for UTF-8. `None` when
/// anything is unusual; the caller then uses the full parser, which also produces the error
/// messages. Returns the fields and the position just after the object.
fn fast_fields<'a>(b: &'a [u8], cache: &mut PolicyCache) -> Option<(FastFields<'a>, usize)> {
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut fields = FieldMap::default();
    let mut pre = PreMap::default();
    loop {
        i = skip_ws(b, i);
        match b.get(i)? {
            b'}' => {
                i += 1;
                break;
            }
            b'"' => {}
            _ => return None,
        }
        // Key without escapes.
        let ks = i + 1;
        let ke = ks + b.get(ks..)?.iter().position(|&c| c == b'"' || c == b'\\')?;
        if b[ke] != b'"' {
            return None;
        }
        let key = std::str::from_utf8(&b[ks..ke]).ok()?;
        i = skip_ws(b, ke + 1);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let depth = match key {
            "identity_policies" => 1,
            "scps" | "rcps" => 2,
            "resource_policy"
            | "permission_boundary"
            | "permissions_boundary"
            | "session_policy" => 0,
            _ => usize::MAX,
        };
        let raw: &'a str = if depth == usize::MAX || b.get(i) == Some(&b'n') {
            let v = raw_value(b.get(i..)?)?;
            i += v.len();
            v
        } else {
            let mut levels: Vec<Vec<PreElem<'a>>> = Vec::new();
            i = read_docs(b, i, depth, cache, &mut levels)?;
            pre.insert(key, levels);
            "" // Policy fields are read from `pre`.
        };
        if fields.insert(key, raw).is_some() {
            return None; // Duplicate key: let the full parser decide.
        }
        i = skip_ws(b, i);
        match b.get(i)? {
            b',' => i += 1,
            b'}' => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    Some(((fields, pre), i))
}

/// Read policy documents nested `depth` lists deep starting at `i`; returns the end position.
fn read_docs<'a>(
    b: &'a [u8],
    mut i: usize,
    depth: usize,
    cache: &mut PolicyCache,
    levels: &mut Vec<Vec<PreElem<'a>>>,
) -> Option<usize> {
    if depth == 0 {
        let rest = b.get(i..)?;
        let (len, text, hit) = match cache.match_prefix(rest) {
            Prefix::Hit(len, p) => (len, "", Some(p)),
            Prefix::Truncated => return None,
            Prefix::Miss => {
                let v = raw_value(rest)?;
                (v.len(), v, None)
            }
        };
        let elem = PreElem { text, hit };
        match levels.last_mut() {
            Some(l) => l.push(elem),
            None => levels.push(vec![elem]),
        }
        return Some(i + len);
    }
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    if depth == 1 {
        levels.push(Vec::new());
    }
    let mut first = true;
    loop {
        i = skip_ws(b, i);
        if b.get(i) == Some(&b']') {
            return Some(i + 1);
        }
        if !first {
            if b.get(i) != Some(&b',') {
                return None;
            }
            i = skip_ws(b, i + 1);
        }
        first = false;
        if depth == 2 {
            levels.push(Vec::new());
            i = read_docs(b, i, 1, cache, levels)?;
            // The level was pushed by the nested call; drop the extra empty one.
            let nested = levels.pop()?;
            if let Some(last) = levels.last_mut() {
                *last = nested;
            }
        } else {
            i = read_docs(b, i, 0, cache, levels)?;
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The JSON value at the start of `b` (which starts with the value), checked for UTF-8.
fn raw_value(b: &[u8]) -> Option<&str> {
    let mut de = serde_json::Deserializer::from_slice(b);
    let v: &RawValue = serde::Deserialize::deserialize(&mut de).ok()?;
    Some(v.get())
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
    simulate_one_inner(text, line, cache, out, warn).map(|_| ())
}

/// [`simulate_one`]; `Ok(true)` when the result is an error result (it names the line).
fn simulate_one_inner(
    text: &str,
    line: usize,
    cache: &mut PolicyCache,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> io::Result<bool> {
    match SimRequest::parse(text, cache).and_then(|s| s.evaluate().map(|e| (s, e))) {
        Ok((sim, ev)) => {
            write_result(&sim, &ev, line, out, warn)?;
            Ok(false)
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
            out.write_all(b"\n")?;
            Ok(true)
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

/// Streaming form of [`simulate_lines`] (stdin, pipes): JSON Lines are parsed in place in a
/// read buffer, without copying the whole input. Input that is one request spread over several
/// lines is detected and handled as [`simulate_lines`] does.
pub fn simulate_reader(
    mut input: impl io::BufRead,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> io::Result<()> {
    // Leading blank lines, then the first line: a pretty-printed single request does not hold
    // a whole JSON value on its first line.
    let mut head: Vec<u8> = Vec::new();
    loop {
        let before = head.len();
        if input.read_until(b'\n', &mut head)? == 0 {
            break;
        }
        if !head[before..].trim_ascii().is_empty() {
            let first = head[before..].trim_ascii();
            let mut de = serde_json::Deserializer::from_slice(first);
            let whole: Result<&RawValue, _> = serde::Deserialize::deserialize(&mut de);
            if whole.is_err_and(|e| e.is_eof()) {
                let mut rest = Vec::new();
                input.read_to_end(&mut rest)?;
                head.extend_from_slice(&rest);
                return simulate_lines(&String::from_utf8_lossy(&head), out, warn);
            }
            break;
        }
    }
    let part = run_part(io::Read::chain(head.as_slice(), input), false)?;
    warn.write_all(&part.warn)?;
    out.write_all(&part.out)
}

/// What a worker produced for one part of a file.
struct Part {
    out: Vec<u8>,
    warn: Vec<u8>,
    lines: usize,
    /// Lines of the part whose result names a line number (errors, warnings): (position in
    /// `out`, local line number, text or `None` when not UTF-8). Re-run once the part's first
    /// line number is known.
    redo: Vec<(usize, usize, Option<String>)>,
}

/// Answer the JSON Lines read from `input`. With `relative`, results that name a line are
/// left for [`Part::redo`].
///
/// Requests are parsed in place in a large buffer: the fast reader finds where each request
/// object ends, so the newline search never scans the (large, already compared) policies.
fn run_part(mut input: impl io::Read, relative: bool) -> io::Result<Part> {
    let mut cache = PolicyCache::new();
    let mut part = Part {
        out: Vec::with_capacity(1 << 16),
        warn: Vec::new(),
        lines: 0,
        redo: Vec::new(),
    };
    let mut scratch_warn: Vec<u8> = Vec::new();
    let mut buf: Vec<u8> = vec![0; 1 << 20];
    let (mut start, mut end, mut eof) = (0usize, 0usize, false);
    // Newlines consumed so far: the current line is `newlines + 1`.
    let mut newlines = 0usize;
    // Move unread bytes to the front, grow when full, read more.
    let mut fill = |buf: &mut Vec<u8>, start: &mut usize, end: &mut usize, eof: &mut bool| {
        if *start > 0 {
            buf.copy_within(*start..*end, 0);
            *end -= *start;
            *start = 0;
        }
        if *end == buf.len() {
            let n = buf.len() * 2;
            buf.resize(n, 0);
        }
        loop {
            match input.read(&mut buf[*end..]) {
                Ok(0) => {
                    *eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    *end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    };
    loop {
        while start < end && matches!(buf[start], b' ' | b'\t' | b'\r' | b'\n') {
            if buf[start] == b'\n' {
                newlines += 1;
            }
            start += 1;
        }
        if start == end {
            if eof {
                break;
            }
            fill(&mut buf, &mut start, &mut end, &mut eof)?;
            continue;
        }
        let line = newlines + 1;
        if let Some((sim, obj_end)) = SimRequest::parse_fast(&buf[start..end], &mut cache) {
            let mut j = start + obj_end;
            while j < end && matches!(buf[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j == end && !eof {
                fill(&mut buf, &mut start, &mut end, &mut eof)?;
                continue;
            }
            if (j == end || buf[j] == b'\n')
                && let Ok(ev) = sim.evaluate()
            {
                if relative && !sim.unknown_fields.is_empty() {
                    let text = String::from_utf8_lossy(&buf[start..j]).trim().to_string();
                    part.redo.push((part.out.len(), line, Some(text)));
                } else {
                    write_result(&sim, &ev, line, &mut part.out, &mut part.warn)?;
                }
                start = j;
                continue;
            }
        }
        // The full parser on the whole line (errors, unusual requests).
        let Some(p) = buf[start..end].iter().position(|&c| c == b'\n') else {
            if !eof {
                fill(&mut buf, &mut start, &mut end, &mut eof)?;
                continue;
            }
            slow_line(
                &buf[start..end],
                line,
                relative,
                &mut cache,
                &mut part,
                &mut scratch_warn,
            )?;
            start = end;
            continue;
        };
        slow_line(
            &buf[start..start + p],
            line,
            relative,
            &mut cache,
            &mut part,
            &mut scratch_warn,
        )?;
        start += p;
    }
    part.lines = newlines;
    Ok(part)
}

/// One line through the full parser, for [`run_part`].
fn slow_line(
    raw: &[u8],
    line: usize,
    relative: bool,
    cache: &mut PolicyCache,
    part: &mut Part,
    scratch_warn: &mut Vec<u8>,
) -> io::Result<()> {
    let Ok(text) = std::str::from_utf8(raw) else {
        if relative {
            part.redo.push((part.out.len(), line, None));
        } else {
            let r = ErrorLine {
                id: &None,
                line,
                error: format!("line {line}: not UTF-8 text"),
            };
            serde_json::to_writer(&mut part.out, &r).map_err(io::Error::other)?;
            part.out.push(b'\n');
        }
        return Ok(());
    };
    let text = text.trim();
    if !relative {
        return simulate_one(text, line, cache, &mut part.out, &mut part.warn);
    }
    let mark = part.out.len();
    scratch_warn.clear();
    let errored = simulate_one_inner(text, line, cache, &mut part.out, scratch_warn)?;
    if errored || !scratch_warn.is_empty() {
        part.out.truncate(mark);
        part.redo.push((mark, line, Some(text.to_string())));
    }
    Ok(())
}

/// A result line (and unknown-field warnings) for an evaluated request.
fn write_result(
    sim: &SimRequest,
    ev: &Evaluation,
    line: usize,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> io::Result<()> {
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

/// `rampart iam simulate --request FILE` for a file on disk: like [`simulate_reader`], but a
/// large JSON Lines file is split in two at a line boundary and both halves are answered in
/// parallel, each streamed from the file (results still come out in input order). A single
/// request spread over several lines is handled as [`simulate_lines`] does.
pub fn simulate_path(
    path: &std::path::Path,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> io::Result<()> {
    use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A pretty-printed single request: the first non-blank line is not a whole JSON value.
    {
        let mut r = BufReader::new(&mut f);
        let mut first = Vec::new();
        while first.trim_ascii().is_empty() {
            first.clear();
            if r.read_until(b'\n', &mut first)? == 0 {
                break;
            }
        }
        let mut de = serde_json::Deserializer::from_slice(first.trim_ascii());
        let whole: Result<&RawValue, _> = serde::Deserialize::deserialize(&mut de);
        if whole.is_err_and(|e| e.is_eof()) {
            f.seek(SeekFrom::Start(0))?;
            return simulate_reader(BufReader::new(f), out, warn);
        }
    }
    f.seek(SeekFrom::Start(0))?;
    if threads < 2 || len < (4 << 20) {
        let part = run_part(f, false)?;
        warn.write_all(&part.warn)?;
        return out.write_all(&part.out);
    }
    // Cut after the first newline at or past the middle.
    f.seek(SeekFrom::Start(len / 2))?;
    let mut skip = Vec::new();
    BufReader::new(&mut f).read_until(b'\n', &mut skip)?;
    let cut = len / 2 + skip.len() as u64;
    let (pa, pb) = std::thread::scope(|s| {
        let hb = s.spawn(|| -> io::Result<Part> {
            let mut fb = std::fs::File::open(path)?;
            fb.seek(SeekFrom::Start(cut))?;
            run_part(fb, true)
        });
        let pa = (|| -> io::Result<Part> {
            let mut fa = std::fs::File::open(path)?;
            fa.seek(SeekFrom::Start(0))?;
            run_part(fa.take(cut), false)
        })();
        (pa, hb.join())
    });
    let pa = pa?;
    let pb = pb.map_err(|_| io::Error::other("simulation worker failed"))??;
    merge(pa, pb, out, warn)
}

/// [`simulate_path`] on bytes already in memory (`parallel_from`: split inputs this large).
#[cfg(test)]
fn simulate_bytes_with(
    bytes: &[u8],
    out: &mut dyn Write,
    warn: &mut dyn Write,
    parallel_from: usize,
) -> io::Result<()> {
    if bytes.len() < parallel_from {
        return simulate_reader(bytes, out, warn);
    }
    let mid = bytes.len() / 2;
    let cut = match bytes[mid..].iter().position(|&c| c == b'\n') {
        Some(p) => mid + p + 1,
        None => bytes.len(),
    };
    let (a, b) = bytes.split_at(cut);
    let (pa, pb) = std::thread::scope(|s| {
        let hb = s.spawn(|| run_part(b, true));
        (run_part(a, false), hb.join())
    });
    let pa = pa?;
    let pb = pb.map_err(|_| io::Error::other("simulation worker failed"))??;
    merge(pa, pb, out, warn)
}

/// Write the first part, then the second with the lines that name a line number re-run.
fn merge(pa: Part, pb: Part, out: &mut dyn Write, warn: &mut dyn Write) -> io::Result<()> {
    warn.write_all(&pa.warn)?;
    out.write_all(&pa.out)?;
    let mut cache = PolicyCache::new();
    let mut at = 0;
    for (pos, local, text) in &pb.redo {
        out.write_all(&pb.out[at..*pos])?;
        at = *pos;
        let line = pa.lines + local;
        match text {
            Some(t) => simulate_one(t, line, &mut cache, out, warn)?,
            None => {
                let r = ErrorLine {
                    id: &None,
                    line,
                    error: format!("line {line}: not UTF-8 text"),
                };
                serde_json::to_writer(&mut *out, &r).map_err(io::Error::other)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.write_all(&pb.out[at..])
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
    fn split_file_keeps_order_and_line_numbers() {
        let good = r#"{"id":"g","principal":"arn:aws:iam::111111111111:user/a","action":"s3:GetObject","identity_policies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}]}"#;
        let odd = r#"{"id":"w","principal":null,"action":"s3:GetObject","x":1}"#;
        let mut input = String::new();
        for i in 0..40 {
            match i {
                7 | 33 => input.push_str("garbage"),
                30 => input.push_str(odd),
                _ => input.push_str(good),
            }
            input.push('\n');
        }
        let mut serial = (Vec::new(), Vec::new());
        simulate_bytes_with(input.as_bytes(), &mut serial.0, &mut serial.1, usize::MAX).unwrap();
        let mut parallel = (Vec::new(), Vec::new());
        simulate_bytes_with(input.as_bytes(), &mut parallel.0, &mut parallel.1, 0).unwrap();
        assert_eq!(
            String::from_utf8(serial.0.clone()).unwrap(),
            String::from_utf8(parallel.0).unwrap()
        );
        assert_eq!(
            String::from_utf8(serial.1).unwrap(),
            String::from_utf8(parallel.1).unwrap()
        );
        let text = String::from_utf8(serial.0).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 40);
        assert!(lines[7].contains("\"line\":8"), "{}", lines[7]);
        assert!(lines[33].contains("\"line\":34"), "{}", lines[33]);
        let mut streamed = Vec::new();
        simulate_reader(input.as_bytes(), &mut streamed, &mut Vec::new()).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), text);
        let whole = run_part(input.as_bytes(), false).unwrap();
        assert_eq!(String::from_utf8(whole.out).unwrap(), text);
        assert_eq!(whole.lines, 40);
    }

    fn warning_codes(line: &Value) -> Vec<&str> {
        line["warnings"]
            .as_array()
            .map(|w| w.iter().filter_map(|x| x["code"].as_str()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn request_warnings_no_principal_and_context_keys() {
        let bucket = r#""resource_policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
        let input = format!(
            "{{\"id\":1,\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",{bucket}}}\n\
             {{\"id\":2,\"principal\":null,\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",{bucket}}}\n\
             {{\"id\":3,\"principal\":\"arn:aws:iam::111111111111:user/a\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\
               \"context\":{{\"aws:SourceIp\":\"203.0.113.7\",\"s3:max-keys\":\"10\",\"aws:NoSuchKey\":\"x\",\"s3:nosuchkey\":\"y\",\"aws:RequestTag/team\":\"a\",\"ec2:SourceInstanceARN\":\"arn:aws:ec2:us-east-1:111111111111:instance/i-1\"}},{bucket}}}\n"
        );
        let (lines, _) = run(&input);
        assert_eq!(lines.len(), 3);
        // No principal, or null: anonymous, said so.
        assert_eq!(lines[0]["decision"], "Allow");
        assert!(warning_codes(&lines[0]).contains(&"anonymous-principal"));
        assert!(warning_codes(&lines[1]).contains(&"anonymous-principal"));
        // Context keys: s3:max-keys exists but not for GetObject (ListBucket has it);
        // aws:RequestTag/team is not set by GetObject; two keys do not exist at all.
        let w = lines[2]["warnings"].as_array().unwrap();
        let msgs: Vec<(&str, &str)> = w
            .iter()
            .map(|x| (x["code"].as_str().unwrap(), x["message"].as_str().unwrap()))
            .collect();
        let has = |code: &str, key: &str| msgs.iter().any(|(c, m)| *c == code && m.contains(key));
        assert!(has("context-key-not-supported", "s3:max-keys"), "{msgs:?}");
        assert!(
            has("context-key-not-supported", "aws:RequestTag/team"),
            "{msgs:?}"
        );
        assert!(has("context-key-unknown", "aws:NoSuchKey"), "{msgs:?}");
        assert!(has("context-key-unknown", "s3:nosuchkey"), "{msgs:?}");
        assert!(
            !msgs.iter().any(|(_, m)| m.contains("aws:SourceIp")),
            "{msgs:?}"
        );
        assert!(
            !msgs
                .iter()
                .any(|(_, m)| m.contains("ec2:SourceInstanceARN")),
            "{msgs:?}"
        );
        assert!(!warning_codes(&lines[2]).contains(&"anonymous-principal"));
    }

    #[test]
    fn open_questions_carry_a_warning() {
        // iam-semantics §2: a same-account grant to `*` for a role session whose boundary does
        // not allow: capped or not is undocumented. The answer says so.
        let star = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
        let boundary = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}"#;
        let input = format!(
            "{{\"principal\":\"arn:aws:sts::111111111111:assumed-role/app/s1\",\"action\":\"s3:GetObject\",\
              \"resource\":\"arn:aws:s3:::b/k\",\"resource_account\":\"111111111111\",\
              \"resource_policy\":{star},\"permission_boundary\":{boundary}}}\n\
             {{\"principal\":\"arn:aws:sts::111111111111:federated-user/bob\",\"action\":\"s3:GetObject\",\
              \"resource\":\"arn:aws:s3:::b/k\",\"resource_account\":\"111111111111\",\
              \"resource_policy\":{{\"Version\":\"2012-10-17\",\"Statement\":{{\"Effect\":\"Allow\",\
                \"Principal\":{{\"AWS\":\"arn:aws:iam::111111111111:user/bob\"}},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}}}}}\n"
        );
        let (lines, _) = run(&input);
        assert_eq!(lines[0]["decision"], "ImplicitDeny");
        assert!(
            warning_codes(&lines[0]).contains(&"unclear-wildcard-principal-caps"),
            "{}",
            lines[0]
        );
        assert_eq!(lines[1]["decision"], "ImplicitDeny");
        assert!(
            warning_codes(&lines[1]).contains(&"unclear-federated-user-parent"),
            "{}",
            lines[1]
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

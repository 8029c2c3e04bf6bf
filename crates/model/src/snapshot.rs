//! Snapshot files (CONTRACT §1): the envelope, the calls, and the dispatch of each call to the
//! service module that understands it.
//!
//! Loading is three steps: decode (gzip by magic bytes, size cap, UTF-8), split the envelope
//! into raw calls without parsing responses, then parse every call's response into typed data in
//! parallel and apply the results to the inventory in file order. Errors carry the file, the
//! line and column, the call (`calls[3] (iam GetAccountSummary)`) and the JSON path.

use crate::error::{LoadError, Place, Warning};
use crate::inventory::{self, Apply, Inventory};
use crate::observed::{Gap, GapKind, Observed};
use crate::time::Timestamp;
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;

/// The snapshot format version this build reads and writes.
pub const SNAPSHOT_VERSION: u64 = 1;

/// Limits applied while loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Largest decompressed snapshot accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: 2 << 30 }
    }
}

/// A loaded snapshot: the inventory and whatever was odd about the input.
#[derive(Debug)]
pub struct Loaded {
    pub inventory: Inventory,
    pub warnings: Vec<Warning>,
}

/// Loads a snapshot from its bytes (plain or gzip JSON). `file` names it in messages.
pub fn load_snapshot(file: &str, bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let data = decode(file, bytes, opts)?;
    let text = std::str::from_utf8(&data).map_err(|e| {
        let (line, column) = line_col(&data, e.valid_up_to());
        LoadError {
            file: file.to_string(),
            place: Place {
                line: Some(line),
                column: Some(column),
                ..Place::default()
            },
            message: "file is not UTF-8 text".into(),
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::file(file, "file is empty"));
    }
    parse_text(file, text)
}

/// Decompresses gzip input (recognised by its magic bytes) under the size cap.
fn decode<'a>(file: &str, bytes: &'a [u8], opts: &LoadOptions) -> Result<Cow<'a, [u8]>, LoadError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_big(file, opts.max_bytes));
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len().saturating_mul(8).min(1 << 30));
        let mut dec = flate2::read::MultiGzDecoder::new(bytes).take(opts.max_bytes + 1);
        dec.read_to_end(&mut out)
            .map_err(|e| LoadError::file(file, format!("not a valid gzip stream: {e}")))?;
        if out.len() as u64 > opts.max_bytes {
            return Err(too_big(file, opts.max_bytes));
        }
        return Ok(Cow::Owned(out));
    }
    if file.ends_with(".gz") {
        return Err(LoadError::file(
            file,
            "the name ends in `.gz` but the content is not gzip",
        ));
    }
    Ok(Cow::Borrowed(bytes))
}

fn too_big(file: &str, max: u64) -> LoadError {
    LoadError::file(
        file,
        format!(
            "snapshot is larger than the limit of {} MiB (raise it with --max-snapshot-mb)",
            max >> 20
        ),
    )
}

/// 1-based line and column of byte `offset` in `text`.
fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// Turns a serde_json error inside `raw` (a slice of `base`) into a place in the whole file.
fn place_in(base: &str, raw: &str, e: &serde_json::Error) -> Place {
    let offset = (raw.as_ptr() as usize).saturating_sub(base.as_ptr() as usize);
    let (l0, c0) = line_col(base.as_bytes(), offset);
    let (line, column) = match (e.line(), e.column()) {
        (0, _) => (l0, c0),
        (1, c) => (l0, c0 + c.saturating_sub(1)),
        (l, c) => (l0 + l - 1, c),
    };
    Place {
        line: Some(line),
        column: Some(column),
        ..Place::default()
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn parse_text(file: &str, text: &str) -> Result<Loaded, LoadError> {
    // One sequential pass splits the envelope and every call into raw members; responses are
    // parsed later, in parallel.
    let env: Envelope<'_> = serde_json::from_str(text).map_err(|e| LoadError {
        file: file.to_string(),
        place: place_in(text, text, &e),
        message: if e.is_data() && e.to_string().starts_with("invalid type") {
            "a snapshot must be a JSON object".into()
        } else {
            strip_position(&e)
        },
    })?;
    let top: BTreeMap<String, &RawValue> = env.members.into_iter().collect();
    let mut warnings = Vec::new();
    let field = |name: &str| top.get(name).copied();
    let field_err = |name: &str, raw: &RawValue, e: serde_json::Error| LoadError {
        file: file.to_string(),
        place: Place {
            path: Some(name.to_string()),
            ..place_in(text, raw.get(), &e)
        },
        message: strip_position(&e),
    };
    fn get<'a, T: Deserialize<'a>>(raw: &'a RawValue) -> Result<T, serde_json::Error> {
        serde_json::from_str(raw.get())
    }

    let version: u64 = match field("rampart_snapshot") {
        None => {
            return Err(LoadError::file(
                file,
                "not a Rampart snapshot: the top-level `rampart_snapshot` field is missing",
            ));
        }
        Some(raw) => get(raw).map_err(|e| field_err("rampart_snapshot", raw, e))?,
    };
    if version != SNAPSHOT_VERSION {
        return Err(LoadError::file(
            file,
            format!(
                "snapshot format version {version} is not supported (this build reads version {SNAPSHOT_VERSION})"
            ),
        ));
    }
    let account_id: String = match field("account_id") {
        None => {
            return Err(LoadError::file(
                file,
                "the top-level `account_id` field is missing",
            ));
        }
        Some(raw) => get(raw).map_err(|e| field_err("account_id", raw, e))?,
    };
    if account_id.len() != 12 || !account_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LoadError::file(
            file,
            format!("`account_id` must be a 12-digit AWS account ID, found `{account_id}`"),
        ));
    }
    let partition: String = match field("partition") {
        None => "aws".into(),
        Some(raw) => get(raw).map_err(|e| field_err("partition", raw, e))?,
    };
    let collected_at: Option<Timestamp> = match field("collected_at") {
        None => None,
        Some(raw) => get(raw).map_err(|e| field_err("collected_at", raw, e))?,
    };
    let regions: Vec<String> = match field("regions") {
        None => Vec::new(),
        Some(raw) => get(raw).map_err(|e| field_err("regions", raw, e))?,
    };
    let Some(calls) = env.calls else {
        return Err(LoadError::file(
            file,
            "the top-level `calls` field is missing",
        ));
    };
    for key in top.keys() {
        if !matches!(
            key.as_str(),
            "rampart_snapshot" | "account_id" | "partition" | "collected_at" | "regions"
        ) {
            warnings.push(Warning {
                file: file.to_string(),
                place: Place {
                    path: Some(key.clone()),
                    ..Place::default()
                },
                message: format!("unknown top-level field `{key}` ignored"),
            });
        }
    }

    let parsed: Vec<Result<Parsed<'_>, LoadError>> = calls
        .par_iter()
        .enumerate()
        .map(|(i, raw)| parse_call(file, text, i, raw))
        .collect();
    drop(calls);

    let mut inv = Inventory::new(&account_id, &partition, collected_at, regions);
    let mut unknown_ops: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for p in parsed {
        let p = p?;
        warnings.extend(p.warnings);
        match p.apply {
            Some(apply) => {
                if let Some(r) = &p.region {
                    inv.note_region(r);
                }
                apply(&mut inv);
            }
            None => {
                let e = unknown_ops
                    .entry((p.service.into_owned(), p.operation.into_owned()))
                    .or_insert((p.index, 0));
                e.1 += 1;
            }
        }
    }
    for ((service, operation), (first, count)) in unknown_ops {
        warnings.push(Warning {
            file: file.to_string(),
            place: Place {
                call: Some(format!("calls[{first}]")),
                ..Place::default()
            },
            message: format!(
                "operation `{service} {operation}` is not used by Rampart; {count} call(s) ignored"
            ),
        });
    }
    for note in inv.finalize() {
        warnings.push(Warning {
            file: file.to_string(),
            place: Place::default(),
            message: note,
        });
    }
    Ok(Loaded {
        inventory: inv,
        warnings,
    })
}

/// One call, parsed: what it does to the inventory (None: unknown operation) and warnings.
/// Names are borrowed from the input.
struct Parsed<'a> {
    index: usize,
    service: Cow<'a, str>,
    operation: Cow<'a, str>,
    region: Option<Cow<'a, str>>,
    apply: Option<Apply>,
    warnings: Vec<Warning>,
}

/// An error entry of a call that failed (CONTRACT §1 `error`).
#[derive(Debug, Clone, Deserialize)]
pub struct ApiError {
    pub code: String,
    #[serde(default)]
    pub message: Option<String>,
}

/// How an error entry is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The thing is not configured (`NoSuchBucketPolicy`): absent, a known fact.
    NotConfigured,
    /// The caller could not read it: unknown.
    AccessDenied,
    /// Anything else: unknown.
    Failed,
}

impl ApiError {
    /// Classifies the code. Not-configured codes are the documented "there is none" answers.
    pub fn class(&self) -> ErrorClass {
        match self.code.as_str() {
            "NoSuchBucketPolicy"
            | "ServerSideEncryptionConfigurationNotFoundError"
            | "NoSuchPublicAccessBlockConfiguration"
            | "NoSuchEntity"
            | "NoSuchTagSet"
            | "NoSuchLifecycleConfiguration"
            | "ReplicationConfigurationNotFoundError"
            | "NoSuchWebsiteConfiguration"
            | "OwnershipControlsNotFoundError"
            | "NoSuchCORSConfiguration"
            | "ObjectLockConfigurationNotFoundError"
            | "NoSuchConfigurationRecorderException"
            | "TrailNotFoundException"
            | "ResourceNotFoundException"
            | "NotFoundException"
            // EFS DescribeBackupPolicy / DescribeFileSystemPolicy: no policy was ever set.
            | "PolicyNotFound"
            | "ReportNotPresent"
            | "LifecyclePolicyNotFoundException"
            // organizations DescribeOrganization: the account is in no organization.
            | "AWSOrganizationsNotInUseException" => ErrorClass::NotConfigured,
            "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "UnauthorizedAccess"
            | "UnauthorizedException"
            | "AuthorizationError"
            | "AuthorizationErrorException"
            | "AuthFailure"
            | "InvalidClientTokenId"
            | "ExpiredToken"
            | "ExpiredTokenException"
            | "UnrecognizedClientException"
            | "InvalidAccessKeyId"
            | "SignatureDoesNotMatch"
            | "AllAccessDisabled"
            | "OptInRequired" => ErrorClass::AccessDenied,
            _ => ErrorClass::Failed,
        }
    }
}

/// What a call holds: a response or an error.
pub(crate) enum Body<'a> {
    Response(&'a RawValue),
    Error(ApiError),
}

/// Everything a service module needs to turn one call into typed data.
pub(crate) struct CallCx<'a> {
    pub index: usize,
    pub service: &'a str,
    pub operation: &'a str,
    pub region: Option<&'a str>,
    /// The call's `params` object as raw JSON (`None`: no params); read with [`CallCx::param`].
    params: Option<&'a RawValue>,
    file: &'a str,
    text: &'a str,
}

impl<'a> CallCx<'a> {
    fn label(&self) -> String {
        format!(
            "calls[{}] ({} {})",
            self.index, self.service, self.operation
        )
    }

    /// An error about this call.
    pub fn error(&self, path: Option<&str>, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.file.to_string(),
            place: Place {
                call: Some(self.label()),
                path: path.map(str::to_string),
                ..Place::default()
            },
            message: message.into(),
        }
    }

    /// Parses the response into `T`, naming the JSON path of any mismatch. The fast path parses
    /// directly; only a failed parse is repeated with path tracking to locate the problem.
    pub fn response<T: DeserializeOwned>(&self, raw: &RawValue) -> Result<T, LoadError> {
        self.parse_at(raw, "response")
    }

    /// Parses the elements of a large list in parallel (`prefix` is the list's path, such as
    /// `response.RoleDetailList`), keeping their order.
    pub fn elements<T: DeserializeOwned + Send>(
        &self,
        items: &[&RawValue],
        prefix: &str,
    ) -> Result<Vec<T>, LoadError> {
        items
            .par_iter()
            .enumerate()
            .map(|(i, raw)| self.parse_at(raw, &format!("{prefix}[{i}]")))
            .collect()
    }

    fn parse_at<T: DeserializeOwned>(&self, raw: &RawValue, prefix: &str) -> Result<T, LoadError> {
        if let Ok(v) = serde_json::from_str::<T>(raw.get()) {
            return Ok(v);
        }
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let err = match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let path = err.path().to_string();
        let inner = err.into_inner();
        let mut place = place_in(self.text, raw.get(), &inner);
        place.call = Some(self.label());
        place.path = Some(if path == "." {
            prefix.to_string()
        } else {
            format!("{prefix}.{path}")
        });
        Err(LoadError {
            file: self.file.to_string(),
            place,
            message: strip_position(&inner),
        })
    }

    /// A required string parameter (`params.Bucket`).
    pub fn param(&self, name: &str) -> Result<String, LoadError> {
        self.param_opt(name)?.ok_or_else(|| {
            self.error(
                Some("params"),
                format!("`params.{name}` is required to know what the call was about"),
            )
        })
    }

    /// An optional string parameter: `None` when the call has no such parameter (or it is
    /// `null`), an error when it is not a string.
    pub fn param_opt(&self, name: &str) -> Result<Option<String>, LoadError> {
        let Some(raw) = self.param_raw(name) else {
            return Ok(None);
        };
        serde_json::from_str::<Option<String>>(raw.get())
            .map_err(|_| self.error(Some(&format!("params.{name}")), "must be a string"))
    }

    /// A parameter as raw JSON, for parameters that are not strings (`Filters`, `MaxResults`).
    /// The last of duplicate keys wins, as when parsing into a map.
    pub fn param_raw(&self, name: &str) -> Option<&'a RawValue> {
        let params = self.params?;
        let members: ObjectMembers<'a> = serde_json::from_str(params.get()).ok()?;
        members
            .0
            .into_iter()
            .rev()
            .find(|(k, _)| k.0 == name)
            .map(|(_, v)| v)
    }

    /// The region of a regional call; an error when the call has none.
    pub fn region(&self) -> Result<String, LoadError> {
        self.region
            .map(str::to_string)
            .ok_or_else(|| self.error(Some("region"), "a regional call needs its `region`"))
    }

    /// The gap an error entry leaves.
    pub fn gap(&self, err: &ApiError) -> Gap {
        Gap {
            kind: match err.class() {
                ErrorClass::AccessDenied => GapKind::AccessDenied,
                _ => GapKind::CallFailed,
            },
            service: self.service.to_string(),
            operation: self.operation.to_string(),
            region: self.region.map(str::to_string),
            subject: None,
            code: Some(err.code.clone()),
            message: err.message.clone(),
        }
    }

    /// Reads data that must exist: any error entry is a gap.
    pub fn observe<R: DeserializeOwned, T>(
        &self,
        body: Body<'_>,
        f: impl FnOnce(R) -> T,
    ) -> Result<Observed<T>, LoadError> {
        match body {
            Body::Response(raw) => Ok(Ok(f(self.response::<R>(raw)?))),
            Body::Error(e) => Ok(Err(self.gap(&e))),
        }
    }

    /// Reads optional configuration: a not-configured error means `Ok(None)`.
    pub fn observe_optional<R: DeserializeOwned, T>(
        &self,
        body: Body<'_>,
        f: impl FnOnce(R) -> Option<T>,
    ) -> Result<Observed<Option<T>>, LoadError> {
        match body {
            Body::Response(raw) => Ok(Ok(f(self.response::<R>(raw)?))),
            Body::Error(e) if e.class() == ErrorClass::NotConfigured => Ok(Ok(None)),
            Body::Error(e) => Ok(Err(self.gap(&e))),
        }
    }
}

fn parse_call<'a>(
    file: &str,
    text: &str,
    index: usize,
    raw: &'a RawValue,
) -> Result<Parsed<'a>, LoadError> {
    let here = |path: Option<&str>, message: String| LoadError {
        file: file.to_string(),
        place: Place {
            call: Some(format!("calls[{index}]")),
            path: path.map(str::to_string),
            ..place_in(
                text,
                raw.get(),
                &serde_json::Error::io(std::io::Error::other("")),
            )
        },
        message,
    };
    let obj: CallFields<'a> = serde_json::from_str(raw.get()).map_err(|e| LoadError {
        file: file.to_string(),
        place: Place {
            call: Some(format!("calls[{index}]")),
            ..place_in(text, raw.get(), &e)
        },
        message: if e.is_data() && e.to_string().starts_with("invalid type") {
            "a call must be a JSON object".into()
        } else {
            strip_position(&e)
        },
    })?;
    let text_field =
        |name: &str, v: Option<&'a RawValue>| -> Result<Option<Cow<'a, str>>, LoadError> {
            match v {
                None => Ok(None),
                Some(r) => match serde_json::from_str::<Option<Key<'a>>>(r.get()) {
                    Ok(v) => Ok(v.map(|k| k.0)),
                    Err(_) => Err(here(Some(name), format!("`{name}` must be a string"))),
                },
            }
        };
    let service = text_field("service", obj.service)?
        .ok_or_else(|| here(Some("service"), "`service` is missing".into()))?;
    let operation = text_field("operation", obj.operation)?
        .ok_or_else(|| here(Some("operation"), "`operation` is missing".into()))?;
    let region = text_field("region", obj.region)?;
    let params = match obj.params {
        None => None,
        Some(r) if r.get() == "null" => None,
        Some(r) if r.get().starts_with('{') => Some(r),
        Some(_) => return Err(here(Some("params"), "`params` must be an object".into())),
    };
    let mut warnings = Vec::new();
    for key in &obj.unknown {
        warnings.push(Warning {
            file: file.to_string(),
            place: Place {
                call: Some(format!("calls[{index}] ({service} {operation})")),
                path: Some(key.to_string()),
                ..Place::default()
            },
            message: format!("unknown field `{key}` in a call ignored"),
        });
    }
    let body = match (obj.response, obj.error) {
        (Some(_), Some(_)) => {
            return Err(here(
                None,
                "a call has either `response` or `error`, not both".into(),
            ));
        }
        (Some(r), None) => {
            if r.get() == "null" {
                return Err(here(Some("response"), "`response` is null".into()));
            }
            Body::Response(r)
        }
        (None, Some(e)) => {
            Body::Error(serde_json::from_str::<ApiError>(e.get()).map_err(|_| {
                here(
                    Some("error"),
                    "`error` must be an object with a string `code`".into(),
                )
            })?)
        }
        (None, None) => {
            return Err(here(None, "a call needs a `response` or an `error`".into()));
        }
    };
    let cx = CallCx {
        index,
        service: &service,
        operation: &operation,
        region: region.as_deref(),
        params,
        file,
        text,
    };
    let apply = inventory::dispatch(&cx, body)?;
    Ok(Parsed {
        index,
        service,
        operation,
        region,
        apply,
        warnings,
    })
}

/// The snapshot envelope: its top-level members as raw JSON, and `calls` split into the members
/// of each call, all in one pass over the text.
struct Envelope<'a> {
    members: Vec<(String, &'a RawValue)>,
    calls: Option<Vec<&'a RawValue>>,
}

impl<'de> Deserialize<'de> for Envelope<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Envelope<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a snapshot object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut env = Envelope {
                    members: Vec::new(),
                    calls: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "calls" {
                        env.calls = Some(map.next_value::<Calls<'de>>()?.0);
                    } else {
                        env.members.push((key, map.next_value()?));
                    }
                }
                Ok(env)
            }
        }
        d.deserialize_map(V)
    }
}

/// The `calls` array, each call as raw JSON (split into members later, in parallel).
struct Calls<'a>(Vec<&'a RawValue>);

impl<'de> Deserialize<'de> for Calls<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Calls<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`calls`, an array of call objects")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                loop {
                    match seq.next_element::<&'de RawValue>() {
                        Ok(Some(c)) => out.push(c),
                        Ok(None) => return Ok(Calls(out)),
                        Err(e) => {
                            let msg = e.to_string();
                            let msg = msg
                                .split(" at line ")
                                .next()
                                .unwrap_or_default()
                                .to_string();
                            return Err(serde::de::Error::custom(format!(
                                "calls[{}]: {msg}",
                                out.len()
                            )));
                        }
                    }
                }
            }
        }
        d.deserialize_seq(V)
    }
}

/// An object's members as raw JSON, in order.
struct ObjectMembers<'a>(Vec<(Key<'a>, &'a RawValue)>);

impl<'de> Deserialize<'de> for ObjectMembers<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ObjectMembers<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    members.push((key, map.next_value()?));
                }
                Ok(ObjectMembers(members))
            }
        }
        d.deserialize_map(V)
    }
}

/// The members of one call, as raw JSON. Of duplicate keys the last wins; unknown keys are
/// kept for a warning.
#[derive(Default)]
struct CallFields<'a> {
    service: Option<&'a RawValue>,
    operation: Option<&'a RawValue>,
    region: Option<&'a RawValue>,
    params: Option<&'a RawValue>,
    response: Option<&'a RawValue>,
    error: Option<&'a RawValue>,
    unknown: Vec<Cow<'a, str>>,
}

impl<'de> Deserialize<'de> for CallFields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = CallFields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a call object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut c = CallFields::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let v: &'de RawValue = map.next_value()?;
                    let slot = match key.0.as_ref() {
                        "service" => &mut c.service,
                        "operation" => &mut c.operation,
                        "region" => &mut c.region,
                        "params" => &mut c.params,
                        "response" => &mut c.response,
                        "error" => &mut c.error,
                        _ => {
                            if !c.unknown.contains(&key.0) {
                                c.unknown.push(key.0);
                            }
                            continue;
                        }
                    };
                    *slot = Some(v);
                }
                Ok(c)
            }
        }
        d.deserialize_map(V)
    }
}

/// An object key, borrowed from the input unless it contains escapes (snapshots have ~6 keys a
/// call; borrowing saves a million small allocations on a large file).
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

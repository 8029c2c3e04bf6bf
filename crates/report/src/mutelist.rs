//! Mutelists: accepted exceptions, written down with a reason and an expiry.
//!
//! A mutelist is a YAML file given to `rampart scan --mutelist FILE`. Each entry names the
//! checks it applies to and narrows by resource, region and tags; a FAIL or UNKNOWN finding that
//! matches an entry becomes MUTED and carries the entry's reason, so the exception stays
//! visible in every output. PASS findings are never muted, so a stale exception shows up as
//! an entry that matches only passes. Expired entries warn and mute nothing.
//!
//! ```yaml
//! version: 1
//! mute:
//!   - check: "iam.user_*"                       # glob on check IDs (one or a list)
//!     resource: "arn:aws:iam::*:user/breakglass" # glob on the resource ARN or ID (optional)
//!     region: ["us-east-1", "eu-*"]             # glob on the region (optional)
//!     tags: ["env=sandbox"]                      # every KEY=VALUE must match (optional)
//!     expires: 2027-01-31                        # date or RFC 3339 time (optional)
//!     reason: "break-glass user, reviewed quarterly (SEC-123)"
//! ```
//!
//! Only `*` (any run of characters) and `?` (one character) are special in patterns, as in IAM.
//! Parsing is panic-free and every error names the file, line and column.

use rampart_checks::{Finding, Muted, Status};
use rampart_model::{Inventory, ResourceRef, Timestamp};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;

/// A parsed mutelist.
#[derive(Debug, Clone)]
pub struct Mutelist {
    /// The file name, for messages.
    pub file: String,
    pub entries: Vec<MuteEntry>,
    /// Problems that do not stop the scan (a pattern that matches no check).
    pub warnings: Vec<String>,
}

/// One exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MuteEntry {
    /// 1-based line of the entry in the file.
    pub line: u64,
    pub checks: Vec<String>,
    /// Empty: every resource.
    pub resources: Vec<String>,
    /// Empty: every region (and regionless resources).
    pub regions: Vec<String>,
    /// `(key, value pattern)`; all must match.
    pub tags: Vec<(String, String)>,
    /// The entry mutes until this time (inclusive); a date means the end of that day, UTC.
    pub expires: Option<Timestamp>,
    pub reason: String,
}

/// A mutelist that cannot be used: the file, the place and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutelistError {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for MutelistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for MutelistError {}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    version: Option<Spanned<u32>>,
    #[serde(default)]
    mute: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    check: Option<OneOrMany>,
    #[serde(default)]
    resource: Option<OneOrMany>,
    #[serde(default)]
    region: Option<OneOrMany>,
    #[serde(default)]
    tags: Option<OneOrMany>,
    #[serde(default)]
    expires: Option<Spanned<String>>,
    #[serde(default)]
    reason: Option<Spanned<String>>,
}

/// Files larger than this are refused (a mutelist is a short, hand-written file).
pub const MAX_BYTES: usize = 4 << 20;

/// Parses a mutelist. `file` names the file in messages.
pub fn parse(file: &str, text: &str) -> Result<Mutelist, MutelistError> {
    let err = |line: u64, column: u64, message: String| MutelistError {
        file: file.to_string(),
        line,
        column,
        message,
    };
    if text.len() > MAX_BYTES {
        return Err(err(
            0,
            0,
            format!("larger than {} MiB; not a mutelist", MAX_BYTES >> 20),
        ));
    }
    if text.trim().is_empty() {
        return Err(err(
            0,
            0,
            "empty file; expected `mute:` with a list of entries".into(),
        ));
    }
    let raw: RawFile = serde_saphyr::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        err(line, column, first_line(&e.without_snippet().to_string()))
    })?;
    if let Some(v) = &raw.version
        && v.value != 1
    {
        return Err(err(
            v.referenced.line(),
            v.referenced.column(),
            format!(
                "unsupported version `{}` (this rampart reads version 1)",
                v.value
            ),
        ));
    }
    let known: Vec<&str> = rampart_checks::registry()
        .iter()
        .map(|e| e.check.id)
        .collect();
    let mut entries = Vec::with_capacity(raw.mute.len());
    let mut warnings = Vec::new();
    for (i, s) in raw.mute.into_iter().enumerate() {
        let (line, column) = (s.referenced.line(), s.referenced.column());
        let n = i + 1;
        let e = s.value;
        let checks = e.check.map(OneOrMany::into_vec).unwrap_or_default();
        if checks.is_empty() || checks.iter().any(|c| c.trim().is_empty()) {
            return Err(err(
                line,
                column,
                format!("entry {n}: `check` is required (a check ID or glob such as `iam.*`)"),
            ));
        }
        for c in &checks {
            if !known.iter().any(|k| glob(c, k)) {
                warnings.push(format!(
                    "{file}:{line}: entry {n}: check pattern `{c}` matches no check"
                ));
            }
        }
        let reason = match e.reason {
            Some(r) if !r.value.trim().is_empty() => r.value.trim().to_string(),
            Some(r) => {
                return Err(err(
                    r.referenced.line(),
                    r.referenced.column(),
                    format!("entry {n}: `reason` is empty"),
                ));
            }
            None => {
                return Err(err(
                    line,
                    column,
                    format!("entry {n}: `reason` is required: say why this is accepted"),
                ));
            }
        };
        let mut tags = Vec::new();
        for t in e.tags.map(OneOrMany::into_vec).unwrap_or_default() {
            match t.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    tags.push((k.trim().to_string(), v.trim().to_string()))
                }
                _ => {
                    return Err(err(
                        line,
                        column,
                        format!("entry {n}: tag `{t}` is not KEY=VALUE"),
                    ));
                }
            }
        }
        let expires = match e.expires {
            None => None,
            Some(x) => Some(parse_expiry(&x.value).ok_or_else(|| {
                err(
                    x.referenced.line(),
                    x.referenced.column(),
                    format!(
                        "entry {n}: `expires: {}` is not a date (YYYY-MM-DD) or RFC 3339 time",
                        x.value
                    ),
                )
            })?),
        };
        entries.push(MuteEntry {
            line,
            checks,
            resources: e.resource.map(OneOrMany::into_vec).unwrap_or_default(),
            regions: e.region.map(OneOrMany::into_vec).unwrap_or_default(),
            tags,
            expires,
            reason,
        });
    }
    Ok(Mutelist {
        file: file.to_string(),
        entries,
        warnings,
    })
}

/// The parser's message without its own location suffix (the caller prints `file:line:col`).
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s).trim();
    match line.rfind(" at line ") {
        Some(i) if line[i..].contains(", column ") => line[..i].to_string(),
        _ => line.to_string(),
    }
}

/// `2027-01-31` means through the end of that day (UTC); an RFC 3339 time means that instant.
fn parse_expiry(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
        return Timestamp::parse(&format!("{s}T23:59:59Z"));
    }
    if s.contains('T') || s.contains(' ') {
        return Timestamp::parse(s);
    }
    None
}

/// IAM-style wildcard match: `*` any run (including empty), `?` one character.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Tags of the resources in an inventory, by resource ID and by ARN. Resources whose service
/// records no tags are absent (a tag rule never matches them).
#[derive(Debug, Default)]
pub struct TagIndex {
    map: HashMap<String, Vec<(String, String)>>,
}

impl TagIndex {
    /// Collects the tags the inventory holds.
    pub fn from_inventory(inv: &Inventory) -> TagIndex {
        let mut ix = TagIndex::default();
        let conv = |tags: &[rampart_model::inventory::Tag]| -> Vec<(String, String)> {
            tags.iter()
                .map(|t| (t.key.clone(), t.value.clone()))
                .collect()
        };
        if let Ok(users) = &inv.iam.users {
            for u in users {
                ix.insert(&[&u.arn, &u.user_name], conv(&u.tags));
            }
        }
        if let Ok(roles) = &inv.iam.roles {
            for r in roles {
                ix.insert(&[&r.arn, &r.role_name], conv(&r.tags));
            }
        }
        let e = &inv.ec2;
        macro_rules! regional {
            ($field:expr, $id:ident) => {
                for (_, v) in $field.iter() {
                    if let Ok(items) = v {
                        for x in items {
                            ix.insert(&[&x.$id], conv(&x.tags));
                        }
                    }
                }
            };
        }
        regional!(e.instances, instance_id);
        regional!(e.security_groups, group_id);
        regional!(e.network_acls, network_acl_id);
        regional!(e.route_tables, route_table_id);
        regional!(e.subnets, subnet_id);
        regional!(e.vpcs, vpc_id);
        regional!(e.internet_gateways, internet_gateway_id);
        regional!(e.volumes, volume_id);
        regional!(e.snapshots, snapshot_id);
        regional!(e.flow_logs, flow_log_id);
        for (_, v) in inv.rds.db_instances.iter() {
            if let Ok(items) = v {
                for d in items {
                    let tags = conv(&d.tags);
                    match &d.db_instance_arn {
                        Some(a) => ix.insert(&[a, &d.db_instance_identifier], tags),
                        None => ix.insert(&[&d.db_instance_identifier], tags),
                    }
                }
            }
        }
        ix
    }

    fn insert(&mut self, keys: &[&String], tags: Vec<(String, String)>) {
        if tags.is_empty() {
            return;
        }
        for k in keys {
            self.map.insert((*k).clone(), tags.clone());
        }
    }

    /// Adds tags for a resource key (ID or ARN); for callers with other tag sources and tests.
    pub fn add(&mut self, key: &str, tags: Vec<(String, String)>) {
        self.map.insert(key.to_string(), tags);
    }

    /// The tags of a finding's resource, if known.
    pub fn get(&self, r: &ResourceRef) -> Option<&[(String, String)]> {
        r.arn
            .as_deref()
            .and_then(|a| self.map.get(a))
            .or_else(|| self.map.get(&r.id))
            .map(Vec::as_slice)
    }
}

/// What applying a mutelist did.
#[derive(Debug, Default)]
pub struct Applied {
    pub muted: usize,
    /// Expired entries and other notes, for standard error.
    pub warnings: Vec<String>,
}

impl MuteEntry {
    /// Whether the entry has expired at `now`.
    pub fn expired(&self, now: Timestamp) -> bool {
        self.expires.is_some_and(|e| now > e)
    }

    /// Whether the entry covers this finding (ignoring expiry and status).
    pub fn matches(&self, f: &Finding, tags: &TagIndex) -> bool {
        if !self.checks.iter().any(|p| glob(p, f.check_id)) {
            return false;
        }
        if !self.resources.is_empty()
            && !self.resources.iter().any(|p| {
                glob(p, &f.resource.id) || f.resource.arn.as_deref().is_some_and(|a| glob(p, a))
            })
        {
            return false;
        }
        if !self.regions.is_empty()
            && !f
                .resource
                .region
                .as_deref()
                .is_some_and(|r| self.regions.iter().any(|p| glob(p, r)))
        {
            return false;
        }
        if !self.tags.is_empty() {
            let Some(have) = tags.get(&f.resource) else {
                return false;
            };
            return self
                .tags
                .iter()
                .all(|(k, v)| have.iter().any(|(hk, hv)| hk == k && glob(v, hv)));
        }
        true
    }
}

impl Mutelist {
    /// Mutes the FAIL and UNKNOWN findings an unexpired entry covers (the first matching entry
    /// gives the reason). Expired entries produce a warning and mute nothing.
    pub fn apply(&self, findings: &mut [Finding], now: Timestamp, tags: &TagIndex) -> Applied {
        let mut out = Applied::default();
        let mut active: Vec<&MuteEntry> = Vec::new();
        for e in &self.entries {
            if e.expired(now) {
                let when = e.expires.map(|t| t.to_string()).unwrap_or_default();
                out.warnings.push(format!(
                    "{}:{}: mutelist entry expired on {when}; it no longer mutes ({})",
                    self.file, e.line, e.reason
                ));
            } else {
                active.push(e);
            }
        }
        for f in findings.iter_mut() {
            if !matches!(f.status, Status::Fail | Status::Unknown) {
                continue;
            }
            if let Some(e) = active.iter().find(|e| e.matches(f, tags)) {
                f.muted = Some(Muted {
                    reason: e.reason.clone(),
                    original_status: f.status,
                    rule: format!("{}:{}", self.file, e.line),
                    expires: e.expires.map(|t| t.to_string()),
                });
                f.status = Status::Muted;
                out.muted += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_model::ResourceType;
    use serde_json::json;

    fn finding(check: &'static str, id: &str, arn: Option<&str>, region: Option<&str>) -> Finding {
        Finding {
            id: "x".into(),
            check_id: check,
            title: "t",
            status: Status::Fail,
            severity: rampart_checks::Severity::High,
            resource: ResourceRef {
                kind: ResourceType::Account,
                id: id.into(),
                arn: arn.map(str::to_string),
                region: region.map(str::to_string),
                account_id: "123456789012".into(),
            },
            message: "m".into(),
            evidence: json!({}),
            compliance: Default::default(),
            remediation: "".into(),
            muted: None,
        }
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-23T10:00:00Z").expect("time")
    }

    #[test]
    fn glob_matches_like_iam() {
        assert!(glob("iam.*", "iam.root_mfa"));
        assert!(glob("*", ""));
        assert!(glob("i-0??c", "i-0abc"));
        assert!(!glob("iam.*", "s3.bucket"));
        assert!(glob("arn:aws:s3:::logs-*", "arn:aws:s3:::logs-2026"));
        assert!(!glob("a*b", "acbx"));
        assert!(glob("[x]", "[x]"), "brackets are literal");
    }

    #[test]
    fn parses_every_field() {
        let m = parse(
            "m.yaml",
            "version: 1\nmute:\n  - check: [\"iam.*\", \"s3.x\"]\n    resource: \"arn:aws:iam::*:user/bob\"\n    region: us-east-1\n    tags: [\"env=dev\"]\n    expires: 2027-01-31\n    reason: accepted\n",
        )
        .expect("parses");
        assert_eq!(m.entries.len(), 1);
        let e = &m.entries[0];
        assert_eq!(e.line, 3);
        assert_eq!(e.checks, vec!["iam.*", "s3.x"]);
        assert_eq!(e.regions, vec!["us-east-1"]);
        assert_eq!(e.tags, vec![("env".to_string(), "dev".to_string())]);
        assert_eq!(
            e.expires.map(|t| t.to_string()).as_deref(),
            Some("2027-01-31T23:59:59Z")
        );
        assert_eq!(
            m.warnings.len(),
            1,
            "s3.x matches no check: {:?}",
            m.warnings
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("m.yaml", "mute:\n  - check: iam.*\n    reson: typo\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("m.yaml", 3), "{e}");
        assert!(e.to_string().starts_with("m.yaml:3:"), "{e}");
        let e = parse("m.yaml", "mute:\n  - check: iam.*\n").unwrap_err();
        assert!(e.message.contains("reason"), "{e}");
        assert_eq!(e.line, 2);
        let e = parse("m.yaml", "mute: [\n").unwrap_err();
        assert!(e.line >= 1, "{e}");
        let e = parse(
            "m.yaml",
            "mute:\n  - check: x\n    reason: r\n    expires: soon\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        let e = parse(
            "m.yaml",
            "mute:\n  - check: x\n    reason: r\n    tags: [env]\n",
        )
        .unwrap_err();
        assert!(e.message.contains("KEY=VALUE"), "{e}");
        assert!(parse("m.yaml", "").is_err());
        assert!(parse("m.yaml", "version: 2\nmute: []\n").is_err());
    }

    #[test]
    fn mutes_matching_failures_and_keeps_the_reason() {
        let m = parse(
            "m.yaml",
            "mute:\n  - check: \"iam.*\"\n    resource: \"*:user/bob\"\n    reason: break-glass\n",
        )
        .expect("parses");
        let mut fs = vec![
            finding(
                "iam.user_console_mfa",
                "bob",
                Some("arn:aws:iam::123456789012:user/bob"),
                None,
            ),
            finding(
                "iam.user_console_mfa",
                "eve",
                Some("arn:aws:iam::123456789012:user/eve"),
                None,
            ),
            finding("iam.root_mfa", "bob", None, None),
        ];
        fs[2].status = Status::Pass;
        let a = m.apply(&mut fs, now(), &TagIndex::default());
        assert_eq!(a.muted, 1);
        assert_eq!(fs[0].status, Status::Muted);
        let muted = fs[0].muted.as_ref().expect("muted");
        assert_eq!(muted.reason, "break-glass");
        assert_eq!(muted.original_status, Status::Fail);
        assert_eq!(muted.rule, "m.yaml:2");
        assert_eq!(fs[1].status, Status::Fail);
        assert_eq!(fs[2].status, Status::Pass, "passes are never muted");
    }

    #[test]
    fn expired_entries_warn_and_do_not_mute() {
        let m = parse(
            "m.yaml",
            "mute:\n  - check: \"*\"\n    expires: 2026-11-22\n    reason: old\n  - check: \"*\"\n    expires: 2026-11-23\n    reason: today\n",
        )
        .expect("parses");
        let mut fs = vec![finding("iam.root_mfa", "a", None, None)];
        let a = m.apply(&mut fs, now(), &TagIndex::default());
        assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
        assert!(a.warnings[0].contains("m.yaml:2") && a.warnings[0].contains("expired"));
        // The second entry lasts to the end of 2026-11-23.
        assert_eq!(
            fs[0].muted.as_ref().map(|m| m.reason.as_str()),
            Some("today")
        );
    }

    #[test]
    fn region_and_tags_narrow() {
        let m = parse(
            "m.yaml",
            "mute:\n  - check: \"*\"\n    region: \"eu-*\"\n    tags: [\"env=dev*\", \"team=web\"]\n    reason: sandbox\n",
        )
        .expect("parses");
        let mut tags = TagIndex::default();
        tags.add(
            "i-1",
            vec![
                ("env".into(), "development".into()),
                ("team".into(), "web".into()),
            ],
        );
        tags.add("i-2", vec![("env".into(), "development".into())]);
        let mut fs = vec![
            finding("ec2.x", "i-1", None, Some("eu-west-1")),
            finding("ec2.x", "i-1", None, Some("us-east-1")),
            finding("ec2.x", "i-2", None, Some("eu-west-1")),
            finding("ec2.x", "i-3", None, Some("eu-west-1")),
            finding("iam.x", "i-1", None, None),
        ];
        m.apply(&mut fs, now(), &tags);
        let st: Vec<Status> = fs.iter().map(|f| f.status).collect();
        assert_eq!(
            st,
            vec![
                Status::Muted,
                Status::Fail,
                Status::Fail,
                Status::Fail,
                Status::Fail
            ]
        );
    }

    #[test]
    fn odd_yaml_never_panics() {
        for text in [
            "mute: 3",
            "mute:\n  - 3",
            "mute:\n  - check: {a: b}\n    reason: r",
            "- a\n- b",
            "&a [*a]",
            "mute: !!binary aGVsbG8=",
            "\u{feff}mute: []",
            "mute:\n  - check: x\n    reason: r\n    expires: 2026-13-45",
            "mute:\n  - check: x\n    reason: r\n    expires: 99999-01-01T00:00:00Z",
        ] {
            let _ = parse("m.yaml", text);
        }
    }
}

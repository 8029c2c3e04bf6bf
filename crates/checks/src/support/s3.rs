//! S3 questions several checks ask: which Block Public Access settings are in force for a bucket
//! (its own and the account's, combined as S3 combines them), whether a bucket is public through
//! its policy or its ACL once those settings are applied, and whether a CloudTrail trail records
//! a bucket's object-level (data) events.
//!
//! "Is this bucket public" looks at the policy, the ACL and Block Public Access together: the
//! policy is evaluated by the engine (`support::exposure`) for the actions of the question,
//! neutralised by `RestrictPublicBuckets` (bucket or account); ACL grants to `AllUsers` or
//! `AuthenticatedUsers` count unless `IgnorePublicAcls` (bucket or account) is on. A part that
//! could not be read leaves the answer unknown unless a setting makes it irrelevant or another
//! part already makes the bucket public.

use crate::run::{Context, Outcomes};
use crate::support::exposure::{Exposure, ExposureOptions, resource_policy_exposure};
use rampart_model::inventory::cloudtrail::{AdvancedFieldSelector, EventSelectors};
use rampart_model::inventory::s3::{Bucket, Grant, PublicAccessBlock};
use rampart_model::{Gap, Inventory, Observed, PolicyDocument, ResourceRef, ResourceType};
use rampart_policy::{Effect, Policy};
use serde_json::{Value, json};

/// The finding resource for a bucket (its region when known).
pub fn bucket_ref(cx: &Context<'_>, b: &Bucket) -> ResourceRef {
    cx.resource(
        ResourceType::S3Bucket,
        &b.name,
        Some(b.arn.clone()),
        b.region.as_ref().ok().map(String::as_str),
    )
}

/// Calls `f` on every bucket of the account; when the bucket list is missing, one UNKNOWN
/// outcome for the account names `what` could not be told.
pub fn each_bucket<'a>(
    cx: &Context<'a>,
    out: &mut Outcomes,
    what: &str,
    mut f: impl FnMut(&mut Outcomes, &'a Bucket, ResourceRef),
) {
    match &cx.inv.s3.buckets {
        Ok(list) => {
            for b in list {
                f(out, b, bucket_ref(cx, b));
            }
        }
        Err(g) => out.unknown(cx.account(), what, g),
    }
}

/// Which side of public access a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reading or listing objects.
    Read,
    /// Writing or deleting objects, or changing the bucket's permissions.
    Write,
}

impl Access {
    /// Object actions an outsider could use.
    fn object_actions(self) -> &'static [&'static str] {
        match self {
            Access::Read => &["s3:GetObject", "s3:GetObjectVersion"],
            Access::Write => &[
                "s3:PutObject",
                "s3:DeleteObject",
                "s3:DeleteObjectVersion",
                "s3:PutObjectAcl",
            ],
        }
    }

    /// Bucket actions an outsider could use.
    fn bucket_actions(self) -> &'static [&'static str] {
        match self {
            Access::Read => &["s3:ListBucket", "s3:ListBucketVersions"],
            Access::Write => &[
                "s3:PutBucketPolicy",
                "s3:DeleteBucketPolicy",
                "s3:PutBucketAcl",
                "s3:DeleteBucket",
            ],
        }
    }

    /// ACL permissions that give this access.
    fn acl_permissions(self) -> &'static [&'static str] {
        match self {
            Access::Read => &["READ", "READ_ACP", "FULL_CONTROL"],
            Access::Write => &["WRITE", "WRITE_ACP", "FULL_CONTROL"],
        }
    }

    /// `read` / `write`, for messages.
    pub fn word(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
        }
    }
}

/// One Block Public Access flag in force for a bucket: on when the bucket's or the account's
/// setting is on; unknown when one side is unknown and the other is not on.
pub fn bpa_flag(
    inv: &Inventory,
    bucket: &Bucket,
    flag: fn(&PublicAccessBlock) -> bool,
) -> Result<bool, Gap> {
    let side =
        |o: &Observed<Option<PublicAccessBlock>>| o.clone().map(|p| p.is_some_and(|p| flag(&p)));
    match (
        side(&bucket.public_access_block),
        side(&inv.s3.account_public_access_block),
    ) {
        (Ok(true), _) | (_, Ok(true)) => Ok(true),
        (Ok(false), Ok(false)) => Ok(false),
        (Err(g), _) | (_, Err(g)) => Err(g),
    }
}

/// Block Public Access settings as evidence: `null` for not configured, the gap for unknown.
pub fn bpa_evidence(o: &Observed<Option<PublicAccessBlock>>) -> Value {
    match o {
        Ok(Some(p)) => json!({
            "BlockPublicAcls": p.block_public_acls,
            "IgnorePublicAcls": p.ignore_public_acls,
            "BlockPublicPolicy": p.block_public_policy,
            "RestrictPublicBuckets": p.restrict_public_buckets,
        }),
        Ok(None) => Value::Null,
        Err(g) => json!({ "missing": g }),
    }
}

/// The answer to "is this bucket public for reading (or writing)".
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Public: each reason names a path (a policy statement, an ACL grant).
    Public(Vec<String>),
    /// Not public: each reason says why a path is closed.
    NotPublic(Vec<String>),
    /// Cannot tell: each reason names what is missing.
    Unknown(Vec<String>),
}

/// The verdict with evidence for findings.
pub struct PublicAnswer {
    pub verdict: Verdict,
    pub evidence: Value,
}

enum Part {
    Public(String),
    Closed(String),
    Unknown(String),
}

/// Whether `bucket` is open to everyone for `access`, through its policy or its ACL, with Block
/// Public Access (bucket and account) applied.
pub fn bucket_public(inv: &Inventory, bucket: &Bucket, access: Access) -> PublicAnswer {
    let rpb = bpa_flag(inv, bucket, |p| p.restrict_public_buckets);
    let ipa = bpa_flag(inv, bucket, |p| p.ignore_public_acls);
    let mut evidence = json!({
        "block_public_access": {
            "bucket": bpa_evidence(&bucket.public_access_block),
            "account": bpa_evidence(&inv.s3.account_public_access_block),
        },
    });

    let policy_part = match (&rpb, &bucket.policy) {
        (Ok(true), _) => Part::Closed(
            "RestrictPublicBuckets is on, so the bucket policy grants nothing public".into(),
        ),
        (_, Ok(None)) => Part::Closed("the bucket has no policy".into()),
        (_, Err(g)) => Part::Unknown(format!("the bucket policy is unknown: {g}")),
        (rpb, Ok(Some(doc))) => match policy_exposure(inv, bucket, doc, access) {
            Err(e) => Part::Unknown(format!("the bucket policy cannot be evaluated: {e}")),
            Ok(x) => {
                evidence["policy"] = x.evidence();
                match (x.is_public(), rpb) {
                    (false, _) => Part::Closed("the bucket policy grants no public access".into()),
                    (true, Ok(_)) => Part::Public(format!("under its policy, {}", x.summary())),
                    (true, Err(g)) => Part::Unknown(format!(
                        "under its policy, {}, unless RestrictPublicBuckets is on, which is unknown: {g}",
                        x.summary()
                    )),
                }
            }
        },
    };

    let acl_part = match (&ipa, &bucket.acl) {
        (Ok(true), _) => {
            Part::Closed("IgnorePublicAcls is on, so ACL grants to everyone are ignored".into())
        }
        (_, Err(g)) => Part::Unknown(format!("the bucket ACL is unknown: {g}")),
        (ipa, Ok(acl)) => {
            let open: Vec<&Grant> = acl
                .grants
                .iter()
                .filter(|g| g.is_all_users() || g.is_authenticated_users())
                .filter(|g| access.acl_permissions().contains(&g.permission.as_str()))
                .collect();
            evidence["acl_public_grants"] = json!(
                open.iter()
                    .map(|g| json!({"grantee": g.uri, "permission": g.permission}))
                    .collect::<Vec<_>>()
            );
            match (open.first(), ipa) {
                (None, _) => Part::Closed("the ACL grants nothing to everyone".into()),
                (Some(g), Ok(_)) => Part::Public(format!(
                    "its ACL grants {} to {}",
                    g.permission,
                    grantee_name(g)
                )),
                (Some(g), Err(gap)) => Part::Unknown(format!(
                    "its ACL grants {} to {}, unless IgnorePublicAcls is on, which is unknown: {gap}",
                    g.permission,
                    grantee_name(g)
                )),
            }
        }
    };

    let parts = [policy_part, acl_part];
    let mut public = Vec::new();
    let mut unknown = Vec::new();
    let mut closed = Vec::new();
    for p in parts {
        match p {
            Part::Public(s) => public.push(s),
            Part::Unknown(s) => unknown.push(s),
            Part::Closed(s) => closed.push(s),
        }
    }
    let verdict = if !public.is_empty() {
        Verdict::Public(public)
    } else if !unknown.is_empty() {
        Verdict::Unknown(unknown)
    } else {
        Verdict::NotPublic(closed)
    };
    PublicAnswer { verdict, evidence }
}

/// The outcome of `s3.bucket_public_read` / `s3.bucket_public_write` for every bucket.
pub fn report_public(cx: &Context<'_>, out: &mut Outcomes, access: Access) {
    let word = access.word();
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let a = bucket_public(cx.inv, b, access);
        match a.verdict {
            Verdict::Public(why) => out.fail(
                res,
                format!(
                    "bucket `{}` allows public {word} access: {}",
                    b.name,
                    why.join("; ")
                ),
                a.evidence,
            ),
            Verdict::NotPublic(why) => out.pass(
                res,
                format!(
                    "bucket `{}` allows no public {word} access: {}",
                    b.name,
                    why.join("; ")
                ),
                a.evidence,
            ),
            Verdict::Unknown(why) => out.push_unknown_message(
                res,
                format!(
                    "cannot tell whether bucket `{}` allows public {word} access: {}",
                    b.name,
                    why.join("; ")
                ),
                a.evidence,
            ),
        }
    });
}

fn grantee_name(g: &Grant) -> &'static str {
    if g.is_all_users() {
        "everyone (AllUsers)"
    } else {
        "any AWS account (AuthenticatedUsers)"
    }
}

/// Object ARNs to probe: one instance of each object pattern the policy's Allow statements name
/// in this bucket (so a grant on `public/*` is found too), or a generic key when there is none.
/// Every instance also matches the wider patterns (`*`, `arn:aws:s3:::*`), so one probe per
/// pattern is enough.
pub fn object_probes(bucket_arn: &str, policy: &Policy) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let prefix = format!("{bucket_arn}/");
    for st in policy
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
    {
        let Some(r) = &st.resource else { continue };
        if r.negated {
            continue;
        }
        for pat in &r.patterns {
            if pat.len() > prefix.len() && pat.starts_with(&prefix) {
                let key = pat.replace('*', "rampart-probe").replace('?', "x");
                if !out.contains(&key) && out.len() < 16 {
                    out.push(key);
                }
            }
        }
    }
    if out.is_empty() {
        out.push(format!("{bucket_arn}/rampart-probe-object"));
    }
    out
}

/// What the bucket policy lets outsiders do for `access` (Block Public Access not applied: the
/// caller applies it).
fn policy_exposure(
    inv: &Inventory,
    bucket: &Bucket,
    doc: &PolicyDocument,
    access: Access,
) -> Result<Exposure, String> {
    let policy = Policy::parse_str(doc.as_str()).map_err(|e| e.to_string())?;
    // Only an Allow statement whose principal is everyone (`*`, `{"AWS": "*"}`) or a
    // `NotPrincipal` can match an anonymous caller or an unnamed account: without one, no probe
    // can be allowed and the requests need not be evaluated (thousands of private buckets).
    let open = policy.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && s.principal
                .as_ref()
                .is_some_and(|p| p.negated || p.principals.any)
    });
    if !open {
        return Ok(Exposure::default());
    }
    let opts = ExposureOptions::default();
    let mut all = resource_policy_exposure(
        doc,
        &bucket.arn,
        &inv.account_id,
        access.bucket_actions(),
        opts,
    )?;
    for arn in object_probes(&bucket.arn, &policy) {
        let x =
            resource_policy_exposure(doc, &arn, &inv.account_id, access.object_actions(), opts)?;
        for g in x.grants {
            if !all.grants.iter().any(|h| h.action == g.action) {
                all.grants.push(g);
            }
        }
        // A statement restricted for one probe may have granted another: keep only those that
        // granted nothing anywhere.
        all.restricted
            .retain(|(s, _)| x.restricted.iter().any(|(t, _)| t == s));
    }
    let granting: Vec<String> = all.grants.iter().map(|g| g.statement.clone()).collect();
    all.restricted.retain(|(s, _)| !granting.contains(s));
    Ok(all)
}

/// Which data events a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataEvents {
    Read,
    Write,
}

impl DataEvents {
    /// The `readOnly` field value of these events.
    fn read_only(self) -> &'static str {
        match self {
            DataEvents::Read => "true",
            DataEvents::Write => "false",
        }
    }

    /// The basic selector `ReadWriteType` that is not enough.
    fn other_rw(self) -> &'static str {
        match self {
            DataEvents::Read => "WriteOnly",
            DataEvents::Write => "ReadOnly",
        }
    }
}

/// Whether the selectors record every `kind` data event on every object of `bucket`: a basic
/// selector for `AWS::S3::Object` on all buckets or this bucket with a suitable
/// `ReadWriteType`, or an advanced selector whose every condition admits all of them. A
/// selector limited to a prefix of the bucket, to some event names or to some callers records
/// only part of them and does not count.
pub fn selectors_cover_bucket(
    sel: &EventSelectors,
    partition: &str,
    bucket: &str,
    kind: DataEvents,
) -> bool {
    let all = [
        format!("arn:{partition}:s3"),
        format!("arn:{partition}:s3:::"),
        format!("arn:{partition}:s3:::{bucket}"),
        format!("arn:{partition}:s3:::{bucket}/"),
    ];
    let basic = sel.event_selectors.iter().any(|s| {
        s.read_write_type.as_deref() != Some(kind.other_rw())
            && s.data_resources.iter().any(|d| {
                d.kind.as_deref() == Some("AWS::S3::Object")
                    && d.values.iter().any(|v| all.contains(v))
            })
    });
    let objects = format!("arn:{partition}:s3:::{bucket}/");
    let advanced = sel.advanced_event_selectors.iter().any(|s| {
        !s.field_selectors.is_empty()
            && s.field_selectors.iter().all(|f| match f.field.as_str() {
                "eventCategory" => admits(f, "Data"),
                "resources.type" => admits(f, "AWS::S3::Object"),
                "readOnly" => admits(f, kind.read_only()),
                "eventSource" => admits(f, "s3.amazonaws.com"),
                "resources.ARN" => admits_every_object(f, &objects),
                _ => false,
            })
    });
    // An advanced selector with no category condition is invalid; one that only says
    // `eventCategory = Data` without a resource type records every data event, S3 included.
    basic || advanced
}

/// The outcome of `s3.object_level_logging_write` / `_read` for every bucket: PASS when a
/// multi-region trail that is logging records all `kind` data events on the bucket's objects;
/// UNKNOWN when no trail is known to, but a multi-region trail whose status or selectors are
/// missing might; FAIL otherwise.
pub fn report_object_logging(cx: &Context<'_>, out: &mut Outcomes, kind: DataEvents) {
    let word = match kind {
        DataEvents::Read => "read",
        DataEvents::Write => "write",
    };
    let trails = match &cx.inv.cloudtrail.trails {
        Ok(t) => t,
        Err(g) => {
            // Without the trails no bucket can be judged; still name the buckets when known.
            let what = format!("whether object-level {word} events are logged");
            match &cx.inv.s3.buckets {
                Ok(list) => {
                    for b in list {
                        out.unknown(bucket_ref(cx, b), &what, g);
                    }
                }
                Err(_) => out.unknown(cx.account(), &what, g),
            }
            return;
        }
    };
    let multi: Vec<_> = trails.iter().filter(|t| t.is_multi_region_trail).collect();
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let mut doubt: Option<&Gap> = None;
        let mut covering_stopped = Vec::new();
        for t in &multi {
            let logging = t.status.as_ref().map(|s| s.is_logging);
            let covers = t
                .event_selectors
                .as_ref()
                .map(|s| selectors_cover_bucket(s, &cx.inv.partition, &b.name, kind));
            match (logging, covers) {
                (Ok(true), Ok(true)) => {
                    return out.pass(
                        res,
                        format!(
                            "bucket `{}`: multi-region trail `{}` logs its object-level {word} events",
                            b.name, t.name
                        ),
                        json!({"trail": t.trail_arn}),
                    );
                }
                (Ok(false), Ok(true)) => covering_stopped.push(t.trail_arn.as_str()),
                (_, Ok(false)) | (Ok(false), Err(_)) => {}
                (Err(g), _) | (Ok(true), Err(g)) => {
                    doubt.get_or_insert(g);
                }
            }
        }
        let ev = json!({
            "multi_region_trails": multi.iter().map(|t| t.trail_arn.as_str()).collect::<Vec<_>>(),
            "covering_but_not_logging": covering_stopped,
        });
        if let Some(g) = doubt {
            return out.unknown(
                res,
                &format!("whether object-level {word} events are logged"),
                g,
            );
        }
        let why = if !covering_stopped.is_empty() {
            format!(
                "trail `{}` would record them but is not logging",
                covering_stopped.join("`, `")
            )
        } else if multi.is_empty() {
            "there is no multi-region trail".to_string()
        } else {
            "no multi-region trail selects them".to_string()
        };
        out.fail(
            res,
            format!(
                "bucket `{}`: object-level {word} events are not logged ({why})",
                b.name
            ),
            ev,
        );
    });
}

/// The field condition holds for an event whose field is `value`.
pub fn admits(f: &AdvancedFieldSelector, value: &str) -> bool {
    (f.equals.is_empty() || f.equals.iter().any(|v| v == value))
        && (f.starts_with.is_empty() || f.starts_with.iter().any(|v| value.starts_with(v.as_str())))
        && (f.ends_with.is_empty() || f.ends_with.iter().any(|v| value.ends_with(v.as_str())))
        && !f.not_equals.iter().any(|v| v == value)
        && !f
            .not_starts_with
            .iter()
            .any(|v| value.starts_with(v.as_str()))
        && !f.not_ends_with.iter().any(|v| value.ends_with(v.as_str()))
}

/// The `resources.ARN` condition holds for every object ARN under `objects` (`arn:...:bucket/`).
fn admits_every_object(f: &AdvancedFieldSelector, objects: &str) -> bool {
    // Exact ARNs and suffixes only ever name some objects.
    if !f.equals.is_empty() || !f.ends_with.is_empty() || !f.not_ends_with.is_empty() {
        return false;
    }
    let overlaps = |v: &String| v.starts_with(objects) || objects.starts_with(v.as_str());
    (f.starts_with.is_empty()
        || f.starts_with
            .iter()
            .any(|v| objects.starts_with(v.as_str())))
        && !f.not_starts_with.iter().any(overlaps)
        && !f.not_equals.iter().any(|v| v.starts_with(objects))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(v: Value) -> EventSelectors {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn basic_selectors() {
        let s = sel(
            json!({"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true,
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}),
        );
        assert!(selectors_cover_bucket(&s, "aws", "b", DataEvents::Write));
        assert!(!selectors_cover_bucket(&s, "aws", "b", DataEvents::Read));
        let s = sel(json!({"EventSelectors": [{"ReadWriteType": "All",
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::b/", "arn:aws:s3:::c/logs/"]}]}]}));
        assert!(selectors_cover_bucket(&s, "aws", "b", DataEvents::Read));
        // Only a prefix of bucket c.
        assert!(!selectors_cover_bucket(&s, "aws", "c", DataEvents::Read));
        let s = sel(json!({"EventSelectors": [{"ReadWriteType": "All",
            "DataResources": [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}]}]}));
        assert!(!selectors_cover_bucket(&s, "aws", "b", DataEvents::Write));
    }

    #[test]
    fn advanced_selectors() {
        let s = sel(
            json!({"AdvancedEventSelectors": [{"Name": "s3 writes", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            {"Field": "readOnly", "Equals": ["false"]}]}]}),
        );
        assert!(selectors_cover_bucket(&s, "aws", "b", DataEvents::Write));
        assert!(!selectors_cover_bucket(&s, "aws", "b", DataEvents::Read));
        let s = sel(json!({"AdvancedEventSelectors": [{"FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::b/"]}]}]}));
        assert!(selectors_cover_bucket(&s, "aws", "b", DataEvents::Read));
        assert!(!selectors_cover_bucket(&s, "aws", "b2", DataEvents::Read));
        // Excluding a prefix, naming events or a prefix inside the bucket: partial.
        for extra in [
            json!({"Field": "resources.ARN", "NotStartsWith": ["arn:aws:s3:::b/tmp/"]}),
            json!({"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::b/logs/"]}),
            json!({"Field": "eventName", "Equals": ["PutObject"]}),
        ] {
            let s = sel(json!({"AdvancedEventSelectors": [{"FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, extra.clone()]}]}));
            assert!(
                !selectors_cover_bucket(&s, "aws", "b", DataEvents::Write),
                "{extra}"
            );
        }
        let s = sel(json!({"AdvancedEventSelectors": [{"FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]}]}]}));
        assert!(!selectors_cover_bucket(&s, "aws", "b", DataEvents::Write));
    }
}

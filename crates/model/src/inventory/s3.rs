//! S3: buckets (`ListBuckets`) with their per-bucket configuration (location, policy, policy
//! status, ACL, default encryption, Block Public Access, versioning, access logging, lifecycle
//! rules, event notifications), and the
//! account-level Block Public Access setting (`s3control GetPublicAccessBlock`).
//!
//! Per-bucket calls may appear anywhere in a snapshot, before or after `ListBuckets`, so they are
//! collected into maps keyed by bucket name while applying and joined onto the buckets in
//! `finalize`. A bucket whose attribute was never read gets a "not collected" gap for it.

use super::{Apply, merge_list};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Maps keyed by bucket name: foldhash is several times faster than SipHash on short keys, and
/// randomly seeded, so hostile names cannot force collisions.
type ByName<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// S3 data of the account.
#[derive(Debug, Clone)]
pub struct S3 {
    /// Every bucket of the account, with its configuration joined on.
    pub buckets: Observed<Vec<Bucket>>,
    /// Account-level Block Public Access (`Ok(None)`: not configured).
    pub account_public_access_block: Observed<Option<PublicAccessBlock>>,
    listed: Observed<Vec<ListedBucket>>,
    pending: Pending,
}

impl Default for S3 {
    fn default() -> Self {
        S3 {
            buckets: Err(Gap::not_collected("s3", "ListBuckets", None)),
            account_public_access_block: Err(Gap::not_collected(
                "s3control",
                "GetPublicAccessBlock",
                None,
            )),
            listed: Err(Gap::not_collected("s3", "ListBuckets", None)),
            pending: Pending::default(),
        }
    }
}

/// Per-bucket results waiting for `finalize`, keyed by bucket name.
#[derive(Debug, Clone, Default)]
struct Pending {
    location: ByName<Observed<String>>,
    policy: ByName<Observed<Option<PolicyDocument>>>,
    policy_status: ByName<Observed<Option<bool>>>,
    acl: ByName<Observed<Acl>>,
    encryption: ByName<Observed<Option<Vec<EncryptionRule>>>>,
    public_access_block: ByName<Observed<Option<PublicAccessBlock>>>,
    versioning: ByName<Observed<Versioning>>,
    logging: ByName<Observed<Option<LoggingEnabled>>>,
    lifecycle: ByName<Observed<Vec<LifecycleRule>>>,
    notifications: ByName<Observed<Notifications>>,
}

/// An S3 bucket and its configuration.
#[derive(Debug, Clone)]
pub struct Bucket {
    pub name: String,
    /// `arn:{partition}:s3:::{name}`.
    pub arn: String,
    pub creation_date: Option<Timestamp>,
    /// The bucket's region (`GetBucketLocation`; `ListBuckets` `BucketRegion` when that call is
    /// missing).
    pub region: Observed<String>,
    /// The bucket policy (`Ok(None)`: no policy).
    pub policy: Observed<Option<PolicyDocument>>,
    /// AWS's own verdict on whether the policy makes the bucket public (evidence only).
    pub policy_status_public: Observed<Option<bool>>,
    pub acl: Observed<Acl>,
    /// Default encryption rules (`Ok(None)`: no default encryption configuration).
    pub encryption: Observed<Option<Vec<EncryptionRule>>>,
    /// Bucket-level Block Public Access (`Ok(None)`: not configured).
    pub public_access_block: Observed<Option<PublicAccessBlock>>,
    pub versioning: Observed<Versioning>,
    /// Server access logging (`Ok(None)`: logging is off).
    pub logging: Observed<Option<LoggingEnabled>>,
    /// Lifecycle rules (`GetBucketLifecycleConfiguration`; `NoSuchLifecycleConfiguration`: none).
    pub lifecycle: Observed<Vec<LifecycleRule>>,
    /// Event notifications (`GetBucketNotificationConfiguration`).
    pub notifications: Observed<Notifications>,
}

/// A bucket ACL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acl {
    /// Canonical user ID of the bucket owner.
    pub owner_id: Option<String>,
    pub grants: Vec<Grant>,
}

/// One ACL grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grant {
    /// `CanonicalUser`, `AmazonCustomerByEmail` or `Group`.
    pub grantee_type: String,
    /// Canonical user ID (for `CanonicalUser` grantees).
    pub id: Option<String>,
    /// Group URI (`http://acs.amazonaws.com/groups/global/AllUsers`, ...).
    pub uri: Option<String>,
    /// `FULL_CONTROL`, `READ`, `WRITE`, `READ_ACP` or `WRITE_ACP`.
    pub permission: String,
}

impl Grant {
    /// The grant is to everyone (`AllUsers`).
    pub fn is_all_users(&self) -> bool {
        self.uri.as_deref() == Some("http://acs.amazonaws.com/groups/global/AllUsers")
    }

    /// The grant is to any AWS account (`AuthenticatedUsers`).
    pub fn is_authenticated_users(&self) -> bool {
        self.uri.as_deref() == Some("http://acs.amazonaws.com/groups/global/AuthenticatedUsers")
    }
}

/// One default-encryption rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncryptionRule {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`; `None` when the rule sets no default.
    pub sse_algorithm: Option<String>,
    /// The KMS key (ID, ARN or alias) for `aws:kms`.
    pub kms_master_key_id: Option<String>,
    pub bucket_key_enabled: bool,
}

/// Block Public Access settings (bucket or account). Absent flags are `false`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PublicAccessBlock {
    #[serde(default)]
    pub block_public_acls: bool,
    #[serde(default)]
    pub ignore_public_acls: bool,
    #[serde(default)]
    pub block_public_policy: bool,
    #[serde(default)]
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    /// All four settings are on.
    pub fn all_blocked(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

/// Bucket versioning. Both fields are `None` for a bucket that never had versioning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Versioning {
    /// `Enabled` or `Suspended`.
    #[serde(rename = "Status", default)]
    pub status: Option<String>,
    /// `Enabled` or `Disabled`.
    #[serde(rename = "MFADelete", alias = "MfaDelete", default)]
    pub mfa_delete: Option<String>,
}

impl Versioning {
    /// Versioning is on.
    pub fn enabled(&self) -> bool {
        self.status.as_deref() == Some("Enabled")
    }

    /// MFA delete is on.
    pub fn mfa_delete_enabled(&self) -> bool {
        self.mfa_delete.as_deref() == Some("Enabled")
    }
}

/// Where a bucket's server access logs go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoggingEnabled {
    pub target_bucket: String,
    #[serde(default)]
    pub target_prefix: String,
}

/// One lifecycle rule, with what it does to objects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleRule {
    /// The rule's `ID` (optional in the API).
    pub id: Option<String>,
    /// `Enabled` or `Disabled`.
    pub status: String,
    /// The actions the rule sets, by member name (`Expiration`, `Transitions`,
    /// `NoncurrentVersionExpiration`, `NoncurrentVersionTransitions`,
    /// `AbortIncompleteMultipartUpload`), in that order.
    pub actions: Vec<&'static str>,
}

impl LifecycleRule {
    /// The rule is in force.
    pub fn enabled(&self) -> bool {
        self.status == "Enabled"
    }
}

/// A bucket's event notification configuration. All empty: no notifications.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notifications {
    /// `TopicConfigurations` (SNS).
    pub topics: Vec<NotificationTarget>,
    /// `QueueConfigurations` (SQS).
    pub queues: Vec<NotificationTarget>,
    /// `LambdaFunctionConfigurations`.
    pub lambdas: Vec<NotificationTarget>,
    /// `EventBridgeConfiguration` is present: every event goes to EventBridge.
    pub event_bridge: bool,
}

impl Notifications {
    /// At least one destination receives the bucket's events.
    pub fn any(&self) -> bool {
        self.event_bridge
            || !self.topics.is_empty()
            || !self.queues.is_empty()
            || !self.lambdas.is_empty()
    }
}

/// Where one notification configuration sends which events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationTarget {
    pub id: Option<String>,
    /// The topic, queue or function ARN.
    pub arn: String,
    /// `s3:ObjectCreated:*`, ...
    pub events: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LifecycleResponse {
    #[serde(default)]
    rules: Vec<RawLifecycleRule>,
}

/// The action members are kept as raw JSON: only whether each is set matters here, and their
/// inner shapes (dates, days, storage classes) vary.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawLifecycleRule {
    #[serde(rename = "ID", default)]
    id: Option<String>,
    status: String,
    #[serde(default)]
    expiration: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    transitions: Option<Vec<serde_json::Map<String, serde_json::Value>>>,
    #[serde(default)]
    noncurrent_version_expiration: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    noncurrent_version_transitions: Option<Vec<serde_json::Map<String, serde_json::Value>>>,
    #[serde(default)]
    abort_incomplete_multipart_upload: Option<serde_json::Map<String, serde_json::Value>>,
}

impl From<RawLifecycleRule> for LifecycleRule {
    fn from(r: RawLifecycleRule) -> Self {
        let mut actions = Vec::new();
        if r.expiration.is_some() {
            actions.push("Expiration");
        }
        if r.transitions.is_some_and(|t| !t.is_empty()) {
            actions.push("Transitions");
        }
        if r.noncurrent_version_expiration.is_some() {
            actions.push("NoncurrentVersionExpiration");
        }
        if r.noncurrent_version_transitions
            .is_some_and(|t| !t.is_empty())
        {
            actions.push("NoncurrentVersionTransitions");
        }
        if r.abort_incomplete_multipart_upload.is_some() {
            actions.push("AbortIncompleteMultipartUpload");
        }
        LifecycleRule {
            id: r.id,
            status: r.status,
            actions,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NotificationResponse {
    #[serde(default)]
    topic_configurations: Vec<RawTopic>,
    #[serde(default)]
    queue_configurations: Vec<RawQueue>,
    #[serde(default)]
    lambda_function_configurations: Vec<RawLambda>,
    #[serde(default)]
    event_bridge_configuration: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The three notification configuration kinds differ only in the name of their ARN member.
macro_rules! raw_target {
    ($name:ident, $arn:literal) => {
        #[derive(Deserialize)]
        struct $name {
            #[serde(rename = "Id", default)]
            id: Option<String>,
            #[serde(rename = $arn)]
            arn: String,
            #[serde(rename = "Events", default)]
            events: Vec<String>,
        }

        impl From<$name> for NotificationTarget {
            fn from(t: $name) -> Self {
                NotificationTarget {
                    id: t.id,
                    arn: t.arn,
                    events: t.events,
                }
            }
        }
    };
}
raw_target!(RawTopic, "TopicArn");
raw_target!(RawQueue, "QueueArn");
raw_target!(RawLambda, "LambdaFunctionArn");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListedBucket {
    name: String,
    #[serde(default)]
    creation_date: Option<Timestamp>,
    #[serde(default)]
    bucket_region: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListBucketsResponse {
    #[serde(default)]
    buckets: Vec<ListedBucket>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LocationResponse {
    #[serde(default)]
    location_constraint: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyResponse {
    policy: PolicyDocument,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyStatusResponse {
    #[serde(default)]
    policy_status: Option<PolicyStatus>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyStatus {
    #[serde(default)]
    is_public: Option<bool>,
}

#[derive(Deserialize)]
struct AclResponse {
    #[serde(rename = "Owner", default)]
    owner: Option<Owner>,
    #[serde(rename = "Grants", default)]
    grants: Vec<RawGrant>,
}

#[derive(Deserialize)]
struct Owner {
    #[serde(rename = "ID", default)]
    id: Option<String>,
}

#[derive(Deserialize)]
struct RawGrant {
    #[serde(rename = "Grantee", default)]
    grantee: Option<Grantee>,
    #[serde(rename = "Permission", default)]
    permission: Option<String>,
}

#[derive(Deserialize)]
struct Grantee {
    #[serde(rename = "Type", alias = "xsi:type", default)]
    kind: Option<String>,
    #[serde(rename = "ID", default)]
    id: Option<String>,
    #[serde(rename = "URI", default)]
    uri: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EncryptionResponse {
    server_side_encryption_configuration: SseConfiguration,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SseConfiguration {
    #[serde(default)]
    rules: Vec<RawEncryptionRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawEncryptionRule {
    #[serde(default)]
    apply_server_side_encryption_by_default: Option<SseDefault>,
    #[serde(default)]
    bucket_key_enabled: Option<bool>,
}

#[derive(Deserialize)]
struct SseDefault {
    #[serde(rename = "SSEAlgorithm")]
    sse_algorithm: String,
    #[serde(rename = "KMSMasterKeyID", default)]
    kms_master_key_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PublicAccessBlockResponse {
    public_access_block_configuration: PublicAccessBlock,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LoggingResponse {
    #[serde(default)]
    logging_enabled: Option<LoggingEnabled>,
}

/// The region a `LocationConstraint` names: none or empty is us-east-1, `EU` is eu-west-1.
fn location_region(constraint: Option<String>) -> String {
    match constraint.as_deref() {
        None | Some("") => "us-east-1".to_string(),
        Some("EU") => "eu-west-1".to_string(),
        Some(r) => r.to_string(),
    }
}

/// Per-bucket data that must exist: any error is a gap about the bucket.
fn per_bucket<R: serde::de::DeserializeOwned, T>(
    cx: &CallCx<'_>,
    bucket: &str,
    body: Body<'_>,
    f: impl FnOnce(R) -> T,
) -> Result<Observed<T>, LoadError> {
    Ok(cx
        .observe(body, f)?
        .map_err(|g| g.about(format!("bucket {bucket}"))))
}

/// Per-bucket optional configuration: a not-configured error is `Ok(None)`.
fn per_bucket_optional<R: serde::de::DeserializeOwned, T>(
    cx: &CallCx<'_>,
    bucket: &str,
    body: Body<'_>,
    f: impl FnOnce(R) -> Option<T>,
) -> Result<Observed<Option<T>>, LoadError> {
    Ok(cx
        .observe_optional(body, f)?
        .map_err(|g| g.about(format!("bucket {bucket}"))))
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    if cx.service == "s3control" {
        return Ok(match cx.operation {
            "GetPublicAccessBlock" => {
                let v = cx.observe_optional(body, |r: PublicAccessBlockResponse| {
                    Some(r.public_access_block_configuration)
                })?;
                Some(Box::new(move |inv| inv.s3.account_public_access_block = v))
            }
            _ => None,
        });
    }
    if cx.operation == "ListBuckets" {
        let v = cx.observe(body, |r: ListBucketsResponse| r.buckets)?;
        return Ok(Some(Box::new(move |inv| merge_list(&mut inv.s3.listed, v))));
    }
    let known = matches!(
        cx.operation,
        "GetBucketLocation"
            | "GetBucketPolicy"
            | "GetBucketPolicyStatus"
            | "GetBucketAcl"
            | "GetBucketEncryption"
            | "GetPublicAccessBlock"
            | "GetBucketVersioning"
            | "GetBucketLogging"
            | "GetBucketLifecycleConfiguration"
            | "GetBucketNotificationConfiguration"
    );
    if !known {
        return Ok(None);
    }
    let b = cx.param("Bucket")?;
    let apply: Apply = match cx.operation {
        "GetBucketLocation" => {
            let v = per_bucket(cx, &b, body, |r: LocationResponse| {
                location_region(r.location_constraint)
            })?;
            Box::new(move |inv| {
                inv.s3.pending.location.insert(b, v);
            })
        }
        "GetBucketPolicy" => {
            let v = per_bucket_optional(cx, &b, body, |r: PolicyResponse| Some(r.policy))?;
            Box::new(move |inv| {
                inv.s3.pending.policy.insert(b, v);
            })
        }
        "GetBucketPolicyStatus" => {
            let v = per_bucket_optional(cx, &b, body, |r: PolicyStatusResponse| {
                r.policy_status.and_then(|s| s.is_public)
            })?;
            Box::new(move |inv| {
                inv.s3.pending.policy_status.insert(b, v);
            })
        }
        "GetBucketAcl" => {
            let v = per_bucket(cx, &b, body, |r: AclResponse| Acl {
                owner_id: r.owner.and_then(|o| o.id),
                grants: r
                    .grants
                    .into_iter()
                    .map(|g| {
                        let grantee = g.grantee.unwrap_or(Grantee {
                            kind: None,
                            id: None,
                            uri: None,
                        });
                        Grant {
                            grantee_type: grantee.kind.unwrap_or_default(),
                            id: grantee.id,
                            uri: grantee.uri,
                            permission: g.permission.unwrap_or_default(),
                        }
                    })
                    .collect(),
            })?;
            Box::new(move |inv| {
                inv.s3.pending.acl.insert(b, v);
            })
        }
        "GetBucketEncryption" => {
            let v = per_bucket_optional(cx, &b, body, |r: EncryptionResponse| {
                Some(
                    r.server_side_encryption_configuration
                        .rules
                        .into_iter()
                        .map(|rule| {
                            let (alg, key) = match rule.apply_server_side_encryption_by_default {
                                Some(d) => (Some(d.sse_algorithm), d.kms_master_key_id),
                                None => (None, None),
                            };
                            EncryptionRule {
                                sse_algorithm: alg,
                                kms_master_key_id: key,
                                bucket_key_enabled: rule.bucket_key_enabled.unwrap_or(false),
                            }
                        })
                        .collect(),
                )
            })?;
            Box::new(move |inv| {
                inv.s3.pending.encryption.insert(b, v);
            })
        }
        "GetPublicAccessBlock" => {
            let v = per_bucket_optional(cx, &b, body, |r: PublicAccessBlockResponse| {
                Some(r.public_access_block_configuration)
            })?;
            Box::new(move |inv| {
                inv.s3.pending.public_access_block.insert(b, v);
            })
        }
        "GetBucketVersioning" => {
            let v = per_bucket(cx, &b, body, |r: Versioning| r)?;
            Box::new(move |inv| {
                inv.s3.pending.versioning.insert(b, v);
            })
        }
        "GetBucketLogging" => {
            let v = per_bucket_optional(cx, &b, body, |r: LoggingResponse| r.logging_enabled)?;
            Box::new(move |inv| {
                inv.s3.pending.logging.insert(b, v);
            })
        }
        "GetBucketLifecycleConfiguration" => {
            // `NoSuchLifecycleConfiguration` is a known "no rules", not a gap.
            let v = per_bucket_optional(cx, &b, body, |r: LifecycleResponse| {
                Some(r.rules.into_iter().map(LifecycleRule::from).collect())
            })?
            .map(Option::unwrap_or_default);
            Box::new(move |inv| {
                inv.s3.pending.lifecycle.insert(b, v);
            })
        }
        "GetBucketNotificationConfiguration" => {
            let v = per_bucket(cx, &b, body, |r: NotificationResponse| Notifications {
                topics: r.topic_configurations.into_iter().map(Into::into).collect(),
                queues: r.queue_configurations.into_iter().map(Into::into).collect(),
                lambdas: r
                    .lambda_function_configurations
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                event_bridge: r.event_bridge_configuration.is_some(),
            })?;
            Box::new(move |inv| {
                inv.s3.pending.notifications.insert(b, v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

/// Takes the joined value for `bucket`, or a "not collected" gap about it.
fn take<T>(
    map: &mut ByName<Observed<T>>,
    bucket: &str,
    op: &str,
    region: Option<&str>,
) -> Observed<T> {
    map.remove(bucket).unwrap_or_else(|| {
        Err(Gap::not_collected("s3", op, region).about(format!("bucket {bucket}")))
    })
}

impl S3 {
    /// Joins per-bucket calls onto the listed buckets; returns notes about calls for buckets
    /// that `ListBuckets` did not list (ignored, but never silently).
    pub(crate) fn finalize(&mut self, _regions: &[String], partition: &str) -> Vec<String> {
        let listed = std::mem::replace(
            &mut self.listed,
            Err(Gap::not_collected("s3", "ListBuckets", None)),
        );
        let p = &mut self.pending;
        self.buckets = listed.map(|list| {
            let mut seen: HashSet<String, foldhash::fast::RandomState> =
                HashSet::with_capacity_and_hasher(list.len(), Default::default());
            let mut out = Vec::with_capacity(list.len());
            for lb in list {
                // Several ListBuckets calls (one per region, or pages) list a bucket once each.
                if !seen.insert(lb.name.clone()) {
                    continue;
                }
                let name = lb.name;
                let region = match (p.location.remove(&name), lb.bucket_region) {
                    (Some(v), _) => v,
                    (None, Some(r)) if !r.is_empty() => Ok(r),
                    (None, _) => Err(Gap::not_collected("s3", "GetBucketLocation", None)
                        .about(format!("bucket {name}"))),
                };
                let r = region.as_ref().ok().map(String::as_str);
                out.push(Bucket {
                    arn: format!("arn:{partition}:s3:::{name}"),
                    creation_date: lb.creation_date,
                    policy: take(&mut p.policy, &name, "GetBucketPolicy", r),
                    policy_status_public: take(
                        &mut p.policy_status,
                        &name,
                        "GetBucketPolicyStatus",
                        r,
                    ),
                    acl: take(&mut p.acl, &name, "GetBucketAcl", r),
                    encryption: take(&mut p.encryption, &name, "GetBucketEncryption", r),
                    public_access_block: take(
                        &mut p.public_access_block,
                        &name,
                        "GetPublicAccessBlock",
                        r,
                    ),
                    versioning: take(&mut p.versioning, &name, "GetBucketVersioning", r),
                    logging: take(&mut p.logging, &name, "GetBucketLogging", r),
                    lifecycle: take(
                        &mut p.lifecycle,
                        &name,
                        "GetBucketLifecycleConfiguration",
                        r,
                    ),
                    notifications: take(
                        &mut p.notifications,
                        &name,
                        "GetBucketNotificationConfiguration",
                        r,
                    ),
                    region,
                    name,
                });
            }
            out
        });
        let p = std::mem::take(&mut self.pending);
        let mut notes = Vec::new();
        if self.buckets.is_ok() {
            let leftovers: [(&str, Vec<&String>); 10] = [
                ("GetBucketLocation", p.location.keys().collect()),
                ("GetBucketPolicy", p.policy.keys().collect()),
                ("GetBucketPolicyStatus", p.policy_status.keys().collect()),
                ("GetBucketAcl", p.acl.keys().collect()),
                ("GetBucketEncryption", p.encryption.keys().collect()),
                (
                    "GetPublicAccessBlock",
                    p.public_access_block.keys().collect(),
                ),
                ("GetBucketVersioning", p.versioning.keys().collect()),
                ("GetBucketLogging", p.logging.keys().collect()),
                (
                    "GetBucketLifecycleConfiguration",
                    p.lifecycle.keys().collect(),
                ),
                (
                    "GetBucketNotificationConfiguration",
                    p.notifications.keys().collect(),
                ),
            ];
            for (op, names) in leftovers {
                for n in names {
                    notes.push(format!(
                        "s3 {op} for bucket `{n}`: the bucket is not in ListBuckets; ignored"
                    ));
                }
            }
        }
        notes.sort();
        notes
    }

    /// Looks up a bucket by name.
    pub fn bucket(&self, name: &str) -> Option<&Bucket> {
        self.buckets.as_ref().ok()?.iter().find(|b| b.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const POLICY: &str = r#"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logs/*\"}]}"#;

    fn calls(per_bucket_first: bool) -> String {
        let list = r#"{"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "params": {},
            "response": {"Buckets": [{"Name": "logs", "CreationDate": "2024-01-02T03:04:05+00:00"},
                                     {"Name": "data", "CreationDate": "2024-01-02T03:04:05+00:00"}],
                         "Owner": {"DisplayName": "me", "ID": "abc"}}}"#;
        let per = format!(
            r#"{{"service": "s3", "operation": "GetBucketLocation", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"LocationConstraint": null}}}},
            {{"service": "s3", "operation": "GetBucketLocation", "region": "us-east-1", "params": {{"Bucket": "data"}},
              "response": {{"LocationConstraint": "EU"}}}},
            {{"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"Policy": "{POLICY}"}}}},
            {{"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1", "params": {{"Bucket": "data"}},
              "error": {{"code": "NoSuchBucketPolicy", "message": "The bucket policy does not exist"}}}},
            {{"service": "s3", "operation": "GetBucketPolicyStatus", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"PolicyStatus": {{"IsPublic": true}}}}}},
            {{"service": "s3", "operation": "GetBucketAcl", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"Owner": {{"DisplayName": "me", "ID": "abc"}},
                "Grants": [{{"Grantee": {{"DisplayName": "me", "ID": "abc", "Type": "CanonicalUser"}}, "Permission": "FULL_CONTROL"}},
                           {{"Grantee": {{"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}}, "Permission": "READ"}}]}}}},
            {{"service": "s3", "operation": "GetBucketEncryption", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"ServerSideEncryptionConfiguration": {{"Rules": [{{"ApplyServerSideEncryptionByDefault":
                  {{"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:123456789012:key/k1"}}, "BucketKeyEnabled": true}}]}}}}}},
            {{"service": "s3", "operation": "GetBucketEncryption", "region": "us-east-1", "params": {{"Bucket": "data"}},
              "error": {{"code": "AccessDenied", "message": "Access Denied"}}}},
            {{"service": "s3", "operation": "GetPublicAccessBlock", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "error": {{"code": "NoSuchPublicAccessBlockConfiguration", "message": "none"}}}},
            {{"service": "s3", "operation": "GetPublicAccessBlock", "region": "us-east-1", "params": {{"Bucket": "data"}},
              "response": {{"PublicAccessBlockConfiguration": {{"BlockPublicAcls": true, "IgnorePublicAcls": true,
                  "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}}}}},
            {{"service": "s3", "operation": "GetBucketVersioning", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"Status": "Enabled", "MFADelete": "Disabled"}}}},
            {{"service": "s3", "operation": "GetBucketVersioning", "region": "us-east-1", "params": {{"Bucket": "data"}},
              "response": {{}}}},
            {{"service": "s3", "operation": "GetBucketLogging", "region": "us-east-1", "params": {{"Bucket": "logs"}},
              "response": {{"LoggingEnabled": {{"TargetBucket": "audit", "TargetPrefix": "logs/"}}}}}},
            {{"service": "s3", "operation": "GetBucketLogging", "region": "us-east-1", "params": {{"Bucket": "data"}},
              "response": {{}}}},
            {{"service": "s3control", "operation": "GetPublicAccessBlock", "region": "us-east-1",
              "params": {{"AccountId": "123456789012"}},
              "response": {{"PublicAccessBlockConfiguration": {{"BlockPublicAcls": true, "IgnorePublicAcls": true,
                  "BlockPublicPolicy": true, "RestrictPublicBuckets": false}}}}}}"#
        );
        if per_bucket_first {
            format!("{per},{list}")
        } else {
            format!("{list},{per}")
        }
    }

    fn check(inv: &crate::Inventory) {
        let s3 = &inv.s3;
        let buckets = s3.buckets.as_ref().unwrap();
        assert_eq!(buckets.len(), 2);
        let logs = s3.bucket("logs").unwrap();
        assert_eq!(logs.arn, "arn:aws:s3:::logs");
        assert_eq!(logs.region.as_deref().unwrap(), "us-east-1");
        let policy = logs.policy.as_ref().unwrap().as_ref().unwrap();
        assert_eq!(policy.to_value()["Statement"][0]["Principal"], "*");
        assert_eq!(logs.policy_status_public, Ok(Some(true)));
        let acl = logs.acl.as_ref().unwrap();
        assert_eq!(acl.owner_id.as_deref(), Some("abc"));
        assert_eq!(acl.grants.len(), 2);
        assert_eq!(acl.grants[0].grantee_type, "CanonicalUser");
        assert!(acl.grants[1].is_all_users());
        assert_eq!(acl.grants[1].permission, "READ");
        let enc = logs.encryption.as_ref().unwrap().as_ref().unwrap();
        assert_eq!(enc[0].sse_algorithm.as_deref(), Some("aws:kms"));
        assert!(enc[0].bucket_key_enabled);
        assert_eq!(logs.public_access_block, Ok(None));
        assert!(logs.versioning.as_ref().unwrap().enabled());
        assert!(!logs.versioning.as_ref().unwrap().mfa_delete_enabled());
        assert_eq!(
            logs.logging
                .as_ref()
                .unwrap()
                .as_ref()
                .unwrap()
                .target_bucket,
            "audit"
        );

        let data = s3.bucket("data").unwrap();
        assert_eq!(data.region.as_deref().unwrap(), "eu-west-1");
        assert_eq!(data.policy, Ok(None));
        let denied = data.encryption.as_ref().unwrap_err();
        assert_eq!(denied.kind, GapKind::AccessDenied);
        assert_eq!(denied.subject.as_deref(), Some("bucket data"));
        assert!(
            data.public_access_block
                .as_ref()
                .unwrap()
                .unwrap()
                .all_blocked()
        );
        assert_eq!(data.versioning, Ok(Versioning::default()));
        assert_eq!(data.logging, Ok(None));
        let missing = data.acl.as_ref().unwrap_err();
        assert_eq!(missing.kind, GapKind::NotCollected);
        assert_eq!(missing.operation, "GetBucketAcl");
        assert_eq!(missing.subject.as_deref(), Some("bucket data"));

        let account = s3.account_public_access_block.clone().unwrap().unwrap();
        assert!(account.block_public_acls && !account.restrict_public_buckets);
    }

    #[test]
    fn joins_per_bucket_calls_in_any_order() {
        check(&test_load(&calls(false)).unwrap());
        check(&test_load(&calls(true)).unwrap());
    }

    #[test]
    fn nothing_collected_is_a_gap() {
        let inv = test_load("").unwrap();
        assert_eq!(inv.s3.buckets.unwrap_err().kind, GapKind::NotCollected);
        let g = inv.s3.account_public_access_block.unwrap_err();
        assert_eq!(
            (g.service.as_str(), g.kind),
            ("s3control", GapKind::NotCollected)
        );
    }

    #[test]
    fn list_denied_and_partition() {
        let inv = test_load(
            r#"{"service": "s3", "operation": "ListBuckets", "region": "us-east-1",
                "error": {"code": "AccessDenied", "message": "no"}},
               {"service": "s3control", "operation": "GetPublicAccessBlock", "region": "us-east-1",
                "params": {"AccountId": "123456789012"},
                "error": {"code": "NoSuchPublicAccessBlockConfiguration", "message": "none"}}"#,
        )
        .unwrap();
        assert_eq!(inv.s3.buckets.unwrap_err().kind, GapKind::AccessDenied);
        assert_eq!(inv.s3.account_public_access_block, Ok(None));

        let mut s3 = S3 {
            listed: Ok(vec![ListedBucket {
                name: "b".into(),
                creation_date: None,
                bucket_region: Some("cn-north-1".into()),
            }]),
            ..S3::default()
        };
        s3.finalize(&[], "aws-cn");
        let b = &s3.buckets.unwrap()[0];
        assert_eq!(b.arn, "arn:aws-cn:s3:::b");
        assert_eq!(b.region.as_deref().unwrap(), "cn-north-1");
    }

    #[test]
    fn lifecycle_and_notifications() {
        let per = |op: &str, b: &str, body: &str| {
            format!(
                r#"{{"service": "s3", "operation": "{op}", "region": "eu-west-1",
                    "params": {{"Bucket": "{b}"}}, {body}}}"#
            )
        };
        let lc = "GetBucketLifecycleConfiguration";
        let nc = "GetBucketNotificationConfiguration";
        let calls = [
            r#"{"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "params": {},
                "response": {"Buckets": [{"Name": "a"}, {"Name": "b"}, {"Name": "c"}, {"Name": "d"}]}}"#
                .to_string(),
            per(
                lc,
                "a",
                r#""response": {"Rules": [
                    {"Expiration": {"Days": 365}, "ID": "expire", "Filter": {"Prefix": "logs/"},
                     "Status": "Enabled",
                     "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}],
                     "NoncurrentVersionExpiration": {"NoncurrentDays": 90}},
                    {"ID": "old", "Prefix": "", "Status": "Disabled",
                     "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}],
                    "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}"#,
            ),
            per(
                lc,
                "b",
                r#""error": {"code": "NoSuchLifecycleConfiguration",
                    "message": "The lifecycle configuration does not exist"}"#,
            ),
            per(
                lc,
                "c",
                r#""error": {"code": "AccessDenied", "message": "Access Denied"}"#,
            ),
            per(
                nc,
                "a",
                r#""response": {"TopicConfigurations": [{"Id": "t1",
                    "TopicArn": "arn:aws:sns:eu-west-1:123456789012:uploads",
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "Prefix", "Value": "in/"}]}}}],
                    "QueueConfigurations": [{"Id": "q1",
                    "QueueArn": "arn:aws:sqs:eu-west-1:123456789012:jobs",
                    "Events": ["s3:ObjectRemoved:*"]}]}"#,
            ),
            per(nc, "b", r#""response": {}"#),
            per(nc, "c", r#""response": {"EventBridgeConfiguration": {}}"#),
            per(
                nc,
                "d",
                r#""response": {"LambdaFunctionConfigurations": [{
                    "LambdaFunctionArn": "arn:aws:lambda:eu-west-1:123456789012:function:f",
                    "Events": ["s3:ObjectCreated:Put"]}]}"#,
            ),
        ]
        .join(",");
        let inv = test_load(&calls).unwrap();
        let s3 = &inv.s3;
        let a = s3.bucket("a").unwrap();
        let rules = a.lifecycle.as_ref().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].id.as_deref(), Some("expire"));
        assert!(rules[0].enabled());
        assert_eq!(
            rules[0].actions,
            ["Expiration", "Transitions", "NoncurrentVersionExpiration"]
        );
        assert!(!rules[1].enabled());
        assert_eq!(rules[1].actions, ["AbortIncompleteMultipartUpload"]);
        let n = a.notifications.as_ref().unwrap();
        assert!(n.any());
        assert_eq!(
            n.topics[0].arn,
            "arn:aws:sns:eu-west-1:123456789012:uploads"
        );
        assert_eq!(n.topics[0].events, ["s3:ObjectCreated:*"]);
        assert_eq!(n.queues[0].id.as_deref(), Some("q1"));
        assert!(!n.event_bridge);

        let b = s3.bucket("b").unwrap();
        assert_eq!(b.lifecycle, Ok(vec![]));
        assert_eq!(b.notifications, Ok(Notifications::default()));
        assert!(!b.notifications.as_ref().unwrap().any());

        let c = s3.bucket("c").unwrap();
        let g = c.lifecycle.as_ref().unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
        assert_eq!(g.subject.as_deref(), Some("bucket c"));
        assert!(c.notifications.as_ref().unwrap().event_bridge);

        let d = s3.bucket("d").unwrap();
        let g = d.lifecycle.as_ref().unwrap_err();
        assert_eq!(g.kind, GapKind::NotCollected);
        assert_eq!(g.operation, "GetBucketLifecycleConfiguration");
        assert_eq!(
            d.notifications.as_ref().unwrap().lambdas[0].arn,
            "arn:aws:lambda:eu-west-1:123456789012:function:f"
        );

        let e = test_load(&per(
            lc,
            "a",
            r#""response": {"Rules": [{"ID": "x", "Status": 1}]}"#,
        ))
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.Rules[0].Status"));
        let e = test_load(&per(
            nc,
            "a",
            r#""response": {"QueueConfigurations": [{"Events": []}]}"#,
        ))
        .unwrap_err();
        assert!(e.to_string().contains("QueueArn"), "{e}");
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "s3", "operation": "GetBucketPolicyStatus", "region": "us-east-1",
                "params": {"Bucket": "b"}, "response": {"PolicyStatus": {"IsPublic": "yes"}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.PolicyStatus.IsPublic")
        );
        let e = test_load(
            r#"{"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1",
                "params": {}, "response": {"Policy": "{}"}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("params.Bucket"), "{e}");
    }
}

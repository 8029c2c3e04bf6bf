//! IAM: users, groups, roles, managed and inline policies (from
//! `GetAccountAuthorizationDetails`), the credential report, the password policy, virtual MFA
//! devices, the account summary and server certificates.

use super::{Apply, Tag, merge_list};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// IAM data of the account.
#[derive(Debug, Clone)]
pub struct Iam {
    pub users: Observed<Vec<User>>,
    pub groups: Observed<Vec<Group>>,
    pub roles: Observed<Vec<Role>>,
    /// Managed policies (AWS and customer managed) with their versions.
    pub policies: Observed<Vec<ManagedPolicy>>,
    pub credential_report: Observed<CredentialReport>,
    /// `Ok(None)`: the account has no password policy (`NoSuchEntity`).
    pub password_policy: Observed<Option<PasswordPolicy>>,
    pub virtual_mfa_devices: Observed<Vec<VirtualMfaDevice>>,
    /// `GetAccountSummary` `SummaryMap` (`AccountMFAEnabled`, `AccountAccessKeysPresent`, ...).
    pub account_summary: Observed<BTreeMap<String, i64>>,
    pub server_certificates: Observed<Vec<ServerCertificate>>,
}

fn nc(op: &str) -> Gap {
    Gap::not_collected("iam", op, None)
}

impl Default for Iam {
    fn default() -> Self {
        let gaad = "GetAccountAuthorizationDetails";
        Iam {
            users: Err(nc(gaad)),
            groups: Err(nc(gaad)),
            roles: Err(nc(gaad)),
            policies: Err(nc(gaad)),
            credential_report: Err(nc("GetCredentialReport")),
            password_policy: Err(nc("GetAccountPasswordPolicy")),
            virtual_mfa_devices: Err(nc("ListVirtualMFADevices")),
            account_summary: Err(nc("GetAccountSummary")),
            server_certificates: Err(nc("ListServerCertificates")),
        }
    }
}

impl Iam {
    pub(crate) fn finalize(&mut self, _account: &str, _partition: &str) {}

    /// Looks up a managed policy by ARN.
    pub fn policy(&self, arn: &str) -> Option<&ManagedPolicy> {
        self.policies.as_ref().ok()?.iter().find(|p| p.arn == arn)
    }
}

/// A policy embedded in a user, group or role.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InlinePolicy {
    pub policy_name: String,
    pub policy_document: PolicyDocument,
}

/// A managed policy attached to a user, group or role.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedPolicy {
    pub policy_name: String,
    pub policy_arn: String,
}

/// A permissions boundary set on a user or role.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PermissionsBoundary {
    #[serde(default)]
    pub permissions_boundary_type: Option<String>,
    pub permissions_boundary_arn: String,
}

/// An IAM user.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct User {
    #[serde(default)]
    pub path: String,
    pub user_name: String,
    #[serde(default)]
    pub user_id: String,
    pub arn: String,
    pub create_date: Option<Timestamp>,
    #[serde(default, rename = "UserPolicyList")]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default, rename = "GroupList")]
    pub groups: Vec<String>,
    #[serde(default, rename = "AttachedManagedPolicies")]
    pub attached_policies: Vec<AttachedPolicy>,
    #[serde(default)]
    pub permissions_boundary: Option<PermissionsBoundary>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// An IAM group.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Group {
    #[serde(default)]
    pub path: String,
    pub group_name: String,
    #[serde(default)]
    pub group_id: String,
    pub arn: String,
    pub create_date: Option<Timestamp>,
    #[serde(default, rename = "GroupPolicyList")]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default, rename = "AttachedManagedPolicies")]
    pub attached_policies: Vec<AttachedPolicy>,
}

/// An instance profile, as listed inside a role.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceProfileRef {
    pub instance_profile_name: String,
    pub arn: String,
}

/// When and where a role was last used.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleLastUsed {
    pub last_used_date: Option<Timestamp>,
    pub region: Option<String>,
}

/// An IAM role.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Role {
    #[serde(default)]
    pub path: String,
    pub role_name: String,
    #[serde(default)]
    pub role_id: String,
    pub arn: String,
    pub create_date: Option<Timestamp>,
    /// The trust policy.
    pub assume_role_policy_document: Option<PolicyDocument>,
    #[serde(default, rename = "RolePolicyList")]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default, rename = "AttachedManagedPolicies")]
    pub attached_policies: Vec<AttachedPolicy>,
    #[serde(default, rename = "InstanceProfileList")]
    pub instance_profiles: Vec<InstanceProfileRef>,
    #[serde(default)]
    pub permissions_boundary: Option<PermissionsBoundary>,
    #[serde(default)]
    pub role_last_used: Option<RoleLastUsed>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl Role {
    /// Service-linked roles live under `/aws-service-role/` and are managed by AWS.
    pub fn is_service_linked(&self) -> bool {
        self.path.starts_with("/aws-service-role/")
    }
}

/// One version of a managed policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyVersion {
    pub document: Option<PolicyDocument>,
    pub version_id: String,
    #[serde(default)]
    pub is_default_version: bool,
    pub create_date: Option<Timestamp>,
}

/// A managed policy, AWS or customer managed.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ManagedPolicy {
    /// Always present from AWS; some emulators omit it, so it falls back to the ARN's last part.
    #[serde(default)]
    pub policy_name: String,
    #[serde(default)]
    pub policy_id: String,
    pub arn: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub default_version_id: Option<String>,
    #[serde(default)]
    pub attachment_count: u64,
    #[serde(default)]
    pub is_attachable: Option<bool>,
    #[serde(default, rename = "PolicyVersionList")]
    pub versions: Vec<PolicyVersion>,
}

impl ManagedPolicy {
    /// AWS managed policies have ARNs in the `aws` account (`arn:aws:iam::aws:policy/...`).
    pub fn is_aws_managed(&self) -> bool {
        self.arn.contains(":iam::aws:policy/")
    }

    /// The default version's document, the one that is in force.
    pub fn default_document(&self) -> Option<&PolicyDocument> {
        let by_flag = self.versions.iter().find(|v| v.is_default_version);
        let by_id = || {
            let id = self.default_version_id.as_deref()?;
            self.versions.iter().find(|v| v.version_id == id)
        };
        by_flag.or_else(by_id).and_then(|v| v.document.as_ref())
    }
}

/// The account password policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PasswordPolicy {
    pub minimum_password_length: Option<u32>,
    #[serde(default)]
    pub require_symbols: bool,
    #[serde(default)]
    pub require_numbers: bool,
    #[serde(default)]
    pub require_uppercase_characters: bool,
    #[serde(default)]
    pub require_lowercase_characters: bool,
    #[serde(default)]
    pub allow_users_to_change_password: bool,
    #[serde(default)]
    pub expire_passwords: bool,
    pub max_password_age: Option<u32>,
    pub password_reuse_prevention: Option<u32>,
    #[serde(default)]
    pub hard_expiry: bool,
}

/// A virtual MFA device and the user it is assigned to.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VirtualMfaDevice {
    pub serial_number: String,
    #[serde(default)]
    pub user: Option<MfaUser>,
    pub enable_date: Option<Timestamp>,
}

/// The user a virtual MFA device is assigned to.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaUser {
    pub arn: String,
    #[serde(default)]
    pub user_name: Option<String>,
}

/// A server certificate stored in IAM.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServerCertificate {
    #[serde(default)]
    pub path: String,
    pub server_certificate_name: String,
    #[serde(default)]
    pub server_certificate_id: String,
    pub arn: String,
    pub upload_date: Option<Timestamp>,
    pub expiration: Option<Timestamp>,
}

/// A time in the credential report, which also says "never" and "unknown" in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredTime {
    At(Timestamp),
    /// `N/A`: never happened (never used, never rotated).
    Never,
    /// `no_information`: IAM has no record (use before Oct 2014, or no use since tracking).
    NoInformation,
    /// `not_supported`: not applicable to this row (root's password fields).
    NotSupported,
}

impl CredTime {
    fn parse(s: &str) -> Option<CredTime> {
        match s {
            "N/A" | "" => Some(CredTime::Never),
            "no_information" => Some(CredTime::NoInformation),
            "not_supported" => Some(CredTime::NotSupported),
            _ => Timestamp::parse(s).map(CredTime::At),
        }
    }

    /// The time, when there is one.
    pub fn at(self) -> Option<Timestamp> {
        match self {
            CredTime::At(t) => Some(t),
            _ => None,
        }
    }
}

/// One access key slot of a credential report row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySlot {
    pub active: bool,
    pub last_rotated: CredTime,
    pub last_used: CredTime,
}

/// One row of the credential report (one user, or `<root_account>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRow {
    pub user: String,
    pub arn: String,
    pub user_creation_time: Option<Timestamp>,
    /// `None` for root, where the report says `not_supported`.
    pub password_enabled: Option<bool>,
    pub password_last_used: CredTime,
    pub password_last_changed: CredTime,
    pub mfa_active: bool,
    pub access_keys: [KeySlot; 2],
    pub certs_active: [bool; 2],
}

impl CredentialRow {
    /// The root user's row is named `<root_account>`.
    pub fn is_root(&self) -> bool {
        self.user == "<root_account>"
    }
}

/// The IAM credential report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialReport {
    pub generated_time: Option<Timestamp>,
    pub rows: Vec<CredentialRow>,
}

impl CredentialReport {
    /// The root user's row.
    pub fn root(&self) -> Option<&CredentialRow> {
        self.rows.iter().find(|r| r.is_root())
    }

    /// Every IAM user's row (root excluded).
    pub fn users(&self) -> impl Iterator<Item = &CredentialRow> {
        self.rows.iter().filter(|r| !r.is_root())
    }
}

/// The authorization details with each list element still raw, so elements parse in parallel
/// (one merged response can hold tens of thousands of roles).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GaadRaw<'a> {
    #[serde(default, borrow)]
    user_detail_list: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    group_detail_list: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    role_detail_list: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    policies: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GaadResponse {
    #[serde(default)]
    user_detail_list: Vec<User>,
    #[serde(default)]
    group_detail_list: Vec<Group>,
    #[serde(default)]
    role_detail_list: Vec<Role>,
    #[serde(default)]
    policies: Vec<ManagedPolicy>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialReportResponse {
    content: String,
    #[serde(default)]
    generated_time: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PasswordPolicyResponse {
    password_policy: PasswordPolicy,
}

#[derive(Deserialize)]
struct VirtualMfaResponse {
    #[serde(rename = "VirtualMFADevices", default)]
    devices: Vec<VirtualMfaDevice>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SummaryResponse {
    summary_map: BTreeMap<String, i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ServerCertificatesResponse {
    #[serde(default)]
    server_certificate_metadata_list: Vec<ServerCertificate>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "GetAccountAuthorizationDetails" => {
            let v = match body {
                Body::Response(raw) => match serde_json::from_str::<GaadRaw<'_>>(raw.get()) {
                    Ok(g) => Ok(GaadResponse {
                        user_detail_list: cx
                            .elements(&g.user_detail_list, "response.UserDetailList")?,
                        group_detail_list: cx
                            .elements(&g.group_detail_list, "response.GroupDetailList")?,
                        role_detail_list: cx
                            .elements(&g.role_detail_list, "response.RoleDetailList")?,
                        policies: cx.elements(&g.policies, "response.Policies")?,
                    }),
                    // The shape is wrong: the full typed parse names the place.
                    Err(_) => Ok(cx.response::<GaadResponse>(raw)?),
                },
                Body::Error(e) => Err(cx.gap(&e)),
            };
            Box::new(move |inv| {
                let iam = &mut inv.iam;
                match v {
                    Ok(mut r) => {
                        for p in r.policies.iter_mut().filter(|p| p.policy_name.is_empty()) {
                            p.policy_name =
                                p.arn.rsplit('/').next().unwrap_or_default().to_string();
                        }
                        merge_list(&mut iam.users, Ok(r.user_detail_list));
                        merge_list(&mut iam.groups, Ok(r.group_detail_list));
                        merge_list(&mut iam.roles, Ok(r.role_detail_list));
                        merge_list(&mut iam.policies, Ok(r.policies));
                    }
                    Err(g) => {
                        merge_list(&mut iam.users, Err(g.clone()));
                        merge_list(&mut iam.groups, Err(g.clone()));
                        merge_list(&mut iam.roles, Err(g.clone()));
                        merge_list(&mut iam.policies, Err(g));
                    }
                }
            })
        }
        "GetCredentialReport" => {
            let v = match body {
                Body::Response(raw) => {
                    let r: CredentialReportResponse = cx.response(raw)?;
                    Ok(parse_credential_report(cx, &r.content, r.generated_time)?)
                }
                Body::Error(e) => Err(cx.gap(&e)),
            };
            Box::new(move |inv| inv.iam.credential_report = v)
        }
        "GetAccountPasswordPolicy" => {
            let v =
                cx.observe_optional(body, |r: PasswordPolicyResponse| Some(r.password_policy))?;
            Box::new(move |inv| inv.iam.password_policy = v)
        }
        "ListVirtualMFADevices" => {
            let v = cx.observe(body, |r: VirtualMfaResponse| r.devices)?;
            Box::new(move |inv| merge_list(&mut inv.iam.virtual_mfa_devices, v))
        }
        "GetAccountSummary" => {
            let v = cx.observe(body, |r: SummaryResponse| r.summary_map)?;
            Box::new(move |inv| inv.iam.account_summary = v)
        }
        "ListServerCertificates" => {
            let v = cx.observe(body, |r: ServerCertificatesResponse| {
                r.server_certificate_metadata_list
            })?;
            Box::new(move |inv| merge_list(&mut inv.iam.server_certificates, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

/// Parses the credential report CSV. `content` is base64 (as the AWS CLI prints the blob) or the
/// CSV text itself (as some tools save it).
fn parse_credential_report(
    cx: &CallCx<'_>,
    content: &str,
    generated_time: Option<Timestamp>,
) -> Result<CredentialReport, LoadError> {
    let path = Some("response.Content");
    let csv_text = if content.trim_start().starts_with("user,") {
        content.to_string()
    } else {
        let cleaned: String = content.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(cleaned.as_bytes())
            .map_err(|e| cx.error(path, format!("credential report is not base64: {e}")))?;
        String::from_utf8(bytes)
            .map_err(|_| cx.error(path, "credential report is not UTF-8 text"))?
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| cx.error(path, format!("credential report header: {e}")))?
        .clone();
    let col = |name: &str| -> Result<usize, LoadError> {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| cx.error(path, format!("credential report has no `{name}` column")))
    };
    let c = Columns {
        user: col("user")?,
        arn: col("arn")?,
        created: col("user_creation_time")?,
        pw_enabled: col("password_enabled")?,
        pw_used: col("password_last_used")?,
        pw_changed: col("password_last_changed")?,
        mfa: col("mfa_active")?,
        keys: [
            [
                col("access_key_1_active")?,
                col("access_key_1_last_rotated")?,
                col("access_key_1_last_used_date")?,
            ],
            [
                col("access_key_2_active")?,
                col("access_key_2_last_rotated")?,
                col("access_key_2_last_used_date")?,
            ],
        ],
        certs: [col("cert_1_active")?, col("cert_2_active")?],
    };
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec =
            rec.map_err(|e| cx.error(path, format!("credential report row {}: {e}", i + 1)))?;
        let field = |idx: usize| rec.get(idx).unwrap_or("");
        let user = field(c.user).to_string();
        let bad = |name: &str, v: &str, want: &str| {
            cx.error(
                path,
                format!(
                    "credential report row {} (`{user}`), column `{name}`: `{v}` is not {want}",
                    i + 1
                ),
            )
        };
        let boolean = |idx: usize, name: &str| -> Result<Option<bool>, LoadError> {
            match field(idx) {
                "true" | "TRUE" | "True" => Ok(Some(true)),
                "false" | "FALSE" | "False" => Ok(Some(false)),
                "not_supported" => Ok(None),
                v => Err(bad(name, v, "true or false")),
            }
        };
        let time = |idx: usize, name: &str| -> Result<CredTime, LoadError> {
            let v = field(idx);
            CredTime::parse(v).ok_or_else(|| bad(name, v, "a time, N/A or no_information"))
        };
        let key = |k: usize| -> Result<KeySlot, LoadError> {
            Ok(KeySlot {
                active: boolean(c.keys[k][0], "access_key_N_active")?.unwrap_or(false),
                last_rotated: time(c.keys[k][1], "access_key_N_last_rotated")?,
                last_used: time(c.keys[k][2], "access_key_N_last_used_date")?,
            })
        };
        rows.push(CredentialRow {
            arn: field(c.arn).to_string(),
            user_creation_time: time(c.created, "user_creation_time")?.at(),
            password_enabled: boolean(c.pw_enabled, "password_enabled")?,
            password_last_used: time(c.pw_used, "password_last_used")?,
            password_last_changed: time(c.pw_changed, "password_last_changed")?,
            mfa_active: boolean(c.mfa, "mfa_active")?.unwrap_or(false),
            access_keys: [key(0)?, key(1)?],
            certs_active: [
                boolean(c.certs[0], "cert_1_active")?.unwrap_or(false),
                boolean(c.certs[1], "cert_2_active")?.unwrap_or(false),
            ],
            user,
        });
    }
    Ok(CredentialReport {
        generated_time,
        rows,
    })
}

struct Columns {
    user: usize,
    arn: usize,
    created: usize,
    pw_enabled: usize,
    pw_used: usize,
    pw_changed: usize,
    mfa: usize,
    keys: [[usize; 3]; 2],
    certs: [usize; 2],
}

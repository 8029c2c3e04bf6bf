//! IAM helpers shared by checks: credential-report ages and the usual resource references.

use crate::run::Context;
use rampart_model::ResourceRef;
use rampart_model::ResourceType;
use rampart_model::inventory::iam::{CredTime, CredentialRow};

/// The resource a credential report row is about (a user, or the account for root).
pub fn row_resource(cx: &Context<'_>, row: &CredentialRow) -> ResourceRef {
    if row.is_root() {
        cx.account()
    } else {
        cx.iam(ResourceType::IamUser, &row.user, &row.arn)
    }
}

/// Days since a credential-report time, `None` when there is no time.
pub fn days_since(cx: &Context<'_>, t: CredTime) -> Option<i64> {
    t.at().map(|t| cx.days_since(t))
}

/// Describes a credential-report time for messages.
pub fn describe(cx: &Context<'_>, t: CredTime) -> String {
    match t {
        CredTime::At(ts) => format!("{} ({} days ago)", ts, cx.days_since(ts)),
        CredTime::Never => "never".into(),
        CredTime::NoInformation => "no information".into(),
        CredTime::NotSupported => "not applicable".into(),
    }
}

use rampart_model::PolicyDocument;
use rampart_model::inventory::iam::ManagedPolicy;

/// Whether a policy document grants every action on every resource without a condition, and
/// the statement that does. Parse errors are returned so checks can fail closed (UNKNOWN).
pub fn full_admin_statement(doc: &PolicyDocument) -> Result<Option<String>, String> {
    let p = rampart_policy::Policy::parse_str(doc.as_str()).map_err(|e| e.to_string())?;
    Ok(p.grants_full_admin().map(|s| s.to_string()))
}

/// Whether a managed policy's default version grants full admin (`Some(statement)`), judged by
/// the policy engine. Reports UNKNOWN itself (and returns `None`) when the default version is
/// missing or cannot be parsed, so callers only handle the two real answers.
pub fn managed_full_admin(
    cx: &Context<'_>,
    p: &ManagedPolicy,
    out: &mut crate::run::Outcomes,
) -> Option<Option<String>> {
    let res = cx.iam(ResourceType::IamPolicy, &p.policy_name, &p.arn);
    let Some(doc) = p.default_document() else {
        let gap = rampart_model::Gap::not_collected("iam", "GetAccountAuthorizationDetails", None)
            .about(format!("default version of policy {}", p.policy_name));
        out.unknown(res, "what the policy grants", &gap);
        return None;
    };
    match full_admin_statement(doc) {
        Ok(v) => Some(v),
        Err(e) => {
            let msg = format!("cannot tell what policy `{}` grants: {e}", p.policy_name);
            out.push_unknown_message(res, msg, serde_json::json!({"parse_error": e}));
            None
        }
    }
}

/// Who a managed policy is attached to (users, groups, roles), from the authorization details.
pub fn attachments<'a>(
    cx: &'a Context<'_>,
    policy_arn: &str,
) -> Vec<(ResourceType, &'a str, &'a str)> {
    let iam = &cx.inv.iam;
    let mut out = Vec::new();
    if let Ok(users) = &iam.users {
        for u in users.iter().filter(|u| {
            u.attached_policies
                .iter()
                .any(|a| a.policy_arn == policy_arn)
        }) {
            out.push((ResourceType::IamUser, u.user_name.as_str(), u.arn.as_str()));
        }
    }
    if let Ok(groups) = &iam.groups {
        for g in groups.iter().filter(|g| {
            g.attached_policies
                .iter()
                .any(|a| a.policy_arn == policy_arn)
        }) {
            out.push((
                ResourceType::IamGroup,
                g.group_name.as_str(),
                g.arn.as_str(),
            ));
        }
    }
    if let Ok(roles) = &iam.roles {
        for r in roles.iter().filter(|r| {
            r.attached_policies
                .iter()
                .any(|a| a.policy_arn == policy_arn)
        }) {
            out.push((ResourceType::IamRole, r.role_name.as_str(), r.arn.as_str()));
        }
    }
    out
}

/// Every managed policy ARN with the users, groups and roles it is attached to, built once so
/// checks over many policies stay linear.
pub fn attachment_index<'a>(
    cx: &'a Context<'_>,
) -> std::collections::HashMap<&'a str, Vec<(ResourceType, &'a str, &'a str)>> {
    let iam = &cx.inv.iam;
    let mut idx: std::collections::HashMap<&str, Vec<_>> = std::collections::HashMap::new();
    for u in iam.users.iter().flatten() {
        for a in &u.attached_policies {
            idx.entry(a.policy_arn.as_str()).or_default().push((
                ResourceType::IamUser,
                u.user_name.as_str(),
                u.arn.as_str(),
            ));
        }
    }
    for g in iam.groups.iter().flatten() {
        for a in &g.attached_policies {
            idx.entry(a.policy_arn.as_str()).or_default().push((
                ResourceType::IamGroup,
                g.group_name.as_str(),
                g.arn.as_str(),
            ));
        }
    }
    for r in iam.roles.iter().flatten() {
        for a in &r.attached_policies {
            idx.entry(a.policy_arn.as_str()).or_default().push((
                ResourceType::IamRole,
                r.role_name.as_str(),
                r.arn.as_str(),
            ));
        }
    }
    idx
}

/// The ARN of an AWS managed policy in this account's partition.
pub fn aws_managed_arn(cx: &Context<'_>, name: &str) -> String {
    format!("arn:{}:iam::aws:policy/{name}", cx.inv.partition)
}

/// Whether a managed policy is attached to anything (its count, or any entity naming it).
pub fn is_attached(
    p: &ManagedPolicy,
    index: &std::collections::HashMap<&str, Vec<(ResourceType, &str, &str)>>,
) -> bool {
    p.attachment_count > 0 || index.contains_key(p.arn.as_str())
}

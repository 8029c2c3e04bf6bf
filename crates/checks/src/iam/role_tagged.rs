//! IAM roles carry at least one tag.
//!
//! ## What it checks
//! Every IAM role (`iam GetAccountAuthorizationDetails`, `RoleDetailList[].Tags`), service-linked
//! roles included: it must carry at least one tag whose key does not begin with `aws:` (system
//! tags are ignored). This is the Security Hub control with its `requiredTagKeys` parameter
//! unset (no default value): only the existence of a tag is checked.
//!
//! ## Why it matters
//! Tags name a role's owner, purpose and environment: an untagged role is hard to attribute
//! during a review or an incident, and cannot take part in tag-based (ABAC) access control.
//!
//! ## Remediation
//! ```sh
//! aws iam tag-role --role-name app-server --tags Key=owner,Value=platform-team
//! ```
//! Terraform: `tags = { owner = "platform-team" }` on `aws_iam_role` (or `default_tags` on the
//! AWS provider).
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-24
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags_roles.html

use crate::prelude::*;
use rampart_model::inventory::Tag;

pub static CHECK: Check = Check {
    id: "iam.role_tagged",
    title: "IAM roles are tagged",
    severity: Severity::Low,
    resource_type: ResourceType::IamRole,
    compliance: &[fsbp("IAM.24")],
    related: &["iam.user_tagged"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The keys of the tags that are not system (`aws:`) tags.
pub(crate) fn user_tag_keys(tags: &[Tag]) -> Vec<&str> {
    tags.iter()
        .map(|t| t.key.as_str())
        .filter(|k| !k.starts_with("aws:"))
        .collect()
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let roles = match &cx.inv.iam.roles {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "which IAM roles are tagged", g),
    };
    for r in roles {
        let res = cx.iam(ResourceType::IamRole, &r.role_name, &r.arn);
        let keys = user_tag_keys(&r.tags);
        let all: Vec<&str> = r.tags.iter().map(|t| t.key.as_str()).collect();
        let ev = json!({"tag_keys": all});
        if keys.is_empty() {
            out.fail(
                res,
                format!(
                    "role `{}` has no tags (other than `aws:` system tags)",
                    r.role_name
                ),
                ev,
            );
        } else {
            out.pass(
                res,
                format!("role `{}` is tagged ({})", r.role_name, keys.join(", ")),
                ev,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// A role as `aws iam get-account-authorization-details` prints it; `tags: None` leaves
    /// `Tags` out, as AWS does for an untagged role.
    fn role(name: &str, path: &str, tags: Option<Value>) -> Value {
        let mut r = json!({"Path": path, "RoleName": name, "RoleId": "AROAEXAMPLEID",
            "Arn": format!("arn:aws:iam::123456789012:role{path}{name}"),
            "CreateDate": "2025-01-01T00:00:00+00:00",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
            "RoleLastUsed": {}});
        if let Some(t) = tags {
            r["Tags"] = t;
        }
        r
    }

    #[test]
    fn fails_untagged_or_system_tagged_roles() {
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([
                role(
                    "app",
                    "/",
                    Some(json!([{"Key": "owner", "Value": "platform"}]))
                ),
                role("bare", "/", None),
                role("empty", "/", Some(json!([]))),
                role(
                    "stack",
                    "/",
                    Some(json!([{"Key": "aws:cloudformation:stack-name", "Value": "s"}]))
                ),
                role(
                    "AWSServiceRoleForSupport",
                    "/aws-service-role/support.amazonaws.com/",
                    None
                ),
            ]),
            json!([]),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("app".into(), Status::Pass),
                ("bare".into(), Status::Fail),
                ("empty".into(), Status::Fail),
                ("stack".into(), Status::Fail),
                ("AWSServiceRoleForSupport".into(), Status::Fail),
            ]
        );
    }

    #[test]
    fn unknown_when_details_denied() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![gaad_denied()]))),
            Status::Unknown
        );
    }
}

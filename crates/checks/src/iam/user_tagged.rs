//! IAM users carry at least one tag.
//!
//! ## What it checks
//! Every IAM user (`iam GetAccountAuthorizationDetails`, `UserDetailList[].Tags`): it must carry
//! at least one tag whose key does not begin with `aws:` (system tags are ignored). This is the
//! Security Hub control with its `requiredTagKeys` parameter unset (no default value): only the
//! existence of a tag is checked.
//!
//! ## Why it matters
//! Tags name a user's owner, team or purpose: an untagged user is hard to attribute during an
//! access review or an incident, and cannot take part in tag-based (ABAC) access control.
//!
//! ## Remediation
//! ```sh
//! aws iam tag-user --user-name deploy-bot --tags Key=owner,Value=platform-team
//! ```
//! Terraform: `tags = { owner = "platform-team" }` on `aws_iam_user` (or `default_tags` on the
//! AWS provider).
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-25
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags_users.html

use crate::iam::role_tagged::user_tag_keys;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.user_tagged",
    title: "IAM users are tagged",
    severity: Severity::Low,
    resource_type: ResourceType::IamUser,
    compliance: &[fsbp("IAM.25")],
    related: &["iam.role_tagged"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let users = match &cx.inv.iam.users {
        Ok(u) => u,
        Err(g) => return out.unknown(cx.account(), "which IAM users are tagged", g),
    };
    for u in users {
        let res = cx.iam(ResourceType::IamUser, &u.user_name, &u.arn);
        let keys = user_tag_keys(&u.tags);
        let all: Vec<&str> = u.tags.iter().map(|t| t.key.as_str()).collect();
        let ev = json!({"tag_keys": all});
        if keys.is_empty() {
            out.fail(
                res,
                format!(
                    "user `{}` has no tags (other than `aws:` system tags)",
                    u.user_name
                ),
                ev,
            );
        } else {
            out.pass(
                res,
                format!("user `{}` is tagged ({})", u.user_name, keys.join(", ")),
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

    /// A user as `aws iam get-account-authorization-details` prints it; `tags: None` leaves
    /// `Tags` out, as AWS does for an untagged user.
    fn user(name: &str, tags: Option<Value>) -> Value {
        let mut u = json!({"Path": "/", "UserName": name, "UserId": "AIDAEXAMPLEID",
            "Arn": format!("arn:aws:iam::123456789012:user/{name}"),
            "CreateDate": "2025-01-01T00:00:00+00:00", "UserPolicyList": [], "GroupList": [],
            "AttachedManagedPolicies": []});
        if let Some(t) = tags {
            u["Tags"] = t;
        }
        u
    }

    #[test]
    fn fails_untagged_users() {
        let inv = inventory(vec![gaad(
            json!([
                user("alice", Some(json!([{"Key": "team", "Value": "security"}]))),
                user("bob", None),
                user("carol", Some(json!([]))),
                user(
                    "dave",
                    Some(json!([{"Key": "aws:createdBy", "Value": "x"}]))
                ),
            ]),
            json!([]),
            json!([]),
            json!([]),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("alice".into(), Status::Pass),
                ("bob".into(), Status::Fail),
                ("carol".into(), Status::Fail),
                ("dave".into(), Status::Fail),
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

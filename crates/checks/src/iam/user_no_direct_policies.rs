//! IAM users receive permissions only through groups.
//!
//! ## What it checks
//! Each IAM user (`GetAccountAuthorizationDetails`): it must have no inline policy
//! (`UserPolicyList`) and no directly attached managed policy (`AttachedManagedPolicies`).
//!
//! ## Why it matters
//! Permissions granted user by user drift apart and are hard to review; granting them through
//! groups (or roles) keeps access consistent and auditable.
//!
//! ## Remediation
//! Move the permissions to a group and add the user to it, then remove the user's own policies:
//! ```sh
//! aws iam add-user-to-group --user-name bob --group-name Developers
//! aws iam detach-user-policy --user-name bob --policy-arn arn:aws:iam::123456789012:policy/BobExtra
//! aws iam delete-user-policy --user-name bob --policy-name inline-s3
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.user_no_direct_policies",
    title: "IAM users receive permissions only through groups",
    severity: Severity::Low,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.14"), fsbp("IAM.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let users = match &cx.inv.iam.users {
        Ok(u) => u,
        Err(g) => return out.unknown(cx.account(), "which policies users have", g),
    };
    for u in users {
        let res = cx.iam(ResourceType::IamUser, &u.user_name, &u.arn);
        let inline: Vec<&str> = u
            .inline_policies
            .iter()
            .map(|p| p.policy_name.as_str())
            .collect();
        let attached: Vec<&str> = u
            .attached_policies
            .iter()
            .map(|p| p.policy_arn.as_str())
            .collect();
        let ev =
            json!({"inline_policies": inline, "attached_policies": attached, "groups": u.groups});
        if inline.is_empty() && attached.is_empty() {
            out.pass(
                res,
                format!("user `{}` has no policies of its own", u.user_name),
                ev,
            );
        } else {
            out.fail(
                res,
                format!(
                    "user `{}` has {} inline and {} attached policies of its own",
                    u.user_name,
                    inline.len(),
                    attached.len()
                ),
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

    fn user(
        name: &str,
        inline: serde_json::Value,
        attached: serde_json::Value,
    ) -> serde_json::Value {
        json!({"Path": "/", "UserName": name, "UserId": "AIDAEXAMPLE", "Arn": format!("arn:aws:iam::123456789012:user/{name}"),
               "CreateDate": "2025-01-01T00:00:00+00:00", "UserPolicyList": inline, "GroupList": ["Developers"],
               "AttachedManagedPolicies": attached, "Tags": []})
    }

    #[test]
    fn fails_inline_or_attached_user_policies() {
        let inline = json!([{"PolicyName": "s3", "PolicyDocument": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}]);
        let attached = json!([{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]);
        let inv = inventory(vec![gaad(
            json!([
                user("bob", inline, json!([])),
                user("eve", json!([]), attached),
                user("alice", json!([]), json!([]))
            ]),
            json!([]),
            json!([]),
            json!([]),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("bob".into(), Status::Fail),
                ("eve".into(), Status::Fail),
                ("alice".into(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_when_details_denied() {
        let inv = inventory(vec![gaad_denied()]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

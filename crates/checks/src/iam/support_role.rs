//! A support role exists to manage incidents with AWS Support.
//!
//! ## What it checks
//! That at least one IAM role has the AWS managed policy `AWSSupportAccess` attached
//! (`GetAccountAuthorizationDetails`). CIS requires a *role*; a user or group with the policy
//! does not pass (Security Hub's IAM.18 is looser and accepts any attachment).
//!
//! ## Why it matters
//! During an incident, the people who must open and follow AWS Support cases need a ready,
//! least-privilege way to do it, rather than borrowing broad credentials.
//!
//! ## Remediation
//! ```sh
//! aws iam create-role --role-name SupportRole --assume-role-policy-document file://trust.json
//! aws iam attach-role-policy --role-name SupportRole --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess
//! ```
//! Terraform: `aws_iam_role` plus `aws_iam_role_policy_attachment` with the policy ARN above.
//!
//! ## References
//! - https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-18

use crate::prelude::*;
use crate::support::iam::aws_managed_arn;

pub static CHECK: Check = Check {
    id: "iam.support_role",
    title: "A role for AWS Support incidents exists",
    severity: Severity::Low,
    resource_type: ResourceType::Account,
    compliance: &[cis("1.16"), fsbp("IAM.18")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let roles = match &cx.inv.iam.roles {
        Ok(r) => r,
        Err(g) => return out.unknown(cx.account(), "whether a support role exists", g),
    };
    let arn = aws_managed_arn(cx, "AWSSupportAccess");
    let with: Vec<&str> = roles
        .iter()
        .filter(|r| r.attached_policies.iter().any(|a| a.policy_arn == arn))
        .map(|r| r.arn.as_str())
        .collect();
    if with.is_empty() {
        out.fail(
            cx.account(),
            "no IAM role has the AWSSupportAccess policy attached",
            json!({"policy": arn}),
        );
    } else {
        out.pass(
            cx.account(),
            format!("{} role(s) have AWSSupportAccess", with.len()),
            json!({"roles": with}),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn role(name: &str, policy: &str) -> serde_json::Value {
        json!({"Path": "/", "RoleName": name, "RoleId": "AROAEXAMPLE", "Arn": format!("arn:aws:iam::123456789012:role/{name}"),
               "CreateDate": "2025-01-01T00:00:00+00:00",
               "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]},
               "InstanceProfileList": [], "RolePolicyList": [],
               "AttachedManagedPolicies": [{"PolicyName": policy, "PolicyArn": format!("arn:aws:iam::aws:policy/{policy}")}],
               "Tags": [], "RoleLastUsed": {}})
    }

    #[test]
    fn passes_with_a_support_role() {
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([role("SupportRole", "AWSSupportAccess")]),
            json!([]),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn fails_without_one_even_if_a_user_has_it() {
        let user = json!({"UserName": "u", "Arn": "arn:aws:iam::123456789012:user/u", "CreateDate": null,
            "AttachedManagedPolicies": [{"PolicyName": "AWSSupportAccess", "PolicyArn": "arn:aws:iam::aws:policy/AWSSupportAccess"}]});
        let inv = inventory(vec![gaad(
            json!([user]),
            json!([]),
            json!([role("Other", "ReadOnlyAccess")]),
            json!([]),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Fail);
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

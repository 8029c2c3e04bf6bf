//! No customer managed policy grants full `*` administrative privileges.
//!
//! ## What it checks
//! Every customer managed policy, attached or not: its default version must not contain an
//! unconditional `Allow` of every action on every resource (judged by the policy engine, as in
//! `iam.policy_full_admin_attached`). Unattached policies count because attaching one later is
//! a single API call. A policy the engine cannot parse is UNKNOWN.
//!
//! ## Why it matters
//! Customer policies granting `*` on `*` are administrator access under another name, easy to
//! overlook in reviews and easy to attach by mistake.
//!
//! ## Remediation
//! Replace the statement with the actions and resources actually needed, then delete the old
//! versions:
//! ```sh
//! aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/AcmeFullAdmin \
//!   --policy-document file://least-privilege.json --set-as-default
//! aws iam delete-policy-version --policy-arn arn:aws:iam::123456789012:policy/AcmeFullAdmin --version-id v1
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege

use crate::prelude::*;
use crate::support::iam::{attachment_index, is_attached, managed_full_admin};

pub static CHECK: Check = Check {
    id: "iam.customer_policy_full_admin",
    title: "Customer managed policies do not grant full administrative privileges",
    severity: Severity::High,
    resource_type: ResourceType::IamPolicy,
    compliance: &[fsbp("IAM.1")],
    related: &["iam.policy_full_admin_attached"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let policies = match &cx.inv.iam.policies {
        Ok(p) => p,
        Err(g) => return out.unknown(cx.account(), "which customer policies grant full access", g),
    };
    let index = attachment_index(cx);
    for p in policies.iter().filter(|p| !p.is_aws_managed()) {
        let res = cx.iam(ResourceType::IamPolicy, &p.policy_name, &p.arn);
        let attached = is_attached(p, &index);
        match managed_full_admin(cx, p, out) {
            None => {}
            Some(Some(stmt)) => out.fail(
                res,
                format!(
                    "customer policy `{}` grants every action on every resource ({stmt}){}",
                    p.policy_name,
                    if attached {
                        ""
                    } else {
                        " although it is not attached"
                    }
                ),
                json!({"statement": stmt, "attached": attached}),
            ),
            Some(None) => out.pass(
                res,
                format!(
                    "customer policy `{}` does not grant full administrative access",
                    p.policy_name
                ),
                json!({}),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::iam::policy_full_admin_attached::tests::managed;
    use crate::support::testing::*;

    #[test]
    fn fails_unattached_customer_admin_and_ignores_aws_managed() {
        let legacy = managed(
            "Legacy",
            "arn:aws:iam::123456789012:policy/Legacy",
            0,
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
        );
        let aws = managed(
            "AdministratorAccess",
            "arn:aws:iam::aws:policy/AdministratorAccess",
            1,
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
        );
        let narrow = managed(
            "Dev",
            "arn:aws:iam::123456789012:policy/Dev",
            1,
            json!([{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]),
        );
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([]),
            json!([legacy, aws, narrow]),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("Legacy".into(), Status::Fail),
                ("Dev".into(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

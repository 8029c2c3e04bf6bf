//! No attached IAM policy grants full `*:*` administrative privileges.
//!
//! ## What it checks
//! Every managed policy, AWS or customer managed, that is attached to a user, group or role: its
//! default version must not contain an unconditional `Allow` of every action on every resource.
//! The policy engine decides what "every action" means — `"*"`, `"*:*"`, any pattern of only
//! wildcards, or an empty `NotAction` all count; `NotAction: ["iam:*"]` does not. A policy the
//! engine cannot parse is reported UNKNOWN, never PASS. Unattached policies are not judged here
//! (see `iam.customer_policy_full_admin`).
//!
//! ## Why it matters
//! Full administrator access turns any compromise of the identity into a compromise of the
//! whole account; least privilege limits the blast radius.
//!
//! ## Remediation
//! Detach the policy and grant only the actions each identity needs:
//! ```sh
//! aws iam list-entities-for-policy --policy-arn arn:aws:iam::123456789012:policy/AcmeFullAdmin
//! aws iam detach-role-policy --role-name AdminRole --policy-arn arn:aws:iam::123456789012:policy/AcmeFullAdmin
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1

use crate::prelude::*;
use crate::support::iam::{attachment_index, is_attached, managed_full_admin};

pub static CHECK: Check = Check {
    id: "iam.policy_full_admin_attached",
    title: "No attached policy grants full administrative privileges",
    severity: Severity::High,
    resource_type: ResourceType::IamPolicy,
    compliance: &[cis("1.15")],
    related: &["iam.customer_policy_full_admin"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let policies = match &cx.inv.iam.policies {
        Ok(p) => p,
        Err(g) => return out.unknown(cx.account(), "which attached policies grant full access", g),
    };
    let index = attachment_index(cx);
    for p in policies.iter().filter(|p| is_attached(p, &index)) {
        let res = cx.iam(ResourceType::IamPolicy, &p.policy_name, &p.arn);
        let attached_to: Vec<&str> = index
            .get(p.arn.as_str())
            .into_iter()
            .flatten()
            .map(|(_, _, arn)| *arn)
            .collect();
        match managed_full_admin(cx, p, out) {
            None => {}
            Some(Some(stmt)) => out.fail(
                res,
                format!("policy `{}` grants every action on every resource ({stmt}) and is attached", p.policy_name),
                json!({"statement": stmt, "attached_to": attached_to, "aws_managed": p.is_aws_managed()}),
            ),
            Some(None) => out.pass(
                res,
                format!("policy `{}` does not grant full administrative access", p.policy_name),
                json!({"attached_to": attached_to}),
            ),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    pub(crate) fn managed(
        name: &str,
        arn: &str,
        count: u64,
        statement: serde_json::Value,
    ) -> serde_json::Value {
        json!({"PolicyName": name, "PolicyId": "ANPAEXAMPLE", "Arn": arn, "Path": "/", "DefaultVersionId": "v2",
               "AttachmentCount": count, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
               "CreateDate": "2025-01-01T00:00:00+00:00", "UpdateDate": "2025-01-01T00:00:00+00:00",
               "PolicyVersionList": [
                 {"Document": {"Version": "2012-10-17", "Statement": statement}, "VersionId": "v2",
                  "IsDefaultVersion": true, "CreateDate": "2025-01-01T00:00:00+00:00"},
                 {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
                  "VersionId": "v1", "IsDefaultVersion": false, "CreateDate": "2024-01-01T00:00:00+00:00"}]})
    }

    #[test]
    fn fails_attached_admin_policies_aws_or_customer() {
        let admin = managed(
            "AdministratorAccess",
            "arn:aws:iam::aws:policy/AdministratorAccess",
            1,
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
        );
        let star_star = managed(
            "AcmeFullAdmin",
            "arn:aws:iam::123456789012:policy/AcmeFullAdmin",
            2,
            json!({"Sid": "All", "Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["*"]}),
        );
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([]),
            json!([admin, star_star]),
        )]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("AdministratorAccess".into(), Status::Fail),
                ("AcmeFullAdmin".into(), Status::Fail)
            ]
        );
        assert!(
            o[1].message.contains("All"),
            "names the statement: {}",
            o[1].message
        );
    }

    #[test]
    fn passes_narrow_conditional_or_notaction_policies_and_skips_unattached() {
        // Only the default version (v2) counts; v1 (full admin) is not in force.
        let narrow = managed(
            "Dev",
            "arn:aws:iam::123456789012:policy/Dev",
            1,
            json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]),
        );
        let conditional = managed(
            "MfaAdmin",
            "arn:aws:iam::123456789012:policy/MfaAdmin",
            1,
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*",
                    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]),
        );
        let not_action = managed(
            "PowerUser",
            "arn:aws:iam::aws:policy/PowerUserAccess",
            1,
            json!([{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]),
        );
        let unattached = managed(
            "Legacy",
            "arn:aws:iam::123456789012:policy/Legacy",
            0,
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
        );
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([]),
            json!([narrow, conditional, not_action, unattached]),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("Dev".into(), Status::Pass),
                ("MfaAdmin".into(), Status::Pass),
                ("PowerUser".into(), Status::Pass)
            ]
        );
    }

    #[test]
    fn unparseable_policy_is_unknown_not_pass() {
        let bad = managed(
            "Bad",
            "arn:aws:iam::123456789012:policy/Bad",
            1,
            json!([{"Effect": "Allow", "Action": 5, "Resource": "*"}]),
        );
        let inv = inventory(vec![gaad(json!([]), json!([]), json!([]), json!([bad]))]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![gaad_denied()]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

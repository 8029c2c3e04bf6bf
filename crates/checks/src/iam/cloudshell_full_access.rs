//! No IAM identity has the AWSCloudShellFullAccess policy attached.
//!
//! ## What it checks
//! Every user, group and role (`GetAccountAuthorizationDetails`): none may have the AWS managed
//! policy `AWSCloudShellFullAccess` attached. Each identity with it fails; when none has it, the
//! account passes.
//!
//! ## Why it matters
//! The policy allows uploading and downloading files to CloudShell and unrestricted internet
//! access from it: an easy channel to move data out of the account.
//!
//! ## Remediation
//! ```sh
//! aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess
//! aws iam detach-group-policy --group-name Developers --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess
//! ```
//! Grant a narrower custom policy where CloudShell is needed.
//!
//! ## References
//! - https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-27

use crate::prelude::*;
use crate::support::iam::{attachments, aws_managed_arn};

pub static CHECK: Check = Check {
    id: "iam.cloudshell_full_access",
    title: "No identity has AWSCloudShellFullAccess attached",
    severity: Severity::Medium,
    resource_type: ResourceType::IamUser,
    compliance: &[cis("1.21"), fsbp("IAM.27")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let iam = &cx.inv.iam;
    let gaps = [
        &iam.users.as_ref().err(),
        &iam.groups.as_ref().err(),
        &iam.roles.as_ref().err(),
    ];
    if let Some(g) = gaps.into_iter().flatten().next() {
        return out.unknown(cx.account(), "who has AWSCloudShellFullAccess", g);
    }
    let arn = aws_managed_arn(cx, "AWSCloudShellFullAccess");
    let holders = attachments(cx, &arn);
    if holders.is_empty() {
        out.pass(
            cx.account(),
            "no user, group or role has AWSCloudShellFullAccess",
            json!({"policy": arn}),
        );
    }
    for (kind, name, entity_arn) in holders {
        out.fail(
            cx.iam(kind, name, entity_arn),
            format!(
                "{} `{name}` has AWSCloudShellFullAccess attached",
                kind.as_str()
                    .rsplit("::")
                    .next()
                    .unwrap_or("identity")
                    .to_lowercase()
            ),
            json!({"policy": arn}),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_each_holder() {
        let group = json!({"Path": "/", "GroupName": "Developers", "GroupId": "AGPAEXAMPLE",
            "Arn": "arn:aws:iam::123456789012:group/Developers", "CreateDate": "2025-01-01T00:00:00+00:00",
            "GroupPolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "AWSCloudShellFullAccess",
            "PolicyArn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"}]});
        let inv = inventory(vec![gaad(json!([]), json!([group]), json!([]), json!([]))]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(statuses(&o), vec![("Developers".into(), Status::Fail)]);
        assert!(
            o[0].message.starts_with("group `Developers`"),
            "{}",
            o[0].message
        );
    }

    #[test]
    fn passes_when_nobody_has_it() {
        let inv = inventory(vec![gaad(json!([]), json!([]), json!([]), json!([]))]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![gaad_denied()]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

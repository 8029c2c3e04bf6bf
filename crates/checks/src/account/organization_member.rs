//! The AWS account is part of an AWS Organizations organization.
//!
//! ## What it checks
//! `organizations DescribeOrganization`: the account must belong to an organization (as its
//! management account or a member). `AWSOrganizationsNotInUseException` fails. The evidence
//! shows the organization, its feature set (`ALL` is needed for service control policies) and
//! whether this is the management account. A denied or missing call is UNKNOWN.
//!
//! ## Why it matters
//! An organization gives central guardrails (service control and resource control policies),
//! organization-wide CloudTrail, GuardDuty and Security Hub administration, and consolidated
//! billing. A stand-alone account has none of these and is easy to forget.
//!
//! ## Remediation
//! From the management account of your organization, invite the account, then accept from it:
//! ```sh
//! aws organizations invite-account-to-organization --target Id=123456789012,Type=ACCOUNT
//! aws organizations accept-handshake --handshake-id h-examplehandshakeid111
//! ```
//! Or create an organization with this account as its management account:
//! `aws organizations create-organization --feature-set ALL`.
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html#account-2
//! - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_invites.html

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "account.organization_member",
    title: "AWS account is part of an AWS Organizations organization",
    severity: Severity::Medium,
    resource_type: ResourceType::Account,
    compliance: &[fsbp("Account.2")],
    related: &["account.security_contact"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    match &cx.inv.organizations.organization {
        Err(g) => out.unknown(cx.account(), "whether the account is in an organization", g),
        Ok(None) => out.fail(
            cx.account(),
            "the account is not part of an AWS Organizations organization",
            json!({"Organization": null}),
        ),
        Ok(Some(o)) => {
            let management = o.is_management_account(&cx.inv.account_id);
            out.pass(
                cx.account(),
                format!(
                    "the account is {} of organization {}",
                    if management {
                        "the management account"
                    } else {
                        "a member"
                    },
                    o.id
                ),
                json!({"Organization": o.id, "FeatureSet": o.feature_set,
                       "MasterAccountId": o.master_account_id, "management_account": management}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn org() -> serde_json::Value {
        call(
            "organizations",
            "DescribeOrganization",
            Some("us-east-1"),
            json!({}),
            json!({"Organization": {"Id": "o-a1b2c3d4e5",
                "Arn": "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
                "FeatureSet": "ALL",
                "MasterAccountArn": "arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/111111111111",
                "MasterAccountId": "111111111111", "MasterAccountEmail": "aws-root@example.com",
                "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}}),
        )
    }

    #[test]
    fn member_passes() {
        let o = outcomes(&CHECK, &inventory(vec![org()]));
        assert_eq!(only(&o), Status::Pass);
        assert!(
            o[0].message
                .contains("a member of organization o-a1b2c3d4e5")
        );
    }

    #[test]
    fn standalone_fails() {
        let none = error(
            "organizations",
            "DescribeOrganization",
            Some("us-east-1"),
            json!({}),
            "AWSOrganizationsNotInUseException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![none]))),
            Status::Fail
        );
    }

    #[test]
    fn unknown_when_denied_or_missing() {
        let denied = error(
            "organizations",
            "DescribeOrganization",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![denied]))),
            Status::Unknown
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

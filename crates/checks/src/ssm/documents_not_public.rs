//! SSM documents are not public.
//!
//! ## What it checks
//! Every Systems Manager document the account owns in every covered region (`ssm ListDocuments`
//! with the filter `Owner: Self`) and its sharing permission (`ssm DescribeDocumentPermission`,
//! `PermissionType: Share`): the shared account IDs must not include `all`, which makes the
//! document public. Documents owned by others (Amazon, other accounts) are not judged; a
//! document whose permission could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Documents often contain internal scripts, host names, bucket names or even credentials;
//! shared publicly, anyone can read them and run them in their own account.
//!
//! ## Remediation
//! Stop sharing the document with everyone (share it with named accounts if needed), and block
//! public sharing for the whole account:
//! ```sh
//! aws ssm modify-document-permission --name acme-bootstrap --permission-type Share --account-ids-to-remove All
//! aws ssm update-service-setting --setting-id /ssm/documents/console/public-sharing-permission --setting-value Disable
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ssm-controls.html#ssm-4

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ssm.documents_not_public",
    title: "SSM documents are not public",
    severity: Severity::Critical,
    resource_type: ResourceType::SsmDocument,
    compliance: &[fsbp("SSM.4")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ssm.documents,
        "which SSM documents the account owns",
        |out, d| {
            if d.owner.as_deref().is_some_and(|o| o != inv.account_id) {
                return;
            }
            let res = cx.resource(
                ResourceType::SsmDocument,
                &d.name,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            match &d.permission {
                Ok(p) if p.is_public() => out.fail(
                    res,
                    format!(
                        "document `{}` is shared publicly (with all AWS accounts)",
                        d.name
                    ),
                    json!({"AccountIds": p.account_ids}),
                ),
                Ok(p) => out.pass(
                    res,
                    if p.account_ids.is_empty() {
                        format!("document `{}` is not shared", d.name)
                    } else {
                        format!("document `{}` is shared only with named accounts", d.name)
                    },
                    json!({"AccountIds": p.account_ids}),
                ),
                Err(g) => out.unknown(res, "who the document is shared with", g),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn permission(name: &str, ids: serde_json::Value) -> serde_json::Value {
        call(
            "ssm",
            "DescribeDocumentPermission",
            Some("us-east-1"),
            json!({"Name": name, "PermissionType": "Share"}),
            json!({"AccountIds": ids, "AccountSharingInfoList": []}),
        )
    }

    #[test]
    fn fails_public_documents() {
        let inv = inventory(vec![
            call(
                "ssm",
                "ListDocuments",
                Some("us-east-1"),
                json!({"Filters": [{"Key": "Owner", "Values": ["Self"]}]}),
                json!({"DocumentIdentifiers": [
                    {"Name": "public-doc", "Owner": "123456789012", "DocumentType": "Command"},
                    {"Name": "partner-doc", "Owner": "123456789012", "DocumentType": "Command"},
                    {"Name": "private-doc", "Owner": "123456789012", "DocumentType": "Automation"},
                    {"Name": "AWS-RunShellScript", "Owner": "Amazon", "DocumentType": "Command"},
                    {"Name": "denied-doc", "Owner": "123456789012", "DocumentType": "Command"}]}),
            ),
            permission("public-doc", json!(["all"])),
            permission("partner-doc", json!(["111122223333"])),
            permission("private-doc", json!([])),
            error(
                "ssm",
                "DescribeDocumentPermission",
                Some("us-east-1"),
                json!({"Name": "denied-doc", "PermissionType": "Share"}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("public-doc".into(), Status::Fail),
                ("partner-doc".into(), Status::Pass),
                ("private-doc".into(), Status::Pass),
                ("denied-doc".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

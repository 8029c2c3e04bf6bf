//! OpenSearch domains encrypt data at rest.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch ListDomainNames`,
//! `DescribeDomain`): `EncryptionAtRestOptions.Enabled` must be true. A domain whose status could
//! not be read is UNKNOWN.
//!
//! ## Why it matters
//! Without it, indices, logs, swap files and automated snapshots are stored in clear, outside any
//! KMS key policy or audit trail.
//!
//! ## Remediation
//! ```sh
//! aws opensearch update-domain-config --domain-name search --encryption-at-rest-options Enabled=true,KmsKeyId=alias/opensearch
//! ```
//! Terraform: `encrypt_at_rest { enabled = true }` on `aws_opensearch_domain`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-1

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.encryption_at_rest",
    title: "OpenSearch domains have encryption at rest enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.opensearch.domains,
        "which OpenSearch domains exist",
        |out, d| {
            let arn = d.arn(&inv.partition, &inv.account_id);
            let res = cx.resource(
                ResourceType::OpenSearchDomain,
                &d.name,
                Some(arn.clone()),
                Some(&d.region),
            );
            let s = match &d.status {
                Ok(s) => s,
                Err(g) => return out.unknown(res, "whether data at rest is encrypted", g),
            };
            let name = format!("domain `{}`", d.name);
            let e = s.encryption_at_rest_options.clone().unwrap_or_default();
            let ev = json!({"EncryptionAtRestOptions": {"Enabled": e.enabled, "KmsKeyId": e.kms_key_id}});
            if e.enabled {
                out.pass(res, format!("{name} encrypts data at rest"), ev);
            } else {
                out.fail(res, format!("{name} does not encrypt data at rest"), ev);
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails() {
        let o = outcomes(
            &CHECK,
            &inventory(opensearch_domain(
                "search",
                json!({"EncryptionAtRestOptions": {"Enabled": false}}),
            )),
        );
        assert_eq!(only(&o), Status::Fail);
        assert_eq!(
            o[0].resource.arn.as_deref(),
            Some("arn:aws:es:us-east-1:123456789012:domain/search")
        );
    }

    #[test]
    fn passes() {
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(opensearch_domain(
                    "search",
                    json!({"EncryptionAtRestOptions": {"Enabled": true, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}})
                ))
            )),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_status_denied() {
        let mut c = opensearch_domain("search", json!({}));
        c[1] = error(
            "opensearch",
            "DescribeDomain",
            Some("us-east-1"),
            json!({"DomainName": "search"}),
            "AccessDeniedException",
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
    }
}

//! OpenSearch domains encrypt traffic between their nodes.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`):
//! `NodeToNodeEncryptionOptions.Enabled` must be true. A domain whose status could not be read is
//! UNKNOWN.
//!
//! ## Why it matters
//! Without it, data travels between the domain's nodes in clear inside the VPC, readable by
//! anything that can capture traffic there.
//!
//! ## Remediation
//! ```sh
//! aws opensearch update-domain-config --domain-name search --node-to-node-encryption-options Enabled=true
//! ```
//! Terraform: `node_to_node_encryption { enabled = true }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.node_to_node_encryption",
    title: "OpenSearch domains encrypt data sent between nodes",
    severity: Severity::Medium,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.3")],
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
                Err(g) => return out.unknown(res, "whether node-to-node traffic is encrypted", g),
            };
            let name = format!("domain `{}`", d.name);
            let on = s
                .node_to_node_encryption_options
                .as_ref()
                .is_some_and(|t| t.enabled);
            let ev = json!({"NodeToNodeEncryptionOptions": {"Enabled": on}});
            if on {
                out.pass(
                    res,
                    format!("{name} encrypts traffic between its nodes"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("{name} sends data between its nodes unencrypted"),
                    ev,
                );
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
                json!({"NodeToNodeEncryptionOptions": {"Enabled": false}}),
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
                    json!({"NodeToNodeEncryptionOptions": {"Enabled": true}})
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

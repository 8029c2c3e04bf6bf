//! OpenSearch domains have fine-grained access control enabled.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`):
//! `AdvancedSecurityOptions.Enabled` must be true. A domain whose status could not be read is
//! UNKNOWN.
//!
//! ## Why it matters
//! Without fine-grained access control, anyone the access policy lets in can read and change
//! every index; there are no per-index, per-document or per-field permissions.
//!
//! ## Remediation
//! ```sh
//! aws opensearch update-domain-config --domain-name search \
//!   --advanced-security-options 'Enabled=true,InternalUserDatabaseEnabled=false,MasterUserOptions={MasterUserARN=arn:aws:iam::123456789012:role/search-admin}'
//! ```
//! Fine-grained access control needs HTTPS, node-to-node encryption and encryption at rest.
//! Terraform: `advanced_security_options { enabled = true }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-7

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.fine_grained_access_control",
    title: "OpenSearch domains have fine-grained access control enabled",
    severity: Severity::High,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.7")],
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
                Err(g) => return out.unknown(res, "whether fine-grained access control is on", g),
            };
            let name = format!("domain `{}`", d.name);
            let a = s.advanced_security_options.clone().unwrap_or_default();
            let ev = json!({"AdvancedSecurityOptions": {"Enabled": a.enabled, "AnonymousAuthEnabled": a.anonymous_auth_enabled}});
            if a.enabled {
                out.pass(
                    res,
                    format!("{name} has fine-grained access control on"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("{name} has fine-grained access control off"),
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
                json!({"AdvancedSecurityOptions": {"Enabled": false, "InternalUserDatabaseEnabled": false}}),
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
                    json!({"AdvancedSecurityOptions": {"Enabled": true, "InternalUserDatabaseEnabled": false, "AnonymousAuthEnabled": false}})
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

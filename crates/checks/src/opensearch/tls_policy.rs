//! Connections to OpenSearch domains require HTTPS with TLS 1.2 or later.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`):
//! `DomainEndpointOptions.EnforceHTTPS` must be true and `TLSSecurityPolicy` must be a TLS 1.2
//! policy (`Policy-Min-TLS-1-2-2019-07` or `Policy-Min-TLS-1-2-PFS-2023-10`). A domain whose
//! status could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Plain HTTP, or TLS 1.0/1.1, lets an attacker on the path read or downgrade the traffic to the
//! domain, credentials included.
//!
//! ## Remediation
//! ```sh
//! aws opensearch update-domain-config --domain-name search \
//!   --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10
//! ```
//! Terraform: `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-8

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.tls_policy",
    title: "Connections to OpenSearch domains use the latest TLS security policy",
    severity: Severity::Medium,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.8")],
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
                Err(g) => return out.unknown(res, "which TLS policy the domain uses", g),
            };
            let name = format!("domain `{}`", d.name);
            let o = s.domain_endpoint_options.clone().unwrap_or_default();
            let policy = o.tls_security_policy.clone().unwrap_or_default();
            let ev = json!({"EnforceHTTPS": o.enforce_https, "TLSSecurityPolicy": policy});
            if !o.enforce_https {
                out.fail(
                    res,
                    format!("{name} accepts plain HTTP (HTTPS is not enforced)"),
                    ev,
                );
            } else if policy.starts_with("Policy-Min-TLS-1-2") {
                out.pass(res, format!("{name} requires HTTPS with `{policy}`"), ev);
            } else {
                out.fail(
                    res,
                    format!("{name} accepts TLS older than 1.2 (`{policy}`)"),
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
                json!({"DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"}}),
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
                    json!({"DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}})
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

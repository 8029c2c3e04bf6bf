//! OpenSearch domains are placed in a VPC, not on a public endpoint.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`): it
//! must be placed in a VPC (`VPCOptions.VPCId`). A domain with a public endpoint fails; the
//! message also says whether its access policy, evaluated by the policy engine as an anonymous
//! caller and as a caller from an unknown account, lets outsiders call it (`es:ESHttpGet`,
//! `es:ESHttpPost`, `es:ESHttpPut`, `es:ESHttpDelete`), with the granting statements in the
//! evidence. A domain whose status could not be read is UNKNOWN.
//!
//! ## Why it matters
//! A public endpoint can be reached from anywhere on the internet: one permissive access-policy
//! statement, or a leaked credential, exposes every index.
//!
//! ## Remediation
//! A domain cannot move into a VPC: create a VPC domain and restore a snapshot into it.
//! ```sh
//! aws opensearch create-domain --domain-name search-vpc --engine-version OpenSearch_2.13 \
//!   --vpc-options SubnetIds=subnet-0a1b2c3d,SecurityGroupIds=sg-0a1b2c3d
//! ```
//! Meanwhile restrict the access policy to named principals. Terraform: `vpc_options` on
//! `aws_opensearch_domain`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-2

use crate::prelude::*;
use crate::support::exposure::{ExposureOptions, resource_policy_exposure};
use crate::support::regional::each;

/// What an outsider would do with a public domain.
const ACTIONS: [&str; 4] = [
    "es:ESHttpGet",
    "es:ESHttpPost",
    "es:ESHttpPut",
    "es:ESHttpDelete",
];

pub static CHECK: Check = Check {
    id: "opensearch.in_vpc",
    title: "OpenSearch domains are in a VPC, not on a public endpoint",
    severity: Severity::Critical,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.2")],
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
                Err(g) => return out.unknown(res, "whether the domain is in a VPC", g),
            };
            let name = format!("domain `{}`", d.name);
            if s.in_vpc() {
                let vpc = s.vpc_options.as_ref().and_then(|v| v.vpc_id.clone());
                return out.pass(
                    res,
                    format!("{name} is placed in VPC `{}`", vpc.as_deref().unwrap_or("")),
                    json!({"VPCId": vpc}),
                );
            }
            let Some(policy) = &s.access_policies else {
                return out.fail(
                res,
                format!("{name} has a public endpoint (no VPC); its access policy is empty, so only IAM-authorised callers get in"),
                json!({"VPCId": null, "AccessPolicies": null}),
            );
            };
            match resource_policy_exposure(policy, &format!("{arn}/*"), &inv.account_id, &ACTIONS, ExposureOptions::default()) {
            Ok(e) if e.is_public() => out.fail(
                res,
                format!("{name} has a public endpoint (no VPC) and its access policy is open: {}", e.summary()),
                json!({"VPCId": null, "access_policy": e.evidence()}),
            ),
            Ok(e) => out.fail(
                res,
                format!("{name} has a public endpoint (no VPC); its access policy admits no outsider"),
                json!({"VPCId": null, "access_policy": e.evidence()}),
            ),
            Err(err) => out.fail(
                res,
                format!("{name} has a public endpoint (no VPC); its access policy could not be evaluated: {err}"),
                json!({"VPCId": null, "access_policy_error": err}),
            ),
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
        let o = outcomes(&CHECK, &inventory(opensearch_domain("search", json!({}))));
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
                    json!({"VPCOptions": {"VPCId": "vpc-0a1b2c3d", "SubnetIds": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]}})
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

    #[test]
    fn public_policy_is_named() {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"arn:aws:es:us-east-1:123456789012:domain/search/*"}]}"#;
        let o = outcomes(
            &CHECK,
            &inventory(opensearch_domain(
                "search",
                json!({"AccessPolicies": policy}),
            )),
        );
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("es:ESHttpGet"), "{}", o[0].message);
        let narrow = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"arn:aws:es:us-east-1:123456789012:domain/search/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#;
        let o = outcomes(
            &CHECK,
            &inventory(opensearch_domain(
                "search",
                json!({"AccessPolicies": narrow}),
            )),
        );
        assert_eq!(only(&o), Status::Fail);
        assert!(
            o[0].message.contains("admits no outsider"),
            "{}",
            o[0].message
        );
    }
}

//! OpenSearch domains have at least three data nodes spread across zones.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`):
//! `ClusterConfig.InstanceCount` must be at least 3 and `ZoneAwarenessEnabled` true. A domain
//! whose status could not be read is UNKNOWN.
//!
//! ## Why it matters
//! With fewer data nodes, or all of them in one Availability Zone, losing a node or a zone loses
//! shards and makes the domain unavailable.
//!
//! ## Remediation
//! ```sh
//! aws opensearch update-domain-config --domain-name search \
//!   --cluster-config InstanceCount=3,ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3}
//! ```
//! Terraform: `instance_count = 3` and `zone_awareness_enabled = true` in `cluster_config`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-6

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.three_data_nodes",
    title: "OpenSearch domains have at least three data nodes",
    severity: Severity::Medium,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.6")],
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
                Err(g) => return out.unknown(res, "how many data nodes the domain has", g),
            };
            let name = format!("domain `{}`", d.name);
            let c = s.cluster_config.clone().unwrap_or_default();
            let n = c.instance_count.unwrap_or(0);
            let ev = json!({"InstanceCount": c.instance_count, "ZoneAwarenessEnabled": c.zone_awareness_enabled});
            if n >= 3 && c.zone_awareness_enabled {
                out.pass(res, format!("{name} has {n} data nodes across zones"), ev);
            } else if n < 3 {
                out.fail(
                    res,
                    format!("{name} has {n} data node(s); at least 3 are needed"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("{name} has {n} data nodes but zone awareness off"),
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
                json!({"ClusterConfig": {"InstanceType": "t3.small.search", "InstanceCount": 1, "ZoneAwarenessEnabled": false}}),
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
                    json!({"ClusterConfig": {"InstanceType": "r6g.large.search", "InstanceCount": 3, "ZoneAwarenessEnabled": true, "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3}}})
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

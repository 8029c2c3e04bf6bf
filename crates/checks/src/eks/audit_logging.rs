//! EKS clusters send Kubernetes audit logs to CloudWatch Logs.
//!
//! ## What it checks
//! Every EKS cluster in every covered region (`eks DescribeCluster`): the control plane log type
//! `audit` must be among the enabled types of `logging.clusterLogging`. A cluster whose
//! description could not be read is UNKNOWN.
//!
//! ## Why it matters
//! The Kubernetes audit log is the record of who did what through the API server: without it an
//! intrusion into the cluster leaves no trail to investigate.
//!
//! ## Remediation
//! ```sh
//! aws eks update-cluster-config --name prod \
//!   --logging '{"clusterLogging":[{"types":["api","audit","authenticator"],"enabled":true}]}'
//! ```
//! Terraform: `enabled_cluster_log_types = ["api", "audit", "authenticator"]` on
//! `aws_eks_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "eks.audit_logging",
    title: "EKS clusters have audit logging enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::EksCluster,
    compliance: &[fsbp("EKS.8")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.eks.clusters,
        "which EKS clusters exist",
        |out, c| {
            let res = cx.resource(
                ResourceType::EksCluster,
                &c.name,
                Some(c.arn(&inv.partition, &inv.account_id)),
                Some(&c.region),
            );
            let d = match &c.detail {
                Ok(d) => d,
                Err(g) => return out.unknown(res, "whether audit logging is on", g),
            };
            let enabled = d.enabled_log_types();
            let ev = json!({"enabled_log_types": enabled});
            if enabled.contains(&"audit") {
                out.pass(
                    res,
                    format!("cluster `{}` sends audit logs to CloudWatch Logs", c.name),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("cluster `{}` does not log Kubernetes audit events", c.name),
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

    fn cluster(logging: serde_json::Value) -> Vec<serde_json::Value> {
        vec![
            call(
                "eks",
                "ListClusters",
                Some("us-east-1"),
                json!({}),
                json!({"clusters": ["prod"]}),
            ),
            call(
                "eks",
                "DescribeCluster",
                Some("us-east-1"),
                json!({"name": "prod"}),
                json!({"cluster": {"name": "prod", "version": "1.33", "logging": logging}}),
            ),
        ]
    }

    #[test]
    fn audit_disabled_fails_enabled_passes() {
        let off = json!({"clusterLogging": [{"types": ["api"], "enabled": true},
                                            {"types": ["audit", "authenticator"], "enabled": false}]});
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(cluster(off)))),
            Status::Fail
        );
        let on = json!({"clusterLogging": [{"types": ["api", "audit"], "enabled": true}]});
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(cluster(on)))),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_description_denied() {
        let inv = inventory(vec![
            call(
                "eks",
                "ListClusters",
                Some("us-east-1"),
                json!({}),
                json!({"clusters": ["prod"]}),
            ),
            error(
                "eks",
                "DescribeCluster",
                Some("us-east-1"),
                json!({"name": "prod"}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

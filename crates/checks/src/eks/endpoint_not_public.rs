//! EKS cluster API endpoints are not publicly accessible.
//!
//! ## What it checks
//! Every EKS cluster in every covered region (`eks ListClusters`, `eks DescribeCluster`): its
//! `resourcesVpcConfig.endpointPublicAccess` must be false, so the Kubernetes API server answers
//! only inside the VPC. A public endpoint fails even when `publicAccessCidrs` narrows it (the
//! evidence lists the CIDRs, and the message says whether it is open to `0.0.0.0/0`). A cluster
//! whose description could not be read is UNKNOWN.
//!
//! ## Why it matters
//! A public API endpoint lets anyone on the internet reach the cluster's control plane: one
//! leaked kubeconfig or token, or one authentication flaw, and the cluster is theirs.
//!
//! ## Remediation
//! ```sh
//! aws eks update-cluster-config --name prod \
//!   --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true
//! ```
//! Terraform: `endpoint_public_access = false` and `endpoint_private_access = true` in
//! `vpc_config` of `aws_eks_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "eks.endpoint_not_public",
    title: "EKS cluster endpoints are not publicly accessible",
    severity: Severity::High,
    resource_type: ResourceType::EksCluster,
    compliance: &[fsbp("EKS.1")],
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
                Err(g) => return out.unknown(res, "whether the API endpoint is public", g),
            };
            let vpc = d.resources_vpc_config.clone().unwrap_or_default();
            let ev = json!({"endpointPublicAccess": vpc.endpoint_public_access,
            "endpointPrivateAccess": vpc.endpoint_private_access, "publicAccessCidrs": vpc.public_access_cidrs});
            if !vpc.endpoint_public_access {
                return out.pass(
                    res,
                    format!("cluster `{}` has a private API endpoint only", c.name),
                    ev,
                );
            }
            let open = vpc.public_access_cidrs.is_empty()
                || vpc
                    .public_access_cidrs
                    .iter()
                    .any(|c| c == "0.0.0.0/0" || c == "::/0");
            let from = if open {
                "from anywhere (0.0.0.0/0)".to_string()
            } else {
                format!("from {}", vpc.public_access_cidrs.join(", "))
            };
            out.fail(
                res,
                format!(
                    "cluster `{}` has a public API endpoint reachable {from}",
                    c.name
                ),
                ev,
            );
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn cluster(name: &str, public: bool, cidrs: serde_json::Value) -> Vec<serde_json::Value> {
        vec![
            call(
                "eks",
                "ListClusters",
                Some("us-east-1"),
                json!({}),
                json!({"clusters": [name]}),
            ),
            call(
                "eks",
                "DescribeCluster",
                Some("us-east-1"),
                json!({"name": name}),
                json!({"cluster": {"name": name, "arn": format!("arn:aws:eks:us-east-1:123456789012:cluster/{name}"),
                  "version": "1.33", "status": "ACTIVE",
                  "resourcesVpcConfig": {"subnetIds": ["subnet-0a"], "securityGroupIds": [], "vpcId": "vpc-0a",
                    "endpointPublicAccess": public, "endpointPrivateAccess": true, "publicAccessCidrs": cidrs}}}),
            ),
        ]
    }

    #[test]
    fn public_endpoint_fails() {
        let o = outcomes(
            &CHECK,
            &inventory(cluster("prod", true, json!(["0.0.0.0/0"]))),
        );
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("anywhere"));
        let o = outcomes(
            &CHECK,
            &inventory(cluster("prod", true, json!(["203.0.113.0/24"]))),
        );
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("203.0.113.0/24"));
    }

    #[test]
    fn private_endpoint_passes_and_missing_description_is_unknown() {
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(cluster("prod", false, json!([])))
            )),
            Status::Pass
        );
        let mut c = cluster("prod", false, json!([]));
        c.pop();
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
    }
}

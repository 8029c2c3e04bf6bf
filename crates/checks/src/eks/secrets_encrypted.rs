//! EKS clusters encrypt Kubernetes secrets with a KMS key.
//!
//! ## What it checks
//! Every EKS cluster in every covered region (`eks DescribeCluster`): its `encryptionConfig`
//! must include the `secrets` resource with a KMS key (envelope encryption). A cluster whose
//! description could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Without envelope encryption, Kubernetes secrets (database passwords, tokens, keys) sit in etcd
//! protected only by the service's default disk encryption; a KMS key adds a second layer whose
//! use is logged in CloudTrail and can be revoked.
//!
//! ## Remediation
//! ```sh
//! aws eks associate-encryption-config --cluster-name prod \
//!   --encryption-config '[{"resources":["secrets"],"provider":{"keyArn":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}]'
//! ```
//! Terraform: `encryption_config { resources = ["secrets"] provider { key_arn = ... } }` on
//! `aws_eks_cluster`.
//!
//! ## References
//! - https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "eks.secrets_encrypted",
    title: "EKS clusters use encrypted Kubernetes secrets",
    severity: Severity::Medium,
    resource_type: ResourceType::EksCluster,
    compliance: &[fsbp("EKS.3")],
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
                Err(g) => return out.unknown(res, "whether secrets are encrypted", g),
            };
            match d.secrets_key() {
                Some(key) if !key.is_empty() => out.pass(
                    res,
                    format!("cluster `{}` encrypts secrets with `{key}`", c.name),
                    json!({"secrets_key": key}),
                ),
                _ => out.fail(
                    res,
                    format!(
                        "cluster `{}` does not encrypt Kubernetes secrets with a KMS key",
                        c.name
                    ),
                    json!({"encryptionConfig": d.encryption_config.len()}),
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

    fn cluster(enc: serde_json::Value) -> Vec<serde_json::Value> {
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
                json!({"cluster": {"name": "prod", "version": "1.33", "status": "ACTIVE", "encryptionConfig": enc}}),
            ),
        ]
    }

    #[test]
    fn fails_without_secrets_encryption() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(cluster(json!([]))))),
            Status::Fail
        );
    }

    #[test]
    fn passes_with_kms_key() {
        let enc = json!([{"resources": ["secrets"],
            "provider": {"keyArn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}]);
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(cluster(enc)))),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_list_denied() {
        let inv = inventory(vec![error(
            "eks",
            "ListClusters",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

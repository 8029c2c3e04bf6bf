//! ECR repositories have at least one lifecycle policy configured.
//!
//! ## What it checks
//! Every private ECR repository in every covered region (`ecr DescribeRepositories`) and its
//! lifecycle policy (`ecr GetLifecyclePolicy`): a policy must exist.
//! `LifecyclePolicyNotFoundException` means none and fails; a policy that could not be read is
//! UNKNOWN.
//!
//! ## Why it matters
//! Without a lifecycle policy, old images pile up: they keep their known vulnerabilities
//! available to anyone who can pull them, and they cost storage.
//!
//! ## Remediation
//! ```sh
//! aws ecr put-lifecycle-policy --repository-name web --lifecycle-policy-text \
//!   '{"rules":[{"rulePriority":1,"description":"expire untagged after 14 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}'
//! ```
//! Terraform: `aws_ecr_lifecycle_policy` for the repository.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-3

use super::image_scanning::repo_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ecr.lifecycle_policy",
    title: "ECR repositories have at least one lifecycle policy configured",
    severity: Severity::Medium,
    resource_type: ResourceType::EcrRepository,
    compliance: &[fsbp("ECR.3")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.ecr.repositories,
        "which ECR repositories exist",
        |out, r| {
            let res = repo_ref(cx, r);
            match &r.lifecycle_policy {
                Ok(Some(p)) => out.pass(
                    res,
                    format!("repository `{}` has a lifecycle policy", r.repository_name),
                    json!({"lifecycle_policy": true, "lastEvaluatedAt": p.last_evaluated_at}),
                ),
                Ok(None) => out.fail(
                    res,
                    format!("repository `{}` has no lifecycle policy", r.repository_name),
                    json!({"lifecycle_policy": false}),
                ),
                Err(g) => out.unknown(res, "whether the repository has a lifecycle policy", g),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecr::image_scanning::tests::repos;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_without_policy() {
        let inv = inventory(vec![
            repos(&[
                ("web", json!({})),
                ("dev", json!({})),
                ("denied", json!({})),
                ("missing", json!({})),
            ]),
            call(
                "ecr",
                "GetLifecyclePolicy",
                Some("us-east-1"),
                json!({"repositoryName": "web"}),
                json!({"registryId": "123456789012", "repositoryName": "web",
                       "lifecyclePolicyText": "{\"rules\":[]}", "lastEvaluatedAt": "2026-11-19T00:00:00+00:00"}),
            ),
            error(
                "ecr",
                "GetLifecyclePolicy",
                Some("us-east-1"),
                json!({"repositoryName": "dev"}),
                "LifecyclePolicyNotFoundException",
            ),
            error(
                "ecr",
                "GetLifecyclePolicy",
                Some("us-east-1"),
                json!({"repositoryName": "denied"}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("web".into(), Status::Pass),
                ("dev".into(), Status::Fail),
                ("denied".into(), Status::Unknown),
                ("missing".into(), Status::Unknown),
            ]
        );
    }
}

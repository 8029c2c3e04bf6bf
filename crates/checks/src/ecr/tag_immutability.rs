//! ECR private repositories have tag immutability configured.
//!
//! ## What it checks
//! Every private ECR repository in every covered region (`ecr DescribeRepositories`): its
//! `imageTagMutability` must be `IMMUTABLE` (or `IMMUTABLE_WITH_EXCLUSION`, immutable except
//! for the tags its exclusion filters name). `MUTABLE` and `MUTABLE_WITH_EXCLUSION` fail.
//!
//! ## Why it matters
//! With mutable tags, whoever can push can replace the image behind `v1.4.2` or `prod`; every
//! deployment that pulls the tag then runs the replacement.
//!
//! ## Remediation
//! ```sh
//! aws ecr put-image-tag-mutability --repository-name web --image-tag-mutability IMMUTABLE
//! ```
//! Terraform: `image_tag_mutability = "IMMUTABLE"` on `aws_ecr_repository`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2

use super::image_scanning::repo_ref;
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ecr.tag_immutability",
    title: "ECR private repositories have tag immutability configured",
    severity: Severity::Medium,
    resource_type: ResourceType::EcrRepository,
    compliance: &[fsbp("ECR.2")],
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
            let m = r.image_tag_mutability.as_deref().unwrap_or("MUTABLE");
            let ev = json!({"imageTagMutability": m});
            if m.starts_with("IMMUTABLE") {
                out.pass(
                    res,
                    format!(
                        "repository `{}` has immutable tags ({m})",
                        r.repository_name
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("repository `{}` has mutable tags ({m})", r.repository_name),
                    ev,
                );
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
    fn fails_mutable_tags() {
        let inv = inventory(vec![repos(&[
            ("web", json!({"imageTagMutability": "IMMUTABLE"})),
            (
                "ci",
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION"}),
            ),
            ("dev", json!({"imageTagMutability": "MUTABLE"})),
            (
                "mixed",
                json!({"imageTagMutability": "MUTABLE_WITH_EXCLUSION"}),
            ),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("web".into(), Status::Pass),
                ("ci".into(), Status::Pass),
                ("dev".into(), Status::Fail),
                ("mixed".into(), Status::Fail),
            ]
        );
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![error(
            "ecr",
            "DescribeRepositories",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

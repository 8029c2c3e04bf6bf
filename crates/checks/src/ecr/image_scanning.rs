//! ECR private repositories have image scanning configured.
//!
//! ## What it checks
//! Every private ECR repository in every covered region (`ecr DescribeRepositories`): images
//! must be scanned automatically, either by the repository's own `scanOnPush` switch or by a
//! registry scanning rule (`ecr GetRegistryScanningConfiguration`) with frequency
//! `SCAN_ON_PUSH` or `CONTINUOUS_SCAN` whose filter matches the repository name. A repository
//! without scan-on-push is UNKNOWN when the registry configuration could not be read.
//!
//! ## Why it matters
//! Images carry operating system packages and libraries with known vulnerabilities; scanning
//! on push finds them before the image runs in production.
//!
//! ## Remediation
//! Scan every repository at the registry level (basic or enhanced scanning):
//! ```sh
//! aws ecr put-registry-scanning-configuration --scan-type BASIC \
//!   --rules '[{"scanFrequency":"SCAN_ON_PUSH","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]'
//! ```
//! Terraform: `aws_ecr_registry_scanning_configuration` with a rule for `*`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::ecr::Repository;

pub static CHECK: Check = Check {
    id: "ecr.image_scanning",
    title: "ECR private repositories have image scanning configured",
    severity: Severity::High,
    resource_type: ResourceType::EcrRepository,
    compliance: &[fsbp("ECR.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name a repository.
pub(crate) fn repo_ref(cx: &Context<'_>, r: &Repository) -> ResourceRef {
    cx.resource(
        ResourceType::EcrRepository,
        &r.repository_name,
        Some(r.arn(&cx.inv.partition, &cx.inv.account_id)),
        Some(&r.region),
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let ecr = &cx.inv.ecr;
    each(
        cx,
        out,
        &ecr.repositories,
        "which ECR repositories exist",
        |out, r| {
            let res = repo_ref(cx, r);
            if r.scan_on_push() {
                return out.pass(
                    res,
                    format!("repository `{}` scans images on push", r.repository_name),
                    json!({"scanOnPush": true}),
                );
            }
            match ecr.registry_scanning.get(&r.region) {
            Ok(reg) => match reg.automatic_rule_for(&r.repository_name) {
                Some(rule) => out.pass(
                    res,
                    format!(
                        "repository `{}` is scanned by a registry rule ({})",
                        r.repository_name, rule.scan_frequency
                    ),
                    json!({"scanOnPush": false, "registry_scan_type": reg.scanning_configuration.scan_type,
                           "scanFrequency": rule.scan_frequency,
                           "filters": rule.repository_filters.iter().map(|f| &f.filter).collect::<Vec<_>>()}),
                ),
                None => out.fail(
                    res,
                    format!(
                        "repository `{}` has no scan on push and no registry rule scans it",
                        r.repository_name
                    ),
                    json!({"scanOnPush": false, "registry_scan_type": reg.scanning_configuration.scan_type}),
                ),
            },
            Err(g) => out.unknown(res, "whether the registry scans the repository", &g),
        }
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// A `DescribeRepositories` call with repositories given as (name, extra fields).
    pub(crate) fn repos(items: &[(&str, Value)]) -> Value {
        let list: Vec<Value> = items
            .iter()
            .map(|(n, extra)| {
                let mut r = json!({"repositoryArn": format!("arn:aws:ecr:us-east-1:123456789012:repository/{n}"),
                    "registryId": "123456789012", "repositoryName": n,
                    "repositoryUri": format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/{n}"),
                    "createdAt": "2024-01-01T00:00:00+00:00", "imageTagMutability": "MUTABLE",
                    "imageScanningConfiguration": {"scanOnPush": false},
                    "encryptionConfiguration": {"encryptionType": "AES256"}});
                if let (Some(r), Some(e)) = (r.as_object_mut(), extra.as_object()) {
                    r.extend(e.clone());
                }
                r
            })
            .collect();
        call(
            "ecr",
            "DescribeRepositories",
            Some("us-east-1"),
            json!({}),
            json!({"repositories": list}),
        )
    }

    fn registry(rules: Value) -> Value {
        call(
            "ecr",
            "GetRegistryScanningConfiguration",
            Some("us-east-1"),
            json!({}),
            json!({"registryId": "123456789012", "scanningConfiguration": {"scanType": "BASIC", "rules": rules}}),
        )
    }

    #[test]
    fn fails_unscanned_passes_push_or_registry_rule() {
        let inv = inventory(vec![
            repos(&[
                (
                    "web",
                    json!({"imageScanningConfiguration": {"scanOnPush": true}}),
                ),
                ("svc/api", json!({})),
                ("tools", json!({})),
            ]),
            registry(json!([
                {"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "svc/*", "filterType": "WILDCARD"}]},
                {"scanFrequency": "MANUAL", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}])),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("web".into(), Status::Pass),
                ("svc/api".into(), Status::Pass),
                ("tools".into(), Status::Fail),
            ]
        );
    }

    #[test]
    fn unknown_without_registry_configuration() {
        let inv = inventory(vec![
            repos(&[("tools", json!({}))]),
            error(
                "ecr",
                "GetRegistryScanningConfiguration",
                Some("us-east-1"),
                json!({}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

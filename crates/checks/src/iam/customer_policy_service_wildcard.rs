//! Customer managed policies do not allow every action of a service.
//!
//! ## What it checks
//! Every customer managed policy, attached or not: no `Allow` statement of its default version
//! may grant *every* action of an AWS service, as `"Action": "s3:*"` does. The policy engine
//! decides, not the text: each `Allow` statement is evaluated on its own, with its `Resource`
//! and `Condition` set aside (the control is about the action set), against every action of the
//! service in the IAM action catalogue plus an action name the catalogue does not list (what a
//! `svc:*` wildcard also grants when AWS adds actions). So `s3:*`, `S3:*`, `s3:*Object*`-style
//! lists that add up to the whole service, `*`, and `NotAction` statements that leave a service
//! whole all fail; `s3:Get*` passes. A policy used only as a permissions boundary is not
//! judged (it grants nothing; the control excludes boundaries). A policy the engine cannot
//! parse is UNKNOWN.
//!
//! ## Why it matters
//! A service wildcard grants today's and tomorrow's actions, including the destructive and
//! permission-changing ones (`s3:PutBucketPolicy`, `kms:ScheduleKeyDeletion`), far beyond what
//! a workload needs.
//!
//! ## Remediation
//! Replace `svc:*` with the actions the workload uses (IAM Access Analyzer can generate a
//! policy from CloudTrail activity), then make that version the default:
//! ```sh
//! aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/AcmeS3Access \
//!   --policy-document file://least-privilege.json --set-as-default
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html

use crate::prelude::*;
use crate::support::iam::{attachment_index, is_attached};
use rampart_policy::{Context as PolicyContext, Effect, Policy, ResourceBlock};
use std::sync::LazyLock;

pub static CHECK: Check = Check {
    id: "iam.customer_policy_service_wildcard",
    title: "Customer managed policies do not allow wildcard actions for services",
    severity: Severity::Low,
    resource_type: ResourceType::IamPolicy,
    compliance: &[fsbp("IAM.21")],
    related: &["iam.customer_policy_full_admin"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// An action name no service defines: a pattern that grants it grants actions AWS has not
/// added yet, as a `svc:*` wildcard does.
const UNLISTED_ACTION: &str = "RampartUnlistedActionProbe";

/// `"Resource": "*"`, parsed once by the engine.
static ANY_RESOURCE: LazyLock<Option<ResourceBlock>> = LazyLock::new(|| {
    Policy::parse_str(r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#)
        .ok()
        .and_then(|p| p.statements.into_iter().next())
        .and_then(|s| s.resource)
});

/// A statement whose action set covers whole services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceWildcard {
    /// `statement `Sid` (#0)`.
    pub statement: String,
    /// The services granted whole (`*` when every service is, unlisted ones included).
    pub services: Vec<String>,
}

/// The `Allow` statements of `policy` that grant every action of at least one service, judged
/// by evaluating each statement alone (any resource, no condition) through the engine.
pub(crate) fn service_wildcards(policy: &Policy) -> Vec<ServiceWildcard> {
    let Some(any) = ANY_RESOURCE.as_ref() else {
        return Vec::new();
    };
    let catalog = rampart_policy::catalog::catalog();
    let cx = PolicyContext::new();
    let mut out = Vec::new();
    for st in policy
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
    {
        let mut alone = st.clone();
        alone.resource = Some(any.clone());
        alone.conditions.clear();
        let single = Policy {
            version: policy.version,
            id: None,
            statements: vec![alone],
            warnings: Vec::new(),
        };
        let allows = |a: &str| single.allows(a, "*", &cx);
        // Every action of every service, even services nobody has heard of.
        if allows(&format!("rampartprobe:{UNLISTED_ACTION}")) {
            out.push(ServiceWildcard {
                statement: st.reference().to_string(),
                services: vec!["*".into()],
            });
            continue;
        }
        // The services the statement could cover: those its patterns name, or every
        // catalogued one when a pattern's service part is itself a wildcard or it is NotAction.
        let named: Vec<String> = st
            .action
            .patterns
            .iter()
            .filter_map(|p| p.split_once(':').map(|(s, _)| s.to_ascii_lowercase()))
            .collect();
        let candidates: Vec<String> = if st.action.negated
            || st.action.patterns.iter().any(|p| !p.contains(':'))
            || named.iter().any(|s| s.contains(['*', '?']))
        {
            catalog
                .service_prefixes()
                .into_iter()
                .map(str::to_string)
                .collect()
        } else {
            let mut n = named;
            n.sort();
            n.dedup();
            n
        };
        let services: Vec<String> = candidates
            .into_iter()
            .filter(|svc| {
                allows(&format!("{svc}:{UNLISTED_ACTION}"))
                    && catalog.service(svc).is_none_or(|s| {
                        s.actions
                            .iter()
                            .all(|a| allows(&format!("{svc}:{}", a.name)))
                    })
            })
            .collect();
        if !services.is_empty() {
            out.push(ServiceWildcard {
                statement: st.reference().to_string(),
                services,
            });
        }
    }
    out
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let policies = match &cx.inv.iam.policies {
        Ok(p) => p,
        Err(g) => {
            return out.unknown(
                cx.account(),
                "which customer policies allow whole services",
                g,
            );
        }
    };
    let index = attachment_index(cx);
    // Policies used only as permissions boundaries are out of scope (the control's
    // `excludePermissionBoundaryPolicy`): a boundary caps permissions, it grants none.
    let iam = &cx.inv.iam;
    let boundaries: std::collections::HashSet<&str> = iam
        .users
        .iter()
        .flatten()
        .filter_map(|u| u.permissions_boundary.as_ref())
        .chain(
            iam.roles
                .iter()
                .flatten()
                .filter_map(|r| r.permissions_boundary.as_ref()),
        )
        .map(|b| b.permissions_boundary_arn.as_str())
        .collect();
    for p in policies.iter().filter(|p| !p.is_aws_managed()) {
        let attached = is_attached(p, &index);
        if !attached && boundaries.contains(p.arn.as_str()) {
            continue;
        }
        let res = cx.iam(ResourceType::IamPolicy, &p.policy_name, &p.arn);
        let Some(doc) = p.default_document() else {
            let gap =
                rampart_model::Gap::not_collected("iam", "GetAccountAuthorizationDetails", None)
                    .about(format!("default version of policy {}", p.policy_name));
            out.unknown(res, "what the policy grants", &gap);
            continue;
        };
        let policy = match Policy::parse_str(doc.as_str()) {
            Ok(x) => x,
            Err(e) => {
                out.push_unknown_message(
                    res,
                    format!("cannot tell what policy `{}` grants: {e}", p.policy_name),
                    json!({"parse_error": e.to_string()}),
                );
                continue;
            }
        };
        let found = service_wildcards(&policy);
        if found.is_empty() {
            out.pass(
                res,
                format!(
                    "customer policy `{}` allows no service's every action",
                    p.policy_name
                ),
                json!({"attached": attached}),
            );
        } else {
            let parts: Vec<String> = found
                .iter()
                .map(|f| {
                    let svcs = if f.services == ["*"] {
                        "every action of every service".to_string()
                    } else if f.services.len() > 5 {
                        format!(
                            "every action of {} services ({}, ...)",
                            f.services.len(),
                            f.services[..5].join(", ")
                        )
                    } else {
                        format!("every action of {}", f.services.join(", "))
                    };
                    format!("{} allows {svcs}", f.statement)
                })
                .collect();
            let ev: Vec<_> = found
                .iter()
                .map(|f| json!({"statement": f.statement, "services": f.services}))
                .collect();
            out.fail(
                res,
                format!(
                    "customer policy `{}`: {}{}",
                    p.policy_name,
                    parts.join("; "),
                    if attached { "" } else { " (not attached)" }
                ),
                json!({"service_wildcards": ev, "attached": attached}),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::iam::policy_full_admin_attached::tests::managed;
    use crate::support::testing::*;

    fn wild(doc: serde_json::Value) -> Vec<ServiceWildcard> {
        service_wildcards(&Policy::parse(&doc).expect("policy"))
    }

    #[test]
    fn engine_decides_which_statements_cover_a_service() {
        let w = wild(json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Reads", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"},
            {"Sid": "AllS3", "Effect": "Allow", "Action": "S3:*",
             "Resource": "arn:aws:s3:::acme-data/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
            {"Sid": "DenyKms", "Effect": "Deny", "Action": "kms:*", "Resource": "*"}]}));
        assert_eq!(
            w,
            vec![ServiceWildcard {
                statement: "statement `AllS3` (#1)".into(),
                services: vec!["s3".into()]
            }]
        );
        let w = wild(json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}));
        assert_eq!(w[0].services, vec!["*".to_string()]);
        let w =
            wild(json!({"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}));
        assert_eq!(w[0].services, vec!["*".to_string()]);
        let w =
            wild(json!({"Statement": {"Effect": "Allow", "Action": "dynamo*:*", "Resource": "*"}}));
        assert_eq!(w[0].services, vec!["dynamodb".to_string()]);
        // A prefix pattern that matches the probe name but not the whole service passes.
        assert!(
            wild(json!({"Statement": {"Effect": "Allow", "Action": "s3:R*", "Resource": "*"}}))
                .is_empty()
        );
    }

    #[test]
    fn fails_service_wildcards_passes_narrow_ignores_aws_managed() {
        let wide = managed(
            "AcmeS3Full",
            "arn:aws:iam::123456789012:policy/AcmeS3Full",
            1,
            json!([{"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"]}]),
        );
        let narrow = managed(
            "AcmeRead",
            "arn:aws:iam::123456789012:policy/AcmeRead",
            1,
            json!([{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]),
        );
        let aws = managed(
            "AmazonS3FullAccess",
            "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            1,
            json!([{"Effect": "Allow", "Action": ["s3:*", "s3-object-lambda:*"], "Resource": "*"}]),
        );
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([]),
            json!([wide, narrow, aws]),
        )]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("AcmeS3Full".into(), Status::Fail),
                ("AcmeRead".into(), Status::Pass)
            ]
        );
        assert!(
            o[0].message.contains("every action of s3"),
            "{}",
            o[0].message
        );
    }

    #[test]
    fn boundary_only_policies_are_not_judged() {
        let boundary = managed(
            "DevBoundary",
            "arn:aws:iam::123456789012:policy/DevBoundary",
            0,
            json!([{"Effect": "Allow", "Action": ["s3:*", "logs:*"], "Resource": "*"}]),
        );
        let role = json!({"RoleName": "dev", "RoleId": "AROAEXAMPLE", "Arn": "arn:aws:iam::123456789012:role/dev",
            "Path": "/", "CreateDate": "2025-01-01T00:00:00+00:00",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
            "RolePolicyList": [], "AttachedManagedPolicies": [], "InstanceProfileList": [], "Tags": [],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
                                    "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/DevBoundary"}});
        let inv = inventory(vec![gaad(
            json!([]),
            json!([]),
            json!([role]),
            json!([boundary]),
        )]);
        assert!(outcomes(&CHECK, &inv).is_empty());
    }

    #[test]
    fn unknown_when_denied_or_unparsable() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![gaad_denied()]))),
            Status::Unknown
        );
        let bad = managed(
            "Bad",
            "arn:aws:iam::123456789012:policy/Bad",
            1,
            json!([{"Effect": "Allow", "Action": 7, "Resource": "*"}]),
        );
        let inv = inventory(vec![gaad(json!([]), json!([]), json!([]), json!([bad]))]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

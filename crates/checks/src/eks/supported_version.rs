//! EKS clusters run a Kubernetes version that Amazon EKS still supports.
//!
//! ## What it checks
//! Every EKS cluster in every covered region (`eks DescribeCluster` `version`): the version's
//! support must not have ended at collection time. A version in standard support passes; one in
//! extended support (the paid 12 months after standard support) also passes, with the date its
//! support ends in the message; one past the end of extended support, or older than every
//! version in the calendar below, fails. A version newer than the calendar passes. A cluster whose
//! description could not be read, or whose version cannot be read as `major.minor`, is UNKNOWN.
//!
//! The calendar is the Amazon EKS Kubernetes release calendar
//! (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), as published in
//! November 2026; update `CALENDAR` when AWS adds a version.
//!
//! ## Why it matters
//! An unsupported Kubernetes version gets no security patches: known vulnerabilities in the API
//! server and the control plane stay open, and AWS upgrades the cluster on its own schedule.
//!
//! ## Remediation
//! Upgrade one minor version at a time (control plane, then node groups and add-ons):
//! ```sh
//! aws eks update-cluster-version --name prod --kubernetes-version 1.34
//! ```
//! Terraform: raise `version` on `aws_eks_cluster` (and the node groups).
//!
//! ## References
//! - https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-2

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::Timestamp;

pub static CHECK: Check = Check {
    id: "eks.supported_version",
    title: "EKS clusters run a supported Kubernetes version",
    severity: Severity::High,
    resource_type: ResourceType::EksCluster,
    compliance: &[fsbp("EKS.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// (minor version of Kubernetes 1.x, end of standard support, end of extended support).
const CALENDAR: &[(u32, &str, &str)] = &[
    (23, "2023-10-11", "2024-10-11"),
    (24, "2024-01-31", "2025-01-31"),
    (25, "2024-05-01", "2025-05-01"),
    (26, "2024-06-11", "2025-06-11"),
    (27, "2024-07-24", "2025-07-24"),
    (28, "2024-11-26", "2025-11-26"),
    (29, "2025-03-23", "2026-03-23"),
    (30, "2025-07-23", "2026-07-23"),
    (31, "2025-11-26", "2026-11-26"),
    (32, "2026-03-23", "2027-03-23"),
    (33, "2026-07-29", "2027-07-29"),
    (34, "2026-12-02", "2027-12-02"),
    (35, "2027-03-27", "2028-03-27"),
];

/// Support state of a version at `now`.
#[derive(Debug, PartialEq, Eq)]
enum Support {
    Standard(&'static str),
    Extended(&'static str),
    Ended(Option<&'static str>),
    Newer,
}

fn support(minor: u32, now: Timestamp) -> Support {
    let date = |d: &str| Timestamp::parse(d);
    let (Some(first), Some(last)) = (CALENDAR.first(), CALENDAR.last()) else {
        return Support::Newer;
    };
    if minor < first.0 {
        return Support::Ended(None);
    }
    if minor > last.0 {
        return Support::Newer;
    }
    match CALENDAR.iter().find(|c| c.0 == minor) {
        Some(&(_, std_end, ext_end)) => {
            if date(std_end).is_some_and(|t| now < t) {
                Support::Standard(std_end)
            } else if date(ext_end).is_some_and(|t| now < t) {
                Support::Extended(ext_end)
            } else {
                Support::Ended(Some(ext_end))
            }
        }
        None => Support::Ended(None),
    }
}

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
                Err(g) => return out.unknown(res, "which Kubernetes version the cluster runs", g),
            };
            let version = d.version.clone().unwrap_or_default();
            let minor = version
                .split_once('.')
                .filter(|(major, _)| *major == "1")
                .and_then(|(_, m)| m.parse::<u32>().ok());
            let Some(minor) = minor else {
                return out.push_unknown_message(
                res,
                format!("cannot tell whether cluster `{}` runs a supported version: version `{version}` is not of the form 1.N", c.name),
                json!({"version": version}),
            );
            };
            let name = &c.name;
            match support(minor, cx.now) {
            Support::Standard(end) => out.pass(
                res,
                format!("cluster `{name}` runs Kubernetes {version}, in standard support until {end}"),
                json!({"version": version, "support": "standard", "standard_support_ends": end}),
            ),
            Support::Extended(end) => out.pass(
                res,
                format!("cluster `{name}` runs Kubernetes {version}, past standard support and in paid extended support until {end}"),
                json!({"version": version, "support": "extended", "extended_support_ends": end}),
            ),
            Support::Newer => out.pass(
                res,
                format!("cluster `{name}` runs Kubernetes {version}, newer than Rampart's support calendar"),
                json!({"version": version, "support": "newer than calendar"}),
            ),
            Support::Ended(end) => out.fail(
                res,
                match end {
                    Some(end) => format!("cluster `{name}` runs Kubernetes {version}, whose support ended on {end}"),
                    None => format!("cluster `{name}` runs Kubernetes {version}, which Amazon EKS no longer supports"),
                },
                json!({"version": version, "support": "ended", "support_ended": end}),
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

    fn cluster(version: &str) -> Vec<serde_json::Value> {
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
                json!({"cluster": {"name": "prod", "version": version, "status": "ACTIVE"}}),
            ),
        ]
    }

    #[test]
    fn ended_versions_fail() {
        // NOW is 2026-11-20: 1.30's extended support ended on 2026-07-23.
        for v in ["1.30", "1.21"] {
            assert_eq!(
                only(&outcomes(&CHECK, &inventory(cluster(v)))),
                Status::Fail,
                "{v}"
            );
        }
    }

    #[test]
    fn supported_versions_pass() {
        for v in ["1.31", "1.33", "1.40"] {
            assert_eq!(
                only(&outcomes(&CHECK, &inventory(cluster(v)))),
                Status::Pass,
                "{v}"
            );
        }
        let o = outcomes(&CHECK, &inventory(cluster("1.31")));
        assert!(o[0].message.contains("extended support until 2026-11-26"));
    }

    #[test]
    fn unknown_for_unreadable_version_or_missing_description() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(cluster("latest")))),
            Status::Unknown
        );
        let mut c = cluster("1.33");
        c.pop();
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
    }
}

//! OpenSearch domains have the latest service software update installed.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`):
//! `ServiceSoftwareOptions.UpdateAvailable` must be false. A domain whose status could not be
//! read is UNKNOWN.
//!
//! ## Why it matters
//! Service software updates carry security fixes for the OpenSearch engine and its plugins; an
//! available but uninstalled update leaves known flaws open.
//!
//! ## Remediation
//! ```sh
//! aws opensearch start-service-software-update --domain-name search
//! ```
//! Or set an off-peak window with automatic software updates (`--software-update-options
//! AutoSoftwareUpdateEnabled=true`).
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/service-software.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-10

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.software_update",
    title: "OpenSearch domains have the latest software update installed",
    severity: Severity::Low,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.10")],
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
                Err(g) => return out.unknown(res, "whether a software update is pending", g),
            };
            let name = format!("domain `{}`", d.name);
            let u = s.service_software_options.clone().unwrap_or_default();
            let ev = json!({"CurrentVersion": u.current_version, "NewVersion": u.new_version,
            "UpdateAvailable": u.update_available, "UpdateStatus": u.update_status});
            if u.update_available {
                out.fail(
                    res,
                    format!(
                        "{name} runs `{}` while update `{}` is available",
                        u.current_version.as_deref().unwrap_or("?"),
                        u.new_version.as_deref().unwrap_or("?")
                    ),
                    ev,
                );
            } else {
                out.pass(res, format!("{name} has no pending software update"), ev);
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
                json!({"ServiceSoftwareOptions": {"CurrentVersion": "OpenSearch_2_11_R20231113", "NewVersion": "OpenSearch_2_11_R20240502", "UpdateAvailable": true, "UpdateStatus": "ELIGIBLE"}}),
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
                    json!({"ServiceSoftwareOptions": {"CurrentVersion": "OpenSearch_2_13_R20240520", "NewVersion": "", "UpdateAvailable": false, "UpdateStatus": "COMPLETED"}})
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

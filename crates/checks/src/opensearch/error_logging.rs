//! OpenSearch domains publish error logs to CloudWatch Logs.
//!
//! ## What it checks
//! Every OpenSearch Service domain in every covered region (`opensearch DescribeDomain`): the
//! `ES_APPLICATION_LOGS` entry of `LogPublishingOptions` must be enabled with a log group. A
//! domain whose status could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Error logs show failing requests, rejected authentication and cluster faults; without them
//! problems and probing go unseen.
//!
//! ## Remediation
//! ```sh
//! aws opensearch update-domain-config --domain-name search \
//!   --log-publishing-options "ES_APPLICATION_LOGS={CloudWatchLogsLogGroupArn=arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/search,Enabled=true}"
//! ```
//! The log group's resource policy must let `es.amazonaws.com` write to it. Terraform:
//! `log_publishing_options { log_type = "ES_APPLICATION_LOGS" ... }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-4

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "opensearch.error_logging",
    title: "OpenSearch domains send error logs to CloudWatch Logs",
    severity: Severity::Medium,
    resource_type: ResourceType::OpenSearchDomain,
    compliance: &[fsbp("Opensearch.4")],
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
                Err(g) => return out.unknown(res, "whether error logs are published", g),
            };
            let name = format!("domain `{}`", d.name);
            match s
                .log_destination("ES_APPLICATION_LOGS")
                .filter(|d| !d.is_empty())
            {
                Some(g) => out.pass(
                    res,
                    format!("{name} publishes error logs to `{g}`"),
                    json!({"ES_APPLICATION_LOGS": g}),
                ),
                None => out.fail(
                    res,
                    format!("{name} does not publish error logs to CloudWatch Logs"),
                    json!({"ES_APPLICATION_LOGS": null}),
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

    #[test]
    fn fails() {
        let o = outcomes(
            &CHECK,
            &inventory(opensearch_domain(
                "search",
                json!({"LogPublishingOptions": {"ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:app", "Enabled": false}}}),
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
                    json!({"LogPublishingOptions": {"ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:app", "Enabled": true}}})
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

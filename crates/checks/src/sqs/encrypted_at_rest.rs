//! Amazon SQS queues are encrypted at rest.
//!
//! ## What it checks
//! Every SQS queue in every covered region (`sqs ListQueues`) and its attributes
//! (`sqs GetQueueAttributes`): the queue must use server-side encryption, either with an SQS
//! managed key (`SqsManagedSseEnabled` = `true`, SSE-SQS) or with a KMS key
//! (`KmsMasterKeyId`, SSE-KMS). Queues whose attributes could not be read are UNKNOWN.
//!
//! ## Why it matters
//! Messages often carry orders, personal data or credentials for the next step of a pipeline;
//! without encryption at rest they sit in plain text in the service's storage.
//!
//! ## Remediation
//! ```sh
//! aws sqs set-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/orders \
//!   --attributes SqsManagedSseEnabled=true
//! ```
//! Terraform: `sqs_managed_sse_enabled = true` (or `kms_master_key_id`) on `aws_sqs_queue`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::sqs::Queue;

pub static CHECK: Check = Check {
    id: "sqs.encrypted_at_rest",
    title: "Amazon SQS queues are encrypted at rest",
    severity: Severity::Medium,
    resource_type: ResourceType::SqsQueue,
    compliance: &[fsbp("SQS.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name a queue.
pub(crate) fn queue_ref(cx: &Context<'_>, q: &Queue) -> ResourceRef {
    cx.resource(
        ResourceType::SqsQueue,
        &q.name,
        Some(q.arn(&cx.inv.partition, &cx.inv.account_id)),
        Some(&q.region),
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.sqs.queues,
        "which SQS queues exist",
        |out, q| {
            let res = queue_ref(cx, q);
            let a = match &q.attributes {
                Ok(a) => a,
                Err(g) => return out.unknown(res, "whether the queue is encrypted", g),
            };
            let ev = json!({"KmsMasterKeyId": a.kms_master_key_id, "SqsManagedSseEnabled": a.sqs_managed_sse_enabled});
            match a.encryption() {
                Some(kind) => out.pass(
                    res,
                    format!("queue `{}` is encrypted at rest ({kind})", q.name),
                    ev,
                ),
                None => out.fail(
                    res,
                    format!("queue `{}` is not encrypted at rest", q.name),
                    ev,
                ),
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

    /// `ListQueues` plus one `GetQueueAttributes` per (name, attributes); `None` attributes: denied.
    pub(crate) fn queues(items: &[(&str, Option<Value>)]) -> Vec<Value> {
        let url = |n: &str| format!("https://sqs.us-east-1.amazonaws.com/123456789012/{n}");
        let mut v = vec![call(
            "sqs",
            "ListQueues",
            Some("us-east-1"),
            json!({}),
            json!({"QueueUrls": items.iter().map(|(n, _)| url(n)).collect::<Vec<_>>()}),
        )];
        for (n, attrs) in items {
            let params = json!({"QueueUrl": url(n), "AttributeNames": ["All"]});
            v.push(match attrs {
                Some(a) => {
                    let mut a = a.clone();
                    a["QueueArn"] = json!(format!("arn:aws:sqs:us-east-1:123456789012:{n}"));
                    call(
                        "sqs",
                        "GetQueueAttributes",
                        Some("us-east-1"),
                        params,
                        json!({"Attributes": a}),
                    )
                }
                None => error(
                    "sqs",
                    "GetQueueAttributes",
                    Some("us-east-1"),
                    params,
                    "AccessDenied",
                ),
            });
        }
        v
    }

    #[test]
    fn fails_unencrypted_passes_sse_sqs_and_kms() {
        let inv = inventory(queues(&[
            (
                "kms",
                Some(json!({"KmsMasterKeyId": "alias/aws/sqs", "SqsManagedSseEnabled": "false"})),
            ),
            ("sse", Some(json!({"SqsManagedSseEnabled": "true"}))),
            (
                "plain",
                Some(json!({"SqsManagedSseEnabled": "false", "VisibilityTimeout": "30"})),
            ),
            ("denied", None),
        ]));
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("kms".into(), Status::Pass),
                ("sse".into(), Status::Pass),
                ("plain".into(), Status::Fail),
                ("denied".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

//! SQS queue access policies do not allow public access.
//!
//! ## What it checks
//! Every SQS queue in every covered region (`sqs ListQueues`) and its access policy (the
//! `Policy` attribute of `sqs GetQueueAttributes`). The policy engine evaluates, against the
//! policy, requests from an anonymous caller and from a principal of an AWS account the policy
//! does not name, for sending, receiving, deleting and purging messages and for reading and
//! changing the queue's attributes and permissions. A queue fails when any of them is allowed.
//! Conditions that really restrict the caller (`aws:SourceArn` of a topic, `aws:SourceAccount`,
//! `aws:SourceVpce`, `aws:PrincipalOrgID`, a narrow `aws:SourceIp`) keep it private. A queue
//! without a policy passes; a policy the engine cannot parse is UNKNOWN.
//!
//! ## Why it matters
//! A public queue lets anyone read or delete the messages in flight, inject messages that the
//! consumers will act on, or flood the queue and the bill.
//!
//! ## Remediation
//! Name the principals that need access, or keep `"Principal": "*"` with a restricting
//! condition (for an SNS subscription: `aws:SourceArn` of the topic):
//! ```sh
//! aws sqs get-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/orders \
//!   --attribute-names Policy
//! aws sqs set-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/orders \
//!   --attributes file://restricted-policy.json
//! ```
//! Terraform: `aws_sqs_queue_policy` with an `aws_iam_policy_document` that names principals
//! or adds `condition { test = "ArnEquals" variable = "aws:SourceArn" ... }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-3

use super::encrypted_at_rest::queue_ref;
use crate::prelude::*;
use crate::support::exposure::{ExposureOptions, resource_policy_exposure};
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "sqs.queue_policy_public",
    title: "SQS queue access policies do not allow public access",
    severity: Severity::Critical,
    resource_type: ResourceType::SqsQueue,
    compliance: &[fsbp("SQS.3")],
    related: &["sns.topic_policy_public"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// What an outsider could do with a queue.
const ACTIONS: &[&str] = &[
    "sqs:SendMessage",
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:PurgeQueue",
    "sqs:GetQueueAttributes",
    "sqs:SetQueueAttributes",
    "sqs:AddPermission",
    "sqs:DeleteQueue",
];

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.sqs.queues,
        "which SQS queues exist",
        |out, q| {
            let res = queue_ref(cx, q);
            let doc = match &q.attributes {
                Ok(a) => match &a.policy {
                    Some(d) => d,
                    None => {
                        return out.pass(
                            res,
                            format!("queue `{}` has no access policy", q.name),
                            json!({"Policy": null}),
                        );
                    }
                },
                Err(g) => return out.unknown(res, "who may use the queue", g),
            };
            let arn = q.arn(&inv.partition, &inv.account_id);
            let account = q.account.as_deref().unwrap_or(&inv.account_id);
            match resource_policy_exposure(doc, &arn, account, ACTIONS, ExposureOptions::default())
            {
                Ok(e) if e.is_public() => out.fail(
                    res,
                    format!("queue `{}` is public: {}", q.name, e.summary()),
                    e.evidence(),
                ),
                Ok(e) => out.pass(
                    res,
                    format!(
                        "the access policy of queue `{}` grants no public access",
                        q.name
                    ),
                    e.evidence(),
                ),
                Err(e) => out.push_unknown_message(
                    res,
                    format!(
                        "the access policy of queue `{}` cannot be evaluated: {e}",
                        q.name
                    ),
                    json!({"error": e}),
                ),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::sqs::encrypted_at_rest::tests::queues;
    use crate::support::testing::*;
    use serde_json::Value;

    fn policy(statements: Value) -> Value {
        json!({"Policy": json!({"Version": "2012-10-17", "Id": "q", "Statement": statements}).to_string(),
               "SqsManagedSseEnabled": "true"})
    }

    #[test]
    fn fails_open_policy_passes_restricted_and_none() {
        let q = "arn:aws:sqs:us-east-1:123456789012:orders";
        let inv = inventory(queues(&[
            (
                "open",
                Some(policy(
                    json!([{"Sid": "AnyoneSends", "Effect": "Allow", "Principal": {"AWS": "*"},
                "Action": "SQS:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:open"}]),
                )),
            ),
            (
                "topic",
                Some(policy(
                    json!([{"Sid": "FromTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage", "Resource": q,
                "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:orders"}}},
                {"Sid": "StarButTopic", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": q,
                "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:orders"}}}]),
                )),
            ),
            ("none", Some(json!({"SqsManagedSseEnabled": "true"}))),
            ("denied", None),
        ]));
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("open".into(), Status::Fail),
                ("topic".into(), Status::Pass),
                ("none".into(), Status::Pass),
                ("denied".into(), Status::Unknown),
            ]
        );
        assert!(o[0].message.contains("AnyoneSends"), "{}", o[0].message);
        assert_eq!(
            o[1].evidence["restricted_statements"][0]["restricting_condition_keys"][0],
            "aws:SourceArn"
        );
    }

    #[test]
    fn unknown_when_policy_unparseable() {
        let inv = inventory(queues(&[(
            "odd",
            Some(policy(
                json!([{"Effect": "Sometimes", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]),
            )),
        )]));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

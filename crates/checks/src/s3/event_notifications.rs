//! S3 buckets have event notifications enabled.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) and its notification configuration
//! (`s3 GetBucketNotificationConfiguration`): at least one of `TopicConfigurations` (SNS),
//! `QueueConfigurations` (SQS), `LambdaFunctionConfigurations` or `EventBridgeConfiguration`
//! must be present. An empty configuration fails. A bucket whose notification configuration
//! could not be read is UNKNOWN. Like Security Hub S3.11 without its optional `eventTypes`
//! parameter, any event type counts.
//!
//! ## Why it matters
//! Event notifications let you react to changes in a bucket as they happen (new, deleted or
//! restored objects, replication failures): alerting on unexpected deletions, scanning uploads,
//! or feeding an audit pipeline.
//!
//! ## Remediation
//! ```sh
//! # Send every event to EventBridge (rules there choose what to do with them):
//! aws s3api put-bucket-notification-configuration --bucket acme-data \
//!   --notification-configuration '{"EventBridgeConfiguration":{}}'
//! # Or to an SNS topic whose policy lets s3.amazonaws.com publish:
//! aws s3api put-bucket-notification-configuration --bucket acme-data \
//!   --notification-configuration '{"TopicConfigurations":[{"TopicArn":
//!   "arn:aws:sns:us-east-1:123456789012:acme-data-events","Events":["s3:ObjectRemoved:*"]}]}'
//! ```
//! Terraform: `aws_s3_bucket_notification` with `eventbridge = true`, or a `topic`, `queue` or
//! `lambda_function` block.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html
//! - https://docs.aws.amazon.com/config/latest/developerguide/s3-event-notifications-enabled.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-11

use crate::prelude::*;
use crate::support::s3::each_bucket;
use rampart_model::inventory::s3::{NotificationTarget, Notifications};

pub static CHECK: Check = Check {
    id: "s3.event_notifications",
    title: "S3 buckets have event notifications enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[fsbp("S3.11")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn targets(list: &[NotificationTarget]) -> serde_json::Value {
    json!(
        list.iter()
            .map(|t| json!({"Arn": t.arn, "Events": t.events}))
            .collect::<Vec<_>>()
    )
}

/// The destinations, as "2 SNS topic(s), EventBridge".
fn describe(n: &Notifications) -> String {
    let mut parts = Vec::new();
    for (list, kind) in [
        (&n.topics, "SNS topic"),
        (&n.queues, "SQS queue"),
        (&n.lambdas, "Lambda function"),
    ] {
        if !list.is_empty() {
            parts.push(format!("{} {kind}(s)", list.len()));
        }
    }
    if n.event_bridge {
        parts.push("EventBridge".to_string());
    }
    parts.join(", ")
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each_bucket(cx, out, "which S3 buckets exist", |out, b, res| {
        let n = match &b.notifications {
            Ok(n) => n,
            Err(g) => return out.unknown(res, "whether event notifications are on", g),
        };
        let ev = json!({
            "TopicConfigurations": targets(&n.topics),
            "QueueConfigurations": targets(&n.queues),
            "LambdaFunctionConfigurations": targets(&n.lambdas),
            "EventBridgeConfiguration": n.event_bridge,
        });
        if n.any() {
            out.pass(
                res,
                format!(
                    "bucket `{}` sends event notifications to {}",
                    b.name,
                    describe(n)
                ),
                ev,
            );
        } else {
            out.fail(
                res,
                format!("bucket `{}` has no event notifications", b.name),
                ev,
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let names = ["a", "b", "c", "d", "e", "f"];
        let list = call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": names.iter().map(|n| json!({"Name": n})).collect::<Vec<_>>()}),
        );
        let nc = |b: &str, r: serde_json::Value| {
            call(
                "s3",
                "GetBucketNotificationConfiguration",
                Some("us-east-1"),
                json!({"Bucket": b}),
                r,
            )
        };
        let inv = inventory(vec![
            list,
            nc(
                "a",
                json!({"TopicConfigurations": [{"Id": "deletes",
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:acme-data-events",
                    "Events": ["s3:ObjectRemoved:*"]}]}),
            ),
            nc(
                "b",
                json!({"QueueConfigurations": [{"Id": "jobs",
                    "QueueArn": "arn:aws:sqs:us-east-1:123456789012:jobs",
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".csv"}]}}}],
                    "LambdaFunctionConfigurations": [{"Id": "scan",
                    "LambdaFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:scan",
                    "Events": ["s3:ObjectCreated:Put"]}]}),
            ),
            nc("c", json!({"EventBridgeConfiguration": {}})),
            nc("d", json!({})),
            error(
                "s3",
                "GetBucketNotificationConfiguration",
                Some("us-east-1"),
                json!({"Bucket": "e"}),
                "AccessDenied",
            ),
        ]);
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            [
                ("a".into(), Status::Pass),
                ("b".into(), Status::Pass),
                ("c".into(), Status::Pass),
                ("d".into(), Status::Fail),
                ("e".into(), Status::Unknown),
                ("f".into(), Status::Unknown),
            ]
        );
        assert!(o[0].message.contains("1 SNS topic(s)"), "{}", o[0].message);
        assert!(
            o[1].message
                .contains("1 SQS queue(s), 1 Lambda function(s)"),
            "{}",
            o[1].message
        );
        assert!(o[2].message.contains("EventBridge"));
        assert!(o[3].message.contains("no event notifications"));
        assert!(o[5].message.contains("not collected"), "{}", o[5].message);
    }
}

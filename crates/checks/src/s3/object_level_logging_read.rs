//! CloudTrail logs object-level read events for every S3 bucket.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) against the account's trails
//! (`cloudtrail DescribeTrails`, `GetTrailStatus`, `GetEventSelectors`): a **multi-region** trail
//! that **is logging** must select all read data events on the bucket's objects:
//! - a basic event selector with `ReadWriteType` `All` or `ReadOnly` and a data resource of type
//!   `AWS::S3::Object` whose values include `arn:aws:s3` (all buckets), `arn:aws:s3:::`, or the
//!   bucket (`arn:aws:s3:::bucket/`); or
//! - an advanced event selector whose every condition admits all of them (`eventCategory` =
//!   `Data`, `resources.type` = `AWS::S3::Object`, `readOnly` absent or `true`, a
//!   `resources.ARN` that does not narrow the bucket to a prefix or exclude part of it, and no
//!   condition on event names or callers).
//!
//! A selector limited to a prefix of the bucket does not count. When no trail is known to log
//! the events but a multi-region trail's status or selectors could not be read, the bucket is
//! UNKNOWN.
//!
//! ## Why it matters
//! Read data events are the only record of which objects were downloaded and by whom: without
//! them the scope of a data breach cannot be established.
//!
//! ## Remediation
//! ```sh
//! aws cloudtrail put-event-selectors --trail-name acme-trail --advanced-event-selectors '[{
//!   "Name": "S3 object reads", "FieldSelectors": [
//!     {"Field": "eventCategory", "Equals": ["Data"]},
//!     {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
//!     {"Field": "readOnly", "Equals": ["true"]}]}]'
//! ```
//! Keep the trail's other selectors in the same list. Terraform: `advanced_event_selector`
//! blocks on `aws_cloudtrail`.
//!
//! ## References
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-23

use crate::prelude::*;
use crate::support::s3::{DataEvents, report_object_logging};

pub static CHECK: Check = Check {
    id: "s3.object_level_logging_read",
    title: "CloudTrail logs object-level read events for every S3 bucket",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[cis("3.9"), fsbp("S3.23")],
    related: &[
        "s3.object_level_logging_write",
        "cloudtrail.multi_region_logging",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    report_object_logging(cx, out, DataEvents::Read);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    const ARN: &str = "arn:aws:cloudtrail:us-east-1:123456789012:trail/data";

    fn calls(selectors: Option<Value>) -> Vec<Value> {
        let mut v = vec![
            call(
                "s3",
                "ListBuckets",
                Some("us-east-1"),
                json!({}),
                json!({"Buckets": [{"Name": "acme-data"}]}),
            ),
            call(
                "cloudtrail",
                "DescribeTrails",
                Some("us-east-1"),
                json!({}),
                json!({"trailList": [{"Name": "data", "S3BucketName": "trail-logs", "IsMultiRegionTrail": true,
                       "HomeRegion": "us-east-1", "TrailARN": ARN}]}),
            ),
            call(
                "cloudtrail",
                "GetTrailStatus",
                Some("us-east-1"),
                json!({"Name": ARN}),
                json!({"IsLogging": true}),
            ),
        ];
        v.push(match selectors {
            Some(s) => call(
                "cloudtrail",
                "GetEventSelectors",
                Some("us-east-1"),
                json!({"TrailName": ARN}),
                s,
            ),
            None => error(
                "cloudtrail",
                "GetEventSelectors",
                Some("us-east-1"),
                json!({"TrailName": ARN}),
                "AccessDeniedException",
            ),
        });
        v
    }

    #[test]
    fn pass_fail_unknown() {
        let reads = json!({"TrailARN": ARN, "AdvancedEventSelectors": [{"Name": "reads", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            {"Field": "readOnly", "Equals": ["true"]}]}]});
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(calls(Some(reads))))),
            Status::Pass
        );
        let writes = json!({"TrailARN": ARN, "EventSelectors": [{"ReadWriteType": "WriteOnly",
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::acme-data/"]}]}]});
        let o = outcomes(&CHECK, &inventory(calls(Some(writes))));
        assert_eq!(only(&o), Status::Fail);
        assert!(
            o[0].message.contains("acme-data") && o[0].message.contains("read"),
            "{}",
            o[0].message
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(calls(None)))),
            Status::Unknown
        );
    }
}

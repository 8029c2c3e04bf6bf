//! CloudTrail logs object-level write events for every S3 bucket.
//!
//! ## What it checks
//! Every bucket of the account (`s3 ListBuckets`) against the account's trails
//! (`cloudtrail DescribeTrails`, `GetTrailStatus`, `GetEventSelectors`): a **multi-region** trail
//! that **is logging** must select all write data events on the bucket's objects:
//! - a basic event selector with `ReadWriteType` `All` or `WriteOnly` and a data resource of type
//!   `AWS::S3::Object` whose values include `arn:aws:s3` (all buckets), `arn:aws:s3:::`, or the
//!   bucket (`arn:aws:s3:::bucket/`); or
//! - an advanced event selector whose every condition admits all of them (`eventCategory` =
//!   `Data`, `resources.type` = `AWS::S3::Object`, `readOnly` absent or `false`, a
//!   `resources.ARN` that does not narrow the bucket to a prefix or exclude part of it, and no
//!   condition on event names or callers).
//!
//! A selector limited to a prefix of the bucket records only part of its objects and does not
//! count. When no trail is known to log the events but a multi-region trail's status or
//! selectors could not be read, the bucket is UNKNOWN.
//!
//! ## Why it matters
//! Without data events there is no record of who uploaded, overwrote or deleted an object:
//! ransomware and data tampering leave no trace.
//!
//! ## Remediation
//! ```sh
//! aws cloudtrail put-event-selectors --trail-name acme-trail --advanced-event-selectors '[{
//!   "Name": "S3 object writes", "FieldSelectors": [
//!     {"Field": "eventCategory", "Equals": ["Data"]},
//!     {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
//!     {"Field": "readOnly", "Equals": ["false"]}]}]'
//! ```
//! Keep the trail's management-event selector in the same list. Terraform:
//! `advanced_event_selector` blocks on `aws_cloudtrail`.
//!
//! ## References
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-22

use crate::prelude::*;
use crate::support::s3::{DataEvents, report_object_logging};

pub static CHECK: Check = Check {
    id: "s3.object_level_logging_write",
    title: "CloudTrail logs object-level write events for every S3 bucket",
    severity: Severity::Medium,
    resource_type: ResourceType::S3Bucket,
    compliance: &[cis("3.8"), fsbp("S3.22")],
    related: &[
        "s3.object_level_logging_read",
        "cloudtrail.multi_region_logging",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    report_object_logging(cx, out, DataEvents::Write);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    const ARN: &str = "arn:aws:cloudtrail:us-east-1:123456789012:trail/data";

    fn calls(multi: bool, logging: Option<bool>, selectors: Value) -> Vec<Value> {
        let mut v = vec![
            call(
                "s3",
                "ListBuckets",
                Some("us-east-1"),
                json!({}),
                json!({"Buckets": [{"Name": "acme-data"}, {"Name": "acme-other"}]}),
            ),
            call(
                "cloudtrail",
                "DescribeTrails",
                Some("us-east-1"),
                json!({}),
                json!({"trailList": [{"Name": "data", "S3BucketName": "trail-logs", "IsMultiRegionTrail": multi,
                       "HomeRegion": "us-east-1", "TrailARN": ARN, "LogFileValidationEnabled": true,
                       "HasCustomEventSelectors": true, "IsOrganizationTrail": false}]}),
            ),
            call(
                "cloudtrail",
                "GetEventSelectors",
                Some("us-east-1"),
                json!({"TrailName": ARN}),
                {
                    let mut s = selectors;
                    s["TrailARN"] = json!(ARN);
                    s
                },
            ),
        ];
        v.push(match logging {
            Some(l) => call(
                "cloudtrail",
                "GetTrailStatus",
                Some("us-east-1"),
                json!({"Name": ARN}),
                json!({"IsLogging": l}),
            ),
            None => error(
                "cloudtrail",
                "GetTrailStatus",
                Some("us-east-1"),
                json!({"Name": ARN}),
                "AccessDeniedException",
            ),
        });
        v
    }

    fn one_bucket() -> Value {
        json!({"AdvancedEventSelectors": [
            {"Name": "Management", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
            {"Name": "data-lake writes", "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                {"Field": "readOnly", "Equals": ["false"]},
                {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::acme-data/"]}]}]})
    }

    #[test]
    fn per_bucket_pass_and_fail() {
        let o = outcomes(&CHECK, &inventory(calls(true, Some(true), one_bucket())));
        assert_eq!(
            statuses(&o),
            [
                ("acme-data".into(), Status::Pass),
                ("acme-other".into(), Status::Fail)
            ]
        );
        assert!(o[0].message.contains("`data`"), "{}", o[0].message);
        let all = json!({"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true,
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}], "ExcludeManagementEventSources": []}]});
        let o = outcomes(&CHECK, &inventory(calls(true, Some(true), all.clone())));
        assert!(o.iter().all(|o| o.status == Status::Pass));
        // A stopped trail, or a single-region one, logs nothing for the account.
        let o = outcomes(&CHECK, &inventory(calls(true, Some(false), all.clone())));
        assert!(o.iter().all(|o| o.status == Status::Fail));
        assert!(o[0].message.contains("not logging"), "{}", o[0].message);
        let o = outcomes(&CHECK, &inventory(calls(false, Some(true), all)));
        assert!(o.iter().all(|o| o.status == Status::Fail));
        // Reads only.
        let reads = json!({"EventSelectors": [{"ReadWriteType": "ReadOnly",
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]});
        let o = outcomes(&CHECK, &inventory(calls(true, Some(true), reads)));
        assert!(o.iter().all(|o| o.status == Status::Fail));
    }

    #[test]
    fn unknown_when_trail_status_or_trails_missing() {
        let o = outcomes(&CHECK, &inventory(calls(true, None, one_bucket())));
        assert_eq!(
            statuses(&o),
            [
                ("acme-data".into(), Status::Unknown),
                ("acme-other".into(), Status::Fail)
            ]
        );
        let inv = inventory(vec![call(
            "s3",
            "ListBuckets",
            Some("us-east-1"),
            json!({}),
            json!({"Buckets": [{"Name": "b"}]}),
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

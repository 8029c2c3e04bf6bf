//! SNS topics are encrypted at rest using AWS KMS.
//!
//! ## What it checks
//! Every SNS topic in every covered region (`sns ListTopics`) and its attributes
//! (`sns GetTopicAttributes`): the topic must name a KMS key for server-side encryption
//! (`KmsMasterKeyId`, the AWS managed `alias/aws/sns` or a customer managed key). Topics whose
//! attributes could not be read are UNKNOWN.
//!
//! ## Why it matters
//! With a KMS key, reading stored messages needs permission on the key as well, and every use
//! of the key is logged in CloudTrail.
//!
//! ## Remediation
//! ```sh
//! aws sns set-topic-attributes --topic-arn arn:aws:sns:us-east-1:123456789012:orders \
//!   --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns
//! ```
//! Terraform: `kms_master_key_id = "alias/aws/sns"` on `aws_sns_topic`. Publishers that are AWS
//! services need a customer managed key whose policy lets them use it.
//!
//! ## References
//! - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::sns::Topic;

pub static CHECK: Check = Check {
    id: "sns.topic_encrypted_kms",
    title: "SNS topics are encrypted at rest using AWS KMS",
    severity: Severity::Medium,
    resource_type: ResourceType::SnsTopic,
    compliance: &[fsbp("SNS.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// How findings name a topic.
pub(crate) fn topic_ref(cx: &Context<'_>, t: &Topic) -> ResourceRef {
    cx.resource(
        ResourceType::SnsTopic,
        t.name(),
        Some(t.topic_arn.clone()),
        Some(t.region()),
    )
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.sns.topics,
        "which SNS topics exist",
        |out, t| {
            let res = topic_ref(cx, t);
            let a = match &t.attributes {
                Ok(a) => a,
                Err(g) => return out.unknown(res, "whether the topic is encrypted", g),
            };
            let ev = json!({"KmsMasterKeyId": a.kms_master_key_id});
            match a.kms_master_key_id.as_deref().filter(|k| !k.is_empty()) {
                Some(k) => out.pass(
                    res,
                    format!("topic `{}` is encrypted with KMS key `{k}`", t.name()),
                    ev,
                ),
                None => out.fail(
                    res,
                    format!("topic `{}` is not encrypted with a KMS key", t.name()),
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

    /// `ListTopics` plus one `GetTopicAttributes` per (name, attributes); `None`: denied.
    pub(crate) fn topics(items: &[(&str, Option<Value>)]) -> Vec<Value> {
        let arn = |n: &str| format!("arn:aws:sns:us-east-1:123456789012:{n}");
        let mut v = vec![call(
            "sns",
            "ListTopics",
            Some("us-east-1"),
            json!({}),
            json!({"Topics": items.iter().map(|(n, _)| json!({"TopicArn": arn(n)})).collect::<Vec<_>>()}),
        )];
        for (n, attrs) in items {
            let params = json!({"TopicArn": arn(n)});
            v.push(match attrs {
                Some(a) => {
                    let mut a = a.clone();
                    a["TopicArn"] = json!(arn(n));
                    a["Owner"] = json!("123456789012");
                    call(
                        "sns",
                        "GetTopicAttributes",
                        Some("us-east-1"),
                        params,
                        json!({"Attributes": a}),
                    )
                }
                None => error(
                    "sns",
                    "GetTopicAttributes",
                    Some("us-east-1"),
                    params,
                    "AuthorizationError",
                ),
            });
        }
        v
    }

    #[test]
    fn fails_without_kms_key() {
        let inv = inventory(topics(&[
            ("managed", Some(json!({"KmsMasterKeyId": "alias/aws/sns"}))),
            (
                "cmk",
                Some(
                    json!({"KmsMasterKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}),
                ),
            ),
            (
                "plain",
                Some(json!({"DisplayName": "plain", "SubscriptionsConfirmed": "0"})),
            ),
            ("denied", None),
        ]));
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("managed".into(), Status::Pass),
                ("cmk".into(), Status::Pass),
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

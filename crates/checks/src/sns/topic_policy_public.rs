//! SNS topic access policies do not allow public access.
//!
//! ## What it checks
//! Every SNS topic in every covered region (`sns ListTopics`) and its access policy (the
//! `Policy` attribute of `sns GetTopicAttributes`). The policy engine evaluates, against the
//! policy, requests from an anonymous caller and from a principal of an AWS account the policy
//! does not name, for publishing, subscribing, and reading or changing the topic's attributes
//! and permissions. A topic fails when any of them is allowed. The default policy AWS writes
//! (`"Principal": {"AWS": "*"}` limited by `AWS:SourceOwner` = the account) and other really
//! restricting conditions (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`,
//! `aws:SourceVpce`) keep it private. A policy the engine cannot parse is UNKNOWN.
//!
//! ## Why it matters
//! A public topic lets anyone subscribe an endpoint and receive every message, or publish
//! messages that subscribers (queues, functions, people) will act on.
//!
//! ## Remediation
//! Replace the open statement with named principals, or add a restricting condition:
//! ```sh
//! aws sns get-topic-attributes --topic-arn arn:aws:sns:us-east-1:123456789012:orders \
//!   --query Attributes.Policy --output text
//! aws sns set-topic-attributes --topic-arn arn:aws:sns:us-east-1:123456789012:orders \
//!   --attribute-name Policy --attribute-value file://restricted-policy.json
//! ```
//! Terraform: `aws_sns_topic_policy` with a policy that names principals or conditions.
//!
//! ## References
//! - https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-4

use super::topic_encrypted_kms::topic_ref;
use crate::prelude::*;
use crate::support::exposure::{ExposureOptions, resource_policy_exposure};
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "sns.topic_policy_public",
    title: "SNS topic access policies do not allow public access",
    severity: Severity::Critical,
    resource_type: ResourceType::SnsTopic,
    compliance: &[fsbp("SNS.4")],
    related: &["sqs.queue_policy_public"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// What an outsider could do with a topic.
const ACTIONS: &[&str] = &[
    "sns:Publish",
    "sns:Subscribe",
    "sns:GetTopicAttributes",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "sns:RemovePermission",
    "sns:DeleteTopic",
    "sns:ListSubscriptionsByTopic",
];

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    each(
        cx,
        out,
        &cx.inv.sns.topics,
        "which SNS topics exist",
        |out, t| {
            let res = topic_ref(cx, t);
            let doc = match &t.attributes {
                Ok(a) => match &a.policy {
                    Some(d) => d,
                    None => {
                        return out.pass(
                            res,
                            format!("topic `{}` has no access policy", t.name()),
                            json!({"Policy": null}),
                        );
                    }
                },
                Err(g) => return out.unknown(res, "who may use the topic", g),
            };
            let account = t
                .topic_arn
                .split(':')
                .nth(4)
                .filter(|a| !a.is_empty())
                .unwrap_or(&cx.inv.account_id);
            match resource_policy_exposure(
                doc,
                &t.topic_arn,
                account,
                ACTIONS,
                ExposureOptions::default(),
            ) {
                Ok(e) if e.is_public() => out.fail(
                    res,
                    format!("topic `{}` is public: {}", t.name(), e.summary()),
                    e.evidence(),
                ),
                Ok(e) => out.pass(
                    res,
                    format!(
                        "the access policy of topic `{}` grants no public access",
                        t.name()
                    ),
                    e.evidence(),
                ),
                Err(e) => out.push_unknown_message(
                    res,
                    format!(
                        "the access policy of topic `{}` cannot be evaluated: {e}",
                        t.name()
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
    use crate::sns::topic_encrypted_kms::tests::topics;
    use crate::support::testing::*;
    use serde_json::Value;

    fn policy(statements: Value) -> Value {
        json!({"Policy": json!({"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": statements}).to_string()})
    }

    /// The policy AWS writes when a topic is created.
    fn default_policy(name: &str) -> Value {
        policy(
            json!([{"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
            "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                       "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
            "Resource": format!("arn:aws:sns:us-east-1:123456789012:{name}"),
            "Condition": {"StringEquals": {"AWS:SourceOwner": "123456789012"}}}]),
        )
    }

    #[test]
    fn fails_open_policy_passes_default() {
        let inv = inventory(topics(&[
            ("default", Some(default_policy("default"))),
            (
                "open",
                Some(policy(
                    json!([{"Sid": "PublicSubscribe", "Effect": "Allow", "Principal": "*",
                "Action": ["sns:Subscribe", "sns:Receive"], "Resource": "arn:aws:sns:us-east-1:123456789012:open"}]),
                )),
            ),
            ("denied", None),
        ]));
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("default".into(), Status::Pass),
                ("open".into(), Status::Fail),
                ("denied".into(), Status::Unknown),
            ]
        );
        assert!(o[1].message.contains("sns:Subscribe"), "{}", o[1].message);
    }

    #[test]
    fn unknown_when_policy_unparseable() {
        let inv = inventory(topics(&[(
            "odd",
            Some(policy(
                json!([{"Effect": "Allow", "Principal": "*", "Action": 7, "Resource": "*"}]),
            )),
        )]));
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

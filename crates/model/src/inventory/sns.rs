//! SNS: topics (`ListTopics`) with their attributes (`GetTopicAttributes`), and subscriptions
//! (`ListSubscriptions`), per region.
//!
//! The CIS monitoring checks need an alarm's topic to have at least one confirmed subscriber;
//! an unconfirmed subscription prints `PendingConfirmation` instead of an ARN. The FSBP checks
//! read a topic's encryption key and access policy from `GetTopicAttributes`, which names its
//! topic in `params.TopicArn` and is joined onto listed topics in `finalize`.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// SNS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Sns {
    pub topics: Regional<Vec<Topic>>,
    pub subscriptions: Regional<Vec<Subscription>>,
    /// `GetTopicAttributes` results by (region, topic ARN), waiting for `finalize`.
    pending: BTreeMap<(String, String), Observed<TopicAttributes>>,
}

impl Default for Sns {
    fn default() -> Self {
        Sns {
            topics: Regional::new("sns", "ListTopics"),
            subscriptions: Regional::new("sns", "ListSubscriptions"),
            pending: BTreeMap::new(),
        }
    }
}

/// An SNS topic.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Topic {
    pub topic_arn: String,
    /// `GetTopicAttributes`.
    #[serde(skip, default = "attributes_not_collected")]
    pub attributes: Observed<TopicAttributes>,
}

fn attributes_not_collected() -> Observed<TopicAttributes> {
    Err(Gap::not_collected("sns", "GetTopicAttributes", None))
}

impl Topic {
    /// The topic name (the last part of its ARN).
    pub fn name(&self) -> &str {
        self.topic_arn.rsplit(':').next().unwrap_or(&self.topic_arn)
    }

    /// The region in the topic ARN.
    pub fn region(&self) -> &str {
        self.topic_arn.split(':').nth(3).unwrap_or("")
    }
}

/// Topic attributes Rampart uses, as `GetTopicAttributes` prints them (all strings).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct TopicAttributes {
    /// The access policy (every topic has one; AWS writes a default at creation).
    #[serde(rename = "Policy")]
    pub policy: Option<PolicyDocument>,
    /// The SSE key (`alias/aws/sns` or a key ARN); absent when the topic is not encrypted with
    /// a KMS key.
    #[serde(rename = "KmsMasterKeyId")]
    pub kms_master_key_id: Option<String>,
    #[serde(rename = "Owner")]
    pub owner: Option<String>,
    #[serde(rename = "DisplayName")]
    pub display_name: Option<String>,
}

/// A subscription to a topic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Subscription {
    /// The subscription ARN, or `PendingConfirmation` until the endpoint confirms.
    pub subscription_arn: String,
    pub topic_arn: String,
    /// `email`, `sqs`, `lambda`, `https`, ...
    pub protocol: Option<String>,
    pub endpoint: Option<String>,
    /// The account that owns the subscription.
    pub owner: Option<String>,
}

impl Subscription {
    /// The endpoint confirmed the subscription.
    pub fn is_confirmed(&self) -> bool {
        self.subscription_arn.starts_with("arn:")
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TopicsResponse {
    #[serde(default)]
    topics: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TopicAttributesResponse {
    #[serde(default)]
    attributes: TopicAttributes,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SubscriptionsResponse {
    #[serde(default)]
    subscriptions: Vec<Subscription>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListTopics" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: TopicsResponse| r.topics)?;
            Box::new(move |inv| inv.sns.topics.merge(region, v))
        }
        "ListSubscriptions" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: SubscriptionsResponse| r.subscriptions)?;
            Box::new(move |inv| inv.sns.subscriptions.merge(region, v))
        }
        "GetTopicAttributes" => {
            let region = cx.region()?;
            let arn = cx.param("TopicArn")?;
            let subject = format!("topic {}", arn.rsplit(':').next().unwrap_or(&arn));
            let v = cx
                .observe(body, |r: TopicAttributesResponse| r.attributes)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.sns.pending.insert((region, arn), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Sns {
    /// Joins attribute calls onto listed topics; returns notes about calls for topics
    /// `ListTopics` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.topics.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(topics)) = self.topics.entry_mut(&region) else {
                continue;
            };
            for t in topics {
                t.attributes = pending
                    .remove(&(region.clone(), t.topic_arn.clone()))
                    .unwrap_or_else(|| {
                        Err(
                            Gap::not_collected("sns", "GetTopicAttributes", Some(&region))
                                .about(format!("topic {}", t.name())),
                        )
                    });
            }
        }
        self.topics.fill(regions);
        self.subscriptions.fill(regions);
        let mut notes = Vec::new();
        for (region, arn) in pending.keys() {
            if self.topics.get(region).is_ok() {
                notes.push(format!(
                    "sns GetTopicAttributes for topic `{arn}` in {region}: the topic is not in ListTopics; ignored"
                ));
            }
        }
        notes
    }

    /// Confirmed subscriptions of a topic (found in the topic's region, taken from its ARN).
    pub fn confirmed_subscribers<'a>(
        &'a self,
        topic_arn: &'a str,
    ) -> impl Iterator<Item = &'a Subscription> + 'a {
        let region = topic_arn.split(':').nth(3).unwrap_or("");
        let list = self
            .subscriptions
            .get(region)
            .ok()
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        list.iter()
            .filter(move |s| s.topic_arn == topic_arn && s.is_confirmed())
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn topics_and_subscriptions() {
        let inv = test_load(
            r#"{"service": "sns", "operation": "ListTopics", "region": "us-east-1",
                "response": {"Topics": [{"TopicArn": "arn:aws:sns:us-east-1:123456789012:security"}]}},
               {"service": "sns", "operation": "ListSubscriptions", "region": "us-east-1",
                "response": {"Subscriptions": [
                  {"SubscriptionArn": "arn:aws:sns:us-east-1:123456789012:security:0b1f",
                   "Owner": "123456789012", "Protocol": "email", "Endpoint": "sec@example.com",
                   "TopicArn": "arn:aws:sns:us-east-1:123456789012:security"},
                  {"SubscriptionArn": "PendingConfirmation", "Owner": "123456789012", "Protocol": "email",
                   "Endpoint": "new@example.com", "TopicArn": "arn:aws:sns:us-east-1:123456789012:security"}]}},
               {"service": "sns", "operation": "ListTopics", "region": "eu-west-1",
                "error": {"code": "AuthorizationError", "message": "no"}}"#,
        )
        .unwrap();
        let topic = &inv.sns.topics.get("us-east-1").unwrap()[0];
        let subs: Vec<_> = inv.sns.confirmed_subscribers(&topic.topic_arn).collect();
        assert_eq!(subs.len(), 1);
        assert_eq!(subs[0].endpoint.as_deref(), Some("sec@example.com"));
        assert!(!inv.sns.subscriptions.get("us-east-1").unwrap()[1].is_confirmed());
        assert_eq!(
            inv.sns.topics.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
        assert_eq!(
            inv.sns.subscriptions.get("eu-west-1").unwrap_err().kind,
            GapKind::NotCollected
        );
    }

    #[test]
    fn topic_attributes_joined() {
        let inv = test_load(
            r#"{"service": "sns", "operation": "GetTopicAttributes", "region": "us-east-1",
                "params": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts"},
                "response": {"Attributes": {"Policy": "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[]}",
                  "Owner": "123456789012", "SubscriptionsPending": "0", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts",
                  "KmsMasterKeyId": "alias/aws/sns", "EffectiveDeliveryPolicy": "{}", "SubscriptionsConfirmed": "1",
                  "DisplayName": "", "SubscriptionsDeleted": "0"}}},
               {"service": "sns", "operation": "ListTopics", "region": "us-east-1",
                "response": {"Topics": [{"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts"},
                                        {"TopicArn": "arn:aws:sns:us-east-1:123456789012:plain"},
                                        {"TopicArn": "arn:aws:sns:us-east-1:123456789012:denied"}]}},
               {"service": "sns", "operation": "GetTopicAttributes", "region": "us-east-1",
                "params": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:plain"},
                "response": {"Attributes": {"Owner": "123456789012", "TopicArn": "arn:aws:sns:us-east-1:123456789012:plain"}}},
               {"service": "sns", "operation": "GetTopicAttributes", "region": "us-east-1",
                "params": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:denied"},
                "error": {"code": "AuthorizationError", "message": "no"}}"#,
        )
        .unwrap();
        let t = inv.sns.topics.get("us-east-1").unwrap();
        let a = t[0].attributes.as_ref().unwrap();
        assert_eq!(a.kms_master_key_id.as_deref(), Some("alias/aws/sns"));
        assert_eq!(
            a.policy.as_ref().unwrap().to_value()["Id"],
            "__default_policy_ID"
        );
        assert_eq!((t[0].name(), t[0].region()), ("alerts", "us-east-1"));
        let a = t[1].attributes.as_ref().unwrap();
        assert!(a.kms_master_key_id.is_none() && a.policy.is_none());
        let g = t[2].attributes.as_ref().unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (GapKind::AccessDenied, Some("topic denied"))
        );
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "sns", "operation": "ListTopics", "region": "us-east-1",
                "response": {"Topics": [{"TopicArn": 5}]}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.Topics[0].TopicArn"));
    }
}

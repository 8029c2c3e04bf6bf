//! SNS: topics (`ListTopics`) and subscriptions (`ListSubscriptions`), per region.
//!
//! The CIS monitoring checks need an alarm's topic to have at least one confirmed subscriber;
//! an unconfirmed subscription prints `PendingConfirmation` instead of an ARN.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;

/// SNS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Sns {
    pub topics: Regional<Vec<Topic>>,
    pub subscriptions: Regional<Vec<Subscription>>,
}

impl Default for Sns {
    fn default() -> Self {
        Sns {
            topics: Regional::new("sns", "ListTopics"),
            subscriptions: Regional::new("sns", "ListSubscriptions"),
        }
    }
}

/// An SNS topic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Topic {
    pub topic_arn: String,
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
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Sns {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.topics.fill(regions);
        self.subscriptions.fill(regions);
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
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "sns", "operation": "ListTopics", "region": "us-east-1",
                "response": {"Topics": [{"TopicArn": 5}]}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.Topics[0].TopicArn"));
    }
}

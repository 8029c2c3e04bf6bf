//! SQS: queues (`ListQueues`) with their attributes (`GetQueueAttributes` with
//! `AttributeNames: ["All"]`), per region.
//!
//! `ListQueues` prints only queue URLs; `GetQueueAttributes` names its queue in
//! `params.QueueUrl` and answers with string attributes (`"SqsManagedSseEnabled": "true"`, the
//! access policy as JSON text). The attribute calls are joined onto listed queues in `finalize`.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// SQS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Sqs {
    pub queues: Regional<Vec<Queue>>,
    pending: BTreeMap<(String, String), Observed<QueueAttributes>>,
}

impl Default for Sqs {
    fn default() -> Self {
        Sqs {
            queues: Regional::new("sqs", "ListQueues"),
            pending: BTreeMap::new(),
        }
    }
}

/// A queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    /// `https://sqs.us-east-1.amazonaws.com/123456789012/orders`.
    pub url: String,
    /// The last part of the URL.
    pub name: String,
    /// The owning account (from the URL).
    pub account: Option<String>,
    /// The region of the call that listed it.
    pub region: String,
    /// `GetQueueAttributes`.
    pub attributes: Observed<QueueAttributes>,
}

impl Queue {
    fn from_url(url: String, region: &str) -> Queue {
        let mut parts = url.trim_end_matches('/').rsplit('/');
        let name = parts.next().unwrap_or_default().to_string();
        let account = parts
            .next()
            .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string);
        Queue {
            attributes: Err(
                Gap::not_collected("sqs", "GetQueueAttributes", Some(region))
                    .about(format!("queue {name}")),
            ),
            url,
            name,
            account,
            region: region.to_string(),
        }
    }

    /// The queue ARN (`QueueArn` attribute, or built from the URL).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if let Ok(QueueAttributes {
            queue_arn: Some(a), ..
        }) = &self.attributes
        {
            return a.clone();
        }
        let acct = self.account.as_deref().unwrap_or(account);
        format!("arn:{partition}:sqs:{}:{acct}:{}", self.region, self.name)
    }
}

/// Queue attributes Rampart uses, as `GetQueueAttributes` prints them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct QueueAttributes {
    #[serde(rename = "QueueArn")]
    pub queue_arn: Option<String>,
    /// The access policy; absent when the queue has none.
    #[serde(rename = "Policy")]
    pub policy: Option<PolicyDocument>,
    /// SSE-KMS key (`alias/aws/sqs` or a key ARN); absent without SSE-KMS.
    #[serde(rename = "KmsMasterKeyId")]
    pub kms_master_key_id: Option<String>,
    /// `"true"` when SSE-SQS (SQS-managed keys) is on.
    #[serde(rename = "SqsManagedSseEnabled")]
    pub sqs_managed_sse_enabled: Option<String>,
}

impl QueueAttributes {
    /// Server-side encryption at rest: SSE-KMS (a key is set) or SSE-SQS.
    pub fn encryption(&self) -> Option<&str> {
        match (
            &self.kms_master_key_id,
            self.sqs_managed_sse_enabled.as_deref(),
        ) {
            (Some(k), _) if !k.is_empty() => Some("SSE-KMS"),
            (_, Some(v)) if v.eq_ignore_ascii_case("true") => Some("SSE-SQS"),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListQueuesResponse {
    #[serde(default)]
    queue_urls: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttributesResponse {
    #[serde(default)]
    attributes: QueueAttributes,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListQueues" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: ListQueuesResponse| {
                resp.queue_urls
                    .into_iter()
                    .map(|u| Queue::from_url(u, &r))
                    .collect::<Vec<_>>()
            })?;
            Box::new(move |inv| inv.sqs.queues.merge(region, v))
        }
        "GetQueueAttributes" => {
            let region = cx.region()?;
            let url = cx.param("QueueUrl")?;
            let name = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            let subject = format!("queue {name}");
            let v = cx
                .observe(body, |r: AttributesResponse| r.attributes)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.sqs.pending.insert((region, url), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Sqs {
    /// Joins attribute calls onto listed queues (by region and URL); returns notes about calls
    /// for queues `ListQueues` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.queues.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(queues)) = self.queues.entry_mut(&region) else {
                continue;
            };
            for q in queues {
                if let Some(v) = pending.remove(&(region.clone(), q.url.clone())) {
                    q.attributes = v;
                }
            }
        }
        self.queues.fill(regions);
        let mut notes = Vec::new();
        for (region, url) in pending.keys() {
            if self.queues.get(region).is_ok() {
                notes.push(format!(
                    "sqs GetQueueAttributes for queue `{url}` in {region}: the queue is not in ListQueues; ignored"
                ));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn queues_with_attributes() {
        let inv = test_load(
            r#"{"service": "sqs", "operation": "GetQueueAttributes", "region": "us-east-1",
                "params": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/orders", "AttributeNames": ["All"]},
                "response": {"Attributes": {"QueueArn": "arn:aws:sqs:us-east-1:123456789012:orders",
                  "ApproximateNumberOfMessages": "0", "CreatedTimestamp": "1700000000", "VisibilityTimeout": "30",
                  "Policy": "{\"Version\":\"2012-10-17\",\"Id\":\"q\",\"Statement\":[]}",
                  "KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "300",
                  "SqsManagedSseEnabled": "false"}}},
               {"service": "sqs", "operation": "ListQueues", "region": "us-east-1",
                "response": {"QueueUrls": ["https://sqs.us-east-1.amazonaws.com/123456789012/orders",
                                           "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                                           "https://sqs.us-east-1.amazonaws.com/123456789012/plain"]}},
               {"service": "sqs", "operation": "GetQueueAttributes", "region": "us-east-1",
                "params": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "AttributeNames": ["All"]},
                "response": {"Attributes": {"QueueArn": "arn:aws:sqs:us-east-1:123456789012:jobs", "SqsManagedSseEnabled": "true"}}},
               {"service": "sqs", "operation": "GetQueueAttributes", "region": "us-east-1",
                "params": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/plain", "AttributeNames": ["All"]},
                "error": {"code": "AccessDenied", "message": "no"}},
               {"service": "sqs", "operation": "ListQueues", "region": "eu-west-1", "response": {}}"#,
        )
        .unwrap();
        let q = inv.sqs.queues.get("us-east-1").unwrap();
        assert_eq!(q[0].name, "orders");
        assert_eq!(q[0].account.as_deref(), Some("123456789012"));
        let a = q[0].attributes.as_ref().unwrap();
        assert_eq!(a.encryption(), Some("SSE-KMS"));
        assert_eq!(a.policy.as_ref().unwrap().to_value()["Id"], "q");
        let a = q[1].attributes.as_ref().unwrap();
        assert_eq!(a.encryption(), Some("SSE-SQS"));
        assert!(a.policy.is_none());
        assert_eq!(
            q[2].attributes.as_ref().unwrap_err().kind,
            GapKind::AccessDenied
        );
        assert_eq!(
            q[2].arn("aws", "1"),
            "arn:aws:sqs:us-east-1:123456789012:plain"
        );
        assert!(inv.sqs.queues.get("eu-west-1").unwrap().is_empty());
    }

    #[test]
    fn bad_policy_names_the_path() {
        let e = test_load(
            r#"{"service": "sqs", "operation": "GetQueueAttributes", "region": "us-east-1",
                "params": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q"},
                "response": {"Attributes": {"Policy": "nope"}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.Attributes.Policy"));
    }
}

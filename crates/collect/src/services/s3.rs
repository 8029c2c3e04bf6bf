//! S3: the bucket list, then each bucket's settings asked in the bucket's own region, and the
//! account-level Block Public Access from S3 Control.

use super::Ctx;
use crate::json::{en, list, list_all, obj};
use crate::record::{ApiError, Call};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Mutex;

/// The per-bucket operations, in the order they are recorded.
const PER_BUCKET: &[&str] = &[
    "GetBucketPolicy",
    "GetBucketPolicyStatus",
    "GetBucketAcl",
    "GetBucketEncryption",
    "GetPublicAccessBlock",
    "GetBucketVersioning",
    "GetBucketLogging",
    "GetBucketLifecycleConfiguration",
    "GetBucketNotificationConfiguration",
];

/// The region a `LocationConstraint` names: none means us-east-1, `EU` is eu-west-1.
pub(crate) fn bucket_region(constraint: Option<&str>) -> String {
    match constraint {
        None | Some("") => "us-east-1".to_string(),
        Some("EU") => "eu-west-1".to_string(),
        Some(r) => r.to_string(),
    }
}

fn pab(c: Option<&aws_sdk_s3::types::PublicAccessBlockConfiguration>) -> Value {
    c.map_or(Value::Null, |c| {
        obj! {
            "BlockPublicAcls" => c.block_public_acls(),
            "IgnorePublicAcls" => c.ignore_public_acls(),
            "BlockPublicPolicy" => c.block_public_policy(),
            "RestrictPublicBuckets" => c.restrict_public_buckets(),
        }
    })
}

fn tag(t: &aws_sdk_s3::types::Tag) -> Value {
    obj! { "Key" => t.key(), "Value" => t.value() }
}

/// One lifecycle rule with the members `s3api get-bucket-lifecycle-configuration` prints.
fn lifecycle_rule(rule: &aws_sdk_s3::types::LifecycleRule) -> Value {
    obj! {
        "Expiration" => rule.expiration().map(|e| obj! {
            "Date" => e.date(),
            "Days" => e.days(),
            "ExpiredObjectDeleteMarker" => e.expired_object_delete_marker(),
        }),
        "ID" => rule.id(),
        // Deprecated in the API, but rules written before `Filter` existed still carry it and
        // the CLI prints it.
        "Prefix" => {
            #[allow(deprecated)]
            rule.prefix()
        },
        "Filter" => rule.filter().map(|f| obj! {
            "Prefix" => f.prefix(),
            "Tag" => f.tag().map(tag),
            "ObjectSizeGreaterThan" => f.object_size_greater_than(),
            "ObjectSizeLessThan" => f.object_size_less_than(),
            "And" => f.and().map(|a| obj! {
                "Prefix" => a.prefix(),
                "Tags" => list(a.tags(), tag),
                "ObjectSizeGreaterThan" => a.object_size_greater_than(),
                "ObjectSizeLessThan" => a.object_size_less_than(),
            }),
        }),
        "Status" => en(Some(rule.status())),
        "Transitions" => list(rule.transitions(), |t| obj! {
            "Date" => t.date(),
            "Days" => t.days(),
            "StorageClass" => en(t.storage_class()),
        }),
        "NoncurrentVersionTransitions" => list(rule.noncurrent_version_transitions(), |t| obj! {
            "NoncurrentDays" => t.noncurrent_days(),
            "StorageClass" => en(t.storage_class()),
            "NewerNoncurrentVersions" => t.newer_noncurrent_versions(),
        }),
        "NoncurrentVersionExpiration" => rule.noncurrent_version_expiration().map(|e| obj! {
            "NoncurrentDays" => e.noncurrent_days(),
            "NewerNoncurrentVersions" => e.newer_noncurrent_versions(),
        }),
        "AbortIncompleteMultipartUpload" => rule.abort_incomplete_multipart_upload().map(|a| obj! {
            "DaysAfterInitiation" => a.days_after_initiation(),
        }),
    }
}

fn events(list: &[aws_sdk_s3::types::Event]) -> Value {
    Value::Array(
        list.iter()
            .map(|e| Value::String(e.as_str().to_string()))
            .collect(),
    )
}

/// A notification's key-name filter (`{"Key": {"FilterRules": [...]}}`).
fn notification_filter(f: Option<&aws_sdk_s3::types::NotificationConfigurationFilter>) -> Value {
    f.map_or(Value::Null, |f| {
        obj! { "Key" => f.key().map(|k| obj! {
            "FilterRules" => list_all(k.filter_rules(), |r| obj! {
                "Name" => en(r.name()),
                "Value" => r.value(),
            }),
        }) }
    })
}

async fn per_bucket(c: &aws_sdk_s3::Client, op: &str, bucket: &str) -> Result<Value, ApiError> {
    Ok(match op {
        "GetBucketPolicy" => {
            let r = c.get_bucket_policy().bucket(bucket).send().await?;
            obj! { "Policy" => r.policy() }
        }
        "GetBucketPolicyStatus" => {
            let r = c.get_bucket_policy_status().bucket(bucket).send().await?;
            obj! { "PolicyStatus" => r.policy_status().map(|s| obj! { "IsPublic" => s.is_public() }) }
        }
        "GetBucketAcl" => {
            let r = c.get_bucket_acl().bucket(bucket).send().await?;
            obj! {
                "Owner" => r.owner().map(|o| obj! { "DisplayName" => o.display_name(), "ID" => o.id() }),
                "Grants" => list_all(r.grants(), |g| obj! {
                    "Grantee" => g.grantee().map(|e| obj! {
                        "DisplayName" => e.display_name(),
                        "EmailAddress" => e.email_address(),
                        "ID" => e.id(),
                        "Type" => en(Some(e.r#type())),
                        "URI" => e.uri(),
                    }),
                    "Permission" => en(g.permission()),
                }),
            }
        }
        "GetBucketEncryption" => {
            let r = c.get_bucket_encryption().bucket(bucket).send().await?;
            obj! { "ServerSideEncryptionConfiguration" => r.server_side_encryption_configuration().map(|s| obj! {
                "Rules" => list_all(s.rules(), |rule| obj! {
                    "ApplyServerSideEncryptionByDefault" => rule.apply_server_side_encryption_by_default().map(|d| obj! {
                        "SSEAlgorithm" => en(Some(d.sse_algorithm())),
                        "KMSMasterKeyID" => d.kms_master_key_id(),
                    }),
                    "BucketKeyEnabled" => rule.bucket_key_enabled(),
                }),
            }) }
        }
        "GetPublicAccessBlock" => {
            let r = c.get_public_access_block().bucket(bucket).send().await?;
            obj! { "PublicAccessBlockConfiguration" => pab(r.public_access_block_configuration()) }
        }
        "GetBucketVersioning" => {
            let r = c.get_bucket_versioning().bucket(bucket).send().await?;
            obj! { "Status" => en(r.status()), "MFADelete" => en(r.mfa_delete()) }
        }
        "GetBucketLogging" => {
            let r = c.get_bucket_logging().bucket(bucket).send().await?;
            obj! { "LoggingEnabled" => r.logging_enabled().map(|l| obj! {
                "TargetBucket" => l.target_bucket(),
                "TargetPrefix" => l.target_prefix(),
            }) }
        }
        "GetBucketLifecycleConfiguration" => {
            let r = c
                .get_bucket_lifecycle_configuration()
                .bucket(bucket)
                .send()
                .await?;
            obj! {
                "Rules" => list_all(r.rules(), lifecycle_rule),
                "TransitionDefaultMinimumObjectSize" => en(r.transition_default_minimum_object_size()),
            }
        }
        "GetBucketNotificationConfiguration" => {
            let r = c
                .get_bucket_notification_configuration()
                .bucket(bucket)
                .send()
                .await?;
            obj! {
                "TopicConfigurations" => list(r.topic_configurations(), |t| obj! {
                    "Id" => t.id(),
                    "TopicArn" => t.topic_arn(),
                    "Events" => events(t.events()),
                    "Filter" => notification_filter(t.filter()),
                }),
                "QueueConfigurations" => list(r.queue_configurations(), |q| obj! {
                    "Id" => q.id(),
                    "QueueArn" => q.queue_arn(),
                    "Events" => events(q.events()),
                    "Filter" => notification_filter(q.filter()),
                }),
                "LambdaFunctionConfigurations" => list(r.lambda_function_configurations(), |l| obj! {
                    "Id" => l.id(),
                    "LambdaFunctionArn" => l.lambda_function_arn(),
                    "Events" => events(l.events()),
                    "Filter" => notification_filter(l.filter()),
                }),
                // The CLI prints an empty object when EventBridge delivery is on.
                "EventBridgeConfiguration" => r.event_bridge_configuration().map(|_| obj! {}),
            }
        }
        _ => {
            return Err(ApiError::new(
                "Unsupported",
                format!("{op} is not collected"),
            ));
        }
    })
}

/// S3 clients by region, made once each.
struct Clients<'a> {
    ctx: &'a Ctx,
    by_region: Mutex<HashMap<String, aws_sdk_s3::Client>>,
}

impl Clients<'_> {
    fn get(&self, region: &str) -> aws_sdk_s3::Client {
        let mut m = self
            .by_region
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        m.entry(region.to_string())
            .or_insert_with(|| crate::client::s3(&self.ctx.sdk, region))
            .clone()
    }
}

async fn bucket_calls(ctx: &Ctx, clients: &Clients<'_>, name: String) -> Vec<Call> {
    let rec = &ctx.rec;
    let home = clients.get(&ctx.home);
    let params = json!({ "Bucket": name });
    let loc = rec
        .call(
            "s3",
            "GetBucketLocation",
            Some(&ctx.home),
            params.clone(),
            async {
                let r = home.get_bucket_location().bucket(&name).send().await?;
                // The CLI prints `null` for us-east-1 (an empty constraint).
                let lc = r
                    .location_constraint()
                    .map(|c| c.as_str())
                    .filter(|c| !c.is_empty());
                Ok(json!({ "LocationConstraint": lc }))
            },
        )
        .await;
    let constraint = loc
        .response()
        .and_then(|v| v.get("LocationConstraint"))
        .and_then(Value::as_str);
    let region = bucket_region(constraint);
    let c = clients.get(&region);
    let mut out = vec![loc];
    for op in PER_BUCKET {
        out.push(
            rec.call(
                "s3",
                op,
                Some(&region),
                params.clone(),
                per_bucket(&c, op, &name),
            )
            .await,
        );
    }
    out
}

pub(super) async fn s3(ctx: &Ctx) -> Vec<Call> {
    let rec = &ctx.rec;
    let clients = Clients {
        ctx,
        by_region: Mutex::new(HashMap::new()),
    };
    let home = clients.get(&ctx.home);
    let listed = rec
        .call("s3", "ListBuckets", Some(&ctx.home), json!({}), async {
            let mut stream = home.list_buckets().into_paginator().send();
            let mut buckets = Vec::new();
            let mut owner = Value::Null;
            while let Some(page) = stream.next().await {
                let page = page.map_err(ApiError::from)?;
                buckets.extend(page.buckets().iter().map(|b| {
                    obj! {
                        "Name" => b.name(),
                        "CreationDate" => b.creation_date(),
                        "BucketRegion" => b.bucket_region(),
                    }
                }));
                if let Some(o) = page.owner() {
                    owner = obj! { "DisplayName" => o.display_name(), "ID" => o.id() };
                }
            }
            Ok(obj! { "Buckets" => Value::Array(buckets), "Owner" => owner })
        })
        .await;
    let names: Vec<String> = listed
        .response()
        .and_then(|v| v.get("Buckets"))
        .and_then(Value::as_array)
        .map(|b| {
            b.iter()
                .filter_map(|b| b.get("Name").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![listed];
    // Buckets are read concurrently (the recorder bounds the calls in flight), written in
    // list order.
    let per_bucket =
        futures_util::future::join_all(names.into_iter().map(|n| bucket_calls(ctx, &clients, n)))
            .await;
    out.extend(per_bucket.into_iter().flatten());

    let control = crate::client::s3control(&ctx.sdk, &ctx.home);
    out.push(
        rec.call(
            "s3control",
            "GetPublicAccessBlock",
            Some(&ctx.home),
            json!({ "AccountId": ctx.account }),
            async {
                let r = control
                    .get_public_access_block()
                    .account_id(&ctx.account)
                    .send()
                    .await?;
                Ok(obj! { "PublicAccessBlockConfiguration" => r.public_access_block_configuration().map(|c| obj! {
                    "BlockPublicAcls" => c.block_public_acls(),
                    "IgnorePublicAcls" => c.ignore_public_acls(),
                    "BlockPublicPolicy" => c.block_public_policy(),
                    "RestrictPublicBuckets" => c.restrict_public_buckets(),
                }) })
            },
        )
        .await,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_constraints_name_regions() {
        assert_eq!(bucket_region(None), "us-east-1");
        assert_eq!(bucket_region(Some("")), "us-east-1");
        assert_eq!(bucket_region(Some("EU")), "eu-west-1");
        assert_eq!(bucket_region(Some("ap-south-1")), "ap-south-1");
    }

    #[test]
    fn lifecycle_rules_and_filters_in_cli_form() {
        use aws_sdk_s3::types::{
            AbortIncompleteMultipartUpload, ExpirationStatus, FilterRule, FilterRuleName,
            LifecycleExpiration, LifecycleRule, LifecycleRuleFilter, NoncurrentVersionExpiration,
            NotificationConfigurationFilter, S3KeyFilter, Transition, TransitionStorageClass,
        };
        let rule = LifecycleRule::builder()
            .id("tiering")
            .status(ExpirationStatus::Enabled)
            .filter(LifecycleRuleFilter::builder().prefix("logs/").build())
            .expiration(LifecycleExpiration::builder().days(365).build())
            .transitions(
                Transition::builder()
                    .days(30)
                    .storage_class(TransitionStorageClass::StandardIa)
                    .build(),
            )
            .noncurrent_version_expiration(
                NoncurrentVersionExpiration::builder()
                    .noncurrent_days(90)
                    .build(),
            )
            .abort_incomplete_multipart_upload(
                AbortIncompleteMultipartUpload::builder()
                    .days_after_initiation(7)
                    .build(),
            )
            .build()
            .unwrap();
        assert_eq!(
            lifecycle_rule(&rule),
            json!({
                "Expiration": {"Days": 365},
                "ID": "tiering",
                "Filter": {"Prefix": "logs/"},
                "Status": "Enabled",
                "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}],
                "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
            })
        );
        let f = NotificationConfigurationFilter::builder()
            .key(
                S3KeyFilter::builder()
                    .filter_rules(
                        FilterRule::builder()
                            .name(FilterRuleName::Prefix)
                            .value("incoming/")
                            .build(),
                    )
                    .build(),
            )
            .build();
        assert_eq!(
            notification_filter(Some(&f)),
            json!({"Key": {"FilterRules": [{"Name": "prefix", "Value": "incoming/"}]}})
        );
        assert_eq!(notification_filter(None), Value::Null);
        assert_eq!(
            events(&[aws_sdk_s3::types::Event::S3ObjectRemoved]),
            json!(["s3:ObjectRemoved:*"])
        );
    }

    #[test]
    fn list_helpers_keep_or_drop_empty_lists() {
        let empty: [u8; 0] = [];
        assert_eq!(crate::json::list(&empty, |_| Value::Null), Value::Null);
        assert_eq!(list_all(&empty, |_| Value::Null), json!([]));
    }
}

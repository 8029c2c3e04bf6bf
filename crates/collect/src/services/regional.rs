//! The smaller regional services: KMS, CloudTrail, Config, CloudWatch Logs, CloudWatch, SNS,
//! GuardDuty, IAM Access Analyzer, Security Hub and RDS. Member names follow botocore, which
//! is camelCase for some services (`trailList`, `logGroups`, `analyzers`, Config's members).

use super::Ctx;
use crate::client::regional;
use crate::json::{en, list, list_all, obj};
use crate::record::{Call, pages};
use serde_json::{Value, json};

/// The strings under `key` in a recorded response (`KeyId`s of `Keys`, ...).
fn strings(call: &Call, key: &str, member: Option<&str>) -> Vec<String> {
    call.response()
        .and_then(|v| v.get(key))
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| match member {
                    Some(m) => i.get(m).and_then(Value::as_str),
                    None => i.as_str(),
                })
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) async fn kms(ctx: &Ctx, region: &str) -> Vec<Call> {
    let kms = &regional!(&ctx.sdk, aws_sdk_kms, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let keys = rec
        .call("kms", "ListKeys", r, json!({}), async {
            let items = pages!(kms.list_keys().into_paginator(), |p| p
                .keys()
                .iter()
                .map(|k| obj! { "KeyId" => k.key_id(), "KeyArn" => k.key_arn() }))?;
            Ok(json!({ "Keys": items }))
        })
        .await;
    let ids = strings(&keys, "Keys", Some("KeyId"));
    let mut out = vec![keys];
    let per_key = futures_util::future::join_all(ids.iter().map(|id| async move {
        let p = json!({ "KeyId": id });
        let describe = rec.call("kms", "DescribeKey", r, p.clone(), async {
            let d = kms.describe_key().key_id(id).send().await?;
            #[allow(deprecated)] // CustomerMasterKeySpec: older files and endpoints use it
            let v = obj! { "KeyMetadata" => d.key_metadata().map(|m| obj! {
                "AWSAccountId" => m.aws_account_id(),
                "KeyId" => m.key_id(),
                "Arn" => m.arn(),
                "CreationDate" => m.creation_date(),
                "Enabled" => m.enabled(),
                "Description" => m.description(),
                "KeyUsage" => en(m.key_usage()),
                "KeyState" => en(m.key_state()),
                "DeletionDate" => m.deletion_date(),
                "Origin" => en(m.origin()),
                "KeyManager" => en(m.key_manager()),
                "CustomerMasterKeySpec" => en(m.customer_master_key_spec()),
                "KeySpec" => en(m.key_spec()),
                "MultiRegion" => m.multi_region(),
            }) };
            Ok(v)
        });
        // PolicyName was required before 2023 and some endpoints still need it.
        let policy = rec.call(
            "kms",
            "GetKeyPolicy",
            r,
            json!({ "KeyId": id, "PolicyName": "default" }),
            async {
                let k = kms
                    .get_key_policy()
                    .key_id(id)
                    .policy_name("default")
                    .send()
                    .await?;
                Ok(obj! { "Policy" => k.policy(), "PolicyName" => k.policy_name() })
            },
        );
        let rotation = rec.call("kms", "GetKeyRotationStatus", r, p.clone(), async {
            let k = kms.get_key_rotation_status().key_id(id).send().await?;
            Ok(obj! {
                "KeyRotationEnabled" => k.key_rotation_enabled(),
                "KeyId" => k.key_id(),
                "RotationPeriodInDays" => k.rotation_period_in_days(),
                "NextRotationDate" => k.next_rotation_date(),
            })
        });
        vec![describe.await, policy.await, rotation.await]
    }))
    .await;
    out.extend(per_key.into_iter().flatten());
    out.push(
        rec.call("kms", "ListAliases", r, json!({}), async {
            let items = pages!(kms.list_aliases().into_paginator(), |p| p
                .aliases()
                .iter()
                .map(|a| obj! {
                    "AliasName" => a.alias_name(),
                    "AliasArn" => a.alias_arn(),
                    "TargetKeyId" => a.target_key_id(),
                    "CreationDate" => a.creation_date(),
                    "LastUpdatedDate" => a.last_updated_date(),
                }))?;
            Ok(json!({ "Aliases": items }))
        })
        .await,
    );
    out
}

pub(super) async fn cloudtrail(ctx: &Ctx, region: &str) -> Vec<Call> {
    let ct = &regional!(&ctx.sdk, aws_sdk_cloudtrail, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let trails = rec
        .call("cloudtrail", "DescribeTrails", r, json!({}), async {
            let d = ct.describe_trails().send().await?;
            #[allow(deprecated)] // SnsTopicName: deprecated, still printed by the CLI
            let list = list_all(d.trail_list(), |t| {
                obj! {
                    "Name" => t.name(),
                    "S3BucketName" => t.s3_bucket_name(),
                    "S3KeyPrefix" => t.s3_key_prefix(),
                    "SnsTopicName" => t.sns_topic_name(),
                    "SnsTopicARN" => t.sns_topic_arn(),
                    "IncludeGlobalServiceEvents" => t.include_global_service_events(),
                    "IsMultiRegionTrail" => t.is_multi_region_trail(),
                    "HomeRegion" => t.home_region(),
                    "TrailARN" => t.trail_arn(),
                    "LogFileValidationEnabled" => t.log_file_validation_enabled(),
                    "CloudWatchLogsLogGroupArn" => t.cloud_watch_logs_log_group_arn(),
                    "CloudWatchLogsRoleArn" => t.cloud_watch_logs_role_arn(),
                    "KmsKeyId" => t.kms_key_id(),
                    "HasCustomEventSelectors" => t.has_custom_event_selectors(),
                    "HasInsightSelectors" => t.has_insight_selectors(),
                    "IsOrganizationTrail" => t.is_organization_trail(),
                }
            });
            Ok(json!({ "trailList": list }))
        })
        .await;
    // Multi-region trails are listed in every region (shadow copies). Ask about each trail
    // once: in its home region when that region is collected (GetEventSelectors answers
    // TrailNotFoundException for a shadow copy), else here, by ARN.
    let mine: Vec<String> = trails
        .response()
        .and_then(|v| v.get("trailList"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| {
            let arn = t.get("TrailARN").and_then(Value::as_str)?;
            let home = t
                .get("HomeRegion")
                .and_then(Value::as_str)
                .unwrap_or(region);
            if home != region && ctx.regions.iter().any(|x| x == home) {
                return None;
            }
            let mut done = ctx
                .trails_done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            done.insert(arn.to_string()).then(|| arn.to_string())
        })
        .collect();
    let mut out = vec![trails];
    for arn in &mine {
        out.push(
            rec.call("cloudtrail", "GetTrailStatus", r, json!({ "Name": arn }), async {
                let s = ct.get_trail_status().name(arn).send().await?;
                Ok(obj! {
                    "IsLogging" => s.is_logging(),
                    "LatestDeliveryError" => s.latest_delivery_error(),
                    "LatestNotificationError" => s.latest_notification_error(),
                    "LatestDeliveryTime" => s.latest_delivery_time(),
                    "LatestNotificationTime" => s.latest_notification_time(),
                    "StartLoggingTime" => s.start_logging_time(),
                    "StopLoggingTime" => s.stop_logging_time(),
                    "LatestCloudWatchLogsDeliveryError" => s.latest_cloud_watch_logs_delivery_error(),
                    "LatestCloudWatchLogsDeliveryTime" => s.latest_cloud_watch_logs_delivery_time(),
                    "LatestDigestDeliveryTime" => s.latest_digest_delivery_time(),
                    "LatestDigestDeliveryError" => s.latest_digest_delivery_error(),
                })
            })
            .await,
        );
        out.push(
            rec.call("cloudtrail", "GetEventSelectors", r, json!({ "TrailName": arn }), async {
                let s = ct.get_event_selectors().trail_name(arn).send().await?;
                Ok(obj! {
                    "TrailARN" => s.trail_arn(),
                    "EventSelectors" => list(s.event_selectors(), |e| obj! {
                        "ReadWriteType" => en(e.read_write_type()),
                        "IncludeManagementEvents" => e.include_management_events(),
                        "DataResources" => list_all(e.data_resources(), |d| obj! {
                            "Type" => d.r#type(),
                            "Values" => d.values().to_vec(),
                        }),
                        "ExcludeManagementEventSources" => list_all(e.exclude_management_event_sources(), |s| json!(s)),
                    }),
                    "AdvancedEventSelectors" => list(s.advanced_event_selectors(), |a| obj! {
                        "Name" => a.name(),
                        "FieldSelectors" => list_all(a.field_selectors(), |f| obj! {
                            "Field" => f.field(),
                            "Equals" => list(f.equals(), |s| json!(s)),
                            "StartsWith" => list(f.starts_with(), |s| json!(s)),
                            "EndsWith" => list(f.ends_with(), |s| json!(s)),
                            "NotEquals" => list(f.not_equals(), |s| json!(s)),
                            "NotStartsWith" => list(f.not_starts_with(), |s| json!(s)),
                            "NotEndsWith" => list(f.not_ends_with(), |s| json!(s)),
                        }),
                    }),
                })
            })
            .await,
        );
    }
    out
}

pub(super) async fn config(ctx: &Ctx, region: &str) -> Vec<Call> {
    let cfg = &regional!(&ctx.sdk, aws_sdk_config, region);
    let (rec, r) = (&ctx.rec, Some(region));
    vec![
        rec.call("config", "DescribeConfigurationRecorders", r, json!({}), async {
            let d = cfg.describe_configuration_recorders().send().await?;
            Ok(json!({ "ConfigurationRecorders": list_all(d.configuration_recorders(), |c| obj! {
                "arn" => c.arn(),
                "name" => c.name(),
                "roleARN" => c.role_arn(),
                "recordingGroup" => c.recording_group().map(|g| obj! {
                    "allSupported" => g.all_supported(),
                    "includeGlobalResourceTypes" => g.include_global_resource_types(),
                    "resourceTypes" => list_all(g.resource_types(), |t| json!(t.as_str())),
                }),
            }) }))
        })
        .await,
        rec.call("config", "DescribeConfigurationRecorderStatus", r, json!({}), async {
            let d = cfg.describe_configuration_recorder_status().send().await?;
            Ok(json!({ "ConfigurationRecordersStatus": list_all(d.configuration_recorders_status(), |s| obj! {
                "arn" => s.arn(),
                "name" => s.name(),
                "lastStartTime" => s.last_start_time(),
                "lastStopTime" => s.last_stop_time(),
                "recording" => s.recording(),
                "lastStatus" => en(s.last_status()),
                "lastErrorCode" => s.last_error_code(),
                "lastErrorMessage" => s.last_error_message(),
                "lastStatusChangeTime" => s.last_status_change_time(),
            }) }))
        })
        .await,
    ]
}

pub(super) async fn logs(ctx: &Ctx, region: &str) -> Vec<Call> {
    let logs = &regional!(&ctx.sdk, aws_sdk_cloudwatchlogs, region);
    let (rec, r) = (&ctx.rec, Some(region));
    vec![
        rec.call("logs", "DescribeMetricFilters", r, json!({}), async {
            let items = pages!(logs.describe_metric_filters().into_paginator(), |p| p
                .metric_filters()
                .iter()
                .map(|f| obj! {
                    "filterName" => f.filter_name(),
                    "filterPattern" => f.filter_pattern(),
                    "metricTransformations" => list_all(f.metric_transformations(), |m| obj! {
                        "metricName" => m.metric_name(),
                        "metricNamespace" => m.metric_namespace(),
                        "metricValue" => m.metric_value(),
                        "defaultValue" => m.default_value(),
                        "unit" => en(m.unit()),
                    }),
                    "creationTime" => f.creation_time(),
                    "logGroupName" => f.log_group_name(),
                }))?;
            Ok(json!({ "metricFilters": items }))
        })
        .await,
        rec.call("logs", "DescribeLogGroups", r, json!({}), async {
            let items = pages!(logs.describe_log_groups().into_paginator(), |p| p
                .log_groups()
                .iter()
                .map(|g| obj! {
                    "logGroupName" => g.log_group_name(),
                    "creationTime" => g.creation_time(),
                    "retentionInDays" => g.retention_in_days(),
                    "metricFilterCount" => g.metric_filter_count(),
                    "arn" => g.arn(),
                    "storedBytes" => g.stored_bytes(),
                    "kmsKeyId" => g.kms_key_id(),
                    "logGroupClass" => en(g.log_group_class()),
                    "logGroupArn" => g.log_group_arn(),
                }))?;
            Ok(json!({ "logGroups": items }))
        })
        .await,
    ]
}

pub(super) async fn cloudwatch(ctx: &Ctx, region: &str) -> Vec<Call> {
    let cw = &regional!(&ctx.sdk, aws_sdk_cloudwatch, region);
    let (rec, r) = (&ctx.rec, Some(region));
    vec![
        rec.call("cloudwatch", "DescribeAlarms", r, json!({}), async {
            let items = pages!(cw.describe_alarms().into_paginator(), |p| p
                .metric_alarms()
                .iter()
                .map(|a| obj! {
                    "AlarmName" => a.alarm_name(),
                    "AlarmArn" => a.alarm_arn(),
                    "ActionsEnabled" => a.actions_enabled(),
                    "OKActions" => list_all(a.ok_actions(), |s| json!(s)),
                    "AlarmActions" => list_all(a.alarm_actions(), |s| json!(s)),
                    "InsufficientDataActions" => list_all(a.insufficient_data_actions(), |s| json!(s)),
                    "StateValue" => en(a.state_value()),
                    "MetricName" => a.metric_name(),
                    "Namespace" => a.namespace(),
                    "Statistic" => en(a.statistic()),
                    "Period" => a.period(),
                    "EvaluationPeriods" => a.evaluation_periods(),
                    "Threshold" => a.threshold(),
                    "ComparisonOperator" => en(a.comparison_operator()),
                    "Metrics" => list(a.metrics(), |m| obj! {
                        "Id" => m.id(),
                        "Expression" => m.expression(),
                        "MetricStat" => m.metric_stat().map(|s| obj! {
                            "Metric" => s.metric().map(|x| obj! {
                                "Namespace" => x.namespace(),
                                "MetricName" => x.metric_name(),
                            }),
                            "Period" => s.period(),
                            "Stat" => s.stat(),
                        }),
                        "ReturnData" => m.return_data(),
                    }),
                }))?;
            Ok(json!({ "MetricAlarms": items }))
        })
        .await,
    ]
}

pub(super) async fn sns(ctx: &Ctx, region: &str) -> Vec<Call> {
    let sns = &regional!(&ctx.sdk, aws_sdk_sns, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let topics = rec
        .call("sns", "ListTopics", r, json!({}), async {
            let items = pages!(sns.list_topics().into_paginator(), |p| p
                .topics()
                .iter()
                .map(|t| obj! { "TopicArn" => t.topic_arn() }))?;
            Ok(json!({ "Topics": items }))
        })
        .await;
    let arns = strings(&topics, "Topics", Some("TopicArn"));
    let mut out = vec![topics];
    let attrs = futures_util::future::join_all(arns.iter().map(|arn| {
        rec.call(
            "sns",
            "GetTopicAttributes",
            r,
            json!({ "TopicArn": arn }),
            async move {
                let a = sns.get_topic_attributes().topic_arn(arn).send().await?;
                // A map of attribute name to string, as the CLI prints it (sorted by name).
                let map: serde_json::Map<String, Value> = a
                    .attributes()
                    .map(|m| {
                        let mut kv: Vec<_> = m.iter().collect();
                        kv.sort();
                        kv.into_iter()
                            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(json!({ "Attributes": map }))
            },
        )
    }))
    .await;
    out.extend(attrs);
    out.push(
        rec.call("sns", "ListSubscriptions", r, json!({}), async {
            let items = pages!(sns.list_subscriptions().into_paginator(), |p| p
                .subscriptions()
                .iter()
                .map(|s| obj! {
                    "SubscriptionArn" => s.subscription_arn(),
                    "Owner" => s.owner(),
                    "Protocol" => s.protocol(),
                    "Endpoint" => s.endpoint(),
                    "TopicArn" => s.topic_arn(),
                }))?;
            Ok(json!({ "Subscriptions": items }))
        })
        .await,
    );
    out
}

pub(super) async fn guardduty(ctx: &Ctx, region: &str) -> Vec<Call> {
    let gd = &regional!(&ctx.sdk, aws_sdk_guardduty, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let listed = rec
        .call("guardduty", "ListDetectors", r, json!({}), async {
            let items = pages!(gd.list_detectors().into_paginator(), |p| p
                .detector_ids()
                .iter()
                .map(|d| json!(d)))?;
            Ok(json!({ "DetectorIds": items }))
        })
        .await;
    let ids = strings(&listed, "DetectorIds", None);
    let mut out = vec![listed];
    for id in &ids {
        out.push(
            rec.call("guardduty", "GetDetector", r, json!({ "DetectorId": id }), async {
                let d = gd.get_detector().detector_id(id).send().await?;
                Ok(obj! {
                    "CreatedAt" => d.created_at(),
                    "FindingPublishingFrequency" => en(d.finding_publishing_frequency()),
                    "ServiceRole" => d.service_role(),
                    "Status" => en(d.status()),
                    "UpdatedAt" => d.updated_at(),
                    "Features" => list(d.features(), |f| obj! {
                        "Name" => en(f.name()),
                        "Status" => en(f.status()),
                        "UpdatedAt" => f.updated_at(),
                        "AdditionalConfiguration" => list(f.additional_configuration(), |c| obj! {
                            "Name" => en(c.name()),
                            "Status" => en(c.status()),
                            "UpdatedAt" => c.updated_at(),
                        }),
                    }),
                })
            })
            .await,
        );
    }
    out
}

pub(super) async fn accessanalyzer(ctx: &Ctx, region: &str) -> Vec<Call> {
    let aa = &regional!(&ctx.sdk, aws_sdk_accessanalyzer, region);
    let (rec, r) = (&ctx.rec, Some(region));
    vec![
        rec.call("accessanalyzer", "ListAnalyzers", r, json!({}), async {
            let items = pages!(aa.list_analyzers().into_paginator(), |p| p
                .analyzers()
                .iter()
                .map(|a| obj! {
                    "arn" => a.arn(),
                    "name" => a.name(),
                    "type" => en(Some(a.r#type())),
                    "createdAt" => a.created_at(),
                    "lastResourceAnalyzed" => a.last_resource_analyzed(),
                    "lastResourceAnalyzedAt" => a.last_resource_analyzed_at(),
                    "status" => en(Some(a.status())),
                }))?;
            Ok(json!({ "analyzers": items }))
        })
        .await,
    ]
}

pub(super) async fn securityhub(ctx: &Ctx, region: &str) -> Vec<Call> {
    let sh = &regional!(&ctx.sdk, aws_sdk_securityhub, region);
    let (rec, r) = (&ctx.rec, Some(region));
    vec![
        rec.call("securityhub", "DescribeHub", r, json!({}), async {
            let h = sh.describe_hub().send().await?;
            Ok(obj! {
                "HubArn" => h.hub_arn(),
                "SubscribedAt" => h.subscribed_at(),
                "AutoEnableControls" => h.auto_enable_controls(),
                "ControlFindingGenerator" => en(h.control_finding_generator()),
            })
        })
        .await,
        rec.call("securityhub", "GetEnabledStandards", r, json!({}), async {
            let items = pages!(sh.get_enabled_standards().into_paginator(), |p| p
                .standards_subscriptions()
                .iter()
                .map(|s| obj! {
                    "StandardsSubscriptionArn" => s.standards_subscription_arn(),
                    "StandardsArn" => s.standards_arn(),
                    "StandardsStatus" => en(s.standards_status()),
                }))?;
            Ok(json!({ "StandardsSubscriptions": items }))
        })
        .await,
    ]
}

pub(super) async fn rds(ctx: &Ctx, region: &str) -> Vec<Call> {
    let rds = &regional!(&ctx.sdk, aws_sdk_rds, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let mut out = vec![
        rec.call("rds", "DescribeDBInstances", r, json!({}), async {
            let items = pages!(rds.describe_db_instances().into_paginator(), |p| p
                .db_instances()
                .iter()
                .map(|d| obj! {
                    "DBInstanceIdentifier" => d.db_instance_identifier(),
                    "DBInstanceArn" => d.db_instance_arn(),
                    "DBInstanceClass" => d.db_instance_class(),
                    "DBInstanceStatus" => d.db_instance_status(),
                    "DBClusterIdentifier" => d.db_cluster_identifier(),
                    "Engine" => d.engine(),
                    "EngineVersion" => d.engine_version(),
                    "PubliclyAccessible" => d.publicly_accessible(),
                    "StorageEncrypted" => d.storage_encrypted(),
                    "KmsKeyId" => d.kms_key_id(),
                    "MultiAZ" => d.multi_az(),
                    "AutoMinorVersionUpgrade" => d.auto_minor_version_upgrade(),
                    "BackupRetentionPeriod" => d.backup_retention_period(),
                    "DeletionProtection" => d.deletion_protection(),
                    "IAMDatabaseAuthenticationEnabled" => d.iam_database_authentication_enabled(),
                    "VpcSecurityGroups" => list(d.vpc_security_groups(), |g| obj! {
                        "VpcSecurityGroupId" => g.vpc_security_group_id(),
                        "Status" => g.status(),
                    }),
                    "DBSubnetGroup" => d.db_subnet_group().map(|g| obj! {
                        "DBSubnetGroupName" => g.db_subnet_group_name(),
                        "VpcId" => g.vpc_id(),
                        "Subnets" => list(g.subnets(), |s| obj! {
                            "SubnetIdentifier" => s.subnet_identifier(),
                            "SubnetAvailabilityZone" => s.subnet_availability_zone().map(|z| obj! { "Name" => z.name() }),
                            "SubnetStatus" => s.subnet_status(),
                        }),
                    }),
                    "Endpoint" => d.endpoint().map(|e| obj! {
                        "Address" => e.address(),
                        "Port" => e.port(),
                        "HostedZoneId" => e.hosted_zone_id(),
                    }),
                    "InstanceCreateTime" => d.instance_create_time(),
                    "MonitoringInterval" => d.monitoring_interval(),
                    "EnabledCloudwatchLogsExports" => list(d.enabled_cloudwatch_logs_exports(), |s| json!(s)),
                    "CopyTagsToSnapshot" => d.copy_tags_to_snapshot(),
                    "MasterUsername" => d.master_username(),
                    "DBName" => d.db_name(),
                    "TagList" => list(d.tag_list(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                }))?;
            Ok(json!({ "DBInstances": items }))
        })
        .await,
        rec.call("rds", "DescribeDBClusters", r, json!({}), async {
            let items = pages!(rds.describe_db_clusters().into_paginator(), |p| p
                .db_clusters()
                .iter()
                .map(|d| obj! {
                    "DBClusterIdentifier" => d.db_cluster_identifier(),
                    "DBClusterArn" => d.db_cluster_arn(),
                    "Engine" => d.engine(),
                    "EngineVersion" => d.engine_version(),
                    "EngineMode" => d.engine_mode(),
                    "Status" => d.status(),
                    "StorageEncrypted" => d.storage_encrypted(),
                    "KmsKeyId" => d.kms_key_id(),
                    "MultiAZ" => d.multi_az(),
                    "AvailabilityZones" => list(d.availability_zones(), |z| json!(z)),
                    "DeletionProtection" => d.deletion_protection(),
                    "IAMDatabaseAuthenticationEnabled" => d.iam_database_authentication_enabled(),
                    "CopyTagsToSnapshot" => d.copy_tags_to_snapshot(),
                    "BacktrackWindow" => d.backtrack_window(),
                    "AutoMinorVersionUpgrade" => d.auto_minor_version_upgrade(),
                    "MasterUsername" => d.master_username(),
                    "BackupRetentionPeriod" => d.backup_retention_period(),
                    "Port" => d.port(),
                    "MonitoringInterval" => d.monitoring_interval(),
                    "EnabledCloudwatchLogsExports" => list(d.enabled_cloudwatch_logs_exports(), |s| json!(s)),
                    "DBClusterMembers" => list(d.db_cluster_members(), |m| obj! {
                        "DBInstanceIdentifier" => m.db_instance_identifier(),
                        "IsClusterWriter" => m.is_cluster_writer(),
                    }),
                    "ClusterCreateTime" => d.cluster_create_time(),
                    "TagList" => list(d.tag_list(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                }))?;
            Ok(json!({ "DBClusters": items }))
        })
        .await,
    ];
    // Automated snapshots cannot be shared: only manual ones have a `restore` attribute.
    let snaps = rec
        .call("rds", "DescribeDBSnapshots", r, json!({}), async {
            let items = pages!(rds.describe_db_snapshots().into_paginator(), |p| p
                .db_snapshots()
                .iter()
                .map(|d| obj! {
                    "DBSnapshotIdentifier" => d.db_snapshot_identifier(),
                    "DBSnapshotArn" => d.db_snapshot_arn(),
                    "DBInstanceIdentifier" => d.db_instance_identifier(),
                    "SnapshotType" => d.snapshot_type(),
                    "Engine" => d.engine(),
                    "Status" => d.status(),
                    "SnapshotCreateTime" => d.snapshot_create_time(),
                    "Encrypted" => d.encrypted(),
                    "KmsKeyId" => d.kms_key_id(),
                    "TagList" => list(d.tag_list(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                }))?;
            Ok(json!({ "DBSnapshots": items }))
        })
        .await;
    let manual = manual_snapshots(&snaps, "DBSnapshots", "DBSnapshotIdentifier");
    out.push(snaps);
    for id in &manual {
        out.push(
            rec.call(
                "rds",
                "DescribeDBSnapshotAttributes",
                r,
                json!({ "DBSnapshotIdentifier": id }),
                async {
                    let a = rds
                        .describe_db_snapshot_attributes()
                        .db_snapshot_identifier(id)
                        .send()
                        .await?;
                    Ok(obj! { "DBSnapshotAttributesResult" => a.db_snapshot_attributes_result().map(|x| obj! {
                        "DBSnapshotIdentifier" => x.db_snapshot_identifier(),
                        "DBSnapshotAttributes" => list_all(x.db_snapshot_attributes(), |a| obj! {
                            "AttributeName" => a.attribute_name(),
                            "AttributeValues" => list_all(a.attribute_values(), |v| json!(v)),
                        }),
                    }) })
                },
            )
            .await,
        );
    }
    let csnaps = rec
        .call("rds", "DescribeDBClusterSnapshots", r, json!({}), async {
            let items = pages!(rds.describe_db_cluster_snapshots().into_paginator(), |p| p
                .db_cluster_snapshots()
                .iter()
                .map(|d| obj! {
                    "DBClusterSnapshotIdentifier" => d.db_cluster_snapshot_identifier(),
                    "DBClusterSnapshotArn" => d.db_cluster_snapshot_arn(),
                    "DBClusterIdentifier" => d.db_cluster_identifier(),
                    "SnapshotType" => d.snapshot_type(),
                    "Engine" => d.engine(),
                    "Status" => d.status(),
                    "SnapshotCreateTime" => d.snapshot_create_time(),
                    "StorageEncrypted" => d.storage_encrypted(),
                    "KmsKeyId" => d.kms_key_id(),
                    "TagList" => list(d.tag_list(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                }))?;
            Ok(json!({ "DBClusterSnapshots": items }))
        })
        .await;
    let manual = manual_snapshots(&csnaps, "DBClusterSnapshots", "DBClusterSnapshotIdentifier");
    out.push(csnaps);
    for id in &manual {
        out.push(
            rec.call(
                "rds",
                "DescribeDBClusterSnapshotAttributes",
                r,
                json!({ "DBClusterSnapshotIdentifier": id }),
                async {
                    let a = rds
                        .describe_db_cluster_snapshot_attributes()
                        .db_cluster_snapshot_identifier(id)
                        .send()
                        .await?;
                    Ok(obj! { "DBClusterSnapshotAttributesResult" => a.db_cluster_snapshot_attributes_result().map(|x| obj! {
                        "DBClusterSnapshotIdentifier" => x.db_cluster_snapshot_identifier(),
                        "DBClusterSnapshotAttributes" => list_all(x.db_cluster_snapshot_attributes(), |a| obj! {
                            "AttributeName" => a.attribute_name(),
                            "AttributeValues" => list_all(a.attribute_values(), |v| json!(v)),
                        }),
                    }) })
                },
            )
            .await,
        );
    }
    out
}

/// The identifiers of the manual snapshots listed under `key`.
fn manual_snapshots(call: &Call, key: &str, id: &str) -> Vec<String> {
    call.response()
        .and_then(|v| v.get(key))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|s| s.get("SnapshotType").and_then(Value::as_str) == Some("manual"))
        .filter_map(|s| s.get(id).and_then(Value::as_str).map(str::to_string))
        .collect()
}

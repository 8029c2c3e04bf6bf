//! Application and data services in one region: Lambda, Secrets Manager, SQS, DynamoDB (with
//! Application Auto Scaling's DynamoDB targets), ECR, ACM and Systems Manager. Member names
//! follow botocore (camelCase for ECR).

use super::Ctx;
use crate::client::regional;
use crate::json::{en, list, list_all, obj};
use crate::record::{Call, pages};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The strings listed under `key` (`QueueUrls`, `TableNames`), or the `member` of each object
/// listed there.
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

/// A string map as a JSON object with sorted keys (the CLI prints maps as objects).
pub(super) fn string_map<K: AsRef<str>>(m: Option<&HashMap<K, String>>) -> Value {
    let Some(m) = m else {
        return Value::Null;
    };
    let mut kv: Vec<(&str, &String)> = m.iter().map(|(k, v)| (k.as_ref(), v)).collect();
    kv.sort();
    Value::Object(
        kv.into_iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
            .collect::<Map<String, Value>>(),
    )
}

pub(super) async fn lambda(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_lambda, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let fns = rec
        .call("lambda", "ListFunctions", r, json!({}), async {
            // Environment variables are left out: they may hold secrets and no check reads them.
            let items = pages!(c.list_functions().into_paginator(), |p| p
                .functions()
                .iter()
                .map(|f| obj! {
                    "FunctionName" => f.function_name(),
                    "FunctionArn" => f.function_arn(),
                    "Runtime" => en(f.runtime()),
                    "Role" => f.role(),
                    "Handler" => f.handler(),
                    "CodeSize" => f.code_size(),
                    "Description" => f.description(),
                    "Timeout" => f.timeout(),
                    "MemorySize" => f.memory_size(),
                    "LastModified" => f.last_modified(),
                    "Version" => f.version(),
                    "VpcConfig" => f.vpc_config().map(|v| obj! {
                        "SubnetIds" => v.subnet_ids().to_vec(),
                        "SecurityGroupIds" => v.security_group_ids().to_vec(),
                        "VpcId" => v.vpc_id(),
                    }),
                    "KMSKeyArn" => f.kms_key_arn(),
                    "TracingConfig" => f.tracing_config().map(|t| obj! { "Mode" => en(t.mode()) }),
                    "PackageType" => en(f.package_type()),
                    "Architectures" => list(f.architectures(), |a| json!(a.as_str())),
                }))?;
            Ok(json!({ "Functions": items }))
        })
        .await;
    let names = strings(&fns, "Functions", Some("FunctionName"));
    let mut out = vec![fns];
    let policies = futures_util::future::join_all(names.iter().map(|name| {
        rec.call(
            "lambda",
            "GetPolicy",
            r,
            json!({ "FunctionName": name }),
            async move {
                let p = c.get_policy().function_name(name).send().await?;
                Ok(obj! { "Policy" => p.policy(), "RevisionId" => p.revision_id() })
            },
        )
    }))
    .await;
    out.extend(policies);
    out
}

pub(super) async fn secretsmanager(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_secretsmanager, region);
    let (rec, r) = (&ctx.rec, Some(region));
    vec![
        rec.call(
            "secretsmanager",
            "ListSecrets",
            r,
            json!({ "IncludePlannedDeletion": true }),
            async {
                let items = pages!(
                    c.list_secrets().include_planned_deletion(true).into_paginator(),
                    |p| p.secret_list().iter().map(|s| obj! {
                        "ARN" => s.arn(),
                        "Name" => s.name(),
                        "Description" => s.description(),
                        "KmsKeyId" => s.kms_key_id(),
                        "RotationEnabled" => s.rotation_enabled(),
                        "RotationLambdaARN" => s.rotation_lambda_arn(),
                        "RotationRules" => s.rotation_rules().map(|x| obj! {
                            "AutomaticallyAfterDays" => x.automatically_after_days(),
                            "Duration" => x.duration(),
                            "ScheduleExpression" => x.schedule_expression(),
                        }),
                        "LastRotatedDate" => s.last_rotated_date(),
                        "LastChangedDate" => s.last_changed_date(),
                        "LastAccessedDate" => s.last_accessed_date(),
                        "DeletedDate" => s.deleted_date(),
                        "NextRotationDate" => s.next_rotation_date(),
                        "Tags" => list(s.tags(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                        "CreatedDate" => s.created_date(),
                        "OwningService" => s.owning_service(),
                        "PrimaryRegion" => s.primary_region(),
                    })
                )?;
                Ok(json!({ "SecretList": items }))
            },
        )
        .await,
    ]
}

pub(super) async fn sqs(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_sqs, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let queues = rec
        .call("sqs", "ListQueues", r, json!({}), async {
            let items = pages!(c.list_queues().into_paginator(), |p| p
                .queue_urls()
                .iter()
                .map(|u| json!(u)))?;
            Ok(json!({ "QueueUrls": items }))
        })
        .await;
    let urls = strings(&queues, "QueueUrls", None);
    let mut out = vec![queues];
    let attrs = futures_util::future::join_all(urls.iter().map(|url| {
        rec.call(
            "sqs",
            "GetQueueAttributes",
            r,
            json!({ "QueueUrl": url, "AttributeNames": ["All"] }),
            async move {
                let a = c
                    .get_queue_attributes()
                    .queue_url(url)
                    .attribute_names(aws_sdk_sqs::types::QueueAttributeName::All)
                    .send()
                    .await?;
                Ok(obj! { "Attributes" => string_map(a.attributes()) })
            },
        )
    }))
    .await;
    out.extend(attrs);
    out
}

pub(super) async fn dynamodb(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_dynamodb, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let tables = rec
        .call("dynamodb", "ListTables", r, json!({}), async {
            let items = pages!(c.list_tables().into_paginator(), |p| p
                .table_names()
                .iter()
                .map(|t| json!(t)))?;
            Ok(json!({ "TableNames": items }))
        })
        .await;
    let names = strings(&tables, "TableNames", None);
    let mut out = vec![tables];
    let per_table = futures_util::future::join_all(names.iter().map(|name| async move {
        let p = json!({ "TableName": name });
        let describe = rec.call("dynamodb", "DescribeTable", r, p.clone(), async {
            let d = c.describe_table().table_name(name).send().await?;
            let throughput = |t: Option<&aws_sdk_dynamodb::types::ProvisionedThroughputDescription>| {
                t.map(|t| {
                    obj! {
                        "ReadCapacityUnits" => t.read_capacity_units(),
                        "WriteCapacityUnits" => t.write_capacity_units(),
                    }
                })
            };
            Ok(obj! { "Table" => d.table().map(|t| obj! {
                "TableName" => t.table_name(),
                "TableArn" => t.table_arn(),
                "TableId" => t.table_id(),
                "TableStatus" => en(t.table_status()),
                "CreationDateTime" => t.creation_date_time(),
                "ItemCount" => t.item_count(),
                "TableSizeBytes" => t.table_size_bytes(),
                "BillingModeSummary" => t.billing_mode_summary().map(|b| obj! {
                    "BillingMode" => en(b.billing_mode()),
                }),
                "ProvisionedThroughput" => throughput(t.provisioned_throughput()),
                "DeletionProtectionEnabled" => t.deletion_protection_enabled(),
                "GlobalSecondaryIndexes" => list(t.global_secondary_indexes(), |g| obj! {
                    "IndexName" => g.index_name(),
                    "IndexStatus" => en(g.index_status()),
                    "ProvisionedThroughput" => throughput(g.provisioned_throughput()),
                }),
                "SSEDescription" => t.sse_description().map(|s| obj! {
                    "Status" => en(s.status()),
                    "SSEType" => en(s.sse_type()),
                    "KMSMasterKeyArn" => s.kms_master_key_arn(),
                }),
            }) })
        });
        let backups = rec.call("dynamodb", "DescribeContinuousBackups", r, p.clone(), async {
            let d = c.describe_continuous_backups().table_name(name).send().await?;
            Ok(obj! { "ContinuousBackupsDescription" => d.continuous_backups_description().map(|b| obj! {
                "ContinuousBackupsStatus" => en(Some(b.continuous_backups_status())),
                "PointInTimeRecoveryDescription" => b.point_in_time_recovery_description().map(|p| obj! {
                    "PointInTimeRecoveryStatus" => en(p.point_in_time_recovery_status()),
                    "RecoveryPeriodInDays" => p.recovery_period_in_days(),
                    "EarliestRestorableDateTime" => p.earliest_restorable_date_time(),
                    "LatestRestorableDateTime" => p.latest_restorable_date_time(),
                }),
            }) })
        });
        vec![describe.await, backups.await]
    }))
    .await;
    out.extend(per_table.into_iter().flatten());
    let aas = &regional!(&ctx.sdk, aws_sdk_applicationautoscaling, region);
    out.push(
        rec.call(
            "application-autoscaling",
            "DescribeScalableTargets",
            r,
            json!({ "ServiceNamespace": "dynamodb" }),
            async {
                let items = pages!(
                    aas.describe_scalable_targets()
                        .service_namespace(
                            aws_sdk_applicationautoscaling::types::ServiceNamespace::Dynamodb
                        )
                        .into_paginator(),
                    |p| p.scalable_targets().iter().map(|t| obj! {
                        "ServiceNamespace" => en(Some(t.service_namespace())),
                        "ResourceId" => t.resource_id(),
                        "ScalableDimension" => en(Some(t.scalable_dimension())),
                        "MinCapacity" => t.min_capacity(),
                        "MaxCapacity" => t.max_capacity(),
                        "RoleARN" => t.role_arn(),
                        "CreationTime" => t.creation_time(),
                        "SuspendedState" => t.suspended_state().map(|s| obj! {
                            "DynamicScalingInSuspended" => s.dynamic_scaling_in_suspended(),
                            "DynamicScalingOutSuspended" => s.dynamic_scaling_out_suspended(),
                            "ScheduledScalingSuspended" => s.scheduled_scaling_suspended(),
                        }),
                        "ScalableTargetARN" => t.scalable_target_arn(),
                    })
                )?;
                Ok(json!({ "ScalableTargets": items }))
            },
        )
        .await,
    );
    out
}

pub(super) async fn ecr(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_ecr, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let repos = rec
        .call("ecr", "DescribeRepositories", r, json!({}), async {
            let items = pages!(c.describe_repositories().into_paginator(), |p| p
                .repositories()
                .iter()
                .map(|x| obj! {
                    "repositoryArn" => x.repository_arn(),
                    "registryId" => x.registry_id(),
                    "repositoryName" => x.repository_name(),
                    "repositoryUri" => x.repository_uri(),
                    "createdAt" => x.created_at(),
                    "imageTagMutability" => en(x.image_tag_mutability()),
                    "imageScanningConfiguration" => x.image_scanning_configuration().map(|s| obj! {
                        "scanOnPush" => s.scan_on_push(),
                    }),
                    "encryptionConfiguration" => x.encryption_configuration().map(|e| obj! {
                        "encryptionType" => en(Some(e.encryption_type())),
                        "kmsKey" => e.kms_key(),
                    }),
                }))?;
            Ok(json!({ "repositories": items }))
        })
        .await;
    let listed: Vec<(String, String)> = repos
        .response()
        .and_then(|v| v.get("repositories"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| {
            Some((
                x.get("repositoryName")?.as_str()?.to_string(),
                x.get("registryId")?.as_str()?.to_string(),
            ))
        })
        .collect();
    let mut out = vec![repos];
    let policies = futures_util::future::join_all(listed.iter().map(|(name, registry)| {
        rec.call(
            "ecr",
            "GetLifecyclePolicy",
            r,
            json!({ "repositoryName": name, "registryId": registry }),
            async move {
                let p = c
                    .get_lifecycle_policy()
                    .repository_name(name)
                    .registry_id(registry)
                    .send()
                    .await?;
                Ok(obj! {
                    "registryId" => p.registry_id(),
                    "repositoryName" => p.repository_name(),
                    "lifecyclePolicyText" => p.lifecycle_policy_text(),
                    "lastEvaluatedAt" => p.last_evaluated_at(),
                })
            },
        )
    }))
    .await;
    out.extend(policies);
    out.push(
        rec.call(
            "ecr",
            "GetRegistryScanningConfiguration",
            r,
            json!({}),
            async {
                let s = c.get_registry_scanning_configuration().send().await?;
                Ok(obj! {
                    "registryId" => s.registry_id(),
                    "scanningConfiguration" => s.scanning_configuration().map(|x| obj! {
                        "scanType" => en(x.scan_type()),
                        "rules" => list_all(x.rules(), |rule| obj! {
                            "scanFrequency" => en(Some(rule.scan_frequency())),
                            "repositoryFilters" => list_all(rule.repository_filters(), |f| obj! {
                                "filter" => f.filter(),
                                "filterType" => en(Some(f.filter_type())),
                            }),
                        }),
                    }),
                })
            },
        )
        .await,
    );
    out
}

/// Every ACM key type: without `Includes`, `ListCertificates` lists RSA-2048 certificates only.
const ACM_KEY_TYPES: &[&str] = &[
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
];

pub(super) async fn acm(ctx: &Ctx, region: &str) -> Vec<Call> {
    use aws_sdk_acm::types::{Filters, KeyAlgorithm};
    let c = &regional!(&ctx.sdk, aws_sdk_acm, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let filters = Filters::builder()
        .set_key_types(Some(
            ACM_KEY_TYPES
                .iter()
                .map(|k| KeyAlgorithm::from(*k))
                .collect(),
        ))
        .build();
    vec![
        rec.call(
            "acm",
            "ListCertificates",
            r,
            json!({ "Includes": { "keyTypes": ACM_KEY_TYPES } }),
            async {
                let items = pages!(
                    c.list_certificates().includes(filters).into_paginator(),
                    |p| p.certificate_summary_list().iter().map(|s| obj! {
                        "CertificateArn" => s.certificate_arn(),
                        "DomainName" => s.domain_name(),
                        "Status" => en(s.status()),
                        "Type" => en(s.r#type()),
                        "KeyAlgorithm" => en(s.key_algorithm()),
                        "InUse" => s.in_use(),
                        "Exported" => s.exported(),
                        "RenewalEligibility" => en(s.renewal_eligibility()),
                        "NotBefore" => s.not_before(),
                        "NotAfter" => s.not_after(),
                        "CreatedAt" => s.created_at(),
                        "IssuedAt" => s.issued_at(),
                        "ImportedAt" => s.imported_at(),
                        "RevokedAt" => s.revoked_at(),
                    })
                )?;
                Ok(json!({ "CertificateSummaryList": items }))
            },
        )
        .await,
    ]
}

pub(super) async fn ssm(ctx: &Ctx, region: &str) -> Vec<Call> {
    use aws_sdk_ssm::types::{DocumentKeyValuesFilter, DocumentPermissionType};
    let c = &regional!(&ctx.sdk, aws_sdk_ssm, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let mut out = vec![
        rec.call("ssm", "DescribeInstanceInformation", r, json!({}), async {
            let items = pages!(c.describe_instance_information().into_paginator(), |p| p
                .instance_information_list()
                .iter()
                .map(|i| obj! {
                    "InstanceId" => i.instance_id(),
                    "PingStatus" => en(i.ping_status()),
                    "LastPingDateTime" => i.last_ping_date_time(),
                    "AgentVersion" => i.agent_version(),
                    "IsLatestVersion" => i.is_latest_version(),
                    "PlatformType" => en(i.platform_type()),
                    "PlatformName" => i.platform_name(),
                    "PlatformVersion" => i.platform_version(),
                    "ResourceType" => en(i.resource_type()),
                    "ComputerName" => i.computer_name(),
                }))?;
            Ok(json!({ "InstanceInformationList": items }))
        })
        .await,
        rec.call(
            "ssm",
            "ListResourceComplianceSummaries",
            r,
            json!({}),
            async {
                let items = pages!(
                    c.list_resource_compliance_summaries().into_paginator(),
                    |p| p.resource_compliance_summary_items().iter().map(|s| obj! {
                        "ComplianceType" => s.compliance_type(),
                        "ResourceType" => s.resource_type(),
                        "ResourceId" => s.resource_id(),
                        "Status" => en(s.status()),
                        "OverallSeverity" => en(s.overall_severity()),
                        "ExecutionSummary" => s.execution_summary().map(|e| obj! {
                            "ExecutionTime" => e.execution_time(),
                            "ExecutionId" => e.execution_id(),
                            "ExecutionType" => e.execution_type(),
                        }),
                        "CompliantSummary" => s.compliant_summary().map(|x| obj! {
                            "CompliantCount" => x.compliant_count(),
                        }),
                        "NonCompliantSummary" => s.non_compliant_summary().map(|x| obj! {
                            "NonCompliantCount" => x.non_compliant_count(),
                        }),
                    })
                )?;
                Ok(json!({ "ResourceComplianceSummaryItems": items }))
            },
        )
        .await,
    ];
    let docs = rec
        .call(
            "ssm",
            "ListDocuments",
            r,
            json!({ "Filters": [{ "Key": "Owner", "Values": ["Self"] }] }),
            async {
                let owner = DocumentKeyValuesFilter::builder()
                    .key("Owner")
                    .values("Self")
                    .build();
                let items = pages!(c.list_documents().filters(owner).into_paginator(), |p| p
                    .document_identifiers()
                    .iter()
                    .map(|d| obj! {
                        "Name" => d.name(),
                        "CreatedDate" => d.created_date(),
                        "Owner" => d.owner(),
                        "DocumentType" => en(d.document_type()),
                        "DocumentVersion" => d.document_version(),
                        "DocumentFormat" => en(d.document_format()),
                        "SchemaVersion" => d.schema_version(),
                        "Tags" => list(d.tags(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                    }))?;
                Ok(json!({ "DocumentIdentifiers": items }))
            },
        )
        .await;
    let names = strings(&docs, "DocumentIdentifiers", Some("Name"));
    out.push(docs);
    let perms = futures_util::future::join_all(names.iter().map(|name| {
        rec.call(
            "ssm",
            "DescribeDocumentPermission",
            r,
            json!({ "Name": name, "PermissionType": "Share" }),
            async move {
                let p = c
                    .describe_document_permission()
                    .name(name)
                    .permission_type(DocumentPermissionType::Share)
                    .send()
                    .await?;
                Ok(obj! {
                    "AccountIds" => list_all(p.account_ids(), |a| json!(a)),
                    "AccountSharingInfoList" => list_all(p.account_sharing_info_list(), |s| obj! {
                        "AccountId" => s.account_id(),
                        "SharedDocumentVersion" => s.shared_document_version(),
                    }),
                })
            },
        )
    }))
    .await;
    out.extend(perms);
    out
}

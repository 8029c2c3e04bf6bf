//! Platform and edge services: load balancers (ELBv2 and Classic), EFS, EKS, API Gateway (REST
//! and v2), OpenSearch in each region; CloudFront and Organizations once, from the home region.
//! Member names follow botocore (camelCase for EKS and API Gateway REST).

use super::Ctx;
use super::apps::string_map;
use crate::client::regional;
use crate::json::{en, list, list_all, obj};
use crate::record::{ApiError, Call, pages};
use serde_json::{Value, json};

/// The `member` strings of the objects listed under `key` in a recorded response.
fn strings_of(call: &Call, key: &str, member: &str) -> Vec<String> {
    call.response()
        .and_then(|v| v.get(key))
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get(member).and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) async fn elbv2(ctx: &Ctx, region: &str) -> Vec<Call> {
    use aws_sdk_elasticloadbalancingv2::types as t;
    let c = &regional!(&ctx.sdk, aws_sdk_elasticloadbalancingv2, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let lbs = rec
        .call("elbv2", "DescribeLoadBalancers", r, json!({}), async {
            let items = pages!(c.describe_load_balancers().into_paginator(), |p| p
                .load_balancers()
                .iter()
                .map(|lb| obj! {
                    "LoadBalancerArn" => lb.load_balancer_arn(),
                    "DNSName" => lb.dns_name(),
                    "CanonicalHostedZoneId" => lb.canonical_hosted_zone_id(),
                    "CreatedTime" => lb.created_time(),
                    "LoadBalancerName" => lb.load_balancer_name(),
                    "Scheme" => en(lb.scheme()),
                    "VpcId" => lb.vpc_id(),
                    "State" => lb.state().map(|s| obj! { "Code" => en(s.code()), "Reason" => s.reason() }),
                    "Type" => en(lb.r#type()),
                    "AvailabilityZones" => list_all(lb.availability_zones(), |z| obj! {
                        "ZoneName" => z.zone_name(),
                        "SubnetId" => z.subnet_id(),
                        "LoadBalancerAddresses" => list(z.load_balancer_addresses(), |a| obj! {
                            "IpAddress" => a.ip_address(),
                            "AllocationId" => a.allocation_id(),
                            "PrivateIPv4Address" => a.private_ipv4_address(),
                            "IPv6Address" => a.ipv6_address(),
                        }),
                    }),
                    "SecurityGroups" => list(lb.security_groups(), |g| json!(g)),
                    "IpAddressType" => en(lb.ip_address_type()),
                }))?;
            Ok(json!({ "LoadBalancers": items }))
        })
        .await;
    // (ARN, is an application load balancer): listener rules are read for those.
    let arns: Vec<(String, bool)> = lbs
        .response()
        .and_then(|v| v.get("LoadBalancers"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|lb| {
            let arn = lb.get("LoadBalancerArn")?.as_str()?.to_string();
            Some((
                arn,
                lb.get("Type").and_then(Value::as_str) == Some("application"),
            ))
        })
        .collect();
    let mut out = vec![lbs];
    let action = |a: &t::Action| {
        obj! {
            "Type" => en(a.r#type()),
            "TargetGroupArn" => a.target_group_arn(),
            "Order" => a.order(),
            "ForwardConfig" => a.forward_config().map(|f| obj! {
                "TargetGroups" => list_all(f.target_groups(), |g| obj! {
                    "TargetGroupArn" => g.target_group_arn(),
                    "Weight" => g.weight(),
                }),
            }),
            "FixedResponseConfig" => a.fixed_response_config().map(|x| obj! {
                "StatusCode" => x.status_code(),
                "ContentType" => x.content_type(),
            }),
            "RedirectConfig" => a.redirect_config().map(|x| obj! {
                "Protocol" => x.protocol(),
                "Port" => x.port(),
                "Host" => x.host(),
                "Path" => x.path(),
                "Query" => x.query(),
                "StatusCode" => en(x.status_code()),
            }),
        }
    };
    let per_lb = futures_util::future::join_all(arns.iter().map(|(arn, application)| async move {
        let p = json!({ "LoadBalancerArn": arn });
        let listeners = rec.call("elbv2", "DescribeListeners", r, p.clone(), async {
            let items = pages!(
                c.describe_listeners()
                    .load_balancer_arn(arn)
                    .into_paginator(),
                |p| p.listeners().iter().map(|l| obj! {
                    "ListenerArn" => l.listener_arn(),
                    "LoadBalancerArn" => l.load_balancer_arn(),
                    "Port" => l.port(),
                    "Protocol" => en(l.protocol()),
                    "SslPolicy" => l.ssl_policy(),
                    "Certificates" => list(l.certificates(), |x| obj! {
                        "CertificateArn" => x.certificate_arn(),
                        "IsDefault" => x.is_default(),
                    }),
                    "DefaultActions" => list_all(l.default_actions(), action),
                })
            )?;
            Ok(json!({ "Listeners": items }))
        });
        let attrs = rec.call(
            "elbv2",
            "DescribeLoadBalancerAttributes",
            r,
            p.clone(),
            async {
                let a = c
                    .describe_load_balancer_attributes()
                    .load_balancer_arn(arn)
                    .send()
                    .await?;
                Ok(json!({ "Attributes": list_all(a.attributes(), |x| obj! {
                    "Key" => x.key(),
                    "Value" => x.value(),
                }) }))
            },
        );
        let listeners = listeners.await;
        let listener_arns = if *application {
            strings_of(&listeners, "Listeners", "ListenerArn")
        } else {
            Vec::new()
        };
        let mut calls = vec![listeners];
        for listener in &listener_arns {
            calls.push(
                rec.call(
                    "elbv2",
                    "DescribeRules",
                    r,
                    json!({ "ListenerArn": listener }),
                    async {
                        let items = pages!(
                            c.describe_rules().listener_arn(listener).into_paginator(),
                            |p| p.rules().iter().map(|x| obj! {
                                "RuleArn" => x.rule_arn(),
                                "Priority" => x.priority(),
                                "Conditions" => list_all(x.conditions(), |c| obj! {
                                    "Field" => c.field(),
                                    "Values" => list(c.values(), |v| json!(v)),
                                }),
                                "Actions" => list_all(x.actions(), action),
                                "IsDefault" => x.is_default(),
                            })
                        )?;
                        Ok(json!({ "Rules": items }))
                    },
                )
                .await,
            );
        }
        calls.push(attrs.await);
        calls
    }))
    .await;
    out.extend(per_lb.into_iter().flatten());
    let groups = rec
        .call("elbv2", "DescribeTargetGroups", r, json!({}), async {
            let items = pages!(c.describe_target_groups().into_paginator(), |p| p
                .target_groups()
                .iter()
                .map(|g| obj! {
                    "TargetGroupArn" => g.target_group_arn(),
                    "TargetGroupName" => g.target_group_name(),
                    "Protocol" => en(g.protocol()),
                    "Port" => g.port(),
                    "VpcId" => g.vpc_id(),
                    "TargetType" => en(g.target_type()),
                    "LoadBalancerArns" => list_all(g.load_balancer_arns(), |a| json!(a)),
                }))?;
            Ok(json!({ "TargetGroups": items }))
        })
        .await;
    let tg_arns = strings_of(&groups, "TargetGroups", "TargetGroupArn");
    out.push(groups);
    let health = futures_util::future::join_all(tg_arns.iter().map(|arn| {
        rec.call(
            "elbv2",
            "DescribeTargetHealth",
            r,
            json!({ "TargetGroupArn": arn }),
            async move {
                let h = c.describe_target_health().target_group_arn(arn).send().await?;
                Ok(json!({ "TargetHealthDescriptions": list_all(h.target_health_descriptions(), |d| obj! {
                    "Target" => d.target().map(|x| obj! {
                        "Id" => x.id(),
                        "Port" => x.port(),
                        "AvailabilityZone" => x.availability_zone(),
                    }),
                    "HealthCheckPort" => d.health_check_port(),
                    "TargetHealth" => d.target_health().map(|x| obj! {
                        "State" => en(x.state()),
                        "Reason" => en(x.reason()),
                        "Description" => x.description(),
                    }),
                }) }))
            },
        )
    }))
    .await;
    out.extend(health);
    out
}

pub(super) async fn elb(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_elasticloadbalancing, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let lbs = rec
        .call("elb", "DescribeLoadBalancers", r, json!({}), async {
            let items = pages!(c.describe_load_balancers().into_paginator(), |p| p
                .load_balancer_descriptions()
                .iter()
                .map(|lb| obj! {
                    "LoadBalancerName" => lb.load_balancer_name(),
                    "DNSName" => lb.dns_name(),
                    "CanonicalHostedZoneNameID" => lb.canonical_hosted_zone_name_id(),
                    "ListenerDescriptions" => list_all(lb.listener_descriptions(), |d| obj! {
                        "Listener" => d.listener().map(|l| obj! {
                            "Protocol" => l.protocol(),
                            "LoadBalancerPort" => l.load_balancer_port(),
                            "InstanceProtocol" => l.instance_protocol(),
                            "InstancePort" => l.instance_port(),
                            "SSLCertificateId" => l.ssl_certificate_id(),
                        }),
                        "PolicyNames" => list_all(d.policy_names(), |n| json!(n)),
                    }),
                    "AvailabilityZones" => list_all(lb.availability_zones(), |z| json!(z)),
                    "Subnets" => list_all(lb.subnets(), |s| json!(s)),
                    "VPCId" => lb.vpc_id(),
                    "Instances" => list_all(lb.instances(), |i| obj! { "InstanceId" => i.instance_id() }),
                    "SecurityGroups" => list_all(lb.security_groups(), |g| json!(g)),
                    "CreatedTime" => lb.created_time(),
                    "Scheme" => lb.scheme(),
                }))?;
            Ok(json!({ "LoadBalancerDescriptions": items }))
        })
        .await;
    let names = strings_of(&lbs, "LoadBalancerDescriptions", "LoadBalancerName");
    let mut out = vec![lbs];
    let per_lb = futures_util::future::join_all(names.iter().map(|name| async move {
        let p = json!({ "LoadBalancerName": name });
        let attrs = rec.call("elb", "DescribeLoadBalancerAttributes", r, p.clone(), async {
            let a = c
                .describe_load_balancer_attributes()
                .load_balancer_name(name)
                .send()
                .await?;
            Ok(obj! { "LoadBalancerAttributes" => a.load_balancer_attributes().map(|x| obj! {
                "CrossZoneLoadBalancing" => x.cross_zone_load_balancing().map(|z| obj! { "Enabled" => z.enabled() }),
                "AccessLog" => x.access_log().map(|l| obj! {
                    "Enabled" => l.enabled(),
                    "S3BucketName" => l.s3_bucket_name(),
                    "EmitInterval" => l.emit_interval(),
                    "S3BucketPrefix" => l.s3_bucket_prefix(),
                }),
                "ConnectionDraining" => x.connection_draining().map(|d| obj! {
                    "Enabled" => d.enabled(),
                    "Timeout" => d.timeout(),
                }),
                "ConnectionSettings" => x.connection_settings().map(|s| obj! { "IdleTimeout" => s.idle_timeout() }),
                "AdditionalAttributes" => list(x.additional_attributes(), |a| obj! {
                    "Key" => a.key(),
                    "Value" => a.value(),
                }),
            }) })
        });
        let policies = rec.call("elb", "DescribeLoadBalancerPolicies", r, p.clone(), async {
            let d = c
                .describe_load_balancer_policies()
                .load_balancer_name(name)
                .send()
                .await?;
            Ok(json!({ "PolicyDescriptions": list_all(d.policy_descriptions(), |x| obj! {
                "PolicyName" => x.policy_name(),
                "PolicyTypeName" => x.policy_type_name(),
                "PolicyAttributeDescriptions" => list_all(x.policy_attribute_descriptions(), |a| obj! {
                    "AttributeName" => a.attribute_name(),
                    "AttributeValue" => a.attribute_value(),
                }),
            }) }))
        });
        vec![attrs.await, policies.await]
    }))
    .await;
    out.extend(per_lb.into_iter().flatten());
    out
}

pub(super) async fn efs(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_efs, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let fss = rec
        .call("efs", "DescribeFileSystems", r, json!({}), async {
            let items = pages!(c.describe_file_systems().into_paginator(), |p| p
                .file_systems()
                .iter()
                .map(|f| obj! {
                    "OwnerId" => f.owner_id(),
                    "CreationToken" => f.creation_token(),
                    "FileSystemId" => f.file_system_id(),
                    "FileSystemArn" => f.file_system_arn(),
                    "CreationTime" => f.creation_time(),
                    "LifeCycleState" => en(Some(f.life_cycle_state())),
                    "Name" => f.name(),
                    "NumberOfMountTargets" => f.number_of_mount_targets(),
                    "PerformanceMode" => en(Some(f.performance_mode())),
                    "Encrypted" => f.encrypted(),
                    "KmsKeyId" => f.kms_key_id(),
                    "ThroughputMode" => en(f.throughput_mode()),
                    "Tags" => list_all(f.tags(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                }))?;
            Ok(json!({ "FileSystems": items }))
        })
        .await;
    let ids = strings_of(&fss, "FileSystems", "FileSystemId");
    let mut out = vec![fss];
    let per_fs = futures_util::future::join_all(ids.iter().map(|id| async move {
        let p = json!({ "FileSystemId": id });
        let backup = rec.call("efs", "DescribeBackupPolicy", r, p.clone(), async {
            let b = c.describe_backup_policy().file_system_id(id).send().await?;
            Ok(obj! { "BackupPolicy" => b.backup_policy().map(|x| obj! {
                "Status" => en(Some(x.status())),
            }) })
        });
        let targets = rec.call("efs", "DescribeMountTargets", r, p.clone(), async {
            let items = pages!(
                c.describe_mount_targets()
                    .file_system_id(id)
                    .into_paginator(),
                |p| p.mount_targets().iter().map(|m| obj! {
                    "OwnerId" => m.owner_id(),
                    "MountTargetId" => m.mount_target_id(),
                    "FileSystemId" => m.file_system_id(),
                    "SubnetId" => m.subnet_id(),
                    "LifeCycleState" => en(Some(m.life_cycle_state())),
                    "IpAddress" => m.ip_address(),
                    "NetworkInterfaceId" => m.network_interface_id(),
                    "AvailabilityZoneId" => m.availability_zone_id(),
                    "AvailabilityZoneName" => m.availability_zone_name(),
                    "VpcId" => m.vpc_id(),
                })
            )?;
            Ok(json!({ "MountTargets": items }))
        });
        vec![backup.await, targets.await]
    }))
    .await;
    out.extend(per_fs.into_iter().flatten());
    out.push(
        rec.call("efs", "DescribeAccessPoints", r, json!({}), async {
            let items = pages!(c.describe_access_points().into_paginator(), |p| p
                .access_points()
                .iter()
                .map(|a| obj! {
                    "Name" => a.name(),
                    "Tags" => list_all(a.tags(), |t| obj! { "Key" => t.key(), "Value" => t.value() }),
                    "AccessPointId" => a.access_point_id(),
                    "AccessPointArn" => a.access_point_arn(),
                    "FileSystemId" => a.file_system_id(),
                    "PosixUser" => a.posix_user().map(|u| obj! {
                        "Uid" => u.uid(),
                        "Gid" => u.gid(),
                        "SecondaryGids" => list(u.secondary_gids(), |g| json!(g)),
                    }),
                    "RootDirectory" => a.root_directory().map(|d| obj! { "Path" => d.path() }),
                    "OwnerId" => a.owner_id(),
                    "LifeCycleState" => en(a.life_cycle_state()),
                }))?;
            Ok(json!({ "AccessPoints": items }))
        })
        .await,
    );
    out
}

#[allow(deprecated)] // `resources`: deprecated (EKS now encrypts everything), still printed by the CLI
fn eks_encryption(e: &aws_sdk_eks::types::EncryptionConfig) -> Value {
    obj! {
        "resources" => list_all(e.resources(), |s| json!(s)),
        "provider" => e.provider().map(|p| obj! { "keyArn" => p.key_arn() }),
    }
}

pub(super) async fn eks(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_eks, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let clusters = rec
        .call("eks", "ListClusters", r, json!({}), async {
            let items = pages!(c.list_clusters().into_paginator(), |p| p
                .clusters()
                .iter()
                .map(|n| json!(n)))?;
            Ok(json!({ "clusters": items }))
        })
        .await;
    let names: Vec<String> = clusters
        .response()
        .and_then(|v| v.get("clusters"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![clusters];
    let described = futures_util::future::join_all(names.iter().map(|name| {
        rec.call(
            "eks",
            "DescribeCluster",
            r,
            json!({ "name": name }),
            async move {
                let d = c.describe_cluster().name(name).send().await?;
                Ok(obj! { "cluster" => d.cluster().map(|k| obj! {
                    "name" => k.name(),
                    "arn" => k.arn(),
                    "createdAt" => k.created_at(),
                    "version" => k.version(),
                    "endpoint" => k.endpoint(),
                    "roleArn" => k.role_arn(),
                    "resourcesVpcConfig" => k.resources_vpc_config().map(|v| obj! {
                        "subnetIds" => list_all(v.subnet_ids(), |s| json!(s)),
                        "securityGroupIds" => list_all(v.security_group_ids(), |s| json!(s)),
                        "clusterSecurityGroupId" => v.cluster_security_group_id(),
                        "vpcId" => v.vpc_id(),
                        "endpointPublicAccess" => v.endpoint_public_access(),
                        "endpointPrivateAccess" => v.endpoint_private_access(),
                        "publicAccessCidrs" => list_all(v.public_access_cidrs(), |s| json!(s)),
                    }),
                    "logging" => k.logging().map(|l| obj! {
                        "clusterLogging" => list_all(l.cluster_logging(), |s| obj! {
                            "types" => list_all(s.types(), |t| json!(t.as_str())),
                            "enabled" => s.enabled(),
                        }),
                    }),
                    "status" => en(k.status()),
                    "platformVersion" => k.platform_version(),
                    "encryptionConfig" => list(k.encryption_config(), eks_encryption),
                    "tags" => string_map(k.tags()),
                }) })
            },
        )
    }))
    .await;
    out.extend(described);
    out
}

pub(super) async fn apigateway(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_apigateway, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let apis = rec
        .call("apigateway", "GetRestApis", r, json!({}), async {
            let items = pages!(c.get_rest_apis().into_paginator(), |p| p
                .items()
                .iter()
                .map(|a| obj! {
                    "id" => a.id(),
                    "name" => a.name(),
                    "description" => a.description(),
                    "createdDate" => a.created_date(),
                    "apiKeySource" => en(a.api_key_source()),
                    "endpointConfiguration" => a.endpoint_configuration().map(|e| obj! {
                        "types" => list_all(e.types(), |t| json!(t.as_str())),
                    }),
                    "tags" => string_map(a.tags()),
                    "disableExecuteApiEndpoint" => a.disable_execute_api_endpoint(),
                }))?;
            Ok(json!({ "items": items }))
        })
        .await;
    let ids = strings_of(&apis, "items", "id");
    let mut out = vec![apis];
    let stages = futures_util::future::join_all(ids.iter().map(|id| {
        rec.call(
            "apigateway",
            "GetStages",
            r,
            json!({ "restApiId": id }),
            async move {
                let s = c.get_stages().rest_api_id(id).send().await?;
                Ok(json!({ "item": list_all(s.item(), |st| {
                    let settings = st.method_settings().map(|m| {
                        let mut kv: Vec<_> = m.iter().collect();
                        kv.sort_by(|a, b| a.0.cmp(b.0));
                        Value::Object(kv.into_iter().map(|(k, v)| (k.clone(), obj! {
                            "metricsEnabled" => v.metrics_enabled(),
                            "loggingLevel" => v.logging_level(),
                            "dataTraceEnabled" => v.data_trace_enabled(),
                            "cachingEnabled" => v.caching_enabled(),
                            "cacheDataEncrypted" => v.cache_data_encrypted(),
                        })).collect())
                    });
                    obj! {
                        "deploymentId" => st.deployment_id(),
                        "clientCertificateId" => st.client_certificate_id(),
                        "stageName" => st.stage_name(),
                        "cacheClusterEnabled" => st.cache_cluster_enabled(),
                        "cacheClusterStatus" => en(st.cache_cluster_status()),
                        "methodSettings" => settings,
                        "tracingEnabled" => st.tracing_enabled(),
                        "webAclArn" => st.web_acl_arn(),
                        "accessLogSettings" => st.access_log_settings().map(|a| obj! {
                            "format" => a.format(),
                            "destinationArn" => a.destination_arn(),
                        }),
                        "createdDate" => st.created_date(),
                        "lastUpdatedDate" => st.last_updated_date(),
                        "tags" => string_map(st.tags()),
                    }
                }) }))
            },
        )
    }))
    .await;
    out.extend(stages);
    out
}

/// Every page of an API Gateway v2 listing (the SDK has no paginators for it): `$send` sends
/// the request for a page token, `$items` converts the page's items.
macro_rules! v2_pages {
    (|$token:ident| $send:expr, |$page:ident| $items:expr) => {{
        let mut out: Vec<Value> = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let $token = next.take();
            let $page = $send.await?;
            out.extend($items);
            match $page.next_token() {
                Some(t) if !t.is_empty() => next = Some(t.to_string()),
                _ => break Ok::<_, ApiError>(out),
            }
        }
    }};
}

pub(super) async fn apigatewayv2(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_apigatewayv2, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let apis = rec
        .call("apigatewayv2", "GetApis", r, json!({}), async {
            let items = v2_pages!(|t| c.get_apis().set_next_token(t).send(), |p| p
                .items()
                .iter()
                .map(|a| obj! {
                    "ApiId" => a.api_id(),
                    "Name" => a.name(),
                    "ApiEndpoint" => a.api_endpoint(),
                    "ProtocolType" => en(a.protocol_type()),
                    "CreatedDate" => a.created_date(),
                    "Tags" => string_map(a.tags()),
                }))?;
            Ok(json!({ "Items": items }))
        })
        .await;
    let ids = strings_of(&apis, "Items", "ApiId");
    let mut out = vec![apis];
    let per_api = futures_util::future::join_all(ids.iter().map(|id| async move {
        let p = json!({ "ApiId": id });
        let stages = rec.call("apigatewayv2", "GetStages", r, p.clone(), async {
            let items = v2_pages!(
                |t| c.get_stages().api_id(id).set_next_token(t).send(),
                |p| p.items().iter().map(|s| obj! {
                    "StageName" => s.stage_name(),
                    "AccessLogSettings" => s.access_log_settings().map(|a| obj! {
                        "DestinationArn" => a.destination_arn(),
                        "Format" => a.format(),
                    }),
                    "DefaultRouteSettings" => s.default_route_settings().map(|d| obj! {
                        "DataTraceEnabled" => d.data_trace_enabled(),
                        "DetailedMetricsEnabled" => d.detailed_metrics_enabled(),
                        "LoggingLevel" => en(d.logging_level()),
                    }),
                    "AutoDeploy" => s.auto_deploy(),
                    "DeploymentId" => s.deployment_id(),
                    "CreatedDate" => s.created_date(),
                    "LastUpdatedDate" => s.last_updated_date(),
                    "Tags" => string_map(s.tags()),
                })
            )?;
            Ok(json!({ "Items": items }))
        });
        let routes = rec.call("apigatewayv2", "GetRoutes", r, p.clone(), async {
            let items = v2_pages!(
                |t| c.get_routes().api_id(id).set_next_token(t).send(),
                |p| p.items().iter().map(|x| obj! {
                    "RouteId" => x.route_id(),
                    "RouteKey" => x.route_key(),
                    "AuthorizationType" => en(x.authorization_type()),
                    "AuthorizerId" => x.authorizer_id(),
                    "ApiKeyRequired" => x.api_key_required(),
                    "Target" => x.target(),
                })
            )?;
            Ok(json!({ "Items": items }))
        });
        vec![stages.await, routes.await]
    }))
    .await;
    out.extend(per_api.into_iter().flatten());
    out
}

pub(super) async fn opensearch(ctx: &Ctx, region: &str) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_opensearch, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let names = rec
        .call("opensearch", "ListDomainNames", r, json!({}), async {
            let d = c.list_domain_names().send().await?;
            Ok(json!({ "DomainNames": list_all(d.domain_names(), |x| obj! {
                "DomainName" => x.domain_name(),
                "EngineType" => en(x.engine_type()),
            }) }))
        })
        .await;
    let domains = strings_of(&names, "DomainNames", "DomainName");
    let mut out = vec![names];
    let described = futures_util::future::join_all(domains.iter().map(|name| {
        rec.call(
            "opensearch",
            "DescribeDomain",
            r,
            json!({ "DomainName": name }),
            async move {
                let d = c.describe_domain().domain_name(name).send().await?;
                let s = d.domain_status();
                Ok(obj! { "DomainStatus" => s.map(|s| {
                    let logs = s.log_publishing_options().map(|m| {
                        let mut kv: Vec<_> = m.iter().collect();
                        kv.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                        Value::Object(kv.into_iter().map(|(k, v)| (k.as_str().to_string(), obj! {
                            "CloudWatchLogsLogGroupArn" => v.cloud_watch_logs_log_group_arn(),
                            "Enabled" => v.enabled(),
                        })).collect())
                    });
                    obj! {
                        "DomainId" => s.domain_id(),
                        "DomainName" => s.domain_name(),
                        "ARN" => s.arn(),
                        "Created" => s.created(),
                        "Deleted" => s.deleted(),
                        "Endpoint" => s.endpoint(),
                        "Endpoints" => string_map(s.endpoints()),
                        "EngineVersion" => s.engine_version(),
                        "ClusterConfig" => s.cluster_config().map(|x| obj! {
                            "InstanceType" => en(x.instance_type()),
                            "InstanceCount" => x.instance_count(),
                            "DedicatedMasterEnabled" => x.dedicated_master_enabled(),
                            "DedicatedMasterCount" => x.dedicated_master_count(),
                            "ZoneAwarenessEnabled" => x.zone_awareness_enabled(),
                        }),
                        "AccessPolicies" => s.access_policies(),
                        "VPCOptions" => s.vpc_options().map(|v| obj! {
                            "VPCId" => v.vpc_id(),
                            "SubnetIds" => list_all(v.subnet_ids(), |x| json!(x)),
                            "AvailabilityZones" => list_all(v.availability_zones(), |x| json!(x)),
                            "SecurityGroupIds" => list_all(v.security_group_ids(), |x| json!(x)),
                        }),
                        "EncryptionAtRestOptions" => s.encryption_at_rest_options().map(|e| obj! {
                            "Enabled" => e.enabled(),
                            "KmsKeyId" => e.kms_key_id(),
                        }),
                        "NodeToNodeEncryptionOptions" => s.node_to_node_encryption_options().map(|e| obj! {
                            "Enabled" => e.enabled(),
                        }),
                        "LogPublishingOptions" => logs,
                        "DomainEndpointOptions" => s.domain_endpoint_options().map(|e| obj! {
                            "EnforceHTTPS" => e.enforce_https(),
                            "TLSSecurityPolicy" => en(e.tls_security_policy()),
                        }),
                        "AdvancedSecurityOptions" => s.advanced_security_options().map(|a| obj! {
                            "Enabled" => a.enabled(),
                            "InternalUserDatabaseEnabled" => a.internal_user_database_enabled(),
                            "AnonymousAuthEnabled" => a.anonymous_auth_enabled(),
                        }),
                        "ServiceSoftwareOptions" => s.service_software_options().map(|o| obj! {
                            "CurrentVersion" => o.current_version(),
                            "NewVersion" => o.new_version(),
                            "UpdateAvailable" => o.update_available(),
                            "UpdateStatus" => en(o.update_status()),
                            "OptionalDeployment" => o.optional_deployment(),
                        }),
                    }
                }) })
            },
        )
    }))
    .await;
    out.extend(described);
    out
}

/// CloudFront's `{"Quantity": n, "Items": [...]}` lists.
macro_rules! cf_list {
    ($opt:expr, |$x:ident| $item:expr) => {
        $opt.map(|l| {
            obj! {
                "Quantity" => l.quantity(),
                "Items" => list(l.items(), |$x| $item),
            }
        })
    };
}

mod cf {
    use crate::json::{en, list, obj};
    use aws_sdk_cloudfront::types as t;
    use serde_json::{Value, json};

    pub(super) fn origin(o: &t::Origin) -> Value {
        obj! {
            "Id" => o.id(),
            "DomainName" => o.domain_name(),
            "OriginPath" => o.origin_path(),
            "S3OriginConfig" => o.s3_origin_config().map(|s| obj! {
                "OriginAccessIdentity" => s.origin_access_identity(),
            }),
            "CustomOriginConfig" => o.custom_origin_config().map(|c| obj! {
                "HTTPPort" => c.http_port(),
                "HTTPSPort" => c.https_port(),
                "OriginProtocolPolicy" => en(Some(c.origin_protocol_policy())),
                "OriginSslProtocols" => cf_list!(c.origin_ssl_protocols(), |p| json!(p.as_str())),
            }),
            "OriginAccessControlId" => o.origin_access_control_id(),
        }
    }

    pub(super) fn default_behavior(b: &t::DefaultCacheBehavior) -> Value {
        obj! {
            "TargetOriginId" => b.target_origin_id(),
            "ViewerProtocolPolicy" => en(Some(b.viewer_protocol_policy())),
        }
    }

    pub(super) fn behavior(b: &t::CacheBehavior) -> Value {
        obj! {
            "PathPattern" => b.path_pattern(),
            "TargetOriginId" => b.target_origin_id(),
            "ViewerProtocolPolicy" => en(Some(b.viewer_protocol_policy())),
        }
    }

    pub(super) fn viewer_certificate(v: &t::ViewerCertificate) -> Value {
        obj! {
            "CloudFrontDefaultCertificate" => v.cloud_front_default_certificate(),
            "IAMCertificateId" => v.iam_certificate_id(),
            "ACMCertificateArn" => v.acm_certificate_arn(),
            "SSLSupportMethod" => en(v.ssl_support_method()),
            "MinimumProtocolVersion" => en(v.minimum_protocol_version()),
        }
    }

    pub(super) fn origin_groups(g: Option<&t::OriginGroups>) -> Value {
        cf_list!(g, |g| obj! {
            "Id" => g.id(),
            "Members" => cf_list!(g.members(), |m| obj! { "OriginId" => m.origin_id() }),
        })
        .unwrap_or(Value::Null)
    }
}

pub(super) async fn cloudfront(ctx: &Ctx) -> Vec<Call> {
    let home = ctx.home.clone();
    let c = &regional!(&ctx.sdk, aws_sdk_cloudfront, &home);
    let (rec, r) = (&ctx.rec, Some(home.as_str()));
    let dists = rec
        .call("cloudfront", "ListDistributions", r, json!({}), async {
            let items = pages!(c.list_distributions().into_paginator(), |p| p
                .distribution_list()
                .map(|l| l.items())
                .unwrap_or_default()
                .iter()
                .map(|d| obj! {
                    "Id" => d.id(),
                    "ARN" => d.arn(),
                    "Status" => d.status(),
                    "LastModifiedTime" => d.last_modified_time(),
                    "DomainName" => d.domain_name(),
                    "Aliases" => cf_list!(d.aliases(), |a| json!(a)),
                    "Origins" => cf_list!(d.origins(), |o| cf::origin(o)),
                    "OriginGroups" => cf::origin_groups(d.origin_groups()),
                    "DefaultCacheBehavior" => d.default_cache_behavior().map(cf::default_behavior),
                    "CacheBehaviors" => cf_list!(d.cache_behaviors(), |b| cf::behavior(b)),
                    "Comment" => d.comment(),
                    "PriceClass" => en(Some(d.price_class())),
                    "Enabled" => d.enabled(),
                    "ViewerCertificate" => d.viewer_certificate().map(cf::viewer_certificate),
                    "WebACLId" => d.web_acl_id(),
                    "HttpVersion" => en(Some(d.http_version())),
                    "IsIPV6Enabled" => d.is_ipv6_enabled(),
                }))?;
            let n = items.len();
            Ok(json!({ "DistributionList": { "Items": items, "Quantity": n } }))
        })
        .await;
    let ids: Vec<String> = dists
        .response()
        .and_then(|v| v.pointer("/DistributionList/Items"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| d.get("Id").and_then(Value::as_str).map(str::to_string))
        .collect();
    let mut out = vec![dists];
    let full = futures_util::future::join_all(ids.iter().map(|id| {
        rec.call("cloudfront", "GetDistribution", r, json!({ "Id": id }), async move {
            let g = c.get_distribution().id(id).send().await?;
            Ok(obj! {
                "ETag" => g.e_tag(),
                "Distribution" => g.distribution().map(|d| obj! {
                    "Id" => d.id(),
                    "ARN" => d.arn(),
                    "Status" => d.status(),
                    "LastModifiedTime" => d.last_modified_time(),
                    "DomainName" => d.domain_name(),
                    "DistributionConfig" => d.distribution_config().map(|x| obj! {
                        "CallerReference" => x.caller_reference(),
                        "Aliases" => cf_list!(x.aliases(), |a| json!(a)),
                        "DefaultRootObject" => x.default_root_object(),
                        "Origins" => cf_list!(x.origins(), |o| cf::origin(o)),
                        "OriginGroups" => cf::origin_groups(x.origin_groups()),
                        "DefaultCacheBehavior" => x.default_cache_behavior().map(cf::default_behavior),
                        "CacheBehaviors" => cf_list!(x.cache_behaviors(), |b| cf::behavior(b)),
                        "Comment" => x.comment(),
                        "Logging" => x.logging().map(|l| obj! {
                            "Enabled" => l.enabled(),
                            "IncludeCookies" => l.include_cookies(),
                            "Bucket" => l.bucket(),
                            "Prefix" => l.prefix(),
                        }),
                        "PriceClass" => en(x.price_class()),
                        "Enabled" => x.enabled(),
                        "ViewerCertificate" => x.viewer_certificate().map(cf::viewer_certificate),
                        "WebACLId" => x.web_acl_id(),
                        "HttpVersion" => en(x.http_version()),
                        "IsIPV6Enabled" => x.is_ipv6_enabled(),
                    }),
                }),
            })
        })
    }))
    .await;
    out.extend(full);
    out
}

pub(super) async fn organizations(ctx: &Ctx) -> Vec<Call> {
    let c = &regional!(&ctx.sdk, aws_sdk_organizations, &ctx.home);
    vec![
        ctx.rec
            .call(
                "organizations",
                "DescribeOrganization",
                None,
                json!({}),
                async {
                    let d = c.describe_organization().send().await?;
                    #[allow(deprecated)]
                    // AvailablePolicyTypes: deprecated, still printed by the CLI
                    let v = obj! { "Organization" => d.organization().map(|o| obj! {
                        "Id" => o.id(),
                        "Arn" => o.arn(),
                        "FeatureSet" => en(o.feature_set()),
                        "MasterAccountArn" => o.master_account_arn(),
                        "MasterAccountId" => o.master_account_id(),
                        "MasterAccountEmail" => o.master_account_email(),
                    }) };
                    Ok(v)
                },
            )
            .await,
    ]
}

pub(super) async fn wafv2(ctx: &Ctx, region: &str) -> Vec<Call> {
    use aws_sdk_wafv2::types::{ResourceType, Scope};
    let c = &regional!(&ctx.sdk, aws_sdk_wafv2, region);
    let (rec, r) = (&ctx.rec, Some(region));
    let acls = rec
        .call(
            "wafv2",
            "ListWebACLs",
            r,
            json!({ "Scope": "REGIONAL" }),
            async {
                // No paginator in the SDK: follow `NextMarker`.
                let mut items: Vec<Value> = Vec::new();
                let mut next: Option<String> = None;
                loop {
                    let page = c
                        .list_web_acls()
                        .scope(Scope::Regional)
                        .set_next_marker(next.take())
                        .send()
                        .await?;
                    items.extend(page.web_acls().iter().map(|a| {
                        obj! {
                            "Name" => a.name(),
                            "Id" => a.id(),
                            "Description" => a.description(),
                            "LockToken" => a.lock_token(),
                            "ARN" => a.arn(),
                        }
                    }));
                    match page.next_marker() {
                        Some(m) if !m.is_empty() && !page.web_acls().is_empty() => {
                            next = Some(m.to_string())
                        }
                        _ => break,
                    }
                }
                Ok(json!({ "WebACLs": items }))
            },
        )
        .await;
    let arns = strings_of(&acls, "WebACLs", "ARN");
    let mut out = vec![acls];
    let resources = futures_util::future::join_all(arns.iter().map(|arn| {
        rec.call(
            "wafv2",
            "ListResourcesForWebACL",
            r,
            json!({ "WebACLArn": arn, "ResourceType": "APPLICATION_LOAD_BALANCER" }),
            async move {
                let l = c
                    .list_resources_for_web_acl()
                    .web_acl_arn(arn)
                    .resource_type(ResourceType::ApplicationLoadBalancer)
                    .send()
                    .await?;
                Ok(json!({ "ResourceArns": list_all(l.resource_arns(), |a| json!(a)) }))
            },
        )
    }))
    .await;
    out.extend(resources);
    out
}

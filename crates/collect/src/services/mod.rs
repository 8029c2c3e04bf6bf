//! What to call, in which order, and where: one unit of work per global service (IAM, S3) and
//! per (regional service, region). Units run as concurrent tasks; the calls of a unit come out
//! in a fixed order, and units are written in a fixed order, so a snapshot's layout does not
//! depend on timing.

mod apps;
mod ec2;
mod global;
mod platform;
mod regional;
mod s3;

use crate::client::{self, Options, regional};
use crate::record::{ApiError, Call, Recorder};
use crate::{CollectError, Snapshot};
use aws_config::SdkConfig;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// Everything a unit of work needs.
pub(crate) struct Ctx {
    pub sdk: SdkConfig,
    pub rec: Recorder,
    pub account: String,
    /// Where global services (IAM, S3 listing, S3 Control) are called.
    pub home: String,
    pub regions: Vec<String>,
    /// Trails whose status and selectors were already asked for (multi-region trails are
    /// listed in every region).
    pub trails_done: Mutex<HashSet<String>>,
}

/// The regional services, in the order their units are written.
const REGIONAL: &[&str] = &[
    "ec2",
    "kms",
    "cloudtrail",
    "config",
    "logs",
    "cloudwatch",
    "sns",
    "guardduty",
    "accessanalyzer",
    "securityhub",
    "rds",
    "lambda",
    "secretsmanager",
    "sqs",
    "dynamodb",
    "ecr",
    "acm",
    "ssm",
    "efs",
    "eks",
    "apigateway",
    "apigatewayv2",
    "opensearch",
    "elbv2",
    "elb",
    "wafv2",
];

/// The global units, in the order they are written (before the regional ones).
const GLOBAL: &[&str] = &["iam", "s3", "organizations", "cloudfront"];

/// Where a partition's global services live.
fn home_region(partition: &str, configured: &str) -> String {
    match partition {
        "aws" => "us-east-1",
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => configured,
    }
    .to_string()
}

/// A region name as AWS writes them (`us-east-1`, `us-gov-west-1`, `eu-central-2`).
fn is_region_name(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

pub(crate) async fn collect(opts: &Options) -> Result<Snapshot, CollectError> {
    let sdk = client::sdk_config(opts).await;
    let configured = sdk.region().map_or("us-east-1", |r| r.as_ref()).to_string();

    let sts = aws_sdk_sts::Client::new(&sdk);
    let ident = tokio::time::timeout(opts.call_timeout, sts.get_caller_identity().send())
        .await
        .map_err(|_| CollectError::Identity("no answer in time".into()))?
        .map_err(|e| {
            let e = ApiError::from(e);
            CollectError::Identity(format!("{}: {}", e.code, e.message))
        })?;
    let account = ident.account().unwrap_or_default().to_string();
    let partition = ident
        .arn()
        .and_then(|a| a.split(':').nth(1))
        .unwrap_or("aws")
        .to_string();
    let home = home_region(&partition, &configured);

    let mut regions = match &opts.regions {
        Some(list) => {
            if let Some(bad) = list.iter().find(|r| !is_region_name(r)) {
                return Err(CollectError::BadRegion(bad.clone()));
            }
            list.clone()
        }
        None => {
            let ec2 = regional!(&sdk, aws_sdk_ec2, &home);
            let resp = tokio::time::timeout(opts.call_timeout, ec2.describe_regions().send())
                .await
                .map_err(|_| CollectError::Regions("no answer in time".into()))?
                .map_err(|e| {
                    let e = ApiError::from(e);
                    CollectError::Regions(format!("{}: {}", e.code, e.message))
                })?;
            resp.regions()
                .iter()
                .filter_map(|r| r.region_name().map(str::to_string))
                .collect()
        }
    };
    regions.sort();
    regions.dedup();

    let rec = Recorder::new(opts.concurrency, opts.call_timeout, opts.progress);
    rec.progress
        .set_length((GLOBAL.len() + REGIONAL.len() * regions.len()) as u64);
    let ctx = Arc::new(Ctx {
        sdk,
        rec,
        account: account.clone(),
        home,
        regions: regions.clone(),
        trails_done: Mutex::new(HashSet::new()),
    });

    // The units, in output order. IAM first: the credential report takes a few seconds to
    // prepare and the rest goes on meanwhile.
    let mut units: Vec<(String, Option<String>)> =
        GLOBAL.iter().map(|s| (s.to_string(), None)).collect();
    for r in &regions {
        for s in REGIONAL {
            units.push((s.to_string(), Some(r.clone())));
        }
    }
    let mut set = tokio::task::JoinSet::new();
    for (i, (service, region)) in units.iter().cloned().enumerate() {
        let ctx = ctx.clone();
        set.spawn(async move {
            let calls = run_unit(&ctx, &service, region.as_deref()).await;
            ctx.rec.progress.inc(1);
            ctx.rec.progress.set_message(match &region {
                Some(r) => format!("{service} {r}"),
                None => service.clone(),
            });
            (i, calls)
        });
    }
    let mut done: Vec<Option<Vec<Call>>> = vec![None; units.len()];
    while let Some(joined) = set.join_next().await {
        // A task that panicked loses its calls; its data is then "not collected", which the
        // loader reports, rather than taking the whole collection down.
        if let Ok((i, calls)) = joined
            && let Some(slot) = done.get_mut(i)
        {
            *slot = Some(calls);
        }
    }
    ctx.rec.progress.finish_and_clear();
    let calls = done.into_iter().flatten().flatten().collect();
    Ok(Snapshot {
        rampart_snapshot: 1,
        account_id: account,
        partition,
        collected_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        regions,
        calls,
    })
}

async fn run_unit(ctx: &Ctx, service: &str, region: Option<&str>) -> Vec<Call> {
    match (service, region) {
        ("iam", _) => global::iam(ctx).await,
        ("s3", _) => s3::s3(ctx).await,
        ("ec2", Some(r)) => ec2::ec2(ctx, r).await,
        ("kms", Some(r)) => regional::kms(ctx, r).await,
        ("cloudtrail", Some(r)) => regional::cloudtrail(ctx, r).await,
        ("config", Some(r)) => regional::config(ctx, r).await,
        ("logs", Some(r)) => regional::logs(ctx, r).await,
        ("cloudwatch", Some(r)) => regional::cloudwatch(ctx, r).await,
        ("sns", Some(r)) => regional::sns(ctx, r).await,
        ("guardduty", Some(r)) => regional::guardduty(ctx, r).await,
        ("accessanalyzer", Some(r)) => regional::accessanalyzer(ctx, r).await,
        ("securityhub", Some(r)) => regional::securityhub(ctx, r).await,
        ("rds", Some(r)) => regional::rds(ctx, r).await,
        ("organizations", None) => platform::organizations(ctx).await,
        ("cloudfront", None) => platform::cloudfront(ctx).await,
        ("lambda", Some(r)) => apps::lambda(ctx, r).await,
        ("secretsmanager", Some(r)) => apps::secretsmanager(ctx, r).await,
        ("sqs", Some(r)) => apps::sqs(ctx, r).await,
        ("dynamodb", Some(r)) => apps::dynamodb(ctx, r).await,
        ("ecr", Some(r)) => apps::ecr(ctx, r).await,
        ("acm", Some(r)) => apps::acm(ctx, r).await,
        ("ssm", Some(r)) => apps::ssm(ctx, r).await,
        ("efs", Some(r)) => platform::efs(ctx, r).await,
        ("eks", Some(r)) => platform::eks(ctx, r).await,
        ("apigateway", Some(r)) => platform::apigateway(ctx, r).await,
        ("apigatewayv2", Some(r)) => platform::apigatewayv2(ctx, r).await,
        ("opensearch", Some(r)) => platform::opensearch(ctx, r).await,
        ("elbv2", Some(r)) => platform::elbv2(ctx, r).await,
        ("elb", Some(r)) => platform::elb(ctx, r).await,
        ("wafv2", Some(r)) => platform::wafv2(ctx, r).await,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names() {
        for ok in [
            "us-east-1",
            "us-gov-west-1",
            "eu-central-2",
            "ap-southeast-5",
        ] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in [
            "",
            "us",
            "us-east",
            "US-EAST-1",
            "us-east-1a",
            "us--1",
            "eu-west-1 ",
        ] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }

    #[test]
    fn global_services_live_in_the_partition_home() {
        assert_eq!(home_region("aws", "eu-west-1"), "us-east-1");
        assert_eq!(home_region("aws-cn", "cn-northwest-1"), "cn-north-1");
        assert_eq!(home_region("aws-eusc", "eusc-de-east-1"), "eusc-de-east-1");
    }
}

//! Live collection: make the read-only AWS API calls Rampart needs and write them as a snapshot
//! (CONTRACT §1), so a live scan and a recorded file go through the same loader.
//!
//! This is the only crate that depends on the AWS SDK for Rust. It makes only `List*`, `Get*`
//! and `Describe*` calls plus `GenerateCredentialReport` (which asks IAM to prepare the report);
//! [`OPERATIONS`] lists every recorded call and a test keeps it equal to
//! `docs/snapshot-calls.md` and to the SDK methods the source calls.
//!
//! Calls run concurrently under a bound, with the SDK's adaptive retry (backoff on throttling)
//! and a timeout per call. A failed call becomes an `error` entry with the AWS error code, and
//! collection goes on: the checks that needed it report UNKNOWN.

mod json;

mod client;
mod record;
mod services;

pub use client::Options;
pub use record::{ApiError, Call, Outcome};

use serde::Serialize;
use std::path::Path;

/// Every (service, operation) the collector records, in the order of `docs/snapshot-calls.md`.
/// `sts GetCallerIdentity` (whose account), `ec2 DescribeRegions` (which regions) and
/// `iam GenerateCredentialReport` are made too but not recorded.
pub const OPERATIONS: &[(&str, &str)] = &[
    ("iam", "GetAccountAuthorizationDetails"),
    ("iam", "GetCredentialReport"),
    ("iam", "GetAccountPasswordPolicy"),
    ("iam", "ListVirtualMFADevices"),
    ("iam", "GetAccountSummary"),
    ("iam", "ListServerCertificates"),
    ("account", "GetAlternateContact"),
    ("organizations", "DescribeOrganization"),
    ("s3", "ListBuckets"),
    ("s3", "GetBucketLocation"),
    ("s3", "GetBucketPolicy"),
    ("s3", "GetBucketPolicyStatus"),
    ("s3", "GetBucketAcl"),
    ("s3", "GetBucketEncryption"),
    ("s3", "GetPublicAccessBlock"),
    ("s3", "GetBucketVersioning"),
    ("s3", "GetBucketLogging"),
    ("s3", "GetBucketLifecycleConfiguration"),
    ("s3", "GetBucketNotificationConfiguration"),
    ("s3control", "GetPublicAccessBlock"),
    ("ec2", "DescribeInstances"),
    ("ec2", "DescribeSecurityGroups"),
    ("ec2", "DescribeNetworkAcls"),
    ("ec2", "DescribeRouteTables"),
    ("ec2", "DescribeSubnets"),
    ("ec2", "DescribeVpcs"),
    ("ec2", "DescribeInternetGateways"),
    ("ec2", "DescribeVolumes"),
    ("ec2", "DescribeSnapshots"),
    ("ec2", "DescribeSnapshotAttribute"),
    ("ec2", "GetEbsEncryptionByDefault"),
    ("ec2", "DescribeFlowLogs"),
    ("ec2", "DescribeNetworkInterfaces"),
    ("ec2", "DescribeManagedPrefixLists"),
    ("ec2", "GetManagedPrefixListEntries"),
    ("ec2", "DescribeNatGateways"),
    ("ec2", "DescribeEgressOnlyInternetGateways"),
    ("ec2", "DescribeVpcEndpoints"),
    ("ec2", "DescribeVpcPeeringConnections"),
    ("ec2", "DescribeAddresses"),
    ("ec2", "DescribeVpnConnections"),
    ("ec2", "DescribeTransitGateways"),
    ("kms", "ListKeys"),
    ("kms", "DescribeKey"),
    ("kms", "GetKeyPolicy"),
    ("kms", "GetKeyRotationStatus"),
    ("kms", "ListAliases"),
    ("cloudtrail", "DescribeTrails"),
    ("cloudtrail", "GetTrailStatus"),
    ("cloudtrail", "GetEventSelectors"),
    ("config", "DescribeConfigurationRecorders"),
    ("config", "DescribeConfigurationRecorderStatus"),
    ("logs", "DescribeMetricFilters"),
    ("logs", "DescribeLogGroups"),
    ("cloudwatch", "DescribeAlarms"),
    ("sns", "ListTopics"),
    ("sns", "GetTopicAttributes"),
    ("sns", "ListSubscriptions"),
    ("guardduty", "ListDetectors"),
    ("guardduty", "GetDetector"),
    ("accessanalyzer", "ListAnalyzers"),
    ("securityhub", "DescribeHub"),
    ("securityhub", "GetEnabledStandards"),
    ("rds", "DescribeDBInstances"),
    ("rds", "DescribeDBClusters"),
    ("rds", "DescribeDBSnapshots"),
    ("rds", "DescribeDBSnapshotAttributes"),
    ("rds", "DescribeDBClusterSnapshots"),
    ("rds", "DescribeDBClusterSnapshotAttributes"),
    ("wafv2", "ListWebACLs"),
    ("wafv2", "ListResourcesForWebACL"),
    ("elbv2", "DescribeLoadBalancers"),
    ("elbv2", "DescribeListeners"),
    ("elbv2", "DescribeTargetGroups"),
    ("elbv2", "DescribeTargetHealth"),
    ("elbv2", "DescribeRules"),
    ("elb", "DescribeLoadBalancers"),
    ("elbv2", "DescribeLoadBalancerAttributes"),
    ("elb", "DescribeLoadBalancerAttributes"),
    ("elb", "DescribeLoadBalancerPolicies"),
    ("efs", "DescribeFileSystems"),
    ("efs", "DescribeBackupPolicy"),
    ("efs", "DescribeMountTargets"),
    ("efs", "DescribeAccessPoints"),
    ("eks", "ListClusters"),
    ("eks", "DescribeCluster"),
    ("apigateway", "GetRestApis"),
    ("apigateway", "GetStages"),
    ("apigatewayv2", "GetApis"),
    ("apigatewayv2", "GetStages"),
    ("apigatewayv2", "GetRoutes"),
    ("cloudfront", "ListDistributions"),
    ("cloudfront", "GetDistribution"),
    ("opensearch", "ListDomainNames"),
    ("opensearch", "DescribeDomain"),
    ("lambda", "ListFunctions"),
    ("lambda", "GetPolicy"),
    ("secretsmanager", "ListSecrets"),
    ("sqs", "ListQueues"),
    ("sqs", "GetQueueAttributes"),
    ("dynamodb", "ListTables"),
    ("dynamodb", "DescribeTable"),
    ("dynamodb", "DescribeContinuousBackups"),
    ("application-autoscaling", "DescribeScalableTargets"),
    ("ecr", "DescribeRepositories"),
    ("ecr", "GetLifecyclePolicy"),
    ("ecr", "GetRegistryScanningConfiguration"),
    ("acm", "ListCertificates"),
    ("ssm", "DescribeInstanceInformation"),
    ("ssm", "ListResourceComplianceSummaries"),
    ("ssm", "ListDocuments"),
    ("ssm", "DescribeDocumentPermission"),
];

/// A snapshot file's content (CONTRACT §1).
#[derive(Debug, Serialize)]
pub struct Snapshot {
    pub rampart_snapshot: u32,
    pub account_id: String,
    pub partition: String,
    pub collected_at: String,
    pub regions: Vec<String>,
    pub calls: Vec<Call>,
}

impl Snapshot {
    /// The calls that failed, for the end-of-run summary.
    pub fn failures(&self) -> impl Iterator<Item = (&Call, &ApiError)> {
        self.calls.iter().filter_map(|c| match &c.outcome {
            Outcome::Error(e) => Some((c, e)),
            Outcome::Response(_) => None,
        })
    }

    /// The snapshot as JSON text.
    pub fn to_json(&self) -> Vec<u8> {
        // INVARIANT: every value in a snapshot is a JSON value or a plain string; serialising
        // cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Writes the snapshot to `path`, gzip-compressed when the name ends in `.gz`.
    pub fn write(&self, path: &Path) -> Result<(), CollectError> {
        let data = self.to_json();
        let io = |e: std::io::Error| CollectError::Write(path.display().to_string(), e.to_string());
        if path.extension().is_some_and(|e| e == "gz") {
            use std::io::Write;
            let f = std::fs::File::create(path).map_err(io)?;
            let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::default());
            gz.write_all(&data).map_err(io)?;
            gz.finish().map_err(io)?;
            Ok(())
        } else {
            std::fs::write(path, data).map_err(io)
        }
    }
}

/// Why collection could not start or finish (a failed API call is not one: it is recorded).
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("cannot tell which account the credentials belong to (sts GetCallerIdentity): {0}")]
    Identity(String),
    #[error("cannot list the enabled regions (ec2 DescribeRegions): {0}; name them with --regions")]
    Regions(String),
    #[error("`{0}` is not a region name")]
    BadRegion(String),
    #[error("{0}: cannot write: {1}")]
    Write(String, String),
    #[error("cannot start the async runtime: {0}")]
    Runtime(String),
}

/// Collects a snapshot of the account the configured credentials belong to.
pub async fn collect(opts: &Options) -> Result<Snapshot, CollectError> {
    services::collect(opts).await
}

/// [`collect`] on a runtime of its own, for callers that are not async.
pub fn collect_blocking(opts: &Options) -> Result<Snapshot, CollectError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CollectError::Runtime(e.to_string()))?;
    rt.block_on(collect(opts))
}

#[cfg(test)]
mod tests;

//! The typed inventory of one account, built from snapshot calls.
//!
//! Each AWS service has a module with its typed resources and a `parse` function that turns one
//! call into an [`Apply`]: a closure that puts the typed data into the inventory. Parsing runs in
//! parallel; applying runs in file order; `finalize` joins per-resource calls (a bucket's policy,
//! a key's rotation status) onto their resources and fills every region with "not collected"
//! where no call was recorded.

pub mod accessanalyzer;
pub mod account;
pub mod acm;
pub mod apigateway;
pub mod apigatewayv2;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod config;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod efs;
pub mod eks;
pub mod elb;
pub mod elbv2;
pub mod guardduty;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod opensearch;
pub mod organizations;
pub mod rds;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod wafv2;

use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use std::collections::BTreeMap;

/// What one parsed call does to the inventory.
pub(crate) type Apply = Box<dyn FnOnce(&mut Inventory) + Send>;

/// Everything known about one account.
#[derive(Debug)]
pub struct Inventory {
    pub account_id: String,
    pub partition: String,
    /// When the data was collected; checks measure ages from here, never from the clock.
    pub collected_at: Option<Timestamp>,
    /// Regions the snapshot covers (declared, plus any seen in calls), sorted.
    pub regions: Vec<String>,
    pub account: account::Account,
    pub iam: iam::Iam,
    pub s3: s3::S3,
    pub ec2: ec2::Ec2,
    pub kms: kms::Kms,
    pub cloudtrail: cloudtrail::CloudTrail,
    pub config: config::Config,
    pub logs: logs::Logs,
    pub cloudwatch: cloudwatch::CloudWatch,
    pub sns: sns::Sns,
    pub guardduty: guardduty::GuardDuty,
    pub accessanalyzer: accessanalyzer::AccessAnalyzer,
    pub securityhub: securityhub::SecurityHub,
    pub rds: rds::Rds,
    pub elbv2: elbv2::Elbv2,
    pub elb: elb::Elb,
    pub efs: efs::Efs,
    pub eks: eks::Eks,
    pub apigateway: apigateway::ApiGateway,
    pub apigatewayv2: apigatewayv2::ApiGatewayV2,
    pub cloudfront: cloudfront::CloudFront,
    pub opensearch: opensearch::OpenSearch,
    pub lambda: lambda::Lambda,
    pub secretsmanager: secretsmanager::SecretsManager,
    pub sqs: sqs::Sqs,
    pub dynamodb: dynamodb::DynamoDb,
    pub ecr: ecr::Ecr,
    pub acm: acm::Acm,
    pub ssm: ssm::Ssm,
    pub organizations: organizations::Organizations,
    pub wafv2: wafv2::Wafv2,
}

impl Inventory {
    /// An inventory in which nothing has been collected yet.
    pub fn new(
        account_id: &str,
        partition: &str,
        collected_at: Option<Timestamp>,
        regions: Vec<String>,
    ) -> Inventory {
        let mut inv = Inventory {
            account_id: account_id.to_string(),
            partition: partition.to_string(),
            collected_at,
            regions: Vec::new(),
            account: account::Account::default(),
            iam: iam::Iam::default(),
            s3: s3::S3::default(),
            ec2: ec2::Ec2::default(),
            kms: kms::Kms::default(),
            cloudtrail: cloudtrail::CloudTrail::default(),
            config: config::Config::default(),
            logs: logs::Logs::default(),
            cloudwatch: cloudwatch::CloudWatch::default(),
            sns: sns::Sns::default(),
            guardduty: guardduty::GuardDuty::default(),
            accessanalyzer: accessanalyzer::AccessAnalyzer::default(),
            securityhub: securityhub::SecurityHub::default(),
            rds: rds::Rds::default(),
            elbv2: elbv2::Elbv2::default(),
            elb: elb::Elb::default(),
            efs: efs::Efs::default(),
            eks: eks::Eks::default(),
            apigateway: apigateway::ApiGateway::default(),
            apigatewayv2: apigatewayv2::ApiGatewayV2::default(),
            cloudfront: cloudfront::CloudFront::default(),
            opensearch: opensearch::OpenSearch::default(),
            lambda: lambda::Lambda::default(),
            secretsmanager: secretsmanager::SecretsManager::default(),
            sqs: sqs::Sqs::default(),
            dynamodb: dynamodb::DynamoDb::default(),
            ecr: ecr::Ecr::default(),
            acm: acm::Acm::default(),
            ssm: ssm::Ssm::default(),
            organizations: organizations::Organizations::default(),
            wafv2: wafv2::Wafv2::default(),
        };
        for r in regions {
            inv.note_region(&r);
        }
        inv
    }

    /// Adds a region to the covered set.
    pub(crate) fn note_region(&mut self, region: &str) {
        if let Err(i) = self.regions.binary_search_by(|r| r.as_str().cmp(region)) {
            self.regions.insert(i, region.to_string());
        }
    }

    /// Joins per-resource data and marks what was never collected. Returns notes about calls
    /// that could not be joined to any listed resource.
    pub(crate) fn finalize(&mut self) -> Vec<String> {
        let mut notes = Vec::new();
        let regions = self.regions.clone();
        self.iam.finalize(&self.account_id, &self.partition);
        notes.extend(self.s3.finalize(&regions, &self.partition));
        self.ec2.finalize(&regions);
        notes.extend(self.kms.finalize(&regions));
        self.cloudtrail.finalize(&regions);
        self.config.finalize(&regions);
        self.logs.finalize(&regions);
        self.cloudwatch.finalize(&regions);
        notes.extend(self.sns.finalize(&regions));
        self.guardduty.finalize(&regions);
        self.accessanalyzer.finalize(&regions);
        self.securityhub.finalize(&regions);
        notes.extend(self.rds.finalize(&regions));
        self.elbv2.finalize(&regions);
        self.elb.finalize(&regions);
        notes.extend(self.efs.finalize(&regions));
        notes.extend(self.eks.finalize(&regions));
        notes.extend(self.apigateway.finalize(&regions));
        notes.extend(self.apigatewayv2.finalize(&regions));
        notes.extend(self.cloudfront.finalize());
        notes.extend(self.opensearch.finalize(&regions));
        notes.extend(self.lambda.finalize(&regions));
        self.secretsmanager.finalize(&regions);
        notes.extend(self.sqs.finalize(&regions));
        notes.extend(self.dynamodb.finalize(&regions));
        notes.extend(self.ecr.finalize(&regions));
        self.acm.finalize(&regions);
        notes.extend(self.ssm.finalize(&regions));
        notes.extend(self.wafv2.finalize(&regions));
        notes
    }

    /// The ARN of the account root (`arn:aws:iam::123456789012:root`).
    pub fn root_arn(&self) -> String {
        format!("arn:{}:iam::{}:root", self.partition, self.account_id)
    }
}

/// Routes one call to the module of its service. `Ok(None)`: an operation Rampart does not use.
pub(crate) fn dispatch(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    match cx.service {
        "account" => account::parse(cx, body),
        "organizations" => organizations::parse(cx, body),
        "iam" => iam::parse(cx, body),
        "s3" | "s3control" => s3::parse(cx, body),
        "ec2" => ec2::parse(cx, body),
        "kms" => kms::parse(cx, body),
        "cloudtrail" => cloudtrail::parse(cx, body),
        "config" => config::parse(cx, body),
        "logs" => logs::parse(cx, body),
        "cloudwatch" => cloudwatch::parse(cx, body),
        "sns" => sns::parse(cx, body),
        "guardduty" => guardduty::parse(cx, body),
        "accessanalyzer" => accessanalyzer::parse(cx, body),
        "securityhub" => securityhub::parse(cx, body),
        "rds" => rds::parse(cx, body),
        "elbv2" => elbv2::parse(cx, body),
        "elb" => elb::parse(cx, body),
        "efs" => efs::parse(cx, body),
        "eks" => eks::parse(cx, body),
        "apigateway" => apigateway::parse(cx, body),
        "apigatewayv2" => apigatewayv2::parse(cx, body),
        "cloudfront" => cloudfront::parse(cx, body),
        "opensearch" => opensearch::parse(cx, body),
        "lambda" => lambda::parse(cx, body),
        "secretsmanager" => secretsmanager::parse(cx, body),
        "sqs" => sqs::parse(cx, body),
        "dynamodb" => dynamodb::parse(cx, body),
        "application-autoscaling" => dynamodb::parse_autoscaling(cx, body),
        "ecr" => ecr::parse(cx, body),
        "acm" => acm::parse(cx, body),
        "ssm" => ssm::parse(cx, body),
        "wafv2" => wafv2::parse(cx, body),
        _ => Ok(None),
    }
}

/// One value per region, each observed or missing.
///
/// After `finalize`, every covered region has an entry; regions the snapshot never touched for
/// this operation hold a "not collected" gap.
#[derive(Debug, Clone)]
pub struct Regional<T> {
    service: &'static str,
    operation: &'static str,
    map: BTreeMap<String, Observed<T>>,
}

impl<T> Regional<T> {
    /// An empty per-region store for data read by `service operation`.
    pub fn new(service: &'static str, operation: &'static str) -> Regional<T> {
        Regional {
            service,
            operation,
            map: BTreeMap::new(),
        }
    }

    /// The value for `region`, or why it is missing.
    pub fn get(&self, region: &str) -> Observed<&T> {
        match self.map.get(region) {
            Some(Ok(v)) => Ok(v),
            Some(Err(g)) => Err(g.clone()),
            None => Err(Gap::not_collected(
                self.service,
                self.operation,
                Some(region),
            )),
        }
    }

    /// Every region with its value or gap, in region order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Observed<&T>)> {
        self.map
            .iter()
            .map(|(r, v)| (r.as_str(), v.as_ref().map_err(Clone::clone)))
    }

    /// Sets the value for a region (a later call replaces an earlier one).
    pub fn set(&mut self, region: String, v: Observed<T>) {
        self.map.insert(region, v);
    }

    /// Mutable access to a region's entry.
    pub fn entry_mut(&mut self, region: &str) -> Option<&mut Observed<T>> {
        self.map.get_mut(region)
    }

    /// Gives every covered region an entry ("not collected" where there was no call).
    pub fn fill(&mut self, regions: &[String]) {
        for r in regions {
            if !self.map.contains_key(r) {
                let gap = Gap::not_collected(self.service, self.operation, Some(r));
                self.map.insert(r.clone(), Err(gap));
            }
        }
    }
}

impl<T> Regional<Vec<T>> {
    /// Adds one page (or one recorded call) of a list operation. A failed page makes the whole
    /// region unknown: a partial list would let checks pass on what they did not see.
    pub fn merge(&mut self, region: String, v: Observed<Vec<T>>) {
        match (self.map.get_mut(&region), v) {
            (Some(Ok(have)), Ok(more)) => have.extend(more),
            (Some(Err(_)), _) => {}
            (_, v) => {
                self.map.insert(region, v);
            }
        }
    }
}

/// Adds one page of a global list operation, with the same rule as [`Regional::merge`]: the
/// first answer replaces "not collected"; a failed page makes the whole list unknown.
pub(crate) fn merge_list<T>(slot: &mut Observed<Vec<T>>, v: Observed<Vec<T>>) {
    match (slot.as_mut(), v) {
        (Ok(have), Ok(more)) => have.extend(more),
        (Err(g), v) if g.kind == crate::observed::GapKind::NotCollected => *slot = v,
        (Err(_), _) => {}
        (Ok(_), Err(g)) => *slot = Err(g),
    }
}

/// Tags as AWS prints them (`[{"Key": "team", "Value": "web"}]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// Loads a snapshot made of `calls` (a JSON array body) for account 123456789012 covering
/// us-east-1 and eu-west-1. Shared by the service modules' tests.
#[cfg(test)]
pub(crate) fn test_load(calls: &str) -> Result<Inventory, LoadError> {
    let text = format!(
        r#"{{"rampart_snapshot": 1, "account_id": "123456789012", "partition": "aws",
            "regions": ["us-east-1", "eu-west-1"], "calls": [{calls}]}}"#
    );
    crate::snapshot::load_snapshot(
        "t.json",
        text.as_bytes(),
        &crate::snapshot::LoadOptions::default(),
    )
    .map(|l| l.inventory)
}

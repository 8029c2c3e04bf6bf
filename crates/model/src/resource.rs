//! How findings name a resource (CONTRACT §2 `resource`).

use serde::Serialize;

/// CloudFormation / AWS Config resource type names used in findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ResourceType {
    #[serde(rename = "AWS::::Account")]
    Account,
    #[serde(rename = "AWS::IAM::User")]
    IamUser,
    #[serde(rename = "AWS::IAM::Group")]
    IamGroup,
    #[serde(rename = "AWS::IAM::Role")]
    IamRole,
    #[serde(rename = "AWS::IAM::Policy")]
    IamPolicy,
    #[serde(rename = "AWS::IAM::ServerCertificate")]
    IamServerCertificate,
    #[serde(rename = "AWS::IAM::AccessKey")]
    IamAccessKey,
    #[serde(rename = "AWS::S3::Bucket")]
    S3Bucket,
    #[serde(rename = "AWS::EC2::Instance")]
    Ec2Instance,
    #[serde(rename = "AWS::EC2::SecurityGroup")]
    Ec2SecurityGroup,
    #[serde(rename = "AWS::EC2::NetworkAcl")]
    Ec2NetworkAcl,
    #[serde(rename = "AWS::EC2::VPC")]
    Ec2Vpc,
    #[serde(rename = "AWS::EC2::Subnet")]
    Ec2Subnet,
    #[serde(rename = "AWS::EC2::Volume")]
    Ec2Volume,
    #[serde(rename = "AWS::EC2::Snapshot")]
    Ec2Snapshot,
    #[serde(rename = "AWS::KMS::Key")]
    KmsKey,
    #[serde(rename = "AWS::CloudTrail::Trail")]
    CloudTrailTrail,
    #[serde(rename = "AWS::Config::ConfigurationRecorder")]
    ConfigRecorder,
    #[serde(rename = "AWS::RDS::DBInstance")]
    RdsDbInstance,
    #[serde(rename = "AWS::EC2::NetworkInterface")]
    Ec2NetworkInterface,
    #[serde(rename = "AWS::ElasticLoadBalancingV2::LoadBalancer")]
    ElbV2LoadBalancer,
    #[serde(rename = "AWS::ElasticLoadBalancing::LoadBalancer")]
    ElbLoadBalancer,
    #[serde(rename = "AWS::Lambda::Function")]
    LambdaFunction,
    #[serde(rename = "AWS::AccessAnalyzer::Analyzer")]
    AccessAnalyzer,
    #[serde(rename = "AWS::GuardDuty::Detector")]
    GuardDutyDetector,
    #[serde(rename = "AWS::SecurityHub::Hub")]
    SecurityHub,
    #[serde(rename = "AWS::EFS::FileSystem")]
    EfsFileSystem,
    #[serde(rename = "AWS::EFS::AccessPoint")]
    EfsAccessPoint,
    #[serde(rename = "AWS::EKS::Cluster")]
    EksCluster,
    #[serde(rename = "AWS::ApiGateway::RestApi")]
    ApiGatewayRestApi,
    #[serde(rename = "AWS::ApiGateway::Stage")]
    ApiGatewayStage,
    #[serde(rename = "AWS::ApiGatewayV2::Api")]
    ApiGatewayV2Api,
    #[serde(rename = "AWS::ApiGatewayV2::Stage")]
    ApiGatewayV2Stage,
    #[serde(rename = "AWS::ApiGatewayV2::Route")]
    ApiGatewayV2Route,
    #[serde(rename = "AWS::CloudFront::Distribution")]
    CloudFrontDistribution,
    #[serde(rename = "AWS::OpenSearch::Domain")]
    OpenSearchDomain,
    #[serde(rename = "AWS::SecretsManager::Secret")]
    SecretsManagerSecret,
    #[serde(rename = "AWS::SQS::Queue")]
    SqsQueue,
    #[serde(rename = "AWS::SNS::Topic")]
    SnsTopic,
    #[serde(rename = "AWS::DynamoDB::Table")]
    DynamoDbTable,
    #[serde(rename = "AWS::ECR::Repository")]
    EcrRepository,
    #[serde(rename = "AWS::ACM::Certificate")]
    AcmCertificate,
    #[serde(rename = "AWS::SSM::PatchCompliance")]
    SsmPatchCompliance,
    #[serde(rename = "AWS::SSM::AssociationCompliance")]
    SsmAssociationCompliance,
    #[serde(rename = "AWS::SSM::Document")]
    SsmDocument,
    #[serde(rename = "AWS::EC2::EIP")]
    Ec2Eip,
    #[serde(rename = "AWS::EC2::VPNConnection")]
    Ec2VpnConnection,
    #[serde(rename = "AWS::EC2::TransitGateway")]
    Ec2TransitGateway,
    #[serde(rename = "AWS::RDS::DBCluster")]
    RdsDbCluster,
    #[serde(rename = "AWS::RDS::DBSnapshot")]
    RdsDbSnapshot,
    #[serde(rename = "AWS::RDS::DBClusterSnapshot")]
    RdsDbClusterSnapshot,
    #[serde(rename = "AWS::Logs::LogGroup")]
    LogsLogGroup,
    #[serde(rename = "AWS::CloudWatch::Alarm")]
    CloudWatchAlarm,
    /// An account in one region (for "enabled in every region" findings).
    #[serde(rename = "AWS::::Region")]
    Region,
}

impl ResourceType {
    /// The type name as findings print it.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::Account => "AWS::::Account",
            ResourceType::IamUser => "AWS::IAM::User",
            ResourceType::IamGroup => "AWS::IAM::Group",
            ResourceType::IamRole => "AWS::IAM::Role",
            ResourceType::IamPolicy => "AWS::IAM::Policy",
            ResourceType::IamServerCertificate => "AWS::IAM::ServerCertificate",
            ResourceType::IamAccessKey => "AWS::IAM::AccessKey",
            ResourceType::S3Bucket => "AWS::S3::Bucket",
            ResourceType::Ec2Instance => "AWS::EC2::Instance",
            ResourceType::Ec2SecurityGroup => "AWS::EC2::SecurityGroup",
            ResourceType::Ec2NetworkAcl => "AWS::EC2::NetworkAcl",
            ResourceType::Ec2Vpc => "AWS::EC2::VPC",
            ResourceType::Ec2Subnet => "AWS::EC2::Subnet",
            ResourceType::Ec2Volume => "AWS::EC2::Volume",
            ResourceType::Ec2Snapshot => "AWS::EC2::Snapshot",
            ResourceType::KmsKey => "AWS::KMS::Key",
            ResourceType::CloudTrailTrail => "AWS::CloudTrail::Trail",
            ResourceType::ConfigRecorder => "AWS::Config::ConfigurationRecorder",
            ResourceType::RdsDbInstance => "AWS::RDS::DBInstance",
            ResourceType::Ec2NetworkInterface => "AWS::EC2::NetworkInterface",
            ResourceType::ElbV2LoadBalancer => "AWS::ElasticLoadBalancingV2::LoadBalancer",
            ResourceType::ElbLoadBalancer => "AWS::ElasticLoadBalancing::LoadBalancer",
            ResourceType::LambdaFunction => "AWS::Lambda::Function",
            ResourceType::AccessAnalyzer => "AWS::AccessAnalyzer::Analyzer",
            ResourceType::GuardDutyDetector => "AWS::GuardDuty::Detector",
            ResourceType::SecurityHub => "AWS::SecurityHub::Hub",
            ResourceType::EfsFileSystem => "AWS::EFS::FileSystem",
            ResourceType::EfsAccessPoint => "AWS::EFS::AccessPoint",
            ResourceType::EksCluster => "AWS::EKS::Cluster",
            ResourceType::ApiGatewayRestApi => "AWS::ApiGateway::RestApi",
            ResourceType::ApiGatewayStage => "AWS::ApiGateway::Stage",
            ResourceType::ApiGatewayV2Api => "AWS::ApiGatewayV2::Api",
            ResourceType::ApiGatewayV2Stage => "AWS::ApiGatewayV2::Stage",
            ResourceType::ApiGatewayV2Route => "AWS::ApiGatewayV2::Route",
            ResourceType::CloudFrontDistribution => "AWS::CloudFront::Distribution",
            ResourceType::OpenSearchDomain => "AWS::OpenSearch::Domain",
            ResourceType::SecretsManagerSecret => "AWS::SecretsManager::Secret",
            ResourceType::SqsQueue => "AWS::SQS::Queue",
            ResourceType::SnsTopic => "AWS::SNS::Topic",
            ResourceType::DynamoDbTable => "AWS::DynamoDB::Table",
            ResourceType::EcrRepository => "AWS::ECR::Repository",
            ResourceType::AcmCertificate => "AWS::ACM::Certificate",
            ResourceType::SsmPatchCompliance => "AWS::SSM::PatchCompliance",
            ResourceType::SsmAssociationCompliance => "AWS::SSM::AssociationCompliance",
            ResourceType::SsmDocument => "AWS::SSM::Document",
            ResourceType::Ec2Eip => "AWS::EC2::EIP",
            ResourceType::Ec2VpnConnection => "AWS::EC2::VPNConnection",
            ResourceType::Ec2TransitGateway => "AWS::EC2::TransitGateway",
            ResourceType::RdsDbCluster => "AWS::RDS::DBCluster",
            ResourceType::RdsDbSnapshot => "AWS::RDS::DBSnapshot",
            ResourceType::RdsDbClusterSnapshot => "AWS::RDS::DBClusterSnapshot",
            ResourceType::LogsLogGroup => "AWS::Logs::LogGroup",
            ResourceType::CloudWatchAlarm => "AWS::CloudWatch::Alarm",
            ResourceType::Region => "AWS::::Region",
        }
    }
}

/// The resource a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceRef {
    #[serde(rename = "type")]
    pub kind: ResourceType,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub account_id: String,
}

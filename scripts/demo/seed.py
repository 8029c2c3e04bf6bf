#!/usr/bin/env python3
"""Build the demo account ("Acme Analytics") in an AWS-compatible server with boto3.

    AWS_ENDPOINT_URL=http://127.0.0.1:5000 python3 scripts/demo/seed.py

Meant for a moto server (moto[server] 5.2.5, see moto-env.sh): the same good and bad
configuration as crates/cli/assets/demo-snapshot.json where moto can hold it (weak password
policy, a user without MFA, an admin user with keys, public buckets and snapshot, an open
security group, IMDSv1, an unencrypted public RDS instance, a stopped trail, gaps in
eu-west-1), plus the services the FSBP checks read: an internet-facing HTTP-only load balancer
and a Classic one, a publicly invocable Lambda function on an old runtime, a queue with a public
policy, DynamoDB tables with and without point-in-time recovery, ECR repositories, an ACM
certificate, a publicly shared SSM document, an unencrypted EFS file system, a public EKS
endpoint, REST and HTTP APIs, an OpenSearch domain and a CloudFront distribution that allows
HTTP. Every step is independent: a step the server does not support prints a warning and
the rest goes on. Never point this at a real account: it creates resources.
"""
import json
import os
import sys

import boto3
from botocore.exceptions import BotoCoreError, ClientError

if not os.environ.get("AWS_ENDPOINT_URL"):
    sys.exit("seed: set AWS_ENDPOINT_URL to the moto server (this script creates resources)")

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
ACCOUNT = os.environ.get("MOTO_ACCOUNT_ID", "123456789012")
US, EU = "us-east-1", "eu-west-1"
failed = []


def c(service, region=US):
    return boto3.client(service, region_name=region)


def step(name):
    def wrap(fn):
        try:
            fn()
        except (ClientError, BotoCoreError, KeyError, IndexError) as e:
            failed.append(name)
            print(f"seed: warning: {name}: {e}", file=sys.stderr)
        return fn
    return wrap


ADMIN = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
EC2_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


@step("iam users, groups, roles and policies")
def _():
    iam = c("iam")
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True,
                                       RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                                       RequireSymbols=False, AllowUsersToChangePassword=True)
    iam.create_group(GroupName="admins")
    # moto loads AWS managed policies only with MOTO_IAM_LOAD_MANAGED_POLICIES=true; a customer
    # managed copy of AdministratorAccess keeps the account the same either way.
    admin = iam.create_policy(PolicyName="acme-administrator", PolicyDocument=json.dumps(ADMIN))["Policy"]
    iam.attach_group_policy(GroupName="admins", PolicyArn=admin["Arn"])
    iam.create_group(GroupName="analysts")
    iam.put_group_policy(GroupName="analysts", PolicyName="read-data-lake", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                                                "Resource": ["arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/*"]}]}))
    # alice: console user without MFA, in admins.
    iam.create_user(UserName="alice", Tags=[{"Key": "team", "Value": "platform"}])
    iam.create_login_profile(UserName="alice", Password="Example-Passw0rd!")
    iam.add_user_to_group(UserName="alice", GroupName="admins")
    # bob: console user with a virtual MFA device, an analyst.
    iam.create_user(UserName="bob")
    iam.create_login_profile(UserName="bob", Password="Example-Passw0rd!")
    iam.add_user_to_group(UserName="bob", GroupName="analysts")
    mfa = iam.create_virtual_mfa_device(VirtualMFADeviceName="bob")["VirtualMFADevice"]
    iam.enable_mfa_device(UserName="bob", SerialNumber=mfa["SerialNumber"],
                          AuthenticationCode1="123456", AuthenticationCode2="654321")
    # ci-deploy: programmatic user with two keys and a customer managed full-admin policy.
    iam.create_user(UserName="ci-deploy")
    iam.create_access_key(UserName="ci-deploy")
    iam.create_access_key(UserName="ci-deploy")
    pol = iam.create_policy(PolicyName="acme-deploy-everything", PolicyDocument=json.dumps(ADMIN))["Policy"]
    iam.attach_user_policy(UserName="ci-deploy", PolicyArn=pol["Arn"])
    iam.put_user_policy(UserName="ci-deploy", PolicyName="inline-admin", PolicyDocument=json.dumps(ADMIN))
    # Roles: an EC2 app role with an instance profile, and the AWS Support role.
    iam.create_role(RoleName="acme-app", AssumeRolePolicyDocument=json.dumps(EC2_TRUST))
    iam.put_role_policy(RoleName="acme-app", PolicyName="app-data", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    iam.create_instance_profile(InstanceProfileName="acme-app")
    iam.add_role_to_instance_profile(InstanceProfileName="acme-app", RoleName="acme-app")
    iam.create_role(RoleName="acme-support", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                                                "Action": "sts:AssumeRole"}]}))


@step("iam support role policy (AWS managed, needs MOTO_IAM_LOAD_MANAGED_POLICIES=true)")
def _():
    c("iam").attach_role_policy(RoleName="acme-support", PolicyArn="arn:aws:iam::aws:policy/AWSSupportAccess")


@step("s3 buckets")
def _():
    s3 = c("s3")
    s3.create_bucket(Bucket="acme-cloudtrail-logs")
    s3.put_bucket_policy(Bucket="acme-cloudtrail-logs", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::acme-cloudtrail-logs"},
            {"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::acme-cloudtrail-logs/AWSLogs/{ACCOUNT}/*"}]}))
    s3.put_bucket_versioning(Bucket="acme-cloudtrail-logs", VersioningConfiguration={"Status": "Enabled"})
    pab = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    s3.put_public_access_block(Bucket="acme-cloudtrail-logs", PublicAccessBlockConfiguration=pab)
    s3.put_bucket_encryption(Bucket="acme-cloudtrail-logs", ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})

    s3.create_bucket(Bucket="acme-data-lake")
    s3.put_bucket_versioning(Bucket="acme-data-lake", VersioningConfiguration={"Status": "Enabled"})
    s3.put_public_access_block(Bucket="acme-data-lake", PublicAccessBlockConfiguration=pab)
    s3.put_bucket_policy(Bucket="acme-data-lake", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": ["arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/*"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    # Public through its ACL, no Block Public Access, versioning suspended.
    s3.create_bucket(Bucket="acme-legacy-exports")
    s3.put_bucket_acl(Bucket="acme-legacy-exports", ACL="public-read")
    s3.put_bucket_versioning(Bucket="acme-legacy-exports", VersioningConfiguration={"Status": "Suspended"})

    # Public through its policy, in eu-west-1.
    eu = c("s3", EU)
    eu.create_bucket(Bucket="acme-public-website", CreateBucketConfiguration={"LocationConstraint": EU})
    eu.put_bucket_policy(Bucket="acme-public-website", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Sid": "PublicReadGetObject", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::acme-public-website/*"}]}))


@step("s3 server access logging")
def _():
    s3 = c("s3")
    s3.put_bucket_acl(Bucket="acme-cloudtrail-logs", ACL="log-delivery-write")
    s3.put_bucket_logging(Bucket="acme-data-lake", BucketLoggingStatus={"LoggingEnabled": {
        "TargetBucket": "acme-cloudtrail-logs", "TargetPrefix": "s3-access/acme-data-lake/"}})


@step("kms keys")
def _():
    for region, specs in [(US, [("acme-cloudtrail", True), ("acme-data-lake", True), ("acme-legacy", False)]),
                          (EU, [("acme-eu-app", False)])]:
        kms = c("kms", region)
        for alias, rotate in specs:
            key = kms.create_key(Description=alias)["KeyMetadata"]["KeyId"]
            kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key)
            if rotate:
                kms.enable_key_rotation(KeyId=key)


@step("ec2 network, instances, volumes and snapshots")
def _():
    for region in (US, EU):
        ec2 = c("ec2", region)
        vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
        subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]["SubnetId"]
        sg = ec2.create_security_group(GroupName="acme-ssh-open", Description="SSH from anywhere", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
            {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        web = ec2.create_security_group(GroupName="acme-web", Description="HTTPS", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet,
                          SecurityGroupIds=[sg], MetadataOptions={"HttpTokens": "optional"},
                          TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": f"acme-bastion-{region}"}]}])
        ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.small", SubnetId=subnet,
                          SecurityGroupIds=[web], MetadataOptions={"HttpTokens": "required"},
                          IamInstanceProfile={"Name": "acme-app"} if region == US else {},
                          TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": f"acme-web-{region}"}]}])
        az = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["AvailabilityZone"]
        vol = ec2.create_volume(AvailabilityZone=az, Size=20, Encrypted=(region == US))["VolumeId"]
        snap = ec2.create_snapshot(VolumeId=vol, Description=f"acme backup {region}")["SnapshotId"]
        if region == EU:
            ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                          OperationType="add", GroupNames=["all"])
    c("ec2", US).enable_ebs_encryption_by_default()


@step("logs, metric filters, alarms and sns")
def _():
    logs, cw, sns = c("logs"), c("cloudwatch"), c("sns")
    logs.create_log_group(logGroupName="acme-cloudtrail")
    logs.put_retention_policy(logGroupName="acme-cloudtrail", retentionInDays=365)
    topic = sns.create_topic(Name="security-alerts")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="security@example.com")
    sns.create_topic(Name="acme-deploy-notifications")
    filters = {
        "CIS-UnauthorizedAPICalls": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
        "CIS-RootAccountUsage": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    }
    for name, pattern in filters.items():
        logs.put_metric_filter(logGroupName="acme-cloudtrail", filterName=name, filterPattern=pattern,
                               metricTransformations=[{"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
        cw.put_metric_alarm(AlarmName=name, MetricName=name, Namespace="CISBenchmark", Statistic="Sum", Period=300,
                            EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                            AlarmActions=[topic])
    c("logs", EU).create_log_group(logGroupName="/aws/rds/instance/acme-legacy-mysql/error")


@step("cloudtrail")
def _():
    ct = c("cloudtrail")
    ct.create_trail(Name="acme-org-trail", S3BucketName="acme-cloudtrail-logs", IsMultiRegionTrail=True,
                    IncludeGlobalServiceEvents=True, EnableLogFileValidation=True,
                    CloudWatchLogsLogGroupArn=f"arn:aws:logs:{US}:{ACCOUNT}:log-group:acme-cloudtrail:*",
                    CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/acme-support")
    ct.start_logging(Name="acme-org-trail")
    eu = c("cloudtrail", EU)
    eu.create_trail(Name="acme-eu-debug-trail", S3BucketName="acme-cloudtrail-logs")
    eu.put_event_selectors(TrailName="acme-eu-debug-trail", EventSelectors=[
        {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])


@step("config recorder")
def _():
    cfg = c("config")
    cfg.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": f"arn:aws:iam::{ACCOUNT}:role/acme-support",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
    cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "acme-cloudtrail-logs"})
    cfg.start_configuration_recorder(ConfigurationRecorderName="default")


@step("guardduty")
def _():
    c("guardduty").create_detector(Enable=True, FindingPublishingFrequency="SIX_HOURS")


@step("security hub")
def _():
    c("securityhub").enable_security_hub(EnableDefaultStandards=True)


@step("rds")
def _():
    c("rds", EU).create_db_instance(DBInstanceIdentifier="acme-legacy-mysql", DBInstanceClass="db.t3.micro",
                                    Engine="mysql", MasterUsername="admin", MasterUserPassword="Example-Passw0rd!",
                                    AllocatedStorage=20, PubliclyAccessible=True, StorageEncrypted=False,
                                    BackupRetentionPeriod=0)
    c("rds").create_db_instance(DBInstanceIdentifier="acme-reports", DBInstanceClass="db.t3.small",
                                Engine="postgres", MasterUsername="reports", MasterUserPassword="Example-Passw0rd!",
                                AllocatedStorage=20, PubliclyAccessible=False, StorageEncrypted=True,
                                BackupRetentionPeriod=7, DeletionProtection=True)



def default_network(region):
    """The default VPC of a region and its first two subnets (in different zones)."""
    ec2 = c("ec2", region)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
    subnets.sort(key=lambda s: s["AvailabilityZone"])
    return vpc, [s["SubnetId"] for s in subnets[:2]]


def group_id(region, name):
    return c("ec2", region).describe_security_groups(
        Filters=[{"Name": "group-name", "Values": [name]}])["SecurityGroups"][0]["GroupId"]


def instance_id(region, name):
    res = c("ec2", region).describe_instances(Filters=[{"Name": "tag:Name", "Values": [name]}])["Reservations"]
    return res[0]["Instances"][0]["InstanceId"]


@step("ec2 elastic IP, NAT and egress-only gateways, endpoints, peering")
def _():
    ec2 = c("ec2")
    vpc, subnets = default_network(US)
    eip = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=instance_id(US, f"acme-bastion-{US}"))
    nat_eip = ec2.allocate_address(Domain="vpc")
    ec2.create_nat_gateway(SubnetId=subnets[0], AllocationId=nat_eip["AllocationId"])
    ec2.create_egress_only_internet_gateway(VpcId=vpc)
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"]
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{US}.s3", VpcEndpointType="Gateway",
                            RouteTableIds=[t["RouteTableId"] for t in tables[:1]])
    other = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    peering = ec2.create_vpc_peering_connection(VpcId=vpc, PeerVpcId=other)["VpcPeeringConnection"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering["VpcPeeringConnectionId"])


@step("load balancers (application and classic)")
def _():
    vpc, subnets = default_network(US)
    elbv2 = c("elbv2")
    lb = elbv2.create_load_balancer(Name="acme-web", Subnets=subnets, SecurityGroups=[group_id(US, "acme-web")],
                                    Scheme="internet-facing", Type="application")["LoadBalancers"][0]
    tg = elbv2.create_target_group(Name="acme-web", Protocol="HTTP", Port=80, VpcId=vpc,
                                   TargetType="instance")["TargetGroups"][0]
    elbv2.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": instance_id(US, f"acme-web-{US}"), "Port": 80}])
    # Plain HTTP, no redirect to HTTPS; deletion protection off, no access logs.
    elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
    elb = c("elb")
    elb.create_load_balancer(LoadBalancerName="acme-legacy-clb", Subnets=subnets[:1],
                             SecurityGroups=[group_id(US, "acme-web")],
                             Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])
    elb.register_instances_with_load_balancer(LoadBalancerName="acme-legacy-clb",
                                              Instances=[{"InstanceId": instance_id(US, f"acme-web-{US}")}])


def function_zip():
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {'statusCode': 200}\n")
    return buf.getvalue()


@step("lambda functions")
def _():
    lam = c("lambda")
    role = f"arn:aws:iam::{ACCOUNT}:role/acme-app"
    lam.create_function(FunctionName="acme-thumbnailer", Runtime="python3.12", Role=role, Handler="index.handler",
                        Code={"ZipFile": function_zip()})
    # Old runtime, callable by anyone.
    lam.create_function(FunctionName="acme-legacy-report", Runtime="python3.7", Role=role, Handler="index.handler",
                        Code={"ZipFile": function_zip()})
    lam.add_permission(FunctionName="acme-legacy-report", StatementId="public", Action="lambda:InvokeFunction",
                       Principal="*")


@step("secrets, queues and tables")
def _():
    c("secretsmanager").create_secret(Name="acme/reports/db", SecretString='{"password":"Example-Passw0rd!"}')
    sqs = c("sqs")
    sqs.create_queue(QueueName="acme-jobs", Attributes={"SqsManagedSseEnabled": "true"})
    url = sqs.create_queue(QueueName="acme-legacy-events", Attributes={"SqsManagedSseEnabled": "false"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
                                                "Resource": arn}]})})
    ddb = c("dynamodb")
    key = {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
           "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}
    ddb.create_table(TableName="acme-orders", BillingMode="PAY_PER_REQUEST", DeletionProtectionEnabled=True, **key)
    ddb.update_continuous_backups(TableName="acme-orders",
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    ddb.create_table(TableName="acme-sessions", BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}, **key)


@step("ecr repositories")
def _():
    ecr = c("ecr")
    ecr.create_repository(repositoryName="acme/web", imageTagMutability="IMMUTABLE",
                          imageScanningConfiguration={"scanOnPush": True})
    ecr.put_lifecycle_policy(repositoryName="acme/web", lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                         "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}))
    ecr.create_repository(repositoryName="acme/legacy", imageTagMutability="MUTABLE")


@step("acm certificate")
def _():
    c("acm").request_certificate(DomainName="www.acme-analytics.example", ValidationMethod="DNS")


@step("ssm document shared publicly")
def _():
    ssm = c("ssm")
    ssm.create_document(Name="acme-bootstrap", DocumentType="Command", DocumentFormat="JSON", Content=json.dumps({
        "schemaVersion": "2.2", "description": "bootstrap", "mainSteps": [
            {"action": "aws:runShellScript", "name": "hello", "inputs": {"runCommand": ["echo hello"]}}]}))
    ssm.modify_document_permission(Name="acme-bootstrap", PermissionType="Share", AccountIdsToAdd=["all"])


@step("efs file system")
def _():
    efs = c("efs")
    _, subnets = default_network(US)
    fs = efs.create_file_system(CreationToken="acme-shared", Encrypted=False,
                                Tags=[{"Key": "Name", "Value": "acme-shared"}])["FileSystemId"]
    efs.create_mount_target(FileSystemId=fs, SubnetId=subnets[0])
    efs.create_access_point(FileSystemId=fs, PosixUser={"Uid": 0, "Gid": 0},
                            RootDirectory={"Path": "/"}, Tags=[{"Key": "Name", "Value": "acme-root"}])


@step("eks cluster")
def _():
    _, subnets = default_network(US)
    c("eks").create_cluster(name="acme-prod", version="1.29", roleArn=f"arn:aws:iam::{ACCOUNT}:role/acme-app",
                            resourcesVpcConfig={"subnetIds": subnets, "endpointPublicAccess": True,
                                                "endpointPrivateAccess": False})


@step("api gateway (REST and HTTP)")
def _():
    apigw = c("apigateway")
    api = apigw.create_rest_api(name="acme-public-api", endpointConfiguration={"types": ["REGIONAL"]})["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    apigw.create_deployment(restApiId=api, stageName="prod")
    v2 = c("apigatewayv2")
    http = v2.create_api(Name="acme-http-api", ProtocolType="HTTP")["ApiId"]
    v2.create_route(ApiId=http, RouteKey="GET /reports", AuthorizationType="NONE")
    v2.create_stage(ApiId=http, StageName="$default", AutoDeploy=True)


@step("opensearch domain")
def _():
    c("opensearch").create_domain(DomainName="acme-search", EngineVersion="OpenSearch_2.11",
                                  ClusterConfig={"InstanceType": "t3.small.search", "InstanceCount": 1})


@step("cloudfront distribution")
def _():
    c("cloudfront").create_distribution(DistributionConfig={
        "CallerReference": "acme-website", "Comment": "acme website", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "website", "DomainName": "acme-public-website.s3.eu-west-1.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "website", "ViewerProtocolPolicy": "allow-all",
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "MinTTL": 0, "TrustedSigners": {"Enabled": False, "Quantity": 0}},
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True}})


print(f"seed: account {ACCOUNT} built ({len(failed)} step(s) skipped: {', '.join(failed) or 'none'})", file=sys.stderr)

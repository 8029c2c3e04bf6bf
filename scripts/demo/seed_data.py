"""Demo seed, part 2 (data): S3, RDS, EFS, Secrets Manager, SNS, SQS, DynamoDB, ECR, SSM.

The same resources, names and good/bad settings as the hand-written demo's data services
(crates/cli/assets/demo-snapshot.json, assets/demo/{storage,rds-waf,efs,secretsmanager,sns,sqs,
dynamodb,ecr,ssm}.json). What moto 5.2.5 cannot hold or answers wrongly (ages, MFA delete, access
denied, SSM inventory, S3 versioning, a placeholder KMS key) is patched by
scripts/demo/overlay/data.json, each entry saying why.
"""
import json
import sys

from seedlib import ACCOUNT, EU, US, c, group_in, step, subnet_id, vpc_id

PAB = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
PASSWORD = "Example-Passw0rd!"
PROD = [{"Key": "env", "Value": "prod"}]
MONITORING_ROLE = f"arn:aws:iam::{ACCOUNT}:role/rds-monitoring-role"


def kms_key_arn(region, alias):
    """The ARN of the key behind `alias/<alias>` (seed_core.py makes the keys), else the alias ARN."""
    kms = c("kms", region)
    for a in kms.list_aliases()["Aliases"]:
        if a["AliasName"] == f"alias/{alias}" and a.get("TargetKeyId"):
            return kms.describe_key(KeyId=a["TargetKeyId"])["KeyMetadata"]["Arn"]
    print(f"seed: warning: no KMS alias {alias} in {region}; using the alias ARN", file=sys.stderr)
    return f"arn:aws:kms:{region}:{ACCOUNT}:alias/{alias}"


def policy(*statements, version="2012-10-17", pid=None):
    doc = {"Version": version}
    if pid:
        doc["Id"] = pid
    doc["Statement"] = list(statements)
    return json.dumps(doc)


def deny_http(bucket):
    return {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def sse(s3, bucket, key=None):
    rule = ({"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key},
             "BucketKeyEnabled": True} if key else
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False})
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [rule]})


def access_log(s3, bucket):
    s3.put_bucket_logging(Bucket=bucket, BucketLoggingStatus={"LoggingEnabled": {
        "TargetBucket": "acme-cloudtrail-logs", "TargetPrefix": f"s3-access/{bucket}/"}})


# --- S3 -------------------------------------------------------------------------------------
# acme-cloudtrail-logs is seed_core.py's (CloudTrail's bucket); everything else is here.

@step("s3 buckets")
def _():
    s3 = c("s3")
    key = kms_key_arn(US, "acme-data-lake")

    # The data lake: KMS, Block Public Access, versioning, TLS-only policy, access logs.
    s3.create_bucket(Bucket="acme-data-lake")
    s3.put_bucket_policy(Bucket="acme-data-lake", Policy=policy(
        deny_http("acme-data-lake"),
        {"Sid": "ReportLambdaWrite", "Effect": "Allow",
         "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/service-role/AcmeReportLambdaRole"},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-data-lake/reports/*"}))
    sse(s3, "acme-data-lake", key)
    s3.put_public_access_block(Bucket="acme-data-lake", PublicAccessBlockConfiguration=PAB)
    s3.put_bucket_versioning(Bucket="acme-data-lake", VersioningConfiguration={"Status": "Enabled"})

    # Public through its ACL, no Block Public Access, versioning suspended.
    s3.create_bucket(Bucket="acme-legacy-exports")
    s3.put_bucket_acl(Bucket="acme-legacy-exports", ACL="public-read")
    sse(s3, "acme-legacy-exports")
    s3.put_bucket_versioning(Bucket="acme-legacy-exports", VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_versioning(Bucket="acme-legacy-exports", VersioningConfiguration={"Status": "Suspended"})

    # Public through its policy, in eu-west-1, versioning never enabled.
    eu = c("s3", EU)
    eu.create_bucket(Bucket="acme-public-website", CreateBucketConfiguration={"LocationConstraint": EU})
    eu.put_bucket_policy(Bucket="acme-public-website", Policy=policy(
        {"Sid": "PublicReadGetObject", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::acme-public-website/*"}))
    sse(eu, "acme-public-website")

    # Well configured, but its policy denies the auditor reading the policy and ACL (overlay:
    # AccessDenied, as moto does not evaluate bucket policies against the caller).
    s3.create_bucket(Bucket="acme-restricted-audit")
    s3.put_bucket_policy(Bucket="acme-restricted-audit", Policy=policy(
        deny_http("acme-restricted-audit"),
        {"Sid": "DenyAuditReadsToOthers", "Effect": "Deny", "Principal": "*",
         "Action": ["s3:GetBucketPolicy", "s3:GetBucketPolicyStatus", "s3:GetBucketAcl"],
         "Resource": "arn:aws:s3:::acme-restricted-audit",
         "Condition": {"StringNotLike": {"aws:PrincipalArn": [f"arn:aws:iam::{ACCOUNT}:role/acme-audit-*"]}}}))
    sse(s3, "acme-restricted-audit", key)
    s3.put_public_access_block(Bucket="acme-restricted-audit", PublicAccessBlockConfiguration=PAB)
    s3.put_bucket_versioning(Bucket="acme-restricted-audit", VersioningConfiguration={"Status": "Enabled"})

    # The finance archive: everything on, MFA delete too (overlay: moto does not keep MFADelete).
    # seed_core.py creates it first (its trail acme-data-events writes here); creating a bucket
    # you own in us-east-1 again succeeds.
    trail = f"arn:aws:cloudtrail:{US}:{ACCOUNT}:trail/acme-data-events"
    s3.create_bucket(Bucket="acme-finance-archive")
    s3.put_bucket_policy(Bucket="acme-finance-archive", Policy=policy(
        deny_http("acme-finance-archive"),
        {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::acme-finance-archive",
         "Condition": {"StringEquals": {"aws:SourceArn": trail}}},
        {"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::acme-finance-archive/AWSLogs/{ACCOUNT}/*",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trail}}}))
    sse(s3, "acme-finance-archive", key)
    s3.put_public_access_block(Bucket="acme-finance-archive", PublicAccessBlockConfiguration=PAB)
    s3.put_bucket_versioning(Bucket="acme-finance-archive", MFA=f"arn:aws:iam::{ACCOUNT}:mfa/root-account-mfa-device 123456",
                             VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})

    # A partner drop box anyone may write to (public write through its policy).
    s3.create_bucket(Bucket="acme-partner-uploads")
    s3.put_bucket_policy(Bucket="acme-partner-uploads", Policy=policy(
        {"Sid": "PartnerDropBox", "Effect": "Allow", "Principal": "*", "Action": ["s3:PutObject", "s3:PutObjectAcl"],
         "Resource": "arn:aws:s3:::acme-partner-uploads/incoming/*"}))
    sse(s3, "acme-partner-uploads")


@step("s3 server access logging (to acme-cloudtrail-logs)")
def _():
    # moto accepts a logging target only when the target bucket's policy lets
    # logging.s3.amazonaws.com s3:PutObject to `<bucket>/*` (or `<bucket>/<prefix>*`), or its
    # ACL grants the LogDelivery group WRITE and READ_ACP: seed_core.py's bucket policy does.
    s3 = c("s3")
    for bucket in ("acme-data-lake", "acme-restricted-audit", "acme-finance-archive"):
        access_log(s3, bucket)


@step("s3 lifecycle rules and event notifications")
def _():
    # Lifecycle (S3.13; S3.10 for versioned buckets): the data lake and the finance archive
    # (both versioned) tier and expire noncurrent versions, the partner drop box expires
    # uploads; acme-legacy-exports has only a disabled rule; acme-restricted-audit (versioned),
    # acme-public-website and acme-cloudtrail-logs have none (NoSuchLifecycleConfiguration).
    s3 = c("s3")
    s3.put_bucket_lifecycle_configuration(Bucket="acme-data-lake", LifecycleConfiguration={"Rules": [
        {"ID": "tiering-and-noncurrent-cleanup", "Status": "Enabled", "Filter": {"Prefix": ""},
         "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 180, "StorageClass": "GLACIER"}],
         "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
         "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]})
    s3.put_bucket_lifecycle_configuration(Bucket="acme-finance-archive", LifecycleConfiguration={"Rules": [
        {"ID": "archive-to-deep-archive", "Status": "Enabled", "Filter": {"Prefix": ""},
         "Transitions": [{"Days": 90, "StorageClass": "DEEP_ARCHIVE"}],
         "NoncurrentVersionTransitions": [{"NoncurrentDays": 30, "StorageClass": "DEEP_ARCHIVE"}]}]})
    s3.put_bucket_lifecycle_configuration(Bucket="acme-partner-uploads", LifecycleConfiguration={"Rules": [
        {"ID": "expire-incoming", "Status": "Enabled", "Filter": {"Prefix": "incoming/"},
         "Expiration": {"Days": 30}}]})
    s3.put_bucket_lifecycle_configuration(Bucket="acme-legacy-exports", LifecycleConfiguration={"Rules": [
        {"ID": "expire-old-exports", "Status": "Disabled", "Filter": {"Prefix": "exports/"},
         "Expiration": {"Days": 365}}]})

    # Event notifications (S3.11): deletions in the finance archive go to the security-alerts
    # topic (seed_core.py's), partner uploads trigger acme-thumbnailer (seed_edge.py's: moto
    # checks only the ARN's form and region). Every other bucket has none. No SQS destination:
    # moto would drop an s3:TestEvent message in the queue.
    s3.put_bucket_notification_configuration(Bucket="acme-finance-archive", NotificationConfiguration={
        "TopicConfigurations": [{"Id": "deletions-to-security", "Events": ["s3:ObjectRemoved:*"],
                                 "TopicArn": f"arn:aws:sns:{US}:{ACCOUNT}:security-alerts"}]})
    s3.put_bucket_notification_configuration(Bucket="acme-partner-uploads", NotificationConfiguration={
        "LambdaFunctionConfigurations": [{
            "Id": "thumbnail-uploads", "Events": ["s3:ObjectCreated:*"],
            "LambdaFunctionArn": f"arn:aws:lambda:{US}:{ACCOUNT}:function:acme-thumbnailer",
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "incoming/"}]}}}]})


# --- RDS ------------------------------------------------------------------------------------

def drop_member_snapshots(region, *members):
    """moto makes an automated DB snapshot for every new instance, Aurora cluster members too (and
    marks it encrypted from a placeholder key); Aurora backs up at the cluster level only
    (DescribeDBClusterSnapshots), so those instance snapshots, which AWS never has, are removed."""
    rds = c("rds", region)
    for db in members:
        for snap in rds.describe_db_snapshots(DBInstanceIdentifier=db, SnapshotType="automated")["DBSnapshots"]:
            rds.delete_db_snapshot(DBSnapshotIdentifier=snap["DBSnapshotIdentifier"])


def subnet_group(region, name, description, subnets):
    c("rds", region).create_db_subnet_group(DBSubnetGroupName=name, DBSubnetGroupDescription=description,
                                            SubnetIds=[subnet_id(region, s) for s in subnets])


@step("rds instances")
def _():
    rds, vpc = c("rds"), vpc_id(US, "acme-prod")
    db_sg = group_in(US, vpc, "db-sg")
    key = kms_key_arn(US, "acme-data-lake")
    subnet_group(US, "acme-prod-postgres-subnets", "acme-prod-postgres subnets",
                 ["acme-prod-private-a", "acme-prod-private-b"])
    # Production PostgreSQL: private (private subnets, db-sg), Multi-AZ, encrypted, monitored,
    # IAM authentication, logs exported, deletion protection; on the default port.
    rds.create_db_instance(
        DBInstanceIdentifier="acme-prod-postgres", DBInstanceClass="db.r6g.large", Engine="postgres",
        EngineVersion="16.4", MasterUsername="acmeadmin", MasterUserPassword=PASSWORD, DBName="acme",
        AllocatedStorage=100, StorageType="gp3", Iops=3000, StorageThroughput=125,
        BackupRetentionPeriod=14, PreferredBackupWindow="03:00-03:30",
        PreferredMaintenanceWindow="sun:05:00-sun:05:30", DBSubnetGroupName="acme-prod-postgres-subnets",
        VpcSecurityGroupIds=[db_sg], AvailabilityZone="us-east-1a", MultiAZ=True, PubliclyAccessible=False,
        AutoMinorVersionUpgrade=True, StorageEncrypted=True, KmsKeyId=key, CopyTagsToSnapshot=True,
        MonitoringInterval=60, MonitoringRoleArn=MONITORING_ROLE, EnableIAMDatabaseAuthentication=True,
        EnablePerformanceInsights=True, EnableCloudwatchLogsExports=["postgresql", "upgrade"],
        DeletionProtection=True, Tags=PROD)
    # Staging PostgreSQL: a custom port and encrypted, but single-AZ, no IAM authentication and
    # only the upgrade log exported.
    rds.create_db_instance(
        DBInstanceIdentifier="acme-staging-postgres", DBInstanceClass="db.t4g.micro", Engine="postgres",
        EngineVersion="16.4", MasterUsername="acme_stg", MasterUserPassword=PASSWORD, DBName="acme", Port=15432,
        AllocatedStorage=20, StorageType="gp3", BackupRetentionPeriod=7, PreferredBackupWindow="02:00-02:30",
        PreferredMaintenanceWindow="sun:05:00-sun:05:30", DBSubnetGroupName="acme-prod-postgres-subnets",
        VpcSecurityGroupIds=[db_sg], AvailabilityZone="us-east-1b", MultiAZ=False, PubliclyAccessible=False,
        AutoMinorVersionUpgrade=True, StorageEncrypted=True, KmsKeyId=key, CopyTagsToSnapshot=True,
        MonitoringInterval=60, MonitoringRoleArn=MONITORING_ROLE, EnableCloudwatchLogsExports=["upgrade"],
        DeletionProtection=True, Tags=[{"Key": "env", "Value": "staging"}])

    eu, eu_vpc = c("rds", EU), vpc_id(EU, "acme-eu")
    subnet_group(EU, "acme-legacy-mysql-subnets", "acme-legacy-mysql subnets", ["acme-eu-public-a", "acme-eu-private-b"])
    subnet_group(EU, "acme-eu-private", "acme-eu private subnets", ["acme-eu-private-b"])
    # The legacy MySQL: public, in the everything-open group, unencrypted, one day of backups,
    # no monitoring, no logs, no deletion protection, no minor upgrades.
    eu.create_db_instance(
        DBInstanceIdentifier="acme-legacy-mysql", DBInstanceClass="db.t3.micro", Engine="mysql",
        EngineVersion="8.0.35", MasterUsername="acmeadmin", MasterUserPassword=PASSWORD, DBName="acme",
        AllocatedStorage=100, StorageType="gp3", BackupRetentionPeriod=1, PreferredBackupWindow="03:00-03:30",
        PreferredMaintenanceWindow="sun:05:00-sun:05:30", DBSubnetGroupName="acme-legacy-mysql-subnets",
        VpcSecurityGroupIds=[group_in(EU, eu_vpc, "everything-open")], AvailabilityZone="eu-west-1a",
        MultiAZ=False, PubliclyAccessible=True, AutoMinorVersionUpgrade=False, StorageEncrypted=False,
        CopyTagsToSnapshot=False, DeletionProtection=False, Tags=PROD)
    # A small MariaDB for the CMS: private and encrypted, but the default admin name and port.
    eu.create_db_instance(
        DBInstanceIdentifier="acme-eu-cms", DBInstanceClass="db.t4g.micro", Engine="mariadb",
        EngineVersion="10.11.9", MasterUsername="admin", MasterUserPassword=PASSWORD, DBName="cms",
        AllocatedStorage=20, StorageType="gp3", BackupRetentionPeriod=7, PreferredBackupWindow="02:00-02:30",
        PreferredMaintenanceWindow="sun:05:00-sun:05:30", DBSubnetGroupName="acme-eu-private",
        VpcSecurityGroupIds=[group_in(EU, eu_vpc, "db-sg")], AvailabilityZone="eu-west-1b", MultiAZ=False,
        PubliclyAccessible=False, AutoMinorVersionUpgrade=True, StorageEncrypted=True,
        KmsKeyId=kms_key_arn(EU, "acme-eu-app"), CopyTagsToSnapshot=True, EnableCloudwatchLogsExports=["error"],
        DeletionProtection=True, Tags=PROD)


@step("rds aurora clusters")
def _():
    rds, vpc = c("rds"), vpc_id(US, "acme-prod")
    db_sg = group_in(US, vpc, "db-sg")
    key = kms_key_arn(US, "acme-data-lake")
    subnet_group(US, "acme-analytics-subnets", "acme-analytics subnets", ["acme-prod-private-a", "acme-prod-private-b"])
    subnet_group(US, "acme-ledger-subnets", "acme-ledger subnets", ["acme-prod-private-a", "acme-prod-private-b"])
    good = dict(MasterUsername="acme_dba", MasterUserPassword=PASSWORD, StorageEncrypted=True, KmsKeyId=key,
                EnableIAMDatabaseAuthentication=True, DeletionProtection=True, CopyTagsToSnapshot=True,
                BackupRetentionPeriod=7, PreferredBackupWindow="03:00-03:30",
                PreferredMaintenanceWindow="sun:05:00-sun:05:30", AutoMinorVersionUpgrade=True,
                VpcSecurityGroupIds=[db_sg], Tags=PROD)
    # Aurora MySQL with audit logs, backtracking and two instances in two zones.
    rds.create_db_cluster(DBClusterIdentifier="acme-analytics", Engine="aurora-mysql",
                          EngineVersion="8.0.mysql_aurora.3.08.0", Port=13306, DBSubnetGroupName="acme-analytics-subnets",
                          EnableCloudwatchLogsExports=["audit", "error", "slowquery"], BacktrackWindow=86400, **good)
    for n, az in ((1, "us-east-1a"), (2, "us-east-1b")):
        rds.create_db_instance(DBInstanceIdentifier=f"acme-analytics-{n}", DBClusterIdentifier="acme-analytics",
                               Engine="aurora-mysql", DBInstanceClass="db.r6g.large", Port=13306, AvailabilityZone=az,
                               DBSubnetGroupName="acme-analytics-subnets", PubliclyAccessible=False,
                               AutoMinorVersionUpgrade=True, MonitoringInterval=60, MonitoringRoleArn=MONITORING_ROLE,
                               PromotionTier=1, Tags=PROD)
    drop_member_snapshots(US, "acme-analytics-1", "acme-analytics-2")
    # Aurora PostgreSQL exporting its log.
    rds.create_db_cluster(DBClusterIdentifier="acme-ledger", Engine="aurora-postgresql", EngineVersion="16.4",
                          Port=15432, DBSubnetGroupName="acme-ledger-subnets",
                          EnableCloudwatchLogsExports=["postgresql"], **good)
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="acme-analytics-2026-q3",
                                   DBClusterIdentifier="acme-analytics")
    rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="acme-analytics-2026-q3",
                                             AttributeName="restore", ValuesToAdd=["444455556666"])

    eu, eu_vpc = c("rds", EU), vpc_id(EU, "acme-eu")
    eu_sg = group_in(EU, eu_vpc, "db-sg")
    subnet_group(EU, "acme-eu-reporting-subnets", "acme-eu-reporting subnets", ["acme-eu-private-b"])
    subnet_group(EU, "acme-eu-ledger-restore-test-subnets", "acme-eu-ledger-restore-test subnets",
                 ["acme-eu-private-b"])
    # Aurora MySQL with everything off: default admin name, unencrypted, no logs, no backtracking.
    eu.create_db_cluster(DBClusterIdentifier="acme-eu-reporting", Engine="aurora-mysql",
                         EngineVersion="8.0.mysql_aurora.3.05.2", MasterUsername="admin", MasterUserPassword=PASSWORD,
                         Port=3306, DBSubnetGroupName="acme-eu-reporting-subnets", VpcSecurityGroupIds=[eu_sg],
                         StorageEncrypted=False, DeletionProtection=False, CopyTagsToSnapshot=False,
                         AutoMinorVersionUpgrade=False, BackupRetentionPeriod=7, PreferredBackupWindow="03:00-03:30",
                         PreferredMaintenanceWindow="sun:05:00-sun:05:30", Tags=PROD)
    eu.create_db_instance(DBInstanceIdentifier="acme-eu-reporting-1", DBClusterIdentifier="acme-eu-reporting",
                          Engine="aurora-mysql", DBInstanceClass="db.r6g.large", Port=3306, AvailabilityZone="eu-west-1b",
                          DBSubnetGroupName="acme-eu-reporting-subnets", PubliclyAccessible=False,
                          AutoMinorVersionUpgrade=True, PromotionTier=1, Tags=PROD)
    drop_member_snapshots(EU, "acme-eu-reporting-1")
    # A restore test of the ledger: good, but it exports no log.
    eu.create_db_cluster(DBClusterIdentifier="acme-eu-ledger-restore-test", Engine="aurora-postgresql",
                         EngineVersion="16.4", Port=15432, DBSubnetGroupName="acme-eu-ledger-restore-test-subnets",
                         **dict(good, KmsKeyId=kms_key_arn(EU, "acme-eu-app"), VpcSecurityGroupIds=[eu_sg]))


@step("rds snapshots")
def _():
    rds = c("rds")
    rds.create_db_snapshot(DBSnapshotIdentifier="acme-prod-postgres-pre-upgrade", DBInstanceIdentifier="acme-prod-postgres")
    eu = c("rds", EU)
    eu.create_db_snapshot(DBSnapshotIdentifier="acme-legacy-mysql-export", DBInstanceIdentifier="acme-legacy-mysql")
    eu.modify_db_snapshot_attribute(DBSnapshotIdentifier="acme-legacy-mysql-export", AttributeName="restore",
                                    ValuesToAdd=["all"])


# --- EFS ------------------------------------------------------------------------------------

@step("efs file systems and access points")
def _():
    efs = c("efs")
    home = efs.create_file_system(
        CreationToken="acme-shared-home", PerformanceMode="generalPurpose", Encrypted=True,
        KmsKeyId=kms_key_arn(US, "acme-data-lake"), Backup=True,
        Tags=[{"Key": "Name", "Value": "acme-shared-home"}, {"Key": "team", "Value": "analytics"}])["FileSystemId"]
    for s in ("acme-prod-private-a", "acme-prod-private-b"):
        efs.create_mount_target(FileSystemId=home, SubnetId=subnet_id(US, s))
    efs.create_access_point(ClientToken="acme-home-app", FileSystemId=home, PosixUser={"Uid": 1001, "Gid": 1001},
                            RootDirectory={"Path": "/home/app", "CreationInfo": {
                                "OwnerUid": 1001, "OwnerGid": 1001, "Permissions": "750"}},
                            Tags=[{"Key": "Name", "Value": "acme-home-app"}])
    # Unencrypted scratch space with no backups, mounted in a public subnet, and an access point
    # that exposes its root to any client identity.
    scratch = efs.create_file_system(
        CreationToken="acme-legacy-scratch", PerformanceMode="generalPurpose", Encrypted=False, Backup=False,
        Tags=[{"Key": "Name", "Value": "acme-legacy-scratch"}, {"Key": "team", "Value": "analytics"}])["FileSystemId"]
    efs.create_mount_target(FileSystemId=scratch, SubnetId=subnet_id(US, "acme-prod-public-a"))
    efs.create_access_point(ClientToken="acme-scratch-all", FileSystemId=scratch, RootDirectory={"Path": "/"},
                            Tags=[{"Key": "Name", "Value": "acme-scratch-all"}])


# --- Secrets Manager ------------------------------------------------------------------------

@step("secrets")
def _():
    sm = c("secretsmanager")
    team = [{"Key": "team", "Value": "platform"}]
    secrets = [("prod/acme/db", 30), ("acme/stripe-api-key", None), ("acme/legacy-ftp", None),
               ("prod/acme/warehouse", 7)]
    for name, days in secrets:
        sm.create_secret(Name=name, SecretString=json.dumps({"password": PASSWORD}), Tags=team)
        if days:
            # moto applies the rotation itself when no Lambda function is named (it cannot run one
            # without Docker); RotateImmediately=False keeps the value in the new version. The
            # overlay ages the dates and names the rotation function.
            sm.rotate_secret(SecretId=name, RotationRules={"AutomaticallyAfterDays": days}, RotateImmediately=False)


# --- SNS ------------------------------------------------------------------------------------
# seed_core.py makes the CloudWatch alert topic (security-alerts) and its subscriptions;
# CreateTopic returns the existing topic, so its encryption and policy are set here.

def topic_policy(arn, *extra):
    return policy({"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
                   "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                              "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
                              "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
                   "Resource": arn, "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}},
                  *extra, version="2008-10-17", pid="__default_policy_ID")


@step("sns topics")
def _():
    sns = c("sns")
    alerts = sns.create_topic(Name="security-alerts")["TopicArn"]
    sns.set_topic_attributes(TopicArn=alerts, AttributeName="KmsMasterKeyId",
                             AttributeValue=kms_key_arn(US, "acme-data-lake"))
    sns.set_topic_attributes(TopicArn=alerts, AttributeName="Policy", AttributeValue=topic_policy(
        alerts, {"Sid": "cloudwatch-alarms", "Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
                 "Action": "sns:Publish", "Resource": alerts,
                 "Condition": {"ArnLike": {"aws:SourceArn": f"arn:aws:cloudwatch:{US}:{ACCOUNT}:alarm:*"},
                               "StringEquals": {"aws:SourceAccount": ACCOUNT}}}))
    # Deploy notifications: the default policy, no encryption.
    sns.create_topic(Name="acme-deploy-notifications")
    # A status topic anyone may subscribe to (encrypted with the AWS managed key).
    status = sns.create_topic(Name="acme-public-status", Attributes={"DisplayName": "Acme status",
                                                                     "KmsMasterKeyId": "alias/aws/sns"})["TopicArn"]
    sns.set_topic_attributes(TopicArn=status, AttributeName="Policy", AttributeValue=topic_policy(
        status, {"Sid": "anyone-subscribes", "Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": ["SNS:Subscribe", "SNS:Receive"], "Resource": status}))


# --- SQS ------------------------------------------------------------------------------------

@step("sqs queues")
def _():
    sqs = c("sqs")
    arn = f"arn:aws:sqs:{US}:{ACCOUNT}"
    sqs.create_queue(QueueName="acme-orders", Attributes={"SqsManagedSseEnabled": "true", "Policy": policy(
        {"Sid": "topic-fanout", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
         "Action": "sqs:SendMessage", "Resource": f"{arn}:acme-orders",
         "Condition": {"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:{US}:{ACCOUNT}:acme-order-events"}}},
        pid=f"{arn}:acme-orders/SQSDefaultPolicy")})
    # Unencrypted dead-letter queue (SSE-SQS explicitly off).
    sqs.create_queue(QueueName="acme-events-dlq", Attributes={"SqsManagedSseEnabled": "false"})
    # Encrypted with KMS, but anyone may send to it.
    sqs.create_queue(QueueName="acme-partner-inbox", Attributes={
        "KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "300", "SqsManagedSseEnabled": "false",
        "Policy": policy({"Sid": "partners-send", "Effect": "Allow", "Principal": {"AWS": "*"},
                          "Action": "sqs:SendMessage", "Resource": f"{arn}:acme-partner-inbox"}, pid="partner-inbox")})


# --- DynamoDB -------------------------------------------------------------------------------

@step("dynamodb tables")
def _():
    ddb = c("dynamodb")
    key = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                    {"AttributeName": "sk", "AttributeType": "S"}],
           "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}
    provisioned = {"BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 10}}
    # Provisioned with auto scaling and point-in-time recovery, no deletion protection.
    ddb.create_table(TableName="acme-metrics", **provisioned, **key)
    ddb.update_continuous_backups(TableName="acme-metrics",
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    aas = c("application-autoscaling")
    for dim in ("ReadCapacityUnits", "WriteCapacityUnits"):
        aas.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/acme-metrics",
                                     ScalableDimension=f"dynamodb:table:{dim}", MinCapacity=5, MaxCapacity=200)
    # On demand, deletion protection, point-in-time recovery, a customer managed key.
    ddb.create_table(TableName="acme-orders", BillingMode="PAY_PER_REQUEST", DeletionProtectionEnabled=True,
                     SSESpecification={"Enabled": True, "SSEType": "KMS",
                                       "KMSMasterKeyId": kms_key_arn(US, "acme-data-lake")}, **key)
    ddb.update_continuous_backups(TableName="acme-orders",
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    # Provisioned without auto scaling, no point-in-time recovery, no deletion protection.
    ddb.create_table(TableName="acme-sessions", **provisioned, **key)


# --- ECR ------------------------------------------------------------------------------------

@step("ecr repositories")
def _():
    ecr = c("ecr")
    lifecycle = json.dumps({"rules": [{
        "rulePriority": 1, "description": "expire untagged images after 14 days",
        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
        "action": {"type": "expire"}}]})
    ecr.create_repository(repositoryName="acme/web", imageTagMutability="IMMUTABLE",
                          imageScanningConfiguration={"scanOnPush": True})
    ecr.put_lifecycle_policy(repositoryName="acme/web", lifecyclePolicyText=lifecycle)
    ecr.create_repository(repositoryName="acme/batch", imageTagMutability="MUTABLE",
                          imageScanningConfiguration={"scanOnPush": False})
    # Scanned by the registry rule below; its lifecycle policy is unreadable to the auditor (overlay).
    ecr.create_repository(repositoryName="acme/ml-train", imageTagMutability="MUTABLE",
                          imageScanningConfiguration={"scanOnPush": False})
    ecr.put_lifecycle_policy(repositoryName="acme/ml-train", lifecyclePolicyText=lifecycle)
    ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[{
        "scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "acme/ml-*", "filterType": "WILDCARD"}]}])


# --- SSM ------------------------------------------------------------------------------------

@step("ssm documents")
def _():
    ssm = c("ssm")
    ssm.create_document(Name="acme-bootstrap", DocumentType="Command", DocumentFormat="YAML", Content="\n".join([
        "schemaVersion: '2.2'", "description: Bootstrap an Acme instance", "mainSteps:",
        "  - action: aws:runShellScript", "    name: bootstrap", "    inputs:", "      runCommand:",
        "        - curl -fsSL https://example.com/acme-bootstrap.sh | bash", ""]))
    ssm.modify_document_permission(Name="acme-bootstrap", PermissionType="Share", AccountIdsToAdd=["all"])
    ssm.create_document(Name="acme-db-maintenance", DocumentType="Automation", DocumentFormat="YAML", Content="\n".join([
        "schemaVersion: '0.3'", "description: Vacuum the reporting database", "mainSteps:",
        "  - name: vacuum", "    action: aws:sleep", "    inputs:", "      Duration: PT1M", ""]))
    ssm.modify_document_permission(Name="acme-db-maintenance", PermissionType="Share",
                                   AccountIdsToAdd=["111122223333"])

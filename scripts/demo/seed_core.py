"""Demo seed, part 1 (core): IAM, KMS, the network and EC2, logging and monitoring (CloudTrail,
CloudWatch Logs metric filters and alarms, the SNS alert topic), Config, GuardDuty, Security Hub,
Organizations.

The story is the hand-written demo's (crates/cli/assets/demo-snapshot.json): same user, group,
role, policy, key alias, VPC, subnet, security group, instance (Name tag) and trail names.
Other parts use these names: VPCs `acme-prod` (us-east-1) and `acme-eu` (eu-west-1), their
subnets and security groups, instances `acme-app-1` (behind the edge part's ALB), role
`AcmeReportLambdaRole`, bucket `acme-cloudtrail-logs`.
What moto 5.2.5 cannot hold (ages, the root user, alarms in the Rust SDK's protocol...) is in
overlay/core.json, each entry with its reason. moto's default VPCs stay (in moto 5.2.5 a deleted
VPC's default network ACL lingers, still associated with the deleted subnets).

Run moto with MOTO_IAM_LOAD_MANAGED_POLICIES=true: the story attaches AWS managed policies
(AdministratorAccess, AWSCloudShellFullAccess, AWSSupportAccess...).
"""
import datetime as dt
import json

import boto3

from seedlib import (ACCOUNT, ADMIN, EC2_TRUST, EU, US, c, function_zip, group_id,  # noqa: F401
                     group_in, instance_id, step, subnet_id, vpc_id)

PARTNER_ACCOUNT = "210987654321"
# AMIs of moto's default image list (loaded in every region): an HVM Amazon Linux and a
# paravirtual (PV) one.
AMI_HVM, AMI_PV = "ami-760aaa0f", "ami-8104a4f8"


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trust(principal, **extra):
    return doc({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole", **extra})


def tags(**kv):
    return [{"Key": k, "Value": v} for k, v in kv.items()]


def name_tag(resource_type, name):
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}]}]


def policy_arn(name):
    return f"arn:aws:iam::{ACCOUNT}:policy/{name}"


def aws_policy(name):
    return f"arn:aws:iam::aws:policy/{name}"


# --------------------------------------------------------------------------------------------
# IAM
# --------------------------------------------------------------------------------------------

@step("iam password policy")
def _():
    c("iam").update_account_password_policy(
        MinimumPasswordLength=8, RequireSymbols=False, RequireNumbers=True, RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True, AllowUsersToChangePassword=True, PasswordReusePrevention=5)


@step("iam customer managed policies")
def _():
    iam = c("iam")
    # AcmeFullAdmin: v1 was scoped, v2 (default) grants everything.
    iam.create_policy(PolicyName="AcmeFullAdmin", Description="Full administrative access for the partner break-glass role",
                      PolicyDocument=doc({"Effect": "Allow", "Action": ["ec2:*", "s3:*", "iam:*"], "Resource": "*"}))
    iam.create_policy_version(PolicyArn=policy_arn("AcmeFullAdmin"), SetAsDefault=True,
                              PolicyDocument=doc({"Sid": "FullAdmin", "Effect": "Allow", "Action": "*", "Resource": "*"}))
    data_lake = ["arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/*"]
    read_lake = {"Sid": "DataLakeRead", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": data_lake}
    iam.create_policy(PolicyName="AcmeDevAccess",
                      Description="Developer access: read the data lake, everything except IAM and Organizations",
                      PolicyDocument=doc(read_lake))
    iam.create_policy_version(PolicyArn=policy_arn("AcmeDevAccess"), SetAsDefault=True, PolicyDocument=doc(
        read_lake,
        {"Sid": "AllButIdentity", "Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
        {"Sid": "NoProdDataDeletes", "Effect": "Deny", "Action": ["s3:DeleteObject*", "s3:PutBucketPolicy"],
         "Resource": data_lake}))
    iam.create_policy(PolicyName="AcmeLegacyAdmin", Description="Old admin policy from the 2024 migration (no longer used)",
                      PolicyDocument=json.dumps(ADMIN))
    iam.create_policy(PolicyName="AcmeDataLakeFullAccess",
                      PolicyDocument=doc({"Sid": "DataLake", "Effect": "Allow", "Action": "s3:*", "Resource": data_lake}))
    # AcmeReportsDecrypt: v1 could decrypt with any key, v2 (default) only with the reports key.
    iam.create_policy(PolicyName="AcmeReportsDecrypt",
                      PolicyDocument=doc({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}))
    # (v2 is made with the KMS keys below.)


@step("iam groups")
def _():
    iam = c("iam")
    iam.create_group(GroupName="Admins")
    iam.create_group(GroupName="Developers")
    iam.put_group_policy(GroupName="Developers", PolicyName="developers-self-service-mfa", PolicyDocument=doc({
        "Sid": "ManageOwnMFA", "Effect": "Allow",
        "Action": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
        "Resource": [f"arn:aws:iam::{ACCOUNT}:mfa/${{aws:username}}", f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}"]}))
    iam.attach_group_policy(GroupName="Developers", PolicyArn=policy_arn("AcmeDevAccess"))


@step("iam group AWS managed policies (needs MOTO_IAM_LOAD_MANAGED_POLICIES=true)")
def _():
    iam = c("iam")
    iam.attach_group_policy(GroupName="Admins", PolicyArn=aws_policy("AdministratorAccess"))
    iam.attach_group_policy(GroupName="Developers", PolicyArn=aws_policy("AWSCloudShellFullAccess"))


def _mfa(iam, user, device):
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=device)["VirtualMFADevice"]["SerialNumber"]
    if user:
        iam.enable_mfa_device(UserName=user, SerialNumber=serial, AuthenticationCode1="123456",
                              AuthenticationCode2="654321")


@step("iam users")
def _():
    iam = c("iam")
    users = [  # name, tags, console password, group
        ("alice", tags(team="platform"), True, "Admins"),
        ("bob", tags(team="analytics"), True, "Developers"),
        ("carol", tags(team="platform"), True, "Developers"),
        ("ci-deploy", tags(purpose="github-actions"), False, "Developers"),
        ("old-contractor", tags(), True, "Developers"),  # untagged: nobody owns it (IAM.25)
    ]
    for name, tag_list, console, group in users:
        extra = {"PermissionsBoundary": policy_arn("AcmeDevAccess")} if name == "ci-deploy" else {}
        iam.create_user(UserName=name, Tags=tag_list, **extra)
        if console:
            iam.create_login_profile(UserName=name, Password="Example-Passw0rd!")
        iam.add_user_to_group(UserName=name, GroupName=group)
    # MFA: alice and carol have virtual devices; bob created one but never finished enabling it.
    _mfa(iam, "alice", "alice-iphone")
    _mfa(iam, "carol", "carol-1password")
    _mfa(iam, None, "bob")
    # The root user's virtual device (moto cannot assign a device to root: overlay/core.json).
    _mfa(iam, None, "root-account-mfa-device")
    iam.put_user_policy(UserName="bob", PolicyName="bob-s3-full-access", PolicyDocument=doc({
        "Effect": "Allow", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::acme-legacy-exports", "arn:aws:s3:::acme-legacy-exports/*",
                     "arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/*"]}))
    # Access keys: one each for bob, ci-deploy and old-contractor, two for carol (the second
    # never used). Each used key signs one request, so moto records its last use.
    used = {"bob": ("s3", US), "carol": ("ec2", EU), "ci-deploy": ("cloudformation", US), "old-contractor": ("s3", US)}
    for name in ("bob", "carol", "ci-deploy", "old-contractor"):
        key = iam.create_access_key(UserName=name)["AccessKey"]
        service, region = used[name]
        client = boto3.client(service, region_name=region, aws_access_key_id=key["AccessKeyId"],
                              aws_secret_access_key=key["SecretAccessKey"])
        {"s3": lambda: client.list_buckets(), "ec2": lambda: client.describe_regions(),
         "cloudformation": lambda: client.list_stacks()}[service]()
    iam.create_access_key(UserName="carol")


@step("iam roles")
def _():
    iam = c("iam")
    iam.create_role(RoleName="AcmeWebServerRole", AssumeRolePolicyDocument=json.dumps(EC2_TRUST),
                    Description="Instance role for the web tier")
    iam.put_role_policy(RoleName="AcmeWebServerRole", PolicyName="read-site-assets", PolicyDocument=doc({
        "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": ["arn:aws:s3:::acme-public-website", "arn:aws:s3:::acme-public-website/*"]}))
    iam.create_instance_profile(InstanceProfileName="AcmeWebServerProfile")
    iam.add_role_to_instance_profile(InstanceProfileName="AcmeWebServerProfile", RoleName="AcmeWebServerRole")
    iam.create_role(RoleName="SupportRole", AssumeRolePolicyDocument=trust(
        {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    iam.create_role(RoleName="AcmePartnerAdmin", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{PARTNER_ACCOUNT}:root"}),
                    Tags=[{"Key": "partner", "Value": "Globex MSP"}])
    iam.attach_role_policy(RoleName="AcmePartnerAdmin", PolicyArn=policy_arn("AcmeFullAdmin"))
    iam.create_role(RoleName="AcmeReportLambdaRole", Path="/service-role/",
                    AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.put_role_policy(RoleName="AcmeReportLambdaRole", PolicyName="write-reports", PolicyDocument=doc({
        "Effect": "Allow", "Action": ["s3:PutObject"], "Resource": "arn:aws:s3:::acme-data-lake/reports/*"}))
    iam.create_role(RoleName="CloudTrailCloudWatchLogsRole", Path="/service-role/",
                    AssumeRolePolicyDocument=trust({"Service": "cloudtrail.amazonaws.com"}))
    iam.put_role_policy(RoleName="CloudTrailCloudWatchLogsRole", PolicyName="cloudtrail-to-cwlogs", PolicyDocument=doc({
        "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
        "Resource": f"arn:aws:logs:{US}:{ACCOUNT}:log-group:aws-cloudtrail-logs-acme:log-stream:*"}))
    iam.create_role(RoleName="VPCFlowLogsRole", AssumeRolePolicyDocument=trust(
        {"Service": "vpc-flow-logs.amazonaws.com"},
        Condition={"StringEquals": {"aws:SourceAccount": ACCOUNT},
                   "ArnLike": {"aws:SourceArn": f"arn:aws:ec2:{US}:{ACCOUNT}:vpc-flow-log/*"}}))
    iam.put_role_policy(RoleName="VPCFlowLogsRole", PolicyName="flow-logs-delivery", PolicyDocument=doc({
        "Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                                      "logs:DescribeLogGroups", "logs:DescribeLogStreams"], "Resource": "*"}))
    iam.create_role(RoleName="AcmeEtlRole", AssumeRolePolicyDocument=trust({"Service": "glue.amazonaws.com"}),
                    Tags=[{"Key": "team", "Value": "data"}])
    iam.put_role_policy(RoleName="AcmeEtlRole", PolicyName="decrypt-any-key", PolicyDocument=doc({
        "Sid": "DecryptSources", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:DescribeKey"],
        "Resource": f"arn:aws:kms:*:{ACCOUNT}:key/*"}))
    iam.attach_role_policy(RoleName="AcmeEtlRole", PolicyArn=policy_arn("AcmeDataLakeFullAccess"))
    iam.attach_role_policy(RoleName="AcmeEtlRole", PolicyArn=policy_arn("AcmeReportsDecrypt"))
    for service in ("support.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com"):
        iam.create_service_linked_role(AWSServiceName=service)


@step("iam role AWS managed policies (needs MOTO_IAM_LOAD_MANAGED_POLICIES=true)")
def _():
    iam = c("iam")
    for role, policy in [("AcmeWebServerRole", "AmazonSSMManagedInstanceCore"), ("SupportRole", "AWSSupportAccess"),
                         ("AcmeReportLambdaRole", "service-role/AWSLambdaBasicExecutionRole")]:
        iam.attach_role_policy(RoleName=role, PolicyArn=aws_policy(policy))


def _certificate(name, not_before, not_after):
    """A self-signed certificate (PEM body, PEM key) for `name`.acme-analytics.example."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name}.acme-analytics.example")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(1).not_valid_before(not_before).not_valid_after(not_after).sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode())


@step("iam server certificates")
def _():
    # acme-legacy-lb-2024 (used by seed_edge.py's classic load balancer) has expired,
    # acme-www-2026 is valid. moto ignores the dates in the certificate (overlay/core.json).
    iam = c("iam")
    for name, start, end in [("acme-legacy-lb-2024", (2024, 6, 28), (2025, 6, 30)),
                             ("acme-www-2026", (2026, 2, 10), (2027, 2, 15))]:
        body, key = _certificate(name, dt.datetime(*start, tzinfo=dt.timezone.utc),
                                 dt.datetime(*end, 23, 59, 59, tzinfo=dt.timezone.utc))
        iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=body, PrivateKey=key)


# --------------------------------------------------------------------------------------------
# KMS
# --------------------------------------------------------------------------------------------

def _key(region, alias, description, rotate=False, policy=None):
    kms = c("kms", region)
    key = kms.create_key(Description=description, **({"Policy": json.dumps(policy)} if policy else {}))["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key)
    if rotate:
        kms.enable_key_rotation(KeyId=key)
    return key


def _root_statement():
    return {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}


def key_arn(region, alias):
    kms = c("kms", region)
    target = next(a["TargetKeyId"] for a in kms.list_aliases()["Aliases"] if a["AliasName"] == f"alias/{alias}")
    return kms.describe_key(KeyId=target)["KeyMetadata"]["Arn"]


@step("kms keys")
def _():
    _key(US, "acme-data-lake", "acme data lake CMK", rotate=True)
    _key(US, "acme-cloudtrail", "CloudTrail log encryption", policy={"Version": "2012-10-17", "Statement": [
        _root_statement(),
        {"Sid": "Allow CloudTrail to encrypt logs", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "kms:GenerateDataKey*", "Resource": "*",
         "Condition": {"StringEquals": {"aws:SourceArn": f"arn:aws:cloudtrail:{US}:{ACCOUNT}:trail/acme-org-trail"},
                       "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": f"arn:aws:cloudtrail:*:{ACCOUNT}:trail/*"}}},
        {"Sid": "Allow CloudTrail to describe key", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "kms:DescribeKey", "Resource": "*"}]})
    old = _key(US, "acme-old-app", "old reporting app key")
    c("kms").schedule_key_deletion(KeyId=old, PendingWindowInDays=11)
    _key(US, "acme-partner-exchange", "partner data exchange", rotate=True, policy={"Version": "2012-10-17", "Statement": [
        _root_statement(),
        {"Sid": "AllowPartnerDecrypt", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]})
    c("iam").create_policy_version(PolicyArn=policy_arn("AcmeReportsDecrypt"), SetAsDefault=True, PolicyDocument=doc(
        {"Sid": "ReportKey", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
         "Resource": key_arn(US, "acme-data-lake")},
        {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
         "Resource": ["arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/reports/*"]}))
    _key(EU, "acme-eu-app", "acme eu application data", policy={"Version": "2012-10-17", "Statement": [
        _root_statement(),
        {"Sid": "Allow partner admin", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/AcmePartnerAdmin"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]})


# --------------------------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------------------------

def _vpc(region, name, cidr, subnets):
    """A VPC with an internet gateway; `subnets` are (name, cidr, zone, public)."""
    ec2 = c("ec2", region)
    vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=name_tag("vpc", name))["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    igw = ec2.create_internet_gateway(TagSpecifications=name_tag("internet-gateway", f"{name}-igw"))
    igw = igw["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
    ec2.create_tags(Resources=[main["RouteTableId"]], Tags=[{"Key": "Name", "Value": f"{name}-main"}])
    ids = {}
    for sname, scidr, zone, public in subnets:
        sid = ec2.create_subnet(VpcId=vpc, CidrBlock=scidr, AvailabilityZone=zone,
                                TagSpecifications=name_tag("subnet", sname))["Subnet"]["SubnetId"]
        if public:
            ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
        ids[sname] = sid
    return vpc, igw, ids


def _route_table(region, vpc, name, subnets, igw=None):
    ec2 = c("ec2", region)
    rt = ec2.create_route_table(VpcId=vpc, TagSpecifications=name_tag("route-table", name))["RouteTable"]["RouteTableId"]
    if igw:
        ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    for s in subnets:
        ec2.associate_route_table(RouteTableId=rt, SubnetId=s)
    return rt


def _nacl(region, vpc, name, subnets, ingress):
    """A network ACL that allows all egress; `ingress` are (rule, protocol, cidr, ports, action)."""
    ec2 = c("ec2", region)
    acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=name_tag("network-acl", name))["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="-1", RuleAction="allow", Egress=True,
                                 CidrBlock="0.0.0.0/0")
    for rule, proto, cidr, ports, action in ingress:
        extra = {"PortRange": {"From": ports[0], "To": ports[1]}} if ports else {}
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=rule, Protocol=proto, RuleAction=action,
                                     Egress=False, CidrBlock=cidr, **extra)
    for s in subnets:
        assoc = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [s]}])["NetworkAcls"][0]
        aid = next(a["NetworkAclAssociationId"] for a in assoc["Associations"] if a["SubnetId"] == s)
        ec2.replace_network_acl_association(AssociationId=aid, NetworkAclId=acl)
    return acl


def _public_nacl_rules(internal):
    return [(100, "6", "0.0.0.0/0", (80, 80), "allow"), (110, "6", "0.0.0.0/0", (443, 443), "allow"),
            (120, "6", "0.0.0.0/0", (22, 22), "allow"), (130, "6", "0.0.0.0/0", (1024, 65535), "allow"),
            (140, "6", internal, (0, 65535), "allow")]


def _sg(region, vpc, name, description, rules):
    """A security group; `rules` are IpPermissions (a group name in UserIdGroupPairs is resolved)."""
    ec2 = c("ec2", region)
    sg = ec2.create_security_group(GroupName=name, Description=description, VpcId=vpc)["GroupId"]
    for r in rules:
        for pair in r.get("UserIdGroupPairs", []):
            pair["GroupId"] = group_in(region, vpc, pair.pop("GroupName"))
    if rules:
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=rules)
    return sg


def tcp(port, v4=True, v6=False, group=None):
    rule = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
    if v4:
        rule["IpRanges"] = [{"CidrIp": "0.0.0.0/0"}]
    if v6:
        rule["Ipv6Ranges"] = [{"CidrIpv6": "::/0"}]
    if group:
        rule["UserIdGroupPairs"] = [{"GroupName": group}]
        rule.pop("IpRanges", None)
    return rule


@step("ec2 network acme-prod (us-east-1)")
def _():
    vpc, igw, s = _vpc(US, "acme-prod", "10.0.0.0/16", [
        ("acme-prod-public-a", "10.0.1.0/24", "us-east-1a", True),
        ("acme-prod-public-b", "10.0.2.0/24", "us-east-1b", True),
        ("acme-prod-private-a", "10.0.11.0/24", "us-east-1a", False),
        ("acme-prod-private-b", "10.0.12.0/24", "us-east-1b", False),
        ("acme-prod-admin-a", "10.0.3.0/24", "us-east-1a", True)])
    _route_table(US, vpc, "acme-prod-public", [s["acme-prod-public-a"], s["acme-prod-public-b"]], igw)
    private = _route_table(US, vpc, "acme-prod-private", [s["acme-prod-private-a"], s["acme-prod-private-b"]])
    _route_table(US, vpc, "acme-prod-admin", [s["acme-prod-admin-a"]], igw)
    _nacl(US, vpc, "acme-prod-public-nacl", [s["acme-prod-public-a"], s["acme-prod-public-b"]],
          _public_nacl_rules("10.0.0.0/8"))
    # The admin subnet's ACL denies SSH from the internet ahead of its allow-all rule.
    _nacl(US, vpc, "acme-prod-admin-nacl", [s["acme-prod-admin-a"]],
          [(90, "6", "0.0.0.0/0", (22, 22), "deny"), (100, "-1", "0.0.0.0/0", None, "allow")])
    _sg(US, vpc, "web-sg", "web tier: HTTP and HTTPS from anywhere", [tcp(80, v6=True), tcp(443, v6=True)])
    _sg(US, vpc, "ssh-open", "SSH from anywhere", [tcp(22, v6=True)])
    _sg(US, vpc, "db-sg", "PostgreSQL from the web tier", [tcp(5432, group="web-sg")])
    _sg(US, vpc, "alb-sg", "public load balancer: HTTPS", [tcp(443, v6=True)])
    _sg(US, vpc, "app-sg", "application tier: 8080 from the load balancer", [tcp(8080, group="alb-sg")])
    ec2 = c("ec2")
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{US}.s3", VpcEndpointType="Gateway",
                            RouteTableIds=[private])
    ec2.create_managed_prefix_list(PrefixListName="acme-office", AddressFamily="IPv4", MaxEntries=5,
                                   Entries=[{"Cidr": "198.51.100.0/24", "Description": "HQ"}])


@step("ec2 network acme-eu (eu-west-1)")
def _():
    vpc, igw, s = _vpc(EU, "acme-eu", "10.1.0.0/16", [
        ("acme-eu-public-a", "10.1.1.0/24", "eu-west-1a", True),
        ("acme-eu-private-b", "10.1.11.0/24", "eu-west-1b", False)])
    _route_table(EU, vpc, "acme-eu-public", [s["acme-eu-public-a"]], igw)
    _nacl(EU, vpc, "acme-eu-public-nacl", [s["acme-eu-public-a"]], _public_nacl_rules("10.1.0.0/16"))
    _nacl(EU, vpc, "acme-eu-batch-old", [], [(100, "-1", "0.0.0.0/0", None, "allow")])
    _sg(EU, vpc, "web-sg", "web tier: HTTP and HTTPS from anywhere", [tcp(80), tcp(443)])
    _sg(EU, vpc, "ssh-open", "SSH from anywhere", [tcp(22, v6=True)])
    _sg(EU, vpc, "db-sg", "PostgreSQL from the web tier", [tcp(5432, group="web-sg")])
    _sg(EU, vpc, "everything-open", "temporary debugging", [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2 = c("ec2", EU)
    web = group_in(EU, vpc, "web-sg")
    for service in ("ec2", "ecr.api", "ecr.dkr", "ssm", "ssm-contacts"):
        ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=f"com.amazonaws.{EU}.{service}", VpcEndpointType="Interface",
                                SubnetIds=[s["acme-eu-private-b"]], SecurityGroupIds=[web], PrivateDnsEnabled=True)


@step("ec2 default security groups admit their own members (as AWS makes them)")
def _():
    # moto makes default groups without the self-referencing inbound rule AWS creates.
    for region in (US, EU):
        ec2 = c("ec2", region)
        for g in ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]:
            if not g["IpPermissions"]:
                ec2.authorize_security_group_ingress(GroupId=g["GroupId"], IpPermissions=[
                    {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": g["GroupId"]}]}])


@step("ec2 flow logs")
def _():
    logs = c("logs")
    logs.create_log_group(logGroupName="vpc-flow-logs-acme-prod")
    logs.put_retention_policy(logGroupName="vpc-flow-logs-acme-prod", retentionInDays=90)
    c("ec2").create_flow_logs(ResourceIds=[vpc_id(US, "acme-prod")], ResourceType="VPC", TrafficType="ALL",
                              LogDestinationType="cloud-watch-logs", LogGroupName="vpc-flow-logs-acme-prod",
                              DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT}:role/VPCFlowLogsRole",
                              MaxAggregationInterval=600)


def _instance(region, name, subnet, groups, itype, imds, profile=False, key=None, ami=AMI_HVM, size=8):
    """An instance whose root volume is encrypted with the customer managed key alias `key`
    (None: unencrypted)."""
    ec2 = c("ec2", region)
    ebs = {"VolumeSize": size, "Encrypted": bool(key)}
    if key:
        ebs["KmsKeyId"] = key_arn(region, key)
    vpc = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["VpcId"]
    extra = {"IamInstanceProfile": {"Name": "AcmeWebServerProfile"}} if profile else {}
    return ec2.run_instances(
        ImageId=ami, MinCount=1, MaxCount=1, InstanceType=itype, SubnetId=subnet,
        SecurityGroupIds=[group_in(region, vpc, g) for g in groups], MetadataOptions={"HttpTokens": imds},
        BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": ebs}],
        TagSpecifications=name_tag("instance", name), **extra)["Instances"][0]["InstanceId"]


@step("ec2 instances us-east-1")
def _():
    sub = lambda n: subnet_id(US, n)  # noqa: E731
    lake = "acme-data-lake"
    _instance(US, "acme-web-1", sub("acme-prod-public-a"), ["web-sg"], "m7i.large", "required", profile=True, key=lake,
              size=30)
    _instance(US, "acme-bastion", sub("acme-prod-public-b"), ["ssh-open"], "t3.micro", "optional", key=lake)
    batch = _instance(US, "legacy-batch", sub("acme-prod-private-a"), ["default"], "c5.xlarge", "optional", size=100)
    _instance(US, "acme-jumpbox-old", sub("acme-prod-admin-a"), ["ssh-open"], "t3.small", "required", profile=True,
              key=lake)
    _instance(US, "acme-app-1", sub("acme-prod-private-a"), ["app-sg"], "t3.small", "required", profile=True, key=lake)
    etl = _instance(US, "acme-etl-bridge", sub("acme-prod-private-a"), ["app-sg"], "t3.medium", "required", profile=True,
                    key=lake)
    ec2 = c("ec2")
    # acme-etl-bridge has a second network interface, in the admin subnet.
    eni = ec2.create_network_interface(SubnetId=sub("acme-prod-admin-a"),
                                       Groups=[group_in(US, vpc_id(US, "acme-prod"), "app-sg")])["NetworkInterface"]
    ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"], InstanceId=etl, DeviceIndex=1)
    ec2.stop_instances(InstanceIds=[batch])
    # A data volume nobody attached, and a backup of acme-web-1's volume.
    ec2.create_volume(AvailabilityZone="us-east-1a", Size=250, Encrypted=False,
                      TagSpecifications=name_tag("volume", "legacy-batch-scratch"))
    web_vol = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance_id(US, "acme-web-1")]}])
    ec2.create_snapshot(VolumeId=web_vol["Volumes"][0]["VolumeId"], Description="Daily backup acme-web-1",
                        TagSpecifications=name_tag("snapshot", "acme-web-1-daily"))
    ec2.enable_ebs_encryption_by_default()


@step("ec2 instances eu-west-1")
def _():
    sub = lambda n: subnet_id(EU, n)  # noqa: E731
    web = _instance(EU, "acme-eu-web-1", sub("acme-eu-public-a"), ["web-sg", "ssh-open"], "t3.medium", "required",
                    profile=True, size=20)
    debug = _instance(EU, "eu-debug-box", sub("acme-eu-public-a"), ["everything-open"], "t3.small", "optional",
                      key="acme-eu-app", size=20)
    ftp = _instance(EU, "acme-legacy-ftp", sub("acme-eu-private-b"), ["web-sg"], "m1.small", "optional", ami=AMI_PV)
    ec2 = c("ec2", EU)
    ec2.stop_instances(InstanceIds=[ftp])
    eip = ec2.allocate_address(Domain="vpc", TagSpecifications=name_tag("elastic-ip", "acme-eu-api"))
    ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=debug)
    ec2.allocate_address(Domain="vpc", TagSpecifications=name_tag("elastic-ip", "acme-eu-old-vpn"))
    vol = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [web]}])["Volumes"][0]["VolumeId"]
    snap = ec2.create_snapshot(VolumeId=vol, Description="eu web image for partner",
                               TagSpecifications=name_tag("snapshot", "eu-web-share"))["SnapshotId"]
    ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission", OperationType="add",
                                  GroupNames=["all"])


@step("ec2 VPN connections and transit gateways")
def _():
    for region, name, bgp_ip, auto in [(US, "acme-office-hq", "192.0.2.21", "disable"),
                                       (EU, "acme-dublin-branch", "192.0.2.140", "enable")]:
        ec2 = c("ec2", region)
        cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp=bgp_ip, BgpAsn=65000)["CustomerGateway"]
        vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]
        ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"],
                                  VpnGatewayId=vgw["VpnGatewayId"], TagSpecifications=name_tag("vpn-connection", name))
        hub = "acme-us-hub" if region == US else "acme-eu-hub"
        ec2.create_transit_gateway(Description=hub, Options={"AmazonSideAsn": 64512, "AutoAcceptSharedAttachments": auto},
                                   TagSpecifications=name_tag("transit-gateway", hub))


# --------------------------------------------------------------------------------------------
# Logging and monitoring
# --------------------------------------------------------------------------------------------

@step("cloudtrail bucket")
def _():
    s3 = c("s3")
    s3.create_bucket(Bucket="acme-cloudtrail-logs")
    s3.put_bucket_policy(Bucket="acme-cloudtrail-logs", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::acme-cloudtrail-logs"},
            {"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::acme-cloudtrail-logs/AWSLogs/{ACCOUNT}/*"},
            # Server access logs of the other buckets (seed_data.py) are delivered here too.
            {"Sid": "S3ServerAccessLogsPolicy", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-cloudtrail-logs/*",
             "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}]}))
    s3.put_bucket_versioning(Bucket="acme-cloudtrail-logs", VersioningConfiguration={"Status": "Enabled"})
    pab = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    s3.put_public_access_block(Bucket="acme-cloudtrail-logs", PublicAccessBlockConfiguration=pab)
    s3.put_bucket_encryption(Bucket="acme-cloudtrail-logs", ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})


CIS_FILTERS = [  # name, metric, pattern, has an alarm
    ("CIS-UnauthorizedAPICalls", "UnauthorizedAPICalls",
     '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && '
     '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }', True),
    ("CIS-RootAccountUsage", "RootAccountUsage",
     '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', True),
    ("CIS-ConsoleSignInWithoutMfa", "ConsoleSignInWithoutMfa",
     '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
     '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }', True),
    ("CIS-IAMPolicyChanges", "IAMPolicyChanges",
     "{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || "
     "($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || "
     "($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || "
     "($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=SetDefaultPolicyVersion) || "
     "($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || "
     "($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy))}", True),
    # Security group changes are counted, but no alarm was ever made for the metric.
    ("CIS-SecurityGroupChanges", "SecurityGroupChanges",
     "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || "
     "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || "
     "($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }", False),
]


@step("sns alert topics")
def _():
    sns = c("sns")
    sns.create_topic(Name="acme-deploy-notifications")
    topic = sns.create_topic(Name="security-alerts")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="security@acme-analytics.example")


@step("logs, metric filters and alarms")
def _():
    logs, cw = c("logs"), c("cloudwatch")
    logs.create_log_group(logGroupName="aws-cloudtrail-logs-acme", kmsKeyId=key_arn(US, "acme-cloudtrail"))
    logs.put_retention_policy(logGroupName="aws-cloudtrail-logs-acme", retentionInDays=365)
    logs.create_log_group(logGroupName="/aws/lambda/acme-report-generator")
    topic = f"arn:aws:sns:{US}:{ACCOUNT}:security-alerts"
    for name, metric, pattern, alarm in CIS_FILTERS:
        logs.put_metric_filter(logGroupName="aws-cloudtrail-logs-acme", filterName=name, filterPattern=pattern,
                               metricTransformations=[{"metricName": metric, "metricNamespace": "CISBenchmark",
                                                       "metricValue": "1"}])
        if alarm:
            cw.put_metric_alarm(AlarmName=name, AlarmDescription=f"CIS AWS Foundations monitoring: {metric}",
                                MetricName=metric, Namespace="CISBenchmark", Statistic="Sum", Period=300,
                                EvaluationPeriods=1, DatapointsToAlarm=1, Threshold=1.0,
                                ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="notBreaching",
                                AlarmActions=[topic])
    # Two operational alarms: one notifies nobody (CloudWatch.15), one has its actions
    # deactivated (CloudWatch.17). Both are in overlay/core.json too (DescribeAlarms).
    cw.put_metric_alarm(AlarmName="acme-api-5xx-errors", AlarmDescription="5xx responses of the web tier",
                        MetricName="HTTPCode_Target_5XX_Count", Namespace="AWS/ApplicationELB", Statistic="Sum",
                        Period=300, EvaluationPeriods=1, Threshold=10.0,
                        ComparisonOperator="GreaterThanThreshold", TreatMissingData="notBreaching")
    cw.put_metric_alarm(AlarmName="acme-report-generator-errors", AlarmDescription="Errors of the report Lambda",
                        MetricName="Errors", Namespace="AWS/Lambda", Statistic="Sum",
                        Dimensions=[{"Name": "FunctionName", "Value": "acme-report-generator"}],
                        Period=300, EvaluationPeriods=1, Threshold=1.0,
                        ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="notBreaching",
                        ActionsEnabled=False, AlarmActions=[topic])
    c("logs", EU).create_log_group(logGroupName="/aws/rds/instance/acme-legacy-mysql/error")


@step("cloudtrail trails")
def _():
    ct = c("cloudtrail")
    ct.create_trail(Name="acme-org-trail", S3BucketName="acme-cloudtrail-logs", IsMultiRegionTrail=True,
                    IncludeGlobalServiceEvents=True, EnableLogFileValidation=True,
                    KmsKeyId=key_arn(US, "acme-cloudtrail"),
                    CloudWatchLogsLogGroupArn=f"arn:aws:logs:{US}:{ACCOUNT}:log-group:aws-cloudtrail-logs-acme:*",
                    CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/service-role/CloudTrailCloudWatchLogsRole")
    ct.put_event_selectors(TrailName="acme-org-trail", EventSelectors=[
        {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}])
    ct.start_logging(Name="acme-org-trail")
    # The data-event trail writes to the finance archive (configured by seed_data.py; creating
    # a bucket you own in us-east-1 again is a no-op).
    c("s3").create_bucket(Bucket="acme-finance-archive")
    ct.create_trail(Name="acme-data-events", S3BucketName="acme-finance-archive", IsMultiRegionTrail=True,
                    IncludeGlobalServiceEvents=True, EnableLogFileValidation=True)
    ct.put_event_selectors(TrailName="acme-data-events", AdvancedEventSelectors=[
        {"Name": "All S3 object events of regulated buckets", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::acme-data-lake/", "arn:aws:s3:::acme-finance-archive/"]}]},
        {"Name": "Partner upload writes", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            {"Field": "readOnly", "Equals": ["false"]},
            {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::acme-partner-uploads/"]}]}])
    ct.start_logging(Name="acme-data-events")
    # A single-region debugging trail in eu-west-1, stopped after a few days. Someone pointed it
    # at the legacy exports bucket, which is publicly readable (CloudTrail.6; the bucket is set
    # up by seed_data.py, creating it here first is a no-op there).
    c("s3").create_bucket(Bucket="acme-legacy-exports")
    eu = c("cloudtrail", EU)
    eu.create_trail(Name="acme-eu-debug-trail", S3BucketName="acme-legacy-exports", S3KeyPrefix="eu-debug",
                    IncludeGlobalServiceEvents=False, IsMultiRegionTrail=False, EnableLogFileValidation=False)
    eu.put_event_selectors(TrailName="acme-eu-debug-trail", EventSelectors=[
        {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True,
         "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::acme-public-website/"]}]}])
    eu.start_logging(Name="acme-eu-debug-trail")
    eu.stop_logging(Name="acme-eu-debug-trail")


@step("config recorder (us-east-1 only)")
def _():
    cfg = c("config")
    cfg.put_configuration_recorder(ConfigurationRecorder={
        "name": "default",
        "roleARN": f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
    cfg.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": "acme-cloudtrail-logs"})
    cfg.start_configuration_recorder(ConfigurationRecorderName="default")


@step("guardduty (us-east-1 only)")
def _():
    features = [{"Name": n, "Status": "ENABLED"} for n in (
        "CLOUD_TRAIL", "DNS_LOGS", "FLOW_LOGS", "S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION",
        "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS")]
    features.append({"Name": "RUNTIME_MONITORING", "Status": "ENABLED", "AdditionalConfiguration": [
        {"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}, {"Name": "ECS_FARGATE_AGENT_MANAGEMENT", "Status": "DISABLED"},
        {"Name": "EC2_AGENT_MANAGEMENT", "Status": "DISABLED"}]})
    c("guardduty").create_detector(Enable=True, FindingPublishingFrequency="SIX_HOURS", DataSources={
        "S3Logs": {"Enable": True}, "Kubernetes": {"AuditLogs": {"Enable": True}},
        "MalwareProtection": {"ScanEc2InstanceWithFindings": {"EbsVolumes": True}}}, Features=features)


@step("security hub (us-east-1 only)")
def _():
    c("securityhub").enable_security_hub(EnableDefaultStandards=True, ControlFindingGenerator="SECURITY_CONTROL")


@step("organizations")
def _():
    c("organizations").create_organization(FeatureSet="ALL")

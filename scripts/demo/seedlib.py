"""Shared helpers for the demo seed (seed.py and its seed_*.py parts)."""
import io
import json
import os
import sys
import zipfile

import boto3
from botocore.exceptions import BotoCoreError, ClientError

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



def function_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {'statusCode': 200}\n")
    return buf.getvalue()


def _by_name(region, kind, name):
    ec2 = c("ec2", region)
    if kind == "vpc":
        found = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"]
        return found[0]["VpcId"] if found else None
    found = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": [name]}])["Subnets"]
    return found[0]["SubnetId"] if found else None


def vpc_id(region, name):
    """The VPC tagged Name=`name` (seed_core.py makes them), else the default VPC (warned)."""
    found = _by_name(region, "vpc", name)
    if found:
        return found
    print(f"seed: warning: no VPC named {name} in {region}; using the default VPC", file=sys.stderr)
    return default_network(region)[0]


def subnet_id(region, name):
    """The subnet tagged Name=`name` (seed_core.py makes them), else a default subnet (warned)."""
    found = _by_name(region, "subnet", name)
    if found:
        return found
    print(f"seed: warning: no subnet named {name} in {region}; using a default subnet", file=sys.stderr)
    return default_network(region)[1][0]


def group_in(region, vpc, name):
    """The security group `name` of VPC `vpc` (an ID), else that VPC's default group (warned)."""
    ec2 = c("ec2", region)
    for n in (name, "default"):
        found = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [n]},
                                                      {"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"]
        if found:
            if n != name:
                print(f"seed: warning: no group {name} in {vpc}; using its default group", file=sys.stderr)
            return found[0]["GroupId"]
    raise KeyError(name)

#!/usr/bin/env python3
"""Generates a VPC estate for benchmarking `rampart net exposure`: 5,000 network interfaces
(one per running instance) and 50,000 rules (48,000 security group rules + 2,000 network ACL
entries), in one region, in the shapes the AWS CLI prints. Synthetic, deterministic (seeded).

usage: gen.py OUT.json [interfaces] [rules]"""
import json, random, sys

out = sys.argv[1]
N_ENI = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
N_RULES = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
R, ACCT = "us-east-1", "123456789012"
rnd = random.Random(7)

N_VPC, SUBNETS_PER_VPC, ACL_RULES = 10, 10, 20
n_subnets = N_VPC * SUBNETS_PER_VPC
acl_total = n_subnets * ACL_RULES
n_sg = 1000
sg_rules_each = max(1, (N_RULES - acl_total) // n_sg)
PUBLIC = ["0.0.0.0/0", "198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24"]

vpcs, subnets, rtbs, acls, sgs, reservations, enis = [], [], [], [], [], [], []
for v in range(N_VPC):
    vpc = f"vpc-{v:017x}"
    vpcs.append({"VpcId": vpc, "CidrBlock": f"10.{v}.0.0/16", "State": "available", "OwnerId": ACCT, "IsDefault": False})
    igw = f"igw-{v:017x}"
    rtbs.append({"RouteTableId": f"rtb-m{v:016x}", "VpcId": vpc, "OwnerId": ACCT, "PropagatingVgws": [],
                 "Routes": [{"DestinationCidrBlock": f"10.{v}.0.0/16", "GatewayId": "local", "State": "active"}],
                 "Associations": [{"Main": True, "RouteTableId": f"rtb-m{v:016x}"}]})
    for s in range(SUBNETS_PER_VPC):
        sid = f"subnet-{v:08x}{s:09x}"
        subnets.append({"SubnetId": sid, "VpcId": vpc, "CidrBlock": f"10.{v}.{s}.0/24", "State": "available",
                        "AvailabilityZone": "us-east-1a", "Ipv6CidrBlockAssociationSet": [], "OwnerId": ACCT})
        public = s % 2 == 0
        routes = [{"DestinationCidrBlock": f"10.{v}.0.0/16", "GatewayId": "local", "State": "active"},
                  {"DestinationCidrBlock": "172.16.0.0/12", "TransitGatewayId": "tgw-0123456789abcdef0", "State": "active"}]
        routes.append({"DestinationCidrBlock": "0.0.0.0/0", **({"GatewayId": igw} if public else {"NatGatewayId": f"nat-{v:017x}"}),
                       "State": "active"})
        rtbs.append({"RouteTableId": f"rtb-{v:08x}{s:09x}", "VpcId": vpc, "OwnerId": ACCT, "Routes": routes,
                     "PropagatingVgws": [], "Associations": [{"Main": False, "RouteTableId": f"rtb-{v:08x}{s:09x}", "SubnetId": sid}]})
        entries = []
        for k in range(ACL_RULES - 4):
            port = rnd.choice([22, 80, 443, 3389, 5432, 8080, 9000])
            entries.append({"RuleNumber": 10 + k * 10, "Egress": False, "Protocol": "6",
                            "RuleAction": rnd.choice(["allow", "allow", "deny"]),
                            "CidrBlock": rnd.choice(PUBLIC + [f"10.{v}.0.0/16"]), "PortRange": {"From": port, "To": port}})
        entries += [{"RuleNumber": 500, "Egress": False, "Protocol": "6", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0",
                     "PortRange": {"From": 1024, "To": 65535}},
                    {"RuleNumber": 32767, "Egress": False, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 100, "Egress": True, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 32767, "Egress": True, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"}]
        acls.append({"NetworkAclId": f"acl-{v:08x}{s:09x}", "VpcId": vpc, "OwnerId": ACCT, "IsDefault": False,
                     "Entries": entries, "Associations": [{"NetworkAclId": f"acl-{v:08x}{s:09x}", "SubnetId": sid}]})

for g in range(n_sg):
    v = g % N_VPC
    perms = []
    for k in range(sg_rules_each):
        kind = rnd.random()
        port = rnd.choice([22, 80, 443, 3389, 5432, 8080, 9000, 1000 + k])
        p = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [], "Ipv6Ranges": [],
             "PrefixListIds": [], "UserIdGroupPairs": []}
        if kind < 0.1:
            p["IpRanges"].append({"CidrIp": rnd.choice(PUBLIC)})
        elif kind < 0.6:
            p["IpRanges"].append({"CidrIp": f"10.{v}.{rnd.randrange(256)}.0/24"})
        else:
            p["UserIdGroupPairs"].append({"GroupId": f"sg-{(g + 1) % n_sg:017x}", "UserId": ACCT})
        perms.append(p)
    sgs.append({"GroupId": f"sg-{g:017x}", "GroupName": f"g{g}", "Description": "bench", "OwnerId": ACCT,
                "VpcId": f"vpc-{v:017x}", "IpPermissions": perms, "IpPermissionsEgress": []})

for i in range(N_ENI):
    v = i % N_VPC
    s = (i // N_VPC) % SUBNETS_PER_VPC
    sid = f"subnet-{v:08x}{s:09x}"
    groups = [{"GroupId": f"sg-{(v + N_VPC * rnd.randrange(n_sg // N_VPC)):017x}", "GroupName": "g"} for _ in range(2)]
    ip = f"10.{v}.{s}.{10 + (i // n_subnets) % 240}"
    iid, eid = f"i-{i:017x}", f"eni-{i:017x}"
    pub = f"{rnd.choice(['198.51.100', '203.0.113'])}.{i % 250}" if s % 2 == 0 else None
    assoc = {"Association": {"IpOwnerId": "amazon", "PublicIp": pub}} if pub else {}
    reservations.append({"ReservationId": f"r-{i:017x}", "OwnerId": ACCT, "Instances": [{
        "InstanceId": iid, "State": {"Code": 16, "Name": "running" if i % 10 else "stopped"}, "SubnetId": sid,
        "VpcId": f"vpc-{v:017x}", "PrivateIpAddress": ip, "SecurityGroups": groups,
        "NetworkInterfaces": [{"NetworkInterfaceId": eid, "SubnetId": sid, "VpcId": f"vpc-{v:017x}", "Groups": groups,
                               "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": ip, **assoc}], **assoc}]}]})
    enis.append({"NetworkInterfaceId": eid, "InterfaceType": "interface", "Status": "in-use", "Description": "",
                 "SubnetId": sid, "VpcId": f"vpc-{v:017x}", "OwnerId": ACCT, "PrivateIpAddress": ip, "Groups": groups,
                 "Attachment": {"DeviceIndex": 0, "InstanceId": iid, "Status": "attached"}, "Ipv6Addresses": [],
                 "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": ip, **assoc}], "TagSet": [], **assoc})


def call(op, resp, service="ec2"):
    return {"service": service, "operation": op, "region": R, "params": {}, "response": resp}


snap = {"rampart_snapshot": 1, "account_id": ACCT, "partition": "aws", "collected_at": "2026-11-20T09:00:00Z",
        "regions": [R], "calls": [
            call("DescribeVpcs", {"Vpcs": vpcs}), call("DescribeSubnets", {"Subnets": subnets}),
            call("DescribeRouteTables", {"RouteTables": rtbs}), call("DescribeNetworkAcls", {"NetworkAcls": acls}),
            call("DescribeSecurityGroups", {"SecurityGroups": sgs}), call("DescribeInstances", {"Reservations": reservations}),
            call("DescribeNetworkInterfaces", {"NetworkInterfaces": enis}),
            call("DescribeDBInstances", {"DBInstances": []}, "rds"),
            call("DescribeLoadBalancers", {"LoadBalancers": []}, "elbv2"),
            call("DescribeTargetGroups", {"TargetGroups": []}, "elbv2"),
            call("DescribeLoadBalancers", {"LoadBalancerDescriptions": []}, "elb")]}
with open(out, "w") as f:
    json.dump(snap, f)
n_rules = sum(len(g["IpPermissions"]) for g in sgs) + sum(len(a["Entries"]) for a in acls)
print(f"{out}: {len(enis)} interfaces, {n_rules} rules ({sum(len(g['IpPermissions']) for g in sgs)} security group, "
      f"{sum(len(a['Entries']) for a in acls)} network ACL)", file=sys.stderr)

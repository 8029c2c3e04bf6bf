//! VPCs use an interface endpoint for the Amazon EC2 API.
//!
//! ## What it checks
//! EC2.10: every VPC in every covered region (`ec2 DescribeVpcs`) must have an interface VPC
//! endpoint for the EC2 service (`com.amazonaws.<region>.ec2`, `ec2 DescribeVpcEndpoints`)
//! that is not being deleted or failed. A region whose VPCs could not be listed is UNKNOWN;
//! when only its endpoints could not be listed, each of its VPCs is UNKNOWN.
//!
//! ## Why it matters
//! Without the endpoint, calls to the EC2 API from inside the VPC leave through an internet or
//! NAT gateway; with it they stay on the AWS network, and the endpoint policy can limit what
//! they may do.
//!
//! ## Remediation
//! ```sh
//! aws ec2 create-vpc-endpoint --vpc-id vpc-0123456789abcdef0 --vpc-endpoint-type Interface \
//!   --service-name com.amazonaws.us-east-1.ec2 --subnet-ids subnet-0123456789abcdef0 \
//!   --security-group-ids sg-0123456789abcdef0 --private-dns-enabled
//! ```
//! Terraform: an `aws_vpc_endpoint` with `vpc_endpoint_type = "Interface"` and
//! `service_name = "com.amazonaws.${region}.ec2"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interface-vpc-endpoint.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-10

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.vpc_endpoint_ec2",
    title: "VPCs use an interface endpoint for the Amazon EC2 API",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Vpc,
    compliance: &[fsbp("EC2.10")],
    related: &[
        "ec2.vpc_endpoint_ecr_api",
        "ec2.vpc_endpoint_ecr_dkr",
        "ec2.vpc_endpoint_ssm",
    ],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    vpc_endpoint_check(cx, out, "ec2", "the Amazon EC2 API");
}

/// Endpoint states that do not serve traffic.
const DEAD_STATES: &[&str] = &["deleting", "deleted", "failed", "rejected", "expired"];

/// One finding per VPC: PASS when it has a live interface endpoint for service `suffix`
/// (`com.amazonaws.<region>.<suffix>`, in any partition's naming), FAIL when not.
pub(crate) fn vpc_endpoint_check(cx: &Context<'_>, out: &mut Outcomes, suffix: &str, what: &str) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.vpcs,
        "which VPCs exist here",
        |out, vpc| {
            let res = cx.resource(
                ResourceType::Ec2Vpc,
                &vpc.vpc_id,
                Some(vpc.arn(&inv.partition, &inv.account_id)),
                Some(&vpc.region),
            );
            let endpoints = match inv.ec2.vpc_endpoints.get(&vpc.region) {
                Ok(e) => e,
                Err(g) => {
                    out.unknown(
                        res,
                        &format!("whether VPC `{}` has an endpoint for {what}", vpc.vpc_id),
                        &g,
                    );
                    return;
                }
            };
            let service = format!("{}.{suffix}", vpc.region);
            let found = endpoints.iter().find(|e| {
                e.vpc_id.as_deref() == Some(vpc.vpc_id.as_str())
                    && e.vpc_endpoint_type
                        .as_deref()
                        .is_some_and(|t| t.eq_ignore_ascii_case("Interface"))
                    && e.service_name.as_deref().is_some_and(|s| {
                        s.strip_suffix(service.as_str())
                            .is_some_and(|head| head.ends_with("amazonaws."))
                    })
                    && !e
                        .state
                        .as_deref()
                        .is_some_and(|s| DEAD_STATES.iter().any(|d| s.eq_ignore_ascii_case(d)))
            });
            let wanted = format!("com.amazonaws.{service}");
            match found {
                Some(e) => out.pass(
                    res,
                    format!(
                        "VPC `{}` has interface endpoint `{}` for {what}",
                        vpc.vpc_id, e.vpc_endpoint_id
                    ),
                    json!({"service_name": e.service_name, "vpc_endpoint_id": e.vpc_endpoint_id,
                       "state": e.state}),
                ),
                None => out.fail(
                    res,
                    format!(
                        "VPC `{}` has no interface endpoint for {what} (`{wanted}`)",
                        vpc.vpc_id
                    ),
                    json!({"service_name": wanted,
                       "endpoints_in_vpc": endpoints.iter()
                           .filter(|e| e.vpc_id.as_deref() == Some(vpc.vpc_id.as_str()))
                           .map(|e| json!({"id": e.vpc_endpoint_id, "service_name": e.service_name,
                                           "type": e.vpc_endpoint_type}))
                           .collect::<Vec<_>>()}),
                ),
            }
        },
    );
}

/// Test fixture: two VPCs in us-east-1 (`vpc-with` has the endpoints named, `vpc-without` a
/// gateway endpoint only) and an eu-west-1 VPC whose endpoints could not be listed; asserts the
/// check's PASS / FAIL / UNKNOWN.
#[cfg(test)]
pub(crate) fn assert_vpc_endpoint_behaviour(check: &Check, suffix: &str) {
    use crate::finding::Status;
    use crate::support::testing::*;
    let vpc = |id: &str, region: &str| {
        json!({"CidrBlock": "10.0.0.0/16", "DhcpOptionsId": "dopt-1", "State": "available", "VpcId": id,
               "OwnerId": ACCOUNT, "InstanceTenancy": "default", "IsDefault": false,
               "CidrBlockAssociationSet": [{"AssociationId": format!("vpc-cidr-assoc-{id}"),
                   "CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}}],
               "Tags": [], "Region": region})
    };
    let endpoint = |id: &str, vpc: &str, service: &str, kind: &str, state: &str| {
        json!({"VpcEndpointId": id, "VpcEndpointType": kind, "VpcId": vpc, "ServiceName": service,
               "State": state, "PolicyDocument": "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
               "RouteTableIds": [], "SubnetIds": ["subnet-1"], "Groups": [{"GroupId": "sg-1", "GroupName": "endpoints"}],
               "IpAddressType": "ipv4", "DnsOptions": {"DnsRecordIpType": "ipv4"}, "PrivateDnsEnabled": true,
               "RequesterManaged": false, "NetworkInterfaceIds": ["eni-0e1"],
               "CreationTimestamp": "2026-01-10T12:00:00+00:00", "Tags": [], "OwnerId": ACCOUNT})
    };
    let svc = format!("com.amazonaws.us-east-1.{suffix}");
    let inv = inventory_in(
        &["us-east-1", "eu-west-1"],
        vec![
            ec2_list(
                "DescribeVpcs",
                "us-east-1",
                "Vpcs",
                vec![
                    vpc("vpc-with", "us-east-1"),
                    vpc("vpc-without", "us-east-1"),
                    vpc("vpc-deleting", "us-east-1"),
                ],
            ),
            ec2_list(
                "DescribeVpcEndpoints",
                "us-east-1",
                "VpcEndpoints",
                vec![
                    endpoint("vpce-good", "vpc-with", &svc, "Interface", "available"),
                    endpoint(
                        "vpce-s3",
                        "vpc-without",
                        "com.amazonaws.us-east-1.s3",
                        "Gateway",
                        "available",
                    ),
                    endpoint(
                        "vpce-other-region",
                        "vpc-without",
                        &format!("com.amazonaws.us-west-2.{suffix}"),
                        "Interface",
                        "available",
                    ),
                    endpoint("vpce-gone", "vpc-deleting", &svc, "Interface", "deleting"),
                ],
            ),
            ec2_list(
                "DescribeVpcs",
                "eu-west-1",
                "Vpcs",
                vec![vpc("vpc-eu", "eu-west-1")],
            ),
            error(
                "ec2",
                "DescribeVpcEndpoints",
                Some("eu-west-1"),
                json!({}),
                "UnauthorizedOperation",
            ),
        ],
    );
    let o = outcomes(check, &inv);
    assert_eq!(
        statuses(&o),
        vec![
            ("vpc-eu".to_string(), Status::Unknown),
            ("vpc-with".to_string(), Status::Pass),
            ("vpc-without".to_string(), Status::Fail),
            ("vpc-deleting".to_string(), Status::Fail),
        ]
    );
    assert!(o[1].message.contains("vpce-good"), "{}", o[1].message);
    assert!(o[2].message.contains(&svc), "{}", o[2].message);
    assert_eq!(
        o[2].resource.arn.as_deref(),
        Some("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-without")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_fail_unknown() {
        assert_vpc_endpoint_behaviour(&CHECK, "ec2");
    }
}

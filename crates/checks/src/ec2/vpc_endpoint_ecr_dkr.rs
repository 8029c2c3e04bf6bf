//! VPCs use an interface endpoint for the ECR Docker Registry API.
//!
//! ## What it checks
//! EC2.56: every VPC in every covered region (`ec2 DescribeVpcs`) must have an interface VPC
//! endpoint for the Docker Registry API of Amazon ECR (`com.amazonaws.<region>.ecr.dkr`, `ec2 DescribeVpcEndpoints`) that is
//! not being deleted or failed. A region whose VPCs could not be listed is UNKNOWN; when only
//! its endpoints could not be listed, each of its VPCs is UNKNOWN.
//!
//! ## Why it matters
//! Without the endpoint, image pulls and pushes from the VPC go through an internet or NAT
//! gateway; with it they stay on the AWS network and the endpoint policy can limit which
//! repositories may be used.
//!
//! ## Remediation
//! ```sh
//! aws ec2 create-vpc-endpoint --vpc-id vpc-0123456789abcdef0 --vpc-endpoint-type Interface \
//!   --service-name com.amazonaws.us-east-1.ecr.dkr --subnet-ids subnet-0123456789abcdef0 \
//!   --security-group-ids sg-0123456789abcdef0 --private-dns-enabled
//! ```
//! Terraform: an `aws_vpc_endpoint` with `vpc_endpoint_type = "Interface"` and
//! `service_name = "com.amazonaws.${region}.ecr.dkr"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-56

use super::vpc_endpoint_ec2::vpc_endpoint_check;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.vpc_endpoint_ecr_dkr",
    title: "VPCs use an interface endpoint for the ECR Docker Registry API",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Vpc,
    compliance: &[fsbp("EC2.56")],
    related: &["ec2.vpc_endpoint_ecr_api"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    vpc_endpoint_check(cx, out, "ecr.dkr", "the Docker Registry API of Amazon ECR");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_fail_unknown() {
        super::super::vpc_endpoint_ec2::assert_vpc_endpoint_behaviour(&CHECK, "ecr.dkr");
    }
}

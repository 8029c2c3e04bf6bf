//! VPCs use an interface endpoint for AWS Systems Manager.
//!
//! ## What it checks
//! EC2.57: every VPC in every covered region (`ec2 DescribeVpcs`) must have an interface VPC
//! endpoint for AWS Systems Manager (`com.amazonaws.<region>.ssm`, `ec2 DescribeVpcEndpoints`) that is
//! not being deleted or failed. A region whose VPCs could not be listed is UNKNOWN; when only
//! its endpoints could not be listed, each of its VPCs is UNKNOWN.
//!
//! ## Why it matters
//! Without the endpoint, the SSM Agent on private instances needs a route to the internet to be
//! managed and patched; with it, Systems Manager traffic stays on the AWS network and the
//! endpoint policy can limit it.
//!
//! ## Remediation
//! ```sh
//! aws ec2 create-vpc-endpoint --vpc-id vpc-0123456789abcdef0 --vpc-endpoint-type Interface \
//!   --service-name com.amazonaws.us-east-1.ssm --subnet-ids subnet-0123456789abcdef0 \
//!   --security-group-ids sg-0123456789abcdef0 --private-dns-enabled
//! ```
//! Terraform: an `aws_vpc_endpoint` with `vpc_endpoint_type = "Interface"` and
//! `service_name = "com.amazonaws.${region}.ssm"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-57

use super::vpc_endpoint_ec2::vpc_endpoint_check;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.vpc_endpoint_ssm",
    title: "VPCs use an interface endpoint for AWS Systems Manager",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Vpc,
    compliance: &[fsbp("EC2.57")],
    related: &["ec2.vpc_endpoint_ec2"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    vpc_endpoint_check(cx, out, "ssm", "AWS Systems Manager");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_fail_unknown() {
        super::super::vpc_endpoint_ec2::assert_vpc_endpoint_behaviour(&CHECK, "ssm");
    }
}

//! VPCs use an interface endpoint for Systems Manager Incident Manager Contacts.
//!
//! ## What it checks
//! EC2.58: every VPC in every covered region (`ec2 DescribeVpcs`) must have an interface VPC
//! endpoint for Systems Manager Incident Manager Contacts
//! (`com.amazonaws.<region>.ssm-contacts`, `ec2 DescribeVpcEndpoints`) that is not being
//! deleted or failed. A region whose VPCs could not be listed is UNKNOWN; when only its
//! endpoints could not be listed, each of its VPCs is UNKNOWN.
//!
//! ## Why it matters
//! Without the endpoint, engagement and paging calls to Incident Manager Contacts from inside
//! the VPC need a route to the internet; with it they stay on the AWS network, and the endpoint
//! policy can limit them.
//!
//! ## Remediation
//! ```sh
//! aws ec2 create-vpc-endpoint --vpc-id vpc-0123456789abcdef0 --vpc-endpoint-type Interface \
//!   --service-name com.amazonaws.us-east-1.ssm-contacts --subnet-ids subnet-0123456789abcdef0 \
//!   --security-group-ids sg-0123456789abcdef0 --private-dns-enabled
//! ```
//! Terraform: an `aws_vpc_endpoint` with `vpc_endpoint_type = "Interface"` and
//! `service_name = "com.amazonaws.${region}.ssm-contacts"`.
//!
//! ## References
//! - https://docs.aws.amazon.com/incident-manager/latest/userguide/vpc-interface-endpoints.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-58

use super::vpc_endpoint_ec2::vpc_endpoint_check;
use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.vpc_endpoint_ssm_contacts",
    title: "VPCs use an interface endpoint for Systems Manager Incident Manager Contacts",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Vpc,
    compliance: &[fsbp("EC2.58")],
    related: &["ec2.vpc_endpoint_ssm"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    vpc_endpoint_check(
        cx,
        out,
        "ssm-contacts",
        "Systems Manager Incident Manager Contacts",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_fail_unknown() {
        super::super::vpc_endpoint_ec2::assert_vpc_endpoint_behaviour(&CHECK, "ssm-contacts");
    }
}

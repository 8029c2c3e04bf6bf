//! Security groups do not allow the internet to reach port 3389.
//!
//! ## What it checks
//! EC2.14: no ingress rule lets `0.0.0.0/0` or `::/0` reach TCP 3389.
//! One finding per security group, in every region; a group whose rules open every protocol and
//! port to the internet fails (it is never skipped as "not checked"). Narrower sources pass:
//! the benchmark is about the whole internet. `rampart net exposure` tells which of these
//! groups actually expose a reachable resource.
//!
//! ## Why it matters
//! Ports open to the internet are scanned within minutes of being opened; administration and
//! database services behind them are the usual way in.
//!
//! ## Remediation
//! ```sh
//! aws ec2 revoke-security-group-ingress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=0.0.0.0/0}]'
//! aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=203.0.113.0/24,Description=office}]'
//! ```
//! Prefer AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint over open
//! administration ports. Terraform: narrow the `cidr_blocks` / `ipv6_cidr_blocks` of the
//! `aws_vpc_security_group_ingress_rule`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14

use crate::prelude::*;
use crate::support::sg::{Family, run_port_check};

pub static CHECK: Check = Check {
    id: "ec2.sg_rdp_open",
    title: "Security groups do not allow the internet to reach port 3389",
    severity: Severity::High,
    resource_type: ResourceType::Ec2SecurityGroup,
    compliance: &[fsbp("EC2.14")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    run_port_check(
        cx,
        out,
        &[3389],
        &[Family::V4, Family::V6],
        false,
        "port 3389 (RDP)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        sg_port_check_behaviour(&CHECK, 3389, "::/0");
    }
}

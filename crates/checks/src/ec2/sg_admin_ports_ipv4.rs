//! Security groups do not allow 0.0.0.0/0 to remote administration ports.
//!
//! ## What it checks
//! CIS 5.3 / EC2.53: no ingress rule lets `0.0.0.0/0` reach TCP 22 or 3389, counting rules on all protocols (`-1`) and port ranges that include them.
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
//!   --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'
//! aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=203.0.113.0/24,Description=office}]'
//! ```
//! Prefer AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint over open
//! administration ports. Terraform: narrow the `cidr_blocks` / `ipv6_cidr_blocks` of the
//! `aws_vpc_security_group_ingress_rule`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-53

use crate::prelude::*;
use crate::support::sg::{Family, run_port_check};

pub static CHECK: Check = Check {
    id: "ec2.sg_admin_ports_ipv4",
    title: "Security groups do not allow 0.0.0.0/0 to remote administration ports",
    severity: Severity::High,
    resource_type: ResourceType::Ec2SecurityGroup,
    compliance: &[cis("5.3"), fsbp("EC2.53")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    run_port_check(
        cx,
        out,
        &[22, 3389],
        &[Family::V4],
        false,
        "remote administration ports (22, 3389)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        sg_port_check_behaviour(&CHECK, 22, "0.0.0.0/0");
    }
}

//! Security groups do not allow the internet to reach CIFS (port 445).
//!
//! ## What it checks
//! CIS 5.1.2: no ingress rule lets `0.0.0.0/0` or `::/0` reach TCP 445 (CIFS/SMB) — the benchmark asks that CIFS be restricted to trusted networks.
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
//!   --ip-permissions 'IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]'
//! aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 \
//!   --ip-permissions 'IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=203.0.113.0/24,Description=office}]'
//! ```
//! Prefer AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint over open
//! administration ports. Terraform: narrow the `cidr_blocks` / `ipv6_cidr_blocks` of the
//! `aws_vpc_security_group_ingress_rule`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html

use crate::prelude::*;
use crate::support::sg::{Family, run_port_check};

pub static CHECK: Check = Check {
    id: "ec2.sg_cifs_open",
    title: "Security groups do not allow the internet to reach CIFS (port 445)",
    severity: Severity::High,
    resource_type: ResourceType::Ec2SecurityGroup,
    compliance: &[cis("5.1.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    run_port_check(
        cx,
        out,
        &[445],
        &[Family::V4, Family::V6],
        false,
        "CIFS (port 445)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        sg_port_check_behaviour(&CHECK, 445, "0.0.0.0/0");
    }
}

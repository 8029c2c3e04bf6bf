//! Classic Load Balancers span at least two Availability Zones.
//!
//! ## What it checks
//! Every Classic Load Balancer in every covered region (`elb DescribeLoadBalancers`
//! `AvailabilityZones`) must be in at least two Availability Zones. A region whose load
//! balancers could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! A load balancer in one zone goes down with that zone.
//!
//! ## Remediation
//! ```sh
//! aws elb enable-availability-zones-for-load-balancer --load-balancer-name legacy --availability-zones us-east-1b
//! aws elb attach-load-balancer-to-subnets --load-balancer-name legacy --subnets subnet-0e5f6a7b
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-az.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-10

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_multi_az",
    title: "Classic Load Balancers span multiple Availability Zones",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.10")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.elb.load_balancers,
        "which Classic Load Balancers exist",
        |out, lb| {
            let res = cx.resource(
                ResourceType::ElbLoadBalancer,
                &lb.load_balancer_name,
                Some(lb.arn(&inv.partition, &inv.account_id)),
                Some(&lb.region),
            );
            let name = format!("Classic Load Balancer `{}`", lb.load_balancer_name);
            let ev = json!({"AvailabilityZones": lb.availability_zones});
            if lb.availability_zones.len() >= 2 {
                out.pass(
                    res,
                    format!(
                        "{name} spans {} Availability Zones",
                        lb.availability_zones.len()
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "{name} is in {} Availability Zone(s)",
                        lb.availability_zones.len()
                    ),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn one_zone_fails_two_pass() {
        let one = json!({"AvailabilityZones": ["us-east-1a"], "Subnets": ["subnet-0a"]});
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(elb_classic(one, vec![])))),
            Status::Fail
        );
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elb_classic(json!({}), vec![]))
            )),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_list_denied() {
        let inv = inventory(vec![error(
            "elb",
            "DescribeLoadBalancers",
            Some("us-east-1"),
            json!({}),
            "AccessDenied",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

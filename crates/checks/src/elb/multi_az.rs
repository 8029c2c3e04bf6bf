//! Application, Network and Gateway Load Balancers span at least two Availability Zones.
//!
//! ## What it checks
//! Every ELBv2 load balancer in every covered region (`elbv2 DescribeLoadBalancers`
//! `AvailabilityZones`) must have nodes in at least two Availability Zones. A region whose load
//! balancers could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! A load balancer in one zone goes down with that zone, taking every target with it.
//!
//! ## Remediation
//! ```sh
//! aws elbv2 set-subnets --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188 \
//!   --subnets subnet-0a1b2c3d subnet-0e5f6a7b
//! ```
//! Terraform: two or more `subnets` on `aws_lb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.multi_az",
    title: "Application, Network and Gateway Load Balancers span multiple Availability Zones",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.13")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.elbv2.load_balancers,
        "which load balancers exist",
        |out, lb| {
            let res = cx.resource(
                ResourceType::ElbV2LoadBalancer,
                &lb.load_balancer_name,
                Some(lb.load_balancer_arn.clone()),
                Some(&lb.region),
            );
            let name = format!("load balancer `{}`", lb.load_balancer_name);
            let zones: Vec<&str> = lb
                .availability_zones
                .iter()
                .filter_map(|z| z.zone_name.as_deref())
                .collect();
            let ev = json!({"AvailabilityZones": zones});
            if zones.len() >= 2 {
                out.pass(
                    res,
                    format!("{name} spans {} Availability Zones", zones.len()),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("{name} is in {} Availability Zone(s)", zones.len()),
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
        let one =
            json!({"AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-0a"}]});
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(one, json!([]), None))
            )),
            Status::Fail
        );
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(json!({}), json!([]), None))
            )),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_list_denied() {
        let inv = inventory(vec![error(
            "elbv2",
            "DescribeLoadBalancers",
            Some("us-east-1"),
            json!({}),
            "AccessDenied",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

//! Classic Load Balancers have cross-zone load balancing enabled.
//!
//! ## What it checks
//! Every Classic Load Balancer in every covered region (`elb DescribeLoadBalancerAttributes`):
//! `CrossZoneLoadBalancing.Enabled` must be true. A load balancer whose attributes could not be
//! read is UNKNOWN.
//!
//! ## Why it matters
//! Without it, each load balancer node sends traffic only to instances in its own zone: an
//! uneven spread of instances overloads some and weakens resilience to a zone failure.
//!
//! ## Remediation
//! ```sh
//! aws elb modify-load-balancer-attributes --load-balancer-name legacy \
//!   --load-balancer-attributes '{"CrossZoneLoadBalancing":{"Enabled":true}}'
//! ```
//! Terraform: `cross_zone_load_balancing = true` on `aws_elb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-9

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_cross_zone",
    title: "Classic Load Balancers have cross-zone load balancing enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.9")],
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
            let a = match &lb.attributes {
                Ok(a) => a,
                Err(g) => return out.unknown(res, "whether cross-zone load balancing is on", g),
            };
            let on = a
                .cross_zone_load_balancing
                .as_ref()
                .is_some_and(|c| c.enabled);
            let ev = json!({"CrossZoneLoadBalancing": {"Enabled": on}});
            if on {
                out.pass(res, format!("{name} balances across zones"), ev);
            } else {
                out.fail(res, format!("{name} has cross-zone load balancing off"), ev);
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
    fn cross_zone_off_fails_on_passes() {
        let off = elb_cattrs(json!({"CrossZoneLoadBalancing": {"Enabled": false}}));
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elb_classic(json!({}), vec![off]))
            )),
            Status::Fail
        );
        let on = elb_cattrs(json!({"CrossZoneLoadBalancing": {"Enabled": true}}));
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elb_classic(json!({}), vec![on]))
            )),
            Status::Pass
        );
    }

    #[test]
    fn unknown_without_attributes() {
        let o = outcomes(&CHECK, &inventory(elb_classic(json!({}), vec![])));
        assert_eq!(only(&o), Status::Unknown);
    }
}

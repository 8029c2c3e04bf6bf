//! Classic Load Balancers have connection draining enabled.
//!
//! ## What it checks
//! Every Classic Load Balancer in every covered region (`elb DescribeLoadBalancerAttributes`):
//! `ConnectionDraining.Enabled` must be true. A load balancer whose attributes could not be read
//! is UNKNOWN.
//!
//! ## Why it matters
//! Without draining, in-flight requests are cut when an instance is deregistered or fails its
//! health check, which breaks deployments and scaling events for users.
//!
//! ## Remediation
//! ```sh
//! aws elb modify-load-balancer-attributes --load-balancer-name legacy \
//!   --load-balancer-attributes '{"ConnectionDraining":{"Enabled":true,"Timeout":300}}'
//! ```
//! Terraform: `connection_draining = true` on `aws_elb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-conn-drain.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-7

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_connection_draining",
    title: "Classic Load Balancers have connection draining enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.7")],
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
                Err(g) => return out.unknown(res, "whether connection draining is on", g),
            };
            let d = a.connection_draining.clone().unwrap_or_default();
            let ev = json!({"ConnectionDraining": {"Enabled": d.enabled, "Timeout": d.timeout}});
            if d.enabled {
                out.pass(res, format!("{name} drains connections"), ev);
            } else {
                out.fail(res, format!("{name} has connection draining off"), ev);
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
    fn draining_off_fails_on_passes() {
        let off = elb_cattrs(json!({"ConnectionDraining": {"Enabled": false, "Timeout": 300}}));
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elb_classic(json!({}), vec![off]))
            )),
            Status::Fail
        );
        let on = elb_cattrs(json!({"ConnectionDraining": {"Enabled": true, "Timeout": 300}}));
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

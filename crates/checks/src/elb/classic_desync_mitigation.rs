//! Classic Load Balancers use the defensive or strictest desync mitigation mode.
//!
//! ## What it checks
//! Every Classic Load Balancer in every covered region (`elb DescribeLoadBalancerAttributes`):
//! the additional attribute `elb.http.desyncmitigationmode` must be `defensive` or `strictest`
//! (`monitor` fails; an absent attribute means the AWS default, `defensive`). A load balancer
//! whose attributes could not be read is UNKNOWN.
//!
//! ## Why it matters
//! In `monitor` mode ambiguous requests are forwarded, letting an attacker smuggle requests past
//! the load balancer (HTTP desync).
//!
//! ## Remediation
//! ```sh
//! aws elb modify-load-balancer-attributes --load-balancer-name legacy \
//!   --load-balancer-attributes '{"AdditionalAttributes":[{"Key":"elb.http.desyncmitigationmode","Value":"defensive"}]}'
//! ```
//! Terraform: `desync_mitigation_mode = "defensive"` on `aws_elb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-desync-mitigation-mode.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-14

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_desync_mitigation",
    title: "Classic Load Balancers use defensive or strictest desync mitigation",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.14")],
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
                Err(g) => return out.unknown(res, "which desync mitigation mode is set", g),
            };
            let mode = a
                .additional("elb.http.desyncmitigationmode")
                .unwrap_or("defensive");
            let ev = json!({"elb.http.desyncmitigationmode": mode});
            if mode == "defensive" || mode == "strictest" {
                out.pass(
                    res,
                    format!("{name} uses desync mitigation mode `{mode}`"),
                    ev,
                );
            } else {
                out.fail(res, format!("{name} uses desync mitigation mode `{mode}`, which forwards ambiguous requests"), ev);
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
    fn monitor_fails_defensive_passes() {
        let m = |v: &str| {
            elb_cattrs(
                json!({"AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": v}]}),
            )
        };
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elb_classic(json!({}), vec![m("monitor")]))
            )),
            Status::Fail
        );
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elb_classic(json!({}), vec![m("strictest")]))
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

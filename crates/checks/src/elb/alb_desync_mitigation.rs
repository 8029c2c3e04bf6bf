//! Application Load Balancers use the defensive or strictest desync mitigation mode.
//!
//! ## What it checks
//! Every Application Load Balancer in every covered region (`elbv2
//! DescribeLoadBalancerAttributes`): `routing.http.desync_mitigation_mode` must be `defensive`
//! or `strictest` (`monitor` fails; an absent attribute means the AWS default, `defensive`). A
//! load balancer whose attributes could not be read is UNKNOWN.
//!
//! ## Why it matters
//! In `monitor` mode the load balancer forwards ambiguous requests that let an attacker smuggle a
//! second request past it (HTTP desync), poisoning caches or hijacking other users' requests.
//!
//! ## Remediation
//! ```sh
//! aws elbv2 modify-load-balancer-attributes --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188 \
//!   --attributes Key=routing.http.desync_mitigation_mode,Value=defensive
//! ```
//! Terraform: `desync_mitigation_mode = "defensive"` on `aws_lb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.alb_desync_mitigation",
    title: "Application Load Balancers use defensive or strictest desync mitigation",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.12")],
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
            if lb.kind() != "application" {
                return;
            }
            let res = cx.resource(
                ResourceType::ElbV2LoadBalancer,
                &lb.load_balancer_name,
                Some(lb.load_balancer_arn.clone()),
                Some(&lb.region),
            );
            let name = format!("load balancer `{}`", lb.load_balancer_name);
            let v = match lb.attribute("routing.http.desync_mitigation_mode") {
                Ok(v) => v,
                Err(g) => return out.unknown(res, "which desync mitigation mode is set", &g),
            };
            let v = v.unwrap_or("defensive");
            let ev = json!({"routing.http.desync_mitigation_mode": v});
            if v == "defensive" || v == "strictest" {
                out.pass(res, format!("{name} uses desync mitigation mode `{v}`"), ev);
            } else {
                out.fail(res, format!("{name} uses desync mitigation mode `{v}`, which forwards ambiguous requests"), ev);
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
    fn fails() {
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(
                    json!({}),
                    json!([]),
                    Some(elbv2_attrs(&[(
                        "routing.http.desync_mitigation_mode",
                        "monitor"
                    )]))
                ))
            )),
            Status::Fail
        );
    }

    #[test]
    fn passes() {
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(
                    json!({}),
                    json!([]),
                    Some(elbv2_attrs(&[(
                        "routing.http.desync_mitigation_mode",
                        "strictest"
                    )]))
                ))
            )),
            Status::Pass
        );
    }

    #[test]
    fn unknown_without_attributes() {
        let o = outcomes(&CHECK, &inventory(elbv2_lb(json!({}), json!([]), None)));
        assert_eq!(only(&o), Status::Unknown);
        assert!(o[0].message.contains("DescribeLoadBalancerAttributes"));
    }
}

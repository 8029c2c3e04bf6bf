//! Application, Network and Gateway Load Balancers have deletion protection enabled.
//!
//! ## What it checks
//! Every ELBv2 load balancer (application, network, gateway) in every covered region (`elbv2
//! DescribeLoadBalancerAttributes`): `deletion_protection.enabled` must be `true`. A load
//! balancer whose attributes could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Without it, one mistaken or malicious API call deletes the load balancer and takes the
//! application offline; its DNS name cannot be recovered.
//!
//! ## Remediation
//! ```sh
//! aws elbv2 modify-load-balancer-attributes --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188 \
//!   --attributes Key=deletion_protection.enabled,Value=true
//! ```
//! Terraform: `enable_deletion_protection = true` on `aws_lb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.deletion_protection",
    title: "Application, Network and Gateway Load Balancers have deletion protection enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.6")],
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
            let v = match lb.attribute("deletion_protection.enabled") {
                Ok(v) => v,
                Err(g) => return out.unknown(res, "whether deletion protection is on", &g),
            };
            let v = v.unwrap_or("false");
            let ev = json!({"deletion_protection.enabled": v});
            if v == "true" {
                out.pass(res, format!("{name} has deletion protection on"), ev);
            } else {
                out.fail(
                    res,
                    format!("{name} can be deleted without first turning off deletion protection"),
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
    fn fails() {
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(json!({}), json!([]), Some(elbv2_attrs(&[]))))
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
                    Some(elbv2_attrs(&[("deletion_protection.enabled", "true")]))
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

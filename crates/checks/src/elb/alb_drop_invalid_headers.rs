//! Application Load Balancers drop invalid HTTP header fields.
//!
//! ## What it checks
//! Every Application Load Balancer in every covered region (`elbv2
//! DescribeLoadBalancerAttributes`): `routing.http.drop_invalid_header_fields.enabled` must be
//! `true`. A load balancer whose attributes could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Headers with invalid characters are a tool of HTTP request smuggling (desync) attacks against
//! the targets behind the load balancer; dropping them removes that tool.
//!
//! ## Remediation
//! ```sh
//! aws elbv2 modify-load-balancer-attributes --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188 \
//!   --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true
//! ```
//! Terraform: `drop_invalid_header_fields = true` on `aws_lb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.alb_drop_invalid_headers",
    title: "Application Load Balancers drop invalid HTTP headers",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.4")],
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
            let v = match lb.attribute("routing.http.drop_invalid_header_fields.enabled") {
                Ok(v) => v,
                Err(g) => return out.unknown(res, "whether invalid headers are dropped", &g),
            };
            let v = v.unwrap_or("false");
            let ev = json!({"routing.http.drop_invalid_header_fields.enabled": v});
            if v == "true" {
                out.pass(res, format!("{name} drops invalid HTTP header fields"), ev);
            } else {
                out.fail(
                    res,
                    format!("{name} passes invalid HTTP header fields to its targets"),
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
                    Some(elbv2_attrs(&[(
                        "routing.http.drop_invalid_header_fields.enabled",
                        "true"
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

//! Application Load Balancers redirect every HTTP request to HTTPS.
//!
//! ## What it checks
//! Every Application Load Balancer in every covered region (`elbv2 DescribeLoadBalancers`,
//! `DescribeListeners`): each `HTTP` listener's default action must be a `redirect` whose
//! protocol is `HTTPS`. A load balancer without HTTP listeners passes. One whose listeners could
//! not be read is UNKNOWN.
//!
//! ## Why it matters
//! An HTTP listener that forwards requests serves the application in clear text: credentials and
//! session cookies can be read or changed on the way.
//!
//! ## Remediation
//! ```sh
//! aws elbv2 modify-listener --listener-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2 \
//!   --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
//! ```
//! Terraform: `default_action { type = "redirect" redirect { protocol = "HTTPS" port = "443" status_code = "HTTP_301" } }`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.alb_http_redirect",
    title: "Application Load Balancers redirect HTTP requests to HTTPS",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.1")],
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
            let listeners = match &lb.listeners {
                Ok(l) => l,
                Err(g) => return out.unknown(res, "whether HTTP listeners redirect to HTTPS", g),
            };
            let plain: Vec<i64> = listeners
                .iter()
                .filter(|l| l.protocol.as_deref() == Some("HTTP"))
                .filter(|l| {
                    !l.default_actions.iter().any(|a| {
                        a.kind == "redirect"
                            && a.redirect_config
                                .as_ref()
                                .and_then(|r| r.protocol.as_deref())
                                == Some("HTTPS")
                    })
                })
                .map(|l| l.port.unwrap_or(0))
                .collect();
            let ev = json!({"http_listeners_without_redirect": plain});
            if plain.is_empty() {
                out.pass(
                    res,
                    format!("{name} redirects every HTTP listener to HTTPS"),
                    ev,
                );
            } else {
                let ports: Vec<String> = plain.iter().map(|p| p.to_string()).collect();
                out.fail(
                    res,
                    format!(
                        "{name} serves plain HTTP on port {} without redirecting to HTTPS",
                        ports.join(", ")
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
    fn forward_on_http_fails_redirect_passes() {
        let fwd = json!([{"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward",
            "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067"}]}]);
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(json!({}), fwd, None))
            )),
            Status::Fail
        );
        let redirect = json!([{"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "redirect",
            "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "Host": "#{host}", "Path": "/#{path}", "Query": "#{query}", "StatusCode": "HTTP_301"}}]},
            {"Port": 443, "Protocol": "HTTPS", "DefaultActions": [{"Type": "forward"}]}]);
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(elbv2_lb(json!({}), redirect, None))
            )),
            Status::Pass
        );
    }

    #[test]
    fn network_load_balancers_are_skipped_and_denied_listeners_unknown() {
        let tcp = json!([{"Port": 80, "Protocol": "TCP", "DefaultActions": []}]);
        assert!(
            outcomes(
                &CHECK,
                &inventory(elbv2_lb(json!({"Type": "network"}), tcp, None))
            )
            .is_empty()
        );
        let mut c = elbv2_lb(json!({}), json!([]), None);
        c[1] = error(
            "elbv2",
            "DescribeListeners",
            Some("us-east-1"),
            json!({"LoadBalancerArn": ELBV2_ARN}),
            "AccessDenied",
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
    }
}

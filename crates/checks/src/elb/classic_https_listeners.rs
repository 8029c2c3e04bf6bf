//! Classic Load Balancer listeners terminate HTTPS or TLS.
//!
//! ## What it checks
//! Every Classic Load Balancer in every covered region (`elb DescribeLoadBalancers`): every
//! listener's front-end `Protocol` must be `HTTPS` or `SSL`; `HTTP` or `TCP` fails. A load
//! balancer without listeners is not reported. A region whose load balancers could not be listed
//! is UNKNOWN.
//!
//! ## Why it matters
//! A plain HTTP or TCP listener carries client traffic unencrypted from the internet to the load
//! balancer.
//!
//! ## Remediation
//! ```sh
//! aws elb create-load-balancer-listeners --load-balancer-name legacy \
//!   --listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,SSLCertificateId=arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
//! aws elb delete-load-balancer-listeners --load-balancer-name legacy --load-balancer-ports 80
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_https_listeners",
    title: "Classic Load Balancer listeners use HTTPS or TLS termination",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.3")],
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
            if lb.listener_descriptions.is_empty() {
                return;
            }
            let plain: Vec<String> = lb
                .listener_descriptions
                .iter()
                .map(|d| &d.listener)
                .filter(|l| !matches!(l.protocol.as_deref(), Some("HTTPS" | "SSL")))
                .map(|l| {
                    format!(
                        "{} {}",
                        l.protocol.as_deref().unwrap_or("?"),
                        l.load_balancer_port
                    )
                })
                .collect();
            let ev = json!({"unencrypted_listeners": plain});
            if plain.is_empty() {
                out.pass(
                    res,
                    format!("{name} terminates HTTPS/TLS on every listener"),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("{name} has unencrypted listener(s): {}", plain.join(", ")),
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
    fn http_listener_fails_https_passes() {
        let o = outcomes(&CHECK, &inventory(elb_classic(json!({}), vec![])));
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("HTTP 80"));
        let https = json!({"ListenerDescriptions": [{"Listener": {"Protocol": "SSL", "LoadBalancerPort": 443,
            "InstanceProtocol": "TCP", "InstancePort": 8443, "SSLCertificateId": "arn:aws:acm:us-east-1:123456789012:certificate/x"}}]});
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(elb_classic(https, vec![])))),
            Status::Pass
        );
        assert!(
            outcomes(
                &CHECK,
                &inventory(elb_classic(json!({"ListenerDescriptions": []}), vec![]))
            )
            .is_empty()
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

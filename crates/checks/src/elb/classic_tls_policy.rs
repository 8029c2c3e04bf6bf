//! Classic Load Balancers with HTTPS or SSL listeners use the strong predefined TLS policy.
//!
//! ## What it checks
//! Every `HTTPS` or `SSL` listener of every Classic Load Balancer in every covered region (`elb
//! DescribeLoadBalancers` listener `PolicyNames`, `elb DescribeLoadBalancerPolicies`): its SSL
//! negotiation policy must reference the predefined policy `ELBSecurityPolicy-TLS-1-2-2017-01`
//! (`Reference-Security-Policy`). A listener with no SSL negotiation policy, or with a custom
//! one, fails. A load balancer with no such listener passes; one whose policies could not be read
//! is UNKNOWN.
//!
//! ## Why it matters
//! Older predefined policies still accept TLS 1.0/1.1 and weak ciphers, letting a network
//! attacker downgrade the connection.
//!
//! ## Remediation
//! ```sh
//! aws elb create-load-balancer-policy --load-balancer-name legacy --policy-name tls12 \
//!   --policy-type-name SSLNegotiationPolicyType \
//!   --policy-attributes AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01
//! aws elb set-load-balancer-policies-of-listener --load-balancer-name legacy --load-balancer-port 443 --policy-names tls12
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-8

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_tls_policy",
    title: "Classic Load Balancers with SSL listeners use a strong predefined security policy",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.8")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The predefined policy Security Hub requires.
const STRONG: &str = "ELBSecurityPolicy-TLS-1-2-2017-01";

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
            let tls: Vec<_> = lb
                .listener_descriptions
                .iter()
                .filter(|d| matches!(d.listener.protocol.as_deref(), Some("HTTPS" | "SSL")))
                .collect();
            if tls.is_empty() {
                return out.pass(
                    res,
                    format!("{name} has no HTTPS or SSL listener"),
                    json!({"tls_listeners": 0}),
                );
            }
            let policies = match &lb.policies {
                Ok(p) => p,
                Err(g) => return out.unknown(res, "which TLS policy the listeners use", g),
            };
            let mut weak = Vec::new();
            for d in &tls {
                let reference = policies
                    .iter()
                    .filter(|p| d.policy_names.contains(&p.policy_name))
                    .filter(|p| p.policy_type_name.as_deref() == Some("SSLNegotiationPolicyType"))
                    .find_map(|p| p.reference_security_policy());
                if reference != Some(STRONG) {
                    weak.push(json!({"port": d.listener.load_balancer_port, "Reference-Security-Policy": reference}));
                }
            }
            if weak.is_empty() {
                out.pass(
                    res,
                    format!("{name} uses `{STRONG}` on every HTTPS/SSL listener"),
                    json!({"tls_listeners": tls.len()}),
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "{name} has {} HTTPS/SSL listener(s) not using `{STRONG}`",
                        weak.len()
                    ),
                    json!({"weak_listeners": weak}),
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

    fn https() -> serde_json::Value {
        json!({"ListenerDescriptions": [{"Listener": {"Protocol": "HTTPS", "LoadBalancerPort": 443,
            "InstanceProtocol": "HTTP", "InstancePort": 80,
            "SSLCertificateId": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"},
            "PolicyNames": ["tls-policy"]}]})
    }

    fn policies(reference: &str) -> serde_json::Value {
        call(
            "elb",
            "DescribeLoadBalancerPolicies",
            Some("us-east-1"),
            json!({"LoadBalancerName": "legacy"}),
            json!({"PolicyDescriptions": [{"PolicyName": "tls-policy", "PolicyTypeName": "SSLNegotiationPolicyType",
              "PolicyAttributeDescriptions": [{"AttributeName": "Reference-Security-Policy", "AttributeValue": reference},
                {"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"}]}]}),
        )
    }

    #[test]
    fn old_policy_fails_tls12_passes() {
        let o = outcomes(
            &CHECK,
            &inventory(elb_classic(
                https(),
                vec![policies("ELBSecurityPolicy-2016-08")],
            )),
        );
        assert_eq!(only(&o), Status::Fail);
        let o = outcomes(
            &CHECK,
            &inventory(elb_classic(
                https(),
                vec![policies("ELBSecurityPolicy-TLS-1-2-2017-01")],
            )),
        );
        assert_eq!(only(&o), Status::Pass);
    }

    #[test]
    fn unknown_without_policies() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(elb_classic(https(), vec![])))),
            Status::Unknown
        );
    }
}

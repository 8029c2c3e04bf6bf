//! Classic Load Balancers with HTTPS or SSL listeners use certificates from AWS Certificate Manager.
//!
//! ## What it checks
//! Every Classic Load Balancer in every covered region (`elb DescribeLoadBalancers`): each
//! `HTTPS` or `SSL` listener's `SSLCertificateId` must be an ACM certificate ARN
//! (`arn:aws:acm:...`), not an IAM server certificate. A load balancer with no such listener
//! passes. A region whose load balancers could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! IAM server certificates are uploaded by hand and renewed by hand; they expire, or their
//! private keys linger in scripts and laptops. ACM renews its certificates and never exposes the
//! key.
//!
//! ## Remediation
//! ```sh
//! aws elb set-load-balancer-listener-ssl-certificate --load-balancer-name legacy --load-balancer-port 443 \
//!   --ssl-certificate-id arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-update-ssl-cert.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-2

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.classic_acm_certificate",
    title: "Classic Load Balancers with SSL/HTTPS listeners use ACM certificates",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbLoadBalancer,
    compliance: &[fsbp("ELB.2")],
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
            let mut tls = 0;
            let mut not_acm = Vec::new();
            for d in &lb.listener_descriptions {
                let l = &d.listener;
                if !matches!(l.protocol.as_deref(), Some("HTTPS" | "SSL")) {
                    continue;
                }
                tls += 1;
                let cert = l.ssl_certificate_id.as_deref().unwrap_or("");
                if !cert.starts_with("arn:") || cert.split(':').nth(2) != Some("acm") {
                    not_acm.push(json!({"port": l.load_balancer_port, "SSLCertificateId": cert}));
                }
            }
            if tls == 0 {
                out.pass(
                    res,
                    format!("{name} has no HTTPS or SSL listener"),
                    json!({"tls_listeners": 0}),
                );
            } else if not_acm.is_empty() {
                out.pass(
                    res,
                    format!("{name} uses ACM certificates on all {tls} HTTPS/SSL listener(s)"),
                    json!({"tls_listeners": tls}),
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "{name} uses certificates not issued by ACM on {} listener(s)",
                        not_acm.len()
                    ),
                    json!({"non_acm_listeners": not_acm}),
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

    fn https(cert: &str) -> serde_json::Value {
        json!({"ListenerDescriptions": [{"Listener": {"Protocol": "HTTPS", "LoadBalancerPort": 443,
            "InstanceProtocol": "HTTP", "InstancePort": 80, "SSLCertificateId": cert}, "PolicyNames": ["ELBSecurityPolicy-TLS-1-2-2017-01"]}]})
    }

    #[test]
    fn iam_certificate_fails_acm_passes() {
        let iam = https("arn:aws:iam::123456789012:server-certificate/legacy-2019");
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(elb_classic(iam, vec![])))),
            Status::Fail
        );
        let acm = https(
            "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
        );
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(elb_classic(acm, vec![])))),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_list_denied() {
        let inv = inventory(vec![error(
            "elb",
            "DescribeLoadBalancers",
            Some("us-east-1"),
            json!({}),
            "AccessDenied",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

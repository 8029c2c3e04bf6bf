//! Application and Classic Load Balancers write access logs.
//!
//! ## What it checks
//! Every Application Load Balancer (`elbv2 DescribeLoadBalancerAttributes`
//! `access_logs.s3.enabled`) and every Classic Load Balancer (`elb
//! DescribeLoadBalancerAttributes` `AccessLog.Enabled`) in every covered region must have access
//! logging on. A load balancer whose attributes could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Access logs record each request's client, path and response: without them an attack through
//! the load balancer leaves no record to investigate.
//!
//! ## Remediation
//! ```sh
//! aws elbv2 modify-load-balancer-attributes --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188 \
//!   --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=acme-lb-logs
//! aws elb modify-load-balancer-attributes --load-balancer-name legacy \
//!   --load-balancer-attributes '{"AccessLog":{"Enabled":true,"S3BucketName":"acme-lb-logs","EmitInterval":60}}'
//! ```
//! The bucket policy must let Elastic Load Balancing write to it. Terraform: `access_logs` on
//! `aws_lb` / `aws_elb`.
//!
//! ## References
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.logging",
    title: "Application and Classic Load Balancers have access logging enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.5")],
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
            let v = match lb.attribute("access_logs.s3.enabled") {
                Ok(v) => v.unwrap_or("false"),
                Err(g) => return out.unknown(res, "whether access logging is on", &g),
            };
            let bucket = lb.attribute("access_logs.s3.bucket").ok().flatten();
            let ev = json!({"access_logs.s3.enabled": v, "access_logs.s3.bucket": bucket});
            if v == "true" {
                out.pass(
                    res,
                    format!("{name} writes access logs to `{}`", bucket.unwrap_or("")),
                    ev,
                );
            } else {
                out.fail(res, format!("{name} has access logging off"), ev);
            }
        },
    );
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
                Err(g) => return out.unknown(res, "whether access logging is on", g),
            };
            let log = a.access_log.clone().unwrap_or_default();
            let ev =
                json!({"AccessLog": {"Enabled": log.enabled, "S3BucketName": log.s3_bucket_name}});
            if log.enabled {
                out.pass(
                    res,
                    format!(
                        "{name} writes access logs to `{}`",
                        log.s3_bucket_name.as_deref().unwrap_or("")
                    ),
                    ev,
                );
            } else {
                out.fail(res, format!("{name} has access logging off"), ev);
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    const ARN: &str =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

    /// `DescribeLoadBalancers` for one load balancer (`over` merged in), its listeners and attributes.
    fn v2(
        over: serde_json::Value,
        listeners: serde_json::Value,
        attrs: Option<serde_json::Value>,
    ) -> Vec<serde_json::Value> {
        let mut lb = json!({"LoadBalancerArn": ARN, "DNSName": "web-1234567890.us-east-1.elb.amazonaws.com",
            "LoadBalancerName": "web", "Scheme": "internet-facing", "VpcId": "vpc-0a", "State": {"Code": "active"},
            "Type": "application", "IpAddressType": "ipv4", "SecurityGroups": ["sg-0a"],
            "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-0a", "LoadBalancerAddresses": []},
                                  {"ZoneName": "us-east-1b", "SubnetId": "subnet-0b", "LoadBalancerAddresses": []}]});
        if let (Some(o), Some(e)) = (lb.as_object_mut(), over.as_object()) {
            for (k, v) in e {
                o.insert(k.clone(), v.clone());
            }
        }
        let mut calls = vec![
            call(
                "elbv2",
                "DescribeLoadBalancers",
                Some("us-east-1"),
                json!({}),
                json!({"LoadBalancers": [lb]}),
            ),
            call(
                "elbv2",
                "DescribeListeners",
                Some("us-east-1"),
                json!({"LoadBalancerArn": ARN}),
                json!({"Listeners": listeners}),
            ),
        ];
        if let Some(a) = attrs {
            calls.push(call(
                "elbv2",
                "DescribeLoadBalancerAttributes",
                Some("us-east-1"),
                json!({"LoadBalancerArn": ARN}),
                json!({"Attributes": a}),
            ));
        }
        calls
    }

    /// Attributes as AWS prints them, with these keys set.
    #[allow(dead_code)]
    fn attrs(set: &[(&str, &str)]) -> serde_json::Value {
        let mut v = vec![
            ("deletion_protection.enabled", "false"),
            ("access_logs.s3.enabled", "false"),
            ("access_logs.s3.bucket", ""),
            ("idle_timeout.timeout_seconds", "60"),
            ("routing.http.desync_mitigation_mode", "defensive"),
            ("routing.http.drop_invalid_header_fields.enabled", "false"),
        ];
        for (k, val) in set {
            v.retain(|(kk, _)| kk != k);
            v.push((k, val));
        }
        json!(
            v.iter()
                .map(|(k, val)| json!({"Key": k, "Value": val}))
                .collect::<Vec<_>>()
        )
    }

    #[test]
    fn logging_off_fails_on_passes() {
        let mut c = v2(
            json!({}),
            json!([]),
            Some(attrs(&[
                ("access_logs.s3.enabled", "true"),
                ("access_logs.s3.bucket", "acme-lb-logs"),
            ])),
        );
        c.extend(elb_classic(json!({}), vec![elb_cattrs(json!({"AccessLog": {"Enabled": false}, "CrossZoneLoadBalancing": {"Enabled": true}}))]));
        assert_eq!(
            statuses(&outcomes(&CHECK, &inventory(c))),
            [
                ("web".to_string(), Status::Pass),
                ("legacy".to_string(), Status::Fail)
            ]
        );
    }

    #[test]
    fn unknown_without_attributes() {
        let mut c = v2(json!({}), json!([]), None);
        c.extend(elb_classic(json!({}), vec![]));
        assert_eq!(
            statuses(&outcomes(&CHECK, &inventory(c))),
            [
                ("web".to_string(), Status::Unknown),
                ("legacy".to_string(), Status::Unknown)
            ]
        );
    }
}

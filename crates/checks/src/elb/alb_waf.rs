//! Application Load Balancers are associated with an AWS WAF web ACL.
//!
//! ## What it checks
//! ELB.16: every Application Load Balancer in every covered region (`elbv2
//! DescribeLoadBalancers`) must be protected by a regional AWS WAF web ACL: one of the web ACLs
//! of its region (`wafv2 ListWebACLs --scope REGIONAL`) lists it among its resources (`wafv2
//! ListResourcesForWebACL --resource-type APPLICATION_LOAD_BALANCER`). When the web ACLs of the
//! region, or the resources of a web ACL, could not be read, a load balancer no readable list
//! names is UNKNOWN, never FAIL. AWS WAF Classic associations are not read: a load balancer
//! protected only by WAF Classic (retired by AWS) fails. Network and Gateway Load Balancers
//! cannot use AWS WAF and are not judged.
//!
//! ## Why it matters
//! A web ACL filters requests before they reach the application: managed rules block common
//! exploits (SQL injection, known bad inputs, bots) and rate-based rules blunt floods.
//!
//! ## Remediation
//! ```sh
//! aws wafv2 associate-web-acl \
//!   --web-acl-arn arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acme-web/0a1b2c3d-1111-2222-3333-444455556666 \
//!   --resource-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
//! ```
//! Terraform: `aws_wafv2_web_acl_association` with the load balancer ARN.
//!
//! ## References
//! - https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-16

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "elb.alb_waf",
    title: "Application Load Balancers are associated with an AWS WAF web ACL",
    severity: Severity::Medium,
    resource_type: ResourceType::ElbV2LoadBalancer,
    compliance: &[fsbp("ELB.16")],
    related: &["apigateway.waf_associated", "cloudfront.waf_enabled"],
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
            match inv.wafv2.web_acl_for(&lb.region, &lb.load_balancer_arn) {
                Ok(Some(acl)) => out.pass(
                    res,
                    format!("{name} is protected by AWS WAF web ACL `{}`", acl.name),
                    json!({"web_acl": acl.arn, "scheme": lb.scheme}),
                ),
                Ok(None) => out.fail(
                    res,
                    format!("{name} is not associated with any AWS WAF web ACL"),
                    json!({"web_acl": null, "scheme": lb.scheme}),
                ),
                Err(g) => out.unknown(res, &format!("whether a web ACL protects {name}"), &g),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    const ACL: &str = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acme-web/0a1b2c3d-1111-2222-3333-444455556666";

    fn web_acls() -> serde_json::Value {
        call(
            "wafv2",
            "ListWebACLs",
            Some("us-east-1"),
            json!({"Scope": "REGIONAL"}),
            json!({"NextMarker": "acme-web", "WebACLs": [{"Name": "acme-web", "Id": "0a1b2c3d-1111-2222-3333-444455556666",
                   "Description": "", "LockToken": "4d7e1a2b-0000-1111-2222-333344445555", "ARN": ACL}]}),
        )
    }

    fn resources(arns: serde_json::Value) -> serde_json::Value {
        call(
            "wafv2",
            "ListResourcesForWebACL",
            Some("us-east-1"),
            json!({"WebACLArn": ACL, "ResourceType": "APPLICATION_LOAD_BALANCER"}),
            json!({"ResourceArns": arns}),
        )
    }

    fn with(extra: Vec<serde_json::Value>) -> Vec<crate::Outcome> {
        let mut calls = elbv2_lb(json!({}), json!([]), None);
        calls.extend(extra);
        outcomes(&CHECK, &inventory(calls))
    }

    #[test]
    fn pass_fail_unknown() {
        let o = with(vec![web_acls(), resources(json!([ELBV2_ARN]))]);
        assert_eq!(only(&o), Status::Pass);
        assert!(o[0].message.contains("acme-web"), "{}", o[0].message);
        let o = with(vec![web_acls(), resources(json!([]))]);
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("`web`"), "{}", o[0].message);
        // No web ACLs at all: nothing protects it.
        let o = with(vec![call(
            "wafv2",
            "ListWebACLs",
            Some("us-east-1"),
            json!({"Scope": "REGIONAL"}),
            json!({"WebACLs": []}),
        )]);
        assert_eq!(only(&o), Status::Fail);
        // The ACL's resources were not read, or WAF was not read at all: unknown.
        assert_eq!(only(&with(vec![web_acls()])), Status::Unknown);
        let o = with(vec![error(
            "wafv2",
            "ListWebACLs",
            Some("us-east-1"),
            json!({"Scope": "REGIONAL"}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&o), Status::Unknown);
        assert_eq!(only(&with(vec![])), Status::Unknown);
    }

    #[test]
    fn network_load_balancers_are_not_judged() {
        let mut calls = elbv2_lb(json!({"Type": "network"}), json!([]), None);
        calls.push(web_acls());
        assert!(outcomes(&CHECK, &inventory(calls)).is_empty());
    }
}

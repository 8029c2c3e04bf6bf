//! API Gateway REST API stages are protected by an AWS WAF web ACL.
//!
//! ## What it checks
//! Every stage of every REST API (`apigateway GetRestApis`, `GetStages`) must have a
//! `webAclArn`: a WAF web ACL that filters requests before they reach the API. An API whose
//! stages could not be read is UNKNOWN.
//!
//! ## Why it matters
//! A web ACL blocks common exploits (SQL injection, cross-site scripting), known bad sources and
//! floods before they reach the API's backends.
//!
//! ## Remediation
//! ```sh
//! aws wafv2 associate-web-acl --resource-arn arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod \
//!   --web-acl-arn arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/0a1b2c3d-1111-2222-3333-444455556666
//! ```
//! Terraform: `aws_wafv2_web_acl_association` with the stage ARN.
//!
//! ## References
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4

use crate::prelude::*;
use crate::support::regional::each_child;

pub static CHECK: Check = Check {
    id: "apigateway.waf_associated",
    title: "API Gateway REST API stages are associated with an AWS WAF web ACL",
    severity: Severity::Medium,
    resource_type: ResourceType::ApiGatewayStage,
    compliance: &[fsbp("APIGateway.4")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    let p = &inv.partition;
    each_child(
        cx,
        out,
        &inv.apigateway.rest_apis,
        "which REST API stages exist",
        |a| {
            let r = cx.resource(
                ResourceType::ApiGatewayRestApi,
                &a.id,
                Some(a.arn(p)),
                Some(&a.region),
            );
            (r, &a.stages)
        },
        |out, a, s| {
            let res = cx.resource(
                ResourceType::ApiGatewayStage,
                format!("{}/{}", a.id, s.stage_name),
                Some(a.stage_arn(p, &s.stage_name)),
                Some(&a.region),
            );
            let name = format!(
                "stage `{}` of REST API `{}` ({})",
                s.stage_name, a.name, a.id
            );
            match s.web_acl_arn.as_deref().filter(|c| !c.is_empty()) {
                Some(acl) => out.pass(
                    res,
                    format!("{name} is protected by web ACL `{acl}`"),
                    json!({"webAclArn": acl}),
                ),
                None => out.fail(
                    res,
                    format!("{name} has no AWS WAF web ACL"),
                    json!({"webAclArn": null}),
                ),
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
        let o = outcomes(&CHECK, &inventory(apigateway_stage(json!({}))));
        assert_eq!(only(&o), Status::Fail);
        assert_eq!(
            o[0].resource.arn.as_deref(),
            Some("arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod")
        );
    }

    #[test]
    fn passes() {
        assert_eq!(
            only(&outcomes(
                &CHECK,
                &inventory(apigateway_stage(
                    json!({"webAclArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/0a1b2c3d-1111-2222-3333-444455556666"})
                ))
            )),
            Status::Pass
        );
    }

    #[test]
    fn unknown_when_stages_denied() {
        let mut c = apigateway_stage(json!({}));
        c[1] = error(
            "apigateway",
            "GetStages",
            Some("us-east-1"),
            json!({"restApiId": "a1b2c3d4e5"}),
            "AccessDeniedException",
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
        let inv = inventory(vec![error(
            "apigateway",
            "GetRestApis",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

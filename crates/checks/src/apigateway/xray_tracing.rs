//! API Gateway REST API stages have AWS X-Ray tracing enabled.
//!
//! ## What it checks
//! Every stage of every REST API (`apigateway GetRestApis`, `GetStages`) must have
//! `tracingEnabled` true. An API whose stages could not be read is UNKNOWN.
//!
//! ## Why it matters
//! X-Ray traces follow each request through the API and its backends; without them, tracing an
//! abusive request or a failure across services is guesswork.
//!
//! ## Remediation
//! ```sh
//! aws apigateway update-stage --rest-api-id a1b2c3d4e5 --stage-name prod \
//!   --patch-operations op=replace,path=/tracingEnabled,value=true
//! ```
//! Terraform: `xray_tracing_enabled = true` on `aws_api_gateway_stage`.
//!
//! ## References
//! - https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-3

use crate::prelude::*;
use crate::support::regional::each_child;

pub static CHECK: Check = Check {
    id: "apigateway.xray_tracing",
    title: "API Gateway REST API stages have AWS X-Ray tracing enabled",
    severity: Severity::Low,
    resource_type: ResourceType::ApiGatewayStage,
    compliance: &[fsbp("APIGateway.3")],
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
            let ev = json!({"tracingEnabled": s.tracing_enabled});
            if s.tracing_enabled {
                out.pass(res, format!("{name} has X-Ray tracing on"), ev);
            } else {
                out.fail(res, format!("{name} has X-Ray tracing off"), ev);
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
        let o = outcomes(
            &CHECK,
            &inventory(apigateway_stage(json!({"tracingEnabled": false}))),
        );
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
                &inventory(apigateway_stage(json!({"tracingEnabled": true})))
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

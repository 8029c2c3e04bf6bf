//! API Gateway HTTP and WebSocket API stages write access logs.
//!
//! ## What it checks
//! Every stage of every HTTP or WebSocket API (`apigatewayv2 GetApis`, `GetStages`) must have
//! `AccessLogSettings.DestinationArn`, a CloudWatch Logs log group (or Firehose stream) receiving
//! one record per request. An API whose stages could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Access logs say who called the API, from where, and with what result: the first thing an
//! investigation of abuse or a breach needs.
//!
//! ## Remediation
//! ```sh
//! aws apigatewayv2 update-stage --api-id a1b2c3d4e5 --stage-name '$default' \
//!   --access-log-settings DestinationArn=arn:aws:logs:us-east-1:123456789012:log-group:api-access,Format='$context.requestId $context.identity.sourceIp $context.status'
//! ```
//! Terraform: `access_log_settings` on `aws_apigatewayv2_stage`.
//!
//! ## References
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9

use crate::prelude::*;
use crate::support::regional::each_child;

pub static CHECK: Check = Check {
    id: "apigateway.v2_access_logging",
    title: "API Gateway V2 stages have access logging configured",
    severity: Severity::Medium,
    resource_type: ResourceType::ApiGatewayV2Stage,
    compliance: &[fsbp("APIGateway.9")],
    related: &["apigateway.execution_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    let p = &inv.partition;
    each_child(
        cx,
        out,
        &inv.apigatewayv2.apis,
        "which API stages exist",
        |a| {
            let r = cx.resource(
                ResourceType::ApiGatewayV2Api,
                &a.api_id,
                Some(a.arn(p)),
                Some(&a.region),
            );
            (r, &a.stages)
        },
        |out, a, s| {
            let res = cx.resource(
                ResourceType::ApiGatewayV2Stage,
                format!("{}/{}", a.api_id, s.stage_name),
                Some(format!("{}/stages/{}", a.arn(p), s.stage_name)),
                Some(&a.region),
            );
            let name = format!(
                "stage `{}` of API `{}` ({})",
                s.stage_name, a.name, a.api_id
            );
            match s.access_log_destination() {
                Some(d) => out.pass(
                    res,
                    format!("{name} writes access logs to `{d}`"),
                    json!({"DestinationArn": d}),
                ),
                None => out.fail(
                    res,
                    format!("{name} writes no access logs"),
                    json!({"AccessLogSettings": null}),
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

    fn api(stages: serde_json::Value) -> Vec<serde_json::Value> {
        vec![
            call(
                "apigatewayv2",
                "GetApis",
                Some("us-east-1"),
                json!({}),
                json!({"Items": [{"ApiId": "h1", "Name": "web", "ProtocolType": "HTTP"}]}),
            ),
            call(
                "apigatewayv2",
                "GetStages",
                Some("us-east-1"),
                json!({"ApiId": "h1"}),
                json!({"Items": stages}),
            ),
        ]
    }

    #[test]
    fn without_destination_fails() {
        let o = outcomes(
            &CHECK,
            &inventory(api(json!([{"StageName": "$default", "AutoDeploy": true}]))),
        );
        assert_eq!(only(&o), Status::Fail);
        assert_eq!(o[0].resource.id, "h1/$default");
    }

    #[test]
    fn with_destination_passes() {
        let o = outcomes(
            &CHECK,
            &inventory(api(json!([{"StageName": "prod",
            "AccessLogSettings": {"DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:web", "Format": "$context.requestId"}}]))),
        );
        assert_eq!(only(&o), Status::Pass);
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

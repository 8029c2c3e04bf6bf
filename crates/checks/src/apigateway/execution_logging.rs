//! API Gateway REST and WebSocket API stages log execution to CloudWatch Logs.
//!
//! ## What it checks
//! Every stage of every REST API (`apigateway GetRestApis`, `GetStages`): the stage-wide method
//! settings (`methodSettings["*/*"]`) must set `loggingLevel` to `ERROR` or `INFO`, and no
//! per-method setting may turn it `OFF`. Every stage of every WebSocket API (`apigatewayv2
//! GetApis`, `GetStages`): `DefaultRouteSettings.LoggingLevel` must be `ERROR` or `INFO`. HTTP
//! APIs have no execution logging and are not judged here (see `apigateway.v2_access_logging`).
//! An API whose stages could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Execution logs record failed authorisations, integration errors and throttling: without them
//! an attack on, or an outage of, the API leaves nothing to investigate.
//!
//! ## Remediation
//! ```sh
//! aws apigateway update-stage --rest-api-id a1b2c3d4e5 --stage-name prod \
//!   --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR
//! aws apigatewayv2 update-stage --api-id a1b2c3d4e5 --stage-name prod \
//!   --default-route-settings LoggingLevel=ERROR
//! ```
//! Terraform: `logging_level = "ERROR"` in `aws_api_gateway_method_settings` (`method_path =
//! "*/*"`), or `default_route_settings { logging_level = "ERROR" }` on `aws_apigatewayv2_stage`.
//!
//! ## References
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1

use crate::prelude::*;
use crate::support::regional::{each, each_child};

pub static CHECK: Check = Check {
    id: "apigateway.execution_logging",
    title: "API Gateway REST and WebSocket API stages have execution logging enabled",
    severity: Severity::Medium,
    resource_type: ResourceType::ApiGatewayStage,
    compliance: &[fsbp("APIGateway.1")],
    related: &["apigateway.v2_access_logging"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn logs(level: Option<&str>) -> bool {
    matches!(level, Some("ERROR" | "INFO"))
}

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
            let levels: serde_json::Map<String, serde_json::Value> = s
                .method_settings
                .iter()
                .map(|(k, m)| (k.clone(), json!(m.logging_level)))
                .collect();
            let default = s
                .method_settings
                .get("*/*")
                .and_then(|m| m.logging_level.as_deref());
            let off: Vec<&str> = s
                .method_settings
                .iter()
                .filter(|(k, m)| {
                    k.as_str() != "*/*"
                        && m.logging_level.is_some()
                        && !logs(m.logging_level.as_deref())
                })
                .map(|(k, _)| k.as_str())
                .collect();
            let ev = json!({"loggingLevel": levels});
            let name = format!(
                "stage `{}` of REST API `{}` ({})",
                s.stage_name, a.name, a.id
            );
            if !logs(default) {
                out.fail(res, format!("{name} has execution logging off"), ev);
            } else if !off.is_empty() {
                out.fail(
                    res,
                    format!("{name} turns execution logging off for {}", off.join(", ")),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!("{name} logs execution at level {}", default.unwrap_or("")),
                    ev,
                );
            }
        },
    );
    each(
        cx,
        out,
        &inv.apigatewayv2.apis,
        "which WebSocket APIs exist",
        |out, a| {
            // HTTP APIs have no execution logging: their stages are not judged here.
            if !a.is_websocket() {
                return;
            }
            let stages = match &a.stages {
                Ok(s) => s,
                Err(g) => {
                    let r = cx.resource(
                        ResourceType::ApiGatewayV2Api,
                        &a.api_id,
                        Some(a.arn(p)),
                        Some(&a.region),
                    );
                    return out.unknown(r, "which WebSocket API stages exist", g);
                }
            };
            for s in stages {
                let res = cx.resource(
                    ResourceType::ApiGatewayV2Stage,
                    format!("{}/{}", a.api_id, s.stage_name),
                    Some(format!("{}/stages/{}", a.arn(p), s.stage_name)),
                    Some(&a.region),
                );
                let level = s
                    .default_route_settings
                    .as_ref()
                    .and_then(|r| r.logging_level.as_deref());
                let ev = json!({"DefaultRouteSettings": {"LoggingLevel": level}});
                let name = format!(
                    "stage `{}` of WebSocket API `{}` ({})",
                    s.stage_name, a.name, a.api_id
                );
                if logs(level) {
                    out.pass(
                        res,
                        format!("{name} logs execution at level {}", level.unwrap_or("")),
                        ev,
                    );
                } else {
                    out.fail(res, format!("{name} has execution logging off"), ev);
                }
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn rest(settings: serde_json::Value) -> Vec<serde_json::Value> {
        vec![
            call(
                "apigateway",
                "GetRestApis",
                Some("us-east-1"),
                json!({}),
                json!({"items": [{"id": "a1b2c3d4e5", "name": "orders", "endpointConfiguration": {"types": ["REGIONAL"]}}]}),
            ),
            call(
                "apigateway",
                "GetStages",
                Some("us-east-1"),
                json!({"restApiId": "a1b2c3d4e5"}),
                json!({"item": [{"deploymentId": "d1", "stageName": "prod", "methodSettings": settings,
                  "tracingEnabled": false, "cacheClusterEnabled": false}]}),
            ),
            call(
                "apigatewayv2",
                "GetApis",
                Some("us-east-1"),
                json!({}),
                json!({"Items": []}),
            ),
        ]
    }

    fn ws(level: &str) -> Vec<serde_json::Value> {
        vec![
            call(
                "apigateway",
                "GetRestApis",
                Some("us-east-1"),
                json!({}),
                json!({"items": []}),
            ),
            call(
                "apigatewayv2",
                "GetApis",
                Some("us-east-1"),
                json!({}),
                json!({"Items": [{"ApiId": "w1", "Name": "chat", "ProtocolType": "WEBSOCKET"},
                                 {"ApiId": "h1", "Name": "web", "ProtocolType": "HTTP"}]}),
            ),
            call(
                "apigatewayv2",
                "GetStages",
                Some("us-east-1"),
                json!({"ApiId": "w1"}),
                json!({"Items": [{"StageName": "prod", "DefaultRouteSettings": {"LoggingLevel": level}}]}),
            ),
        ]
    }

    #[test]
    fn rest_stage_logging() {
        let off = json!({"*/*": {"loggingLevel": "OFF", "metricsEnabled": false}});
        assert_eq!(only(&outcomes(&CHECK, &inventory(rest(off)))), Status::Fail);
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(rest(json!({}))))),
            Status::Fail
        );
        let partly =
            json!({"*/*": {"loggingLevel": "INFO"}, "orders/GET": {"loggingLevel": "OFF"}});
        let o = outcomes(&CHECK, &inventory(rest(partly)));
        assert_eq!(only(&o), Status::Fail);
        assert!(o[0].message.contains("orders/GET"));
        let on = json!({"*/*": {"loggingLevel": "ERROR", "dataTraceEnabled": false}});
        assert_eq!(only(&outcomes(&CHECK, &inventory(rest(on)))), Status::Pass);
    }

    #[test]
    fn websocket_stage_logging_and_http_apis_skipped() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(ws("OFF")))), Status::Fail);
        let o = outcomes(&CHECK, &inventory(ws("INFO")));
        assert_eq!(statuses(&o), [("w1/prod".to_string(), Status::Pass)]);
    }

    #[test]
    fn unknown_when_stages_missing() {
        let mut c = rest(json!({}));
        c.remove(1);
        let o = outcomes(&CHECK, &inventory(c));
        assert_eq!(only(&o), Status::Unknown);
        assert_eq!(o[0].resource.id, "a1b2c3d4e5");
    }
}

//! API Gateway HTTP and WebSocket API routes require authorisation.
//!
//! ## What it checks
//! Every route of every HTTP or WebSocket API (`apigatewayv2 GetApis`, `GetRoutes`): its
//! `AuthorizationType` must be `AWS_IAM`, `CUSTOM` (a Lambda authorizer) or `JWT`, not `NONE`.
//! An API whose routes could not be read is UNKNOWN.
//!
//! ## Why it matters
//! A route with no authorisation lets anyone on the internet invoke the integration behind it.
//!
//! ## Remediation
//! ```sh
//! aws apigatewayv2 update-route --api-id a1b2c3d4e5 --route-id abc123 \
//!   --authorization-type JWT --authorizer-id def456
//! ```
//! Terraform: `authorization_type` and `authorizer_id` on `aws_apigatewayv2_route`.
//!
//! ## References
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8

use crate::prelude::*;
use crate::support::regional::each_child;

pub static CHECK: Check = Check {
    id: "apigateway.route_authorization",
    title: "API Gateway routes specify an authorization type",
    severity: Severity::Medium,
    resource_type: ResourceType::ApiGatewayV2Route,
    compliance: &[fsbp("APIGateway.8")],
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
        &inv.apigatewayv2.apis,
        "which API routes exist",
        |a| {
            let r = cx.resource(
                ResourceType::ApiGatewayV2Api,
                &a.api_id,
                Some(a.arn(p)),
                Some(&a.region),
            );
            (r, &a.routes)
        },
        |out, a, r| {
            let res = cx.resource(
                ResourceType::ApiGatewayV2Route,
                format!("{}/{}", a.api_id, r.route_id),
                Some(format!("{}/routes/{}", a.arn(p), r.route_id)),
                Some(&a.region),
            );
            let kind = r.authorization_type.as_deref().unwrap_or("NONE");
            let ev = json!({"RouteKey": r.route_key, "AuthorizationType": kind, "AuthorizerId": r.authorizer_id});
            let name = format!("route `{}` of API `{}` ({})", r.route_key, a.name, a.api_id);
            if kind == "NONE" {
                out.fail(res, format!("{name} requires no authorization"), ev);
            } else {
                out.pass(res, format!("{name} requires {kind} authorization"), ev);
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn api(routes: serde_json::Value) -> Vec<serde_json::Value> {
        vec![
            call(
                "apigatewayv2",
                "GetApis",
                Some("us-east-1"),
                json!({}),
                json!({"Items": [{"ApiId": "h1", "Name": "web", "ProtocolType": "HTTP",
                  "ApiEndpoint": "https://h1.execute-api.us-east-1.amazonaws.com"}]}),
            ),
            call(
                "apigatewayv2",
                "GetRoutes",
                Some("us-east-1"),
                json!({"ApiId": "h1"}),
                json!({"Items": routes}),
            ),
        ]
    }

    #[test]
    fn none_fails_jwt_passes() {
        let o = outcomes(
            &CHECK,
            &inventory(api(json!([
                {"ApiKeyRequired": false, "AuthorizationType": "NONE", "RouteId": "r1", "RouteKey": "GET /public", "Target": "integrations/i1"},
                {"ApiKeyRequired": false, "AuthorizationType": "JWT", "AuthorizerId": "au1", "RouteId": "r2", "RouteKey": "GET /orders"}
            ]))),
        );
        assert_eq!(
            statuses(&o),
            [
                ("h1/r1".to_string(), Status::Fail),
                ("h1/r2".to_string(), Status::Pass)
            ]
        );
        assert_eq!(
            o[0].resource.arn.as_deref(),
            Some("arn:aws:apigateway:us-east-1::/apis/h1/routes/r1")
        );
    }

    #[test]
    fn unknown_when_routes_denied() {
        let mut c = api(json!([]));
        c[1] = error(
            "apigatewayv2",
            "GetRoutes",
            Some("us-east-1"),
            json!({"ApiId": "h1"}),
            "AccessDeniedException",
        );
        assert_eq!(only(&outcomes(&CHECK, &inventory(c))), Status::Unknown);
    }
}

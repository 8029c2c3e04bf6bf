//! API Gateway REST API stages authenticate to their backend with a client certificate.
//!
//! ## What it checks
//! Every stage of every REST API (`apigateway GetRestApis`, `GetStages`) must have a
//! `clientCertificateId`: the SSL client certificate API Gateway presents to the integration
//! backend, which the backend can verify. An API whose stages could not be read is UNKNOWN.
//!
//! ## Why it matters
//! Without a client certificate the backend cannot tell requests relayed by API Gateway from
//! requests sent to it directly, so anyone who finds the backend endpoint can bypass the API's
//! authorisation, throttling and WAF.
//!
//! ## Remediation
//! ```sh
//! aws apigateway generate-client-certificate --description "orders backend"
//! aws apigateway update-stage --rest-api-id a1b2c3d4e5 --stage-name prod \
//!   --patch-operations op=replace,path=/clientCertificateId,value=q1w2e3
//! ```
//! Then configure the backend to require that certificate. Terraform:
//! `client_certificate_id` on `aws_api_gateway_stage`.
//!
//! ## References
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-2

use crate::prelude::*;
use crate::support::regional::each_child;

pub static CHECK: Check = Check {
    id: "apigateway.backend_client_certificate",
    title: "API Gateway REST API stages use SSL certificates for backend authentication",
    severity: Severity::Medium,
    resource_type: ResourceType::ApiGatewayStage,
    compliance: &[fsbp("APIGateway.2")],
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
            match s.client_certificate_id.as_deref().filter(|c| !c.is_empty()) {
                Some(c) => out.pass(
                    res,
                    format!("{name} presents client certificate `{c}` to its backend"),
                    json!({"clientCertificateId": c}),
                ),
                None => out.fail(
                    res,
                    format!("{name} has no client certificate for backend authentication"),
                    json!({"clientCertificateId": null}),
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
                &inventory(apigateway_stage(json!({"clientCertificateId": "q1w2e3"})))
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

//! API Gateway REST API stage caches are encrypted at rest.
//!
//! ## What it checks
//! Every stage of every REST API (`apigateway GetRestApis`, `GetStages`): every method setting
//! that caches responses (`cachingEnabled`, including the stage-wide `*/*` setting) must also set
//! `cacheDataEncrypted`. A stage that caches nothing passes. An API whose stages could not be
//! read is UNKNOWN.
//!
//! ## Why it matters
//! Cached responses hold whatever the API returned (personal data, tokens); an unencrypted cache
//! keeps them in clear on the cache cluster's storage.
//!
//! ## Remediation
//! ```sh
//! aws apigateway update-stage --rest-api-id a1b2c3d4e5 --stage-name prod \
//!   --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true
//! ```
//! Terraform: `cache_data_encrypted = true` in `aws_api_gateway_method_settings`.
//!
//! ## References
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-5

use crate::prelude::*;
use crate::support::regional::each_child;

pub static CHECK: Check = Check {
    id: "apigateway.cache_encrypted",
    title: "API Gateway REST API cache data is encrypted at rest",
    severity: Severity::Medium,
    resource_type: ResourceType::ApiGatewayStage,
    compliance: &[fsbp("APIGateway.5")],
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
            let caching: Vec<(&String, bool)> = s
                .method_settings
                .iter()
                .filter(|(_, m)| m.caching_enabled)
                .map(|(k, m)| (k, m.cache_data_encrypted))
                .collect();
            let clear: Vec<&str> = caching
                .iter()
                .filter(|(_, e)| !e)
                .map(|(k, _)| k.as_str())
                .collect();
            let ev = json!({"cacheClusterEnabled": s.cache_cluster_enabled,
                "caching_methods": caching.iter().map(|(k, e)| json!({"method": k, "cacheDataEncrypted": e})).collect::<Vec<_>>()});
            if caching.is_empty() {
                out.pass(res, format!("{name} caches no responses"), ev);
            } else if clear.is_empty() {
                out.pass(res, format!("{name} encrypts its cached responses"), ev);
            } else {
                out.fail(
                    res,
                    format!(
                        "{name} caches responses unencrypted for {}",
                        clear.join(", ")
                    ),
                    ev,
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

    #[test]
    fn fails() {
        let o = outcomes(
            &CHECK,
            &inventory(apigateway_stage(
                json!({"cacheClusterEnabled": true, "methodSettings": {"*/*": {"cachingEnabled": true, "cacheDataEncrypted": false, "cacheTtlInSeconds": 300}}}),
            )),
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
                &inventory(apigateway_stage(
                    json!({"cacheClusterEnabled": true, "methodSettings": {"*/*": {"cachingEnabled": true, "cacheDataEncrypted": true}}})
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

    #[test]
    fn no_cache_passes() {
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(apigateway_stage(json!({}))))),
            Status::Pass
        );
    }
}

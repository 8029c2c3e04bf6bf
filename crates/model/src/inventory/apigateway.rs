//! Amazon API Gateway REST APIs (`apigateway GetRestApis`, per region) and their stages
//! (`GetStages`, per API: execution logging, X-Ray tracing, client certificate, web ACL, cache
//! encryption, access logs).
//!
//! `GetStages` names its API in `params.restApiId` (the API's own parameter name) and is joined
//! onto the listed API in `finalize`. API Gateway v1 prints camelCase member names; its lists are
//! `items` (`GetRestApis`) and `item` (`GetStages`).

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// API Gateway (v1) data of the account, per region.
#[derive(Debug, Clone)]
pub struct ApiGateway {
    /// REST APIs, each with its stages joined on.
    pub rest_apis: Regional<Vec<RestApi>>,
    pending: BTreeMap<(String, String), Observed<Vec<Stage>>>,
}

impl Default for ApiGateway {
    fn default() -> Self {
        ApiGateway {
            rest_apis: Regional::new("apigateway", "GetRestApis"),
            pending: BTreeMap::new(),
        }
    }
}

fn stages_not_collected() -> Observed<Vec<Stage>> {
    Err(Gap::not_collected("apigateway", "GetStages", None))
}

/// Endpoint types of an API (`EDGE`, `REGIONAL`, `PRIVATE`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointConfiguration {
    #[serde(default)]
    pub types: Vec<String>,
}

/// A REST API.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestApi {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub created_date: Option<Timestamp>,
    pub endpoint_configuration: Option<EndpointConfiguration>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// Its stages (`GetStages` with `restApiId`).
    #[serde(skip_deserializing, default = "stages_not_collected")]
    pub stages: Observed<Vec<Stage>>,
}

impl RestApi {
    /// `arn:{partition}:apigateway:{region}::/restapis/{id}`.
    pub fn arn(&self, partition: &str) -> String {
        format!(
            "arn:{partition}:apigateway:{}::/restapis/{}",
            self.region, self.id
        )
    }

    /// The ARN of one of its stages.
    pub fn stage_arn(&self, partition: &str, stage: &str) -> String {
        format!("{}/stages/{stage}", self.arn(partition))
    }
}

/// Settings of the methods a `methodSettings` key (`*/*`, `/pets/GET`) covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MethodSetting {
    #[serde(default)]
    pub metrics_enabled: bool,
    /// `OFF`, `ERROR` or `INFO`.
    pub logging_level: Option<String>,
    #[serde(default)]
    pub data_trace_enabled: bool,
    #[serde(default)]
    pub caching_enabled: bool,
    #[serde(default)]
    pub cache_data_encrypted: bool,
}

/// Where a stage writes its access logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessLogSettings {
    pub format: Option<String>,
    pub destination_arn: Option<String>,
}

/// A REST API stage, as `GetStages` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub stage_name: String,
    pub deployment_id: Option<String>,
    /// The client certificate API Gateway presents to the backend.
    pub client_certificate_id: Option<String>,
    #[serde(default)]
    pub cache_cluster_enabled: bool,
    pub cache_cluster_status: Option<String>,
    /// Per-method settings; `*/*` holds the stage-wide defaults.
    #[serde(default)]
    pub method_settings: BTreeMap<String, MethodSetting>,
    #[serde(default)]
    pub tracing_enabled: bool,
    pub web_acl_arn: Option<String>,
    pub access_log_settings: Option<AccessLogSettings>,
    pub created_date: Option<Timestamp>,
    pub last_updated_date: Option<Timestamp>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RestApisResponse {
    #[serde(default)]
    items: Vec<RestApi>,
}

#[derive(Deserialize)]
struct StagesResponse {
    #[serde(default)]
    item: Vec<Stage>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "GetRestApis" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: RestApisResponse| {
                let mut v = r.items;
                for a in &mut v {
                    a.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.apigateway.rest_apis.merge(region, v))
        }
        "GetStages" => {
            let region = cx.region()?;
            let id = cx.param("restApiId")?;
            let subject = format!("REST API {id}");
            let v = cx
                .observe(body, |r: StagesResponse| r.item)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.apigateway.pending.insert((region, id), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl ApiGateway {
    /// Joins stages onto listed APIs; returns notes about stages of APIs not listed.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.rest_apis.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(list)) = self.rest_apis.entry_mut(&region) else {
                continue;
            };
            for a in list {
                a.stages = pending
                    .remove(&(region.clone(), a.id.clone()))
                    .unwrap_or_else(|| {
                        Err(Gap::not_collected("apigateway", "GetStages", Some(&region))
                            .about(format!("REST API {}", a.id)))
                    });
            }
        }
        self.rest_apis.fill(regions);
        pending
            .keys()
            .filter(|(region, _)| self.rest_apis.get(region).is_ok())
            .map(|(region, id)| {
                format!("apigateway GetStages for REST API `{id}` in {region}: the API is not in GetRestApis; ignored")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn stages_join_onto_apis() {
        let inv = test_load(
            r#"{"service": "apigateway", "operation": "GetRestApis", "region": "us-east-1", "params": {},
                "response": {"items": [{"id": "a1b2c3d4e5", "name": "orders", "createdDate": "2026-01-10T12:00:00+00:00",
                  "apiKeySource": "HEADER", "endpointConfiguration": {"types": ["REGIONAL"]}, "disableExecuteApiEndpoint": false},
                  {"id": "f6g7h8i9j0", "name": "legacy", "endpointConfiguration": {"types": ["EDGE"]}}]}},
               {"service": "apigateway", "operation": "GetStages", "region": "us-east-1", "params": {"restApiId": "a1b2c3d4e5"},
                "response": {"item": [{"deploymentId": "abc123", "clientCertificateId": "q1w2e3", "stageName": "prod",
                  "cacheClusterEnabled": true, "cacheClusterSize": "0.5", "cacheClusterStatus": "AVAILABLE",
                  "methodSettings": {"*/*": {"metricsEnabled": true, "loggingLevel": "INFO", "dataTraceEnabled": false,
                    "throttlingBurstLimit": 5000, "throttlingRateLimit": 10000.0, "cachingEnabled": true,
                    "cacheTtlInSeconds": 300, "cacheDataEncrypted": true, "requireAuthorizationForCacheControl": true,
                    "unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITH_RESPONSE_HEADER"}},
                  "tracingEnabled": true,
                  "webAclArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/0a1b2c3d-1111-2222-3333-444455556666",
                  "accessLogSettings": {"format": "$context.requestId", "destinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:api"},
                  "createdDate": "2026-01-10T12:00:00+00:00", "lastUpdatedDate": "2026-01-11T12:00:00+00:00"}]}},
               {"service": "apigateway", "operation": "GetRestApis", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        let apis = inv.apigateway.rest_apis.get("us-east-1").unwrap();
        let s = &apis[0].stages.as_ref().unwrap()[0];
        assert_eq!(s.stage_name, "prod");
        assert!(s.tracing_enabled && s.cache_cluster_enabled);
        assert_eq!(
            s.method_settings["*/*"].logging_level.as_deref(),
            Some("INFO")
        );
        assert!(s.method_settings["*/*"].cache_data_encrypted);
        assert_eq!(
            apis[0].stage_arn("aws", "prod"),
            "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"
        );
        assert_eq!(
            apis[1].stages.as_ref().unwrap_err().kind,
            GapKind::NotCollected
        );
        assert_eq!(
            inv.apigateway.rest_apis.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
    }
}

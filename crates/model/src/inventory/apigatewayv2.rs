//! Amazon API Gateway v2 (HTTP and WebSocket APIs): APIs (`apigatewayv2 GetApis`, per region),
//! their stages (`GetStages`) and routes (`GetRoutes`), both per API.
//!
//! The per-API calls name their API in `params.ApiId` and are joined onto the listed API in
//! `finalize`. API Gateway v2 prints PascalCase member names.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// API Gateway v2 data of the account, per region.
#[derive(Debug, Clone)]
pub struct ApiGatewayV2 {
    /// APIs, each with its stages and routes joined on.
    pub apis: Regional<Vec<Api>>,
    stages: BTreeMap<(String, String), Observed<Vec<Stage>>>,
    routes: BTreeMap<(String, String), Observed<Vec<Route>>>,
}

impl Default for ApiGatewayV2 {
    fn default() -> Self {
        ApiGatewayV2 {
            apis: Regional::new("apigatewayv2", "GetApis"),
            stages: BTreeMap::new(),
            routes: BTreeMap::new(),
        }
    }
}

fn stages_not_collected() -> Observed<Vec<Stage>> {
    Err(Gap::not_collected("apigatewayv2", "GetStages", None))
}

fn routes_not_collected() -> Observed<Vec<Route>> {
    Err(Gap::not_collected("apigatewayv2", "GetRoutes", None))
}

/// An HTTP or WebSocket API.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Api {
    pub api_id: String,
    #[serde(default)]
    pub name: String,
    pub api_endpoint: Option<String>,
    /// `HTTP` or `WEBSOCKET`.
    pub protocol_type: Option<String>,
    pub created_date: Option<Timestamp>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// `GetStages` with `ApiId`.
    #[serde(skip_deserializing, default = "stages_not_collected")]
    pub stages: Observed<Vec<Stage>>,
    /// `GetRoutes` with `ApiId`.
    #[serde(skip_deserializing, default = "routes_not_collected")]
    pub routes: Observed<Vec<Route>>,
}

impl Api {
    /// `arn:{partition}:apigateway:{region}::/apis/{id}`.
    pub fn arn(&self, partition: &str) -> String {
        format!(
            "arn:{partition}:apigateway:{}::/apis/{}",
            self.region, self.api_id
        )
    }

    /// The API is a WebSocket API.
    pub fn is_websocket(&self) -> bool {
        self.protocol_type.as_deref() == Some("WEBSOCKET")
    }
}

/// Where a stage writes access logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessLogSettings {
    pub destination_arn: Option<String>,
    pub format: Option<String>,
}

/// Default route settings of a stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RouteSettings {
    pub data_trace_enabled: Option<bool>,
    pub detailed_metrics_enabled: Option<bool>,
    /// `ERROR`, `INFO` or `OFF` (WebSocket APIs only).
    pub logging_level: Option<String>,
}

/// A stage of an HTTP or WebSocket API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Stage {
    pub stage_name: String,
    pub access_log_settings: Option<AccessLogSettings>,
    pub default_route_settings: Option<RouteSettings>,
    pub auto_deploy: Option<bool>,
    pub deployment_id: Option<String>,
    pub created_date: Option<Timestamp>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

impl Stage {
    /// The access log destination, when one is set.
    pub fn access_log_destination(&self) -> Option<&str> {
        self.access_log_settings
            .as_ref()
            .and_then(|a| a.destination_arn.as_deref())
            .filter(|d| !d.is_empty())
    }
}

/// A route: a request pattern (`GET /pets`, `$connect`) and how callers are authorised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    pub route_id: String,
    #[serde(default)]
    pub route_key: String,
    /// `NONE`, `AWS_IAM`, `CUSTOM` or `JWT`.
    pub authorization_type: Option<String>,
    pub authorizer_id: Option<String>,
    pub api_key_required: Option<bool>,
    pub target: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Items<T> {
    #[serde(default = "Vec::new")]
    items: Vec<T>,
}

fn keyed<T>(
    map: &mut BTreeMap<(String, String), Observed<Vec<T>>>,
    key: (String, String),
    v: Observed<Vec<T>>,
) {
    let slot = map.entry(key).or_insert_with(|| Ok(Vec::new()));
    super::merge_list(slot, v);
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "GetApis" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: Items<Api>| {
                let mut v = r.items;
                for a in &mut v {
                    a.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.apigatewayv2.apis.merge(region, v))
        }
        "GetStages" | "GetRoutes" => {
            let region = cx.region()?;
            let id = cx.param("ApiId")?;
            let about = |g: Gap| g.about(format!("API {id}"));
            if cx.operation == "GetStages" {
                let v = cx.observe(body, |r: Items<Stage>| r.items)?.map_err(about);
                Box::new(move |inv| keyed(&mut inv.apigatewayv2.stages, (region, id), v))
            } else {
                let v = cx.observe(body, |r: Items<Route>| r.items)?.map_err(about);
                Box::new(move |inv| keyed(&mut inv.apigatewayv2.routes, (region, id), v))
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl ApiGatewayV2 {
    /// Joins stages and routes onto listed APIs; returns notes about calls for APIs not listed.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut stages = std::mem::take(&mut self.stages);
        let mut routes = std::mem::take(&mut self.routes);
        let listed: Vec<String> = self.apis.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(list)) = self.apis.entry_mut(&region) else {
                continue;
            };
            for a in list {
                let key = (region.clone(), a.api_id.clone());
                let gap = |op: &str| {
                    Gap::not_collected("apigatewayv2", op, Some(&region))
                        .about(format!("API {}", a.api_id))
                };
                a.stages = stages.remove(&key).unwrap_or_else(|| Err(gap("GetStages")));
                a.routes = routes.remove(&key).unwrap_or_else(|| Err(gap("GetRoutes")));
            }
        }
        self.apis.fill(regions);
        let mut notes = Vec::new();
        for (op, keys) in [
            ("GetStages", stages.keys().collect::<Vec<_>>()),
            ("GetRoutes", routes.keys().collect()),
        ] {
            for (region, id) in keys {
                if self.apis.get(region).is_ok() {
                    notes.push(format!(
                        "apigatewayv2 {op} for API `{id}` in {region}: the API is not in GetApis; ignored"
                    ));
                }
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn stages_and_routes_join() {
        let inv = test_load(
            r#"{"service": "apigatewayv2", "operation": "GetApis", "region": "us-east-1", "params": {},
                "response": {"Items": [{"ApiEndpoint": "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                  "ApiId": "a1b2c3d4e5", "ApiKeySelectionExpression": "$request.header.x-api-key",
                  "CreatedDate": "2026-01-10T12:00:00+00:00", "DisableExecuteApiEndpoint": false, "Name": "chat",
                  "ProtocolType": "WEBSOCKET", "RouteSelectionExpression": "$request.body.action", "Tags": {}}]}},
               {"service": "apigatewayv2", "operation": "GetStages", "region": "us-east-1", "params": {"ApiId": "a1b2c3d4e5"},
                "response": {"Items": [{"StageName": "prod", "AutoDeploy": true,
                  "AccessLogSettings": {"DestinationArn": "arn:aws:logs:us-east-1:123456789012:log-group:chat", "Format": "$context.requestId"},
                  "DefaultRouteSettings": {"DataTraceEnabled": false, "DetailedMetricsEnabled": false, "LoggingLevel": "ERROR"},
                  "RouteSettings": {}, "StageVariables": {}, "Tags": {}}]}},
               {"service": "apigatewayv2", "operation": "GetRoutes", "region": "us-east-1", "params": {"ApiId": "a1b2c3d4e5"},
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        let a = &inv.apigatewayv2.apis.get("us-east-1").unwrap()[0];
        assert!(a.is_websocket());
        let s = &a.stages.as_ref().unwrap()[0];
        assert_eq!(
            s.access_log_destination(),
            Some("arn:aws:logs:us-east-1:123456789012:log-group:chat")
        );
        assert_eq!(
            s.default_route_settings
                .as_ref()
                .unwrap()
                .logging_level
                .as_deref(),
            Some("ERROR")
        );
        assert_eq!(a.routes.as_ref().unwrap_err().kind, GapKind::AccessDenied);
        assert_eq!(
            a.arn("aws"),
            "arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5"
        );
    }
}

//! AWS WAF (v2): regional web ACLs (`ListWebACLs --scope REGIONAL`) and the Application Load
//! Balancers each protects (`ListResourcesForWebACL --resource-type APPLICATION_LOAD_BALANCER`,
//! per web ACL), per region.
//!
//! Answers "which web ACL protects this load balancer" without a call per load balancer. A web
//! ACL whose resource list was not read is a gap: a load balancer that none of the readable
//! lists names is then unknown, never "unprotected". CloudFront-scope web ACLs (`--scope
//! CLOUDFRONT`) are not kept here.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// WAF data of the account, per region.
#[derive(Debug, Clone)]
pub struct Wafv2 {
    /// Regional web ACLs, each with the load balancers it protects.
    pub web_acls: Regional<Vec<WebAcl>>,
    /// `ListResourcesForWebACL` results keyed by web ACL ARN, joined in `finalize`.
    alb_resources: BTreeMap<String, Observed<Vec<String>>>,
}

impl Default for Wafv2 {
    fn default() -> Self {
        Wafv2 {
            web_acls: Regional::new("wafv2", "ListWebACLs"),
            alb_resources: BTreeMap::new(),
        }
    }
}

fn resources_not_collected() -> Observed<Vec<String>> {
    Err(Gap::not_collected("wafv2", "ListResourcesForWebACL", None))
}

/// A regional web ACL.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WebAcl {
    pub name: String,
    pub id: Option<String>,
    #[serde(rename = "ARN")]
    pub arn: String,
    pub description: Option<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// ARNs of the Application Load Balancers it protects (`ListResourcesForWebACL`).
    #[serde(skip_deserializing, default = "resources_not_collected")]
    pub load_balancers: Observed<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListWebAclsResponse {
    #[serde(rename = "WebACLs", default)]
    web_acls: Vec<WebAcl>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListResourcesResponse {
    #[serde(default)]
    resource_arns: Vec<String>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListWebACLs" => {
            if cx
                .param_opt("Scope")?
                .is_some_and(|s| s.eq_ignore_ascii_case("CLOUDFRONT"))
            {
                return Ok(None);
            }
            let region = cx.region()?;
            let v = cx.observe(body, |r: ListWebAclsResponse| {
                let mut v = r.web_acls;
                for a in &mut v {
                    a.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.wafv2.web_acls.merge(region, v))
        }
        "ListResourcesForWebACL" => {
            // Without `ResourceType` the API lists Application Load Balancers.
            if cx
                .param_opt("ResourceType")?
                .is_some_and(|t| !t.eq_ignore_ascii_case("APPLICATION_LOAD_BALANCER"))
            {
                return Ok(None);
            }
            let arn = cx.param("WebACLArn")?;
            let v = cx
                .observe(body, |r: ListResourcesResponse| r.resource_arns)?
                .map_err(|g| g.about(format!("web ACL {arn}")));
            Box::new(move |inv| {
                inv.wafv2.alb_resources.insert(arn, v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Wafv2 {
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut res = std::mem::take(&mut self.alb_resources);
        let listed: Vec<String> = self.web_acls.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(acls)) = self.web_acls.entry_mut(&region) else {
                continue;
            };
            for a in acls {
                a.load_balancers = res.remove(&a.arn).unwrap_or_else(|| {
                    Err(
                        Gap::not_collected("wafv2", "ListResourcesForWebACL", Some(&region))
                            .about(format!("web ACL {}", a.name)),
                    )
                });
            }
        }
        self.web_acls.fill(regions);
        res.into_keys()
            .map(|arn| {
                format!("wafv2 ListResourcesForWebACL for `{arn}`: the web ACL is not in ListWebACLs; ignored")
            })
            .collect()
    }

    /// The web ACL protecting the Application Load Balancer `lb_arn` in `region`: `Ok(None)`
    /// when every regional web ACL's resources were read and none names it; a gap when the web
    /// ACLs, or the resources of one that could protect it, were not read.
    pub fn web_acl_for(&self, region: &str, lb_arn: &str) -> Observed<Option<&WebAcl>> {
        let acls = self.web_acls.get(region)?;
        let mut missing: Option<Gap> = None;
        for a in acls {
            match &a.load_balancers {
                Ok(lbs) if lbs.iter().any(|l| l == lb_arn) => return Ok(Some(a)),
                Ok(_) => {}
                Err(g) => {
                    missing.get_or_insert_with(|| g.clone());
                }
            }
        }
        match missing {
            Some(g) => Err(g),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const LB: &str =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

    #[test]
    fn web_acls_and_their_load_balancers() {
        let inv = test_load(&format!(
            r#"{{"service": "wafv2", "operation": "ListResourcesForWebACL", "region": "us-east-1",
                "params": {{"WebACLArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/a1", "ResourceType": "APPLICATION_LOAD_BALANCER"}},
                "response": {{"ResourceArns": ["{LB}"]}}}},
               {{"service": "wafv2", "operation": "ListWebACLs", "region": "us-east-1", "params": {{"Scope": "REGIONAL"}},
                "response": {{"NextMarker": "web", "WebACLs": [
                  {{"Name": "web", "Id": "a1", "Description": "", "LockToken": "t1",
                   "ARN": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/a1"}},
                  {{"Name": "api", "Id": "a2", "LockToken": "t2",
                   "ARN": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a2"}}]}}}},
               {{"service": "wafv2", "operation": "ListResourcesForWebACL", "region": "us-east-1",
                "params": {{"WebACLArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a2", "ResourceType": "API_GATEWAY"}},
                "response": {{"ResourceArns": ["arn:aws:apigateway:us-east-1::/restapis/a/stages/prod"]}}}},
               {{"service": "wafv2", "operation": "ListWebACLs", "region": "us-east-1", "params": {{"Scope": "CLOUDFRONT"}},
                "response": {{"WebACLs": [{{"Name": "cdn", "Id": "c1", "ARN": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/c1"}}]}}}},
               {{"service": "wafv2", "operation": "ListWebACLs", "region": "eu-west-1", "params": {{"Scope": "REGIONAL"}},
                "error": {{"code": "AccessDeniedException"}}}}"#
        ))
        .unwrap();
        let acls = inv.wafv2.web_acls.get("us-east-1").unwrap();
        assert_eq!(acls.len(), 2, "the CloudFront-scope ACL is not regional");
        // `web` protects LB; `api`'s ALB list was never read, but `web` already answers.
        assert_eq!(
            inv.wafv2
                .web_acl_for("us-east-1", LB)
                .unwrap()
                .unwrap()
                .name,
            "web"
        );
        // Another load balancer: `api` might protect it, unknown.
        let g = inv
            .wafv2
            .web_acl_for(
                "us-east-1",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/other/1",
            )
            .unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (GapKind::NotCollected, Some("web ACL api"))
        );
        let g = inv.wafv2.web_acl_for("eu-west-1", LB).unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
    }
}

//! Lambda: functions (`ListFunctions`) with their resource-based policy (`GetPolicy`), per
//! region.
//!
//! `GetPolicy` names its function in `params.FunctionName` (a name, a function ARN, or a
//! partial ARN, optionally with a `:qualifier`); a function without a policy answers
//! `ResourceNotFoundException`, which means "no policy" (`Ok(None)`). The per-function calls may
//! come in any order relative to `ListFunctions` and are joined in `finalize`.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Lambda data of the account, per region.
#[derive(Debug, Clone)]
pub struct Lambda {
    /// Functions, each with its resource-based policy joined on.
    pub functions: Regional<Vec<Function>>,
    pending: BTreeMap<(String, String), Observed<Option<PolicyDocument>>>,
}

impl Default for Lambda {
    fn default() -> Self {
        Lambda {
            functions: Regional::new("lambda", "ListFunctions"),
            pending: BTreeMap::new(),
        }
    }
}

/// A Lambda function as `ListFunctions` prints it (fields Rampart uses).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Function {
    pub function_name: String,
    pub function_arn: Option<String>,
    /// `python3.12`, `nodejs20.x`, ...; absent for container images.
    pub runtime: Option<String>,
    /// `Zip` or `Image` (absent in old responses: `Zip`).
    pub package_type: Option<String>,
    pub role: Option<String>,
    pub vpc_config: Option<VpcConfig>,
    pub last_modified: Option<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// The resource-based policy (`GetPolicy`); `Ok(None)` when the function has none.
    #[serde(skip, default = "not_collected_policy")]
    pub policy: Observed<Option<PolicyDocument>>,
}

fn not_collected_policy() -> Observed<Option<PolicyDocument>> {
    Err(Gap::not_collected("lambda", "GetPolicy", None))
}

impl Function {
    /// The function ARN (`FunctionArn`, or built from the name).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.function_arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:lambda:{}:{account}:function:{}",
                self.region, self.function_name
            ),
        }
    }

    /// A container-image function (its runtime is whatever the image holds).
    pub fn is_image(&self) -> bool {
        self.package_type.as_deref() == Some("Image")
    }

    /// The subnets the function is attached to (empty: not in a VPC).
    pub fn subnet_ids(&self) -> &[String] {
        self.vpc_config
            .as_ref()
            .map(|v| v.subnet_ids.as_slice())
            .unwrap_or(&[])
    }

    /// The function runs in a VPC: it has at least one subnet.
    pub fn in_vpc(&self) -> bool {
        !self.subnet_ids().is_empty()
    }
}

/// A function's VPC attachment. AWS prints empty lists and `"VpcId": ""` for functions outside
/// a VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcConfig {
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    pub vpc_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FunctionsResponse {
    #[serde(default)]
    functions: Vec<Function>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyResponse {
    policy: PolicyDocument,
}

/// The function name in a `FunctionName` parameter: a name, `name:qualifier`, a function ARN
/// (`arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]`) or a partial ARN
/// (`123456789012:function:name`).
fn function_name_of(param: &str) -> String {
    match param.split_once(":function:") {
        Some((_, rest)) => rest.split(':').next().unwrap_or(rest).to_string(),
        None => param.split(':').next().unwrap_or(param).to_string(),
    }
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListFunctions" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: FunctionsResponse| {
                let mut v = resp.functions;
                for f in &mut v {
                    f.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| inv.lambda.functions.merge(region, v))
        }
        "GetPolicy" => {
            let region = cx.region()?;
            let name = function_name_of(&cx.param("FunctionName")?);
            let subject = format!("function {name}");
            let v = cx
                .observe_optional(body, |r: PolicyResponse| Some(r.policy))?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.lambda.pending.insert((region, name), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Lambda {
    /// Joins `GetPolicy` results onto listed functions; returns notes about policies of
    /// functions `ListFunctions` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.functions.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(functions)) = self.functions.entry_mut(&region) else {
                continue;
            };
            for f in functions {
                let key = (region.clone(), f.function_name.clone());
                f.policy = pending.remove(&key).unwrap_or_else(|| {
                    Err(Gap::not_collected("lambda", "GetPolicy", Some(&region))
                        .about(format!("function {}", f.function_name)))
                });
            }
        }
        self.functions.fill(regions);
        let mut notes = Vec::new();
        for (region, name) in pending.keys() {
            if self.functions.get(region).is_ok() {
                notes.push(format!(
                    "lambda GetPolicy for function `{name}` in {region}: the function is not in ListFunctions; ignored"
                ));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const LIST: &str = r#"{"service": "lambda", "operation": "ListFunctions", "region": "us-east-1",
        "response": {"Functions": [
          {"FunctionName": "api", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:api",
           "Runtime": "python3.12", "Role": "arn:aws:iam::123456789012:role/api", "Handler": "app.handler",
           "CodeSize": 1024, "Description": "", "Timeout": 3, "MemorySize": 128,
           "LastModified": "2026-01-10T12:00:00.000+0000", "CodeSha256": "abc=", "Version": "$LATEST",
           "VpcConfig": {"SubnetIds": ["subnet-1", "subnet-2"], "SecurityGroupIds": ["sg-1"], "VpcId": "vpc-1",
                         "Ipv6AllowedForDualStack": false},
           "TracingConfig": {"Mode": "PassThrough"}, "RevisionId": "r1", "PackageType": "Zip",
           "Architectures": ["x86_64"], "EphemeralStorage": {"Size": 512}},
          {"FunctionName": "img", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:img",
           "PackageType": "Image", "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": [], "VpcId": ""}},
          {"FunctionName": "old", "Runtime": "nodejs12.x"}]}}"#;

    #[test]
    fn functions_with_policies_joined_in_any_order() {
        let policy = r#"{"service": "lambda", "operation": "GetPolicy", "region": "us-east-1",
            "params": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:api:prod"},
            "response": {"Policy": "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[]}", "RevisionId": "r1"}},
           {"service": "lambda", "operation": "GetPolicy", "region": "us-east-1", "params": {"FunctionName": "img"},
            "error": {"code": "ResourceNotFoundException", "message": "The resource you requested does not exist."}},
           {"service": "lambda", "operation": "GetPolicy", "region": "us-east-1", "params": {"FunctionName": "ghost"},
            "error": {"code": "ResourceNotFoundException"}}"#;
        for calls in [format!("{LIST},{policy}"), format!("{policy},{LIST}")] {
            let inv = test_load(&calls).unwrap();
            let f = inv.lambda.functions.get("us-east-1").unwrap();
            assert_eq!(f.len(), 3);
            assert_eq!(f[0].runtime.as_deref(), Some("python3.12"));
            assert!(f[0].in_vpc() && !f[0].is_image());
            assert_eq!(f[0].subnet_ids(), ["subnet-1", "subnet-2"]);
            assert_eq!(
                f[0].policy.as_ref().unwrap().as_ref().unwrap().to_value()["Id"],
                "default"
            );
            assert!(f[1].is_image() && !f[1].in_vpc());
            assert_eq!(f[1].policy, Ok(None));
            let g = f[2].policy.as_ref().unwrap_err();
            assert_eq!(
                (g.kind, g.subject.as_deref()),
                (GapKind::NotCollected, Some("function old"))
            );
            assert_eq!(
                f[2].arn("aws", "123456789012"),
                "arn:aws:lambda:us-east-1:123456789012:function:old"
            );
            assert_eq!(
                inv.lambda.functions.get("eu-west-1").unwrap_err().kind,
                GapKind::NotCollected
            );
        }
    }

    #[test]
    fn denied_policy_and_list() {
        let inv = test_load(&format!(
            r#"{LIST},
               {{"service": "lambda", "operation": "GetPolicy", "region": "us-east-1", "params": {{"FunctionName": "api"}},
                "error": {{"code": "AccessDeniedException", "message": "no"}}}},
               {{"service": "lambda", "operation": "ListFunctions", "region": "eu-west-1",
                "error": {{"code": "AccessDeniedException"}}}}"#
        ))
        .unwrap();
        let f = &inv.lambda.functions.get("us-east-1").unwrap()[0];
        assert_eq!(f.policy.as_ref().unwrap_err().kind, GapKind::AccessDenied);
        assert_eq!(
            inv.lambda.functions.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
    }

    #[test]
    fn function_names_from_params() {
        use super::function_name_of;
        assert_eq!(function_name_of("api"), "api");
        assert_eq!(function_name_of("api:prod"), "api");
        assert_eq!(
            function_name_of("arn:aws:lambda:us-east-1:123456789012:function:api"),
            "api"
        );
        assert_eq!(function_name_of("123456789012:function:api:7"), "api");
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "lambda", "operation": "ListFunctions", "region": "us-east-1",
                "response": {"Functions": [{"FunctionName": "a", "VpcConfig": {"SubnetIds": "subnet-1"}}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.Functions[0].VpcConfig.SubnetIds")
        );
    }
}

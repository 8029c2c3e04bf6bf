//! ECR: private repositories (`DescribeRepositories`) with their lifecycle policy
//! (`GetLifecyclePolicy`), and the registry's scanning configuration
//! (`GetRegistryScanningConfiguration`), per region.
//!
//! ECR prints camelCase keys. `GetLifecyclePolicy` names its repository in
//! `params.repositoryName`; a repository without a lifecycle policy answers
//! `LifecyclePolicyNotFoundException` (`Ok(None)`).

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// ECR data of the account, per region.
#[derive(Debug, Clone)]
pub struct Ecr {
    pub repositories: Regional<Vec<Repository>>,
    /// The private registry's scanning configuration.
    pub registry_scanning: Regional<RegistryScanning>,
    pending: BTreeMap<(String, String), Observed<Option<LifecyclePolicy>>>,
}

impl Default for Ecr {
    fn default() -> Self {
        Ecr {
            repositories: Regional::new("ecr", "DescribeRepositories"),
            registry_scanning: Regional::new("ecr", "GetRegistryScanningConfiguration"),
            pending: BTreeMap::new(),
        }
    }
}

/// A private repository as `DescribeRepositories` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Repository {
    pub repository_name: String,
    pub repository_arn: Option<String>,
    pub registry_id: Option<String>,
    pub repository_uri: Option<String>,
    pub created_at: Option<Timestamp>,
    /// `MUTABLE`, `IMMUTABLE`, `MUTABLE_WITH_EXCLUSION`, `IMMUTABLE_WITH_EXCLUSION`.
    pub image_tag_mutability: Option<String>,
    pub image_scanning_configuration: Option<ImageScanningConfiguration>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// `GetLifecyclePolicy`; `Ok(None)` when the repository has none.
    #[serde(skip, default = "lifecycle_not_collected")]
    pub lifecycle_policy: Observed<Option<LifecyclePolicy>>,
}

fn lifecycle_not_collected() -> Observed<Option<LifecyclePolicy>> {
    Err(Gap::not_collected("ecr", "GetLifecyclePolicy", None))
}

impl Repository {
    /// The repository ARN (`repositoryArn`, or built from the name).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.repository_arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:ecr:{}:{}:repository/{}",
                self.region,
                self.registry_id.as_deref().unwrap_or(account),
                self.repository_name
            ),
        }
    }

    /// The repository-level scan-on-push switch.
    pub fn scan_on_push(&self) -> bool {
        self.image_scanning_configuration
            .as_ref()
            .is_some_and(|c| c.scan_on_push)
    }
}

/// Repository-level scanning (superseded by registry rules, still honoured).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageScanningConfiguration {
    #[serde(default)]
    pub scan_on_push: bool,
}

/// A lifecycle policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecyclePolicy {
    /// The policy's JSON text (rules for expiring images).
    #[serde(default)]
    pub lifecycle_policy_text: String,
    pub last_evaluated_at: Option<Timestamp>,
}

/// `GetRegistryScanningConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistryScanning {
    pub registry_id: Option<String>,
    #[serde(default)]
    pub scanning_configuration: ScanningConfiguration,
}

/// The registry's scan type and rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanningConfiguration {
    /// `BASIC` or `ENHANCED`.
    pub scan_type: Option<String>,
    #[serde(default)]
    pub rules: Vec<ScanningRule>,
}

/// One registry scanning rule: a frequency for the repositories its filters match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanningRule {
    /// `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or `MANUAL`.
    pub scan_frequency: String,
    #[serde(default)]
    pub repository_filters: Vec<RepositoryFilter>,
}

/// A repository name filter (`WILDCARD`: `*` matches any characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryFilter {
    pub filter: String,
    pub filter_type: Option<String>,
}

impl RegistryScanning {
    /// The first registry rule that scans `repository` automatically (on push or
    /// continuously).
    pub fn automatic_rule_for(&self, repository: &str) -> Option<&ScanningRule> {
        self.scanning_configuration.rules.iter().find(|r| {
            matches!(
                r.scan_frequency.as_str(),
                "SCAN_ON_PUSH" | "CONTINUOUS_SCAN"
            ) && r
                .repository_filters
                .iter()
                .any(|f| wildcard_match(&f.filter, repository))
        })
    }
}

/// ECR's repository filter: `*` matches any run of characters; everything else is literal.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == name;
    };
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    for m in middle {
        match rest.find(m) {
            Some(i) => rest = &rest[i + m.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepositoriesResponse {
    #[serde(default)]
    repositories: Vec<Repository>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeRepositories" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: RepositoriesResponse| {
                let mut v = resp.repositories;
                for repo in &mut v {
                    repo.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| inv.ecr.repositories.merge(region, v))
        }
        "GetLifecyclePolicy" => {
            let region = cx.region()?;
            let name = cx.param("repositoryName")?;
            let subject = format!("repository {name}");
            let v = cx
                .observe_optional(body, |r: LifecyclePolicy| Some(r))?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.ecr.pending.insert((region, name), v);
            })
        }
        "GetRegistryScanningConfiguration" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: RegistryScanning| r)?;
            Box::new(move |inv| inv.ecr.registry_scanning.set(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Ecr {
    /// Joins lifecycle policies onto listed repositories; returns notes about calls for
    /// repositories `DescribeRepositories` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self
            .repositories
            .iter()
            .map(|(r, _)| r.to_string())
            .collect();
        for region in listed {
            let Some(Ok(repos)) = self.repositories.entry_mut(&region) else {
                continue;
            };
            for repo in repos {
                repo.lifecycle_policy = pending
                    .remove(&(region.clone(), repo.repository_name.clone()))
                    .unwrap_or_else(|| {
                        Err(
                            Gap::not_collected("ecr", "GetLifecyclePolicy", Some(&region))
                                .about(format!("repository {}", repo.repository_name)),
                        )
                    });
            }
        }
        self.repositories.fill(regions);
        self.registry_scanning.fill(regions);
        let mut notes = Vec::new();
        for (region, name) in pending.keys() {
            if self.repositories.get(region).is_ok() {
                notes.push(format!(
                    "ecr GetLifecyclePolicy for repository `{name}` in {region}: the repository is not in DescribeRepositories; ignored"
                ));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn repositories_lifecycle_and_registry_scanning() {
        let inv = test_load(
            r#"{"service": "ecr", "operation": "DescribeRepositories", "region": "us-east-1",
                "response": {"repositories": [
                  {"repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/web", "registryId": "123456789012",
                   "repositoryName": "web", "repositoryUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web",
                   "createdAt": "2024-01-01T00:00:00+00:00", "imageTagMutability": "IMMUTABLE",
                   "imageScanningConfiguration": {"scanOnPush": true}, "encryptionConfiguration": {"encryptionType": "AES256"}},
                  {"repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/legacy/app", "registryId": "123456789012",
                   "repositoryName": "legacy/app", "imageTagMutability": "MUTABLE",
                   "imageScanningConfiguration": {"scanOnPush": false}}]}},
               {"service": "ecr", "operation": "GetLifecyclePolicy", "region": "us-east-1",
                "params": {"repositoryName": "web"},
                "response": {"registryId": "123456789012", "repositoryName": "web",
                  "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}",
                  "lastEvaluatedAt": "2026-11-19T00:00:00+00:00"}},
               {"service": "ecr", "operation": "GetLifecyclePolicy", "region": "us-east-1",
                "params": {"repositoryName": "legacy/app"},
                "error": {"code": "LifecyclePolicyNotFoundException", "message": "Lifecycle policy does not exist"}},
               {"service": "ecr", "operation": "GetRegistryScanningConfiguration", "region": "us-east-1",
                "response": {"registryId": "123456789012", "scanningConfiguration": {"scanType": "BASIC",
                  "rules": [{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "legacy/*", "filterType": "WILDCARD"}]}]}}}"#,
        )
        .unwrap();
        let r = inv.ecr.repositories.get("us-east-1").unwrap();
        assert!(r[0].scan_on_push());
        assert!(r[0].lifecycle_policy.as_ref().unwrap().is_some());
        assert!(!r[1].scan_on_push());
        assert_eq!(r[1].lifecycle_policy, Ok(None));
        let reg = inv.ecr.registry_scanning.get("us-east-1").unwrap();
        assert!(reg.automatic_rule_for("legacy/app").is_some());
        assert!(reg.automatic_rule_for("web").is_none());
        assert_eq!(
            inv.ecr.registry_scanning.get("eu-west-1").unwrap_err().kind,
            GapKind::NotCollected
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*", "anything"));
        assert!(wildcard_match("prod-*", "prod-web"));
        assert!(!wildcard_match("prod-*", "dev-web"));
        assert!(wildcard_match("*-web", "prod-web"));
        assert!(wildcard_match("a*b*c", "axxbyyc"));
        assert!(!wildcard_match("a*b*c", "axxbyy"));
        assert!(wildcard_match("web", "web") && !wildcard_match("web", "web2"));
        assert!(!wildcard_match("ab*ba", "aba"));
    }
}

//! Amazon OpenSearch Service: domain names (`ListDomainNames`, per region) and each domain's
//! status (`DescribeDomain` per domain, or `DescribeDomains` for up to five): encryption, VPC
//! placement, access policy, logging, cluster shape, TLS policy, fine-grained access control and
//! service software updates.
//!
//! Descriptions are joined onto the listed names in `finalize`; a domain whose description was
//! not read carries a gap. The access policy is a JSON string (empty when none is set).

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::policy_doc::PolicyDocument;
use crate::snapshot::{Body, CallCx};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// OpenSearch data of the account, per region.
#[derive(Debug, Clone)]
pub struct OpenSearch {
    /// Domains by name, each with its status joined on.
    pub domains: Regional<Vec<Domain>>,
    pending: BTreeMap<(String, String), Observed<DomainStatus>>,
}

impl Default for OpenSearch {
    fn default() -> Self {
        OpenSearch {
            domains: Regional::new("opensearch", "ListDomainNames"),
            pending: BTreeMap::new(),
        }
    }
}

/// A listed domain and its status.
#[derive(Debug, Clone)]
pub struct Domain {
    pub name: String,
    /// `OpenSearch` or `Elasticsearch`.
    pub engine_type: Option<String>,
    /// The region of the call that listed it.
    pub region: String,
    /// `DescribeDomain` / `DescribeDomains`.
    pub status: Observed<DomainStatus>,
}

impl Domain {
    /// The domain ARN (from the status, or built from the name).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if let Ok(Some(a)) = self.status.as_ref().map(|s| s.arn.clone()) {
            return a;
        }
        format!(
            "arn:{partition}:es:{}:{account}:domain/{}",
            self.region, self.name
        )
    }
}

/// An on/off option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Toggle {
    #[serde(default)]
    pub enabled: bool,
}

/// Encryption at rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptionAtRest {
    #[serde(default)]
    pub enabled: bool,
    pub kms_key_id: Option<String>,
}

/// The domain's nodes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterConfig {
    pub instance_type: Option<String>,
    /// Data nodes.
    pub instance_count: Option<i64>,
    #[serde(default)]
    pub dedicated_master_enabled: bool,
    pub dedicated_master_count: Option<i64>,
    #[serde(default)]
    pub zone_awareness_enabled: bool,
}

/// VPC placement (absent for a domain with a public endpoint).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcOptions {
    #[serde(rename = "VPCId")]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
}

/// One log stream published to CloudWatch Logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogPublishing {
    pub cloud_watch_logs_log_group_arn: Option<String>,
    #[serde(default)]
    pub enabled: bool,
}

/// HTTPS settings of the domain endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomainEndpointOptions {
    #[serde(rename = "EnforceHTTPS", default)]
    pub enforce_https: bool,
    /// `Policy-Min-TLS-1-0-2019-07`, `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`.
    #[serde(rename = "TLSSecurityPolicy")]
    pub tls_security_policy: Option<String>,
}

/// Fine-grained access control.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdvancedSecurityOptions {
    #[serde(default)]
    pub enabled: bool,
    pub internal_user_database_enabled: Option<bool>,
    pub anonymous_auth_enabled: Option<bool>,
}

/// The domain's service software version and pending update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceSoftwareOptions {
    pub current_version: Option<String>,
    pub new_version: Option<String>,
    #[serde(default)]
    pub update_available: bool,
    /// `PENDING_UPDATE`, `IN_PROGRESS`, `COMPLETED`, `NOT_ELIGIBLE`, `ELIGIBLE`.
    pub update_status: Option<String>,
    pub optional_deployment: Option<bool>,
}

/// A domain's status, as `DescribeDomain` prints it (`DomainStatus`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomainStatus {
    pub domain_name: String,
    #[serde(rename = "ARN")]
    pub arn: Option<String>,
    pub engine_version: Option<String>,
    pub endpoint: Option<String>,
    #[serde(default)]
    pub endpoints: BTreeMap<String, String>,
    #[serde(default)]
    pub deleted: bool,
    pub cluster_config: Option<ClusterConfig>,
    /// The resource-based access policy; `None` when the domain has none.
    #[serde(default, deserialize_with = "access_policy")]
    pub access_policies: Option<PolicyDocument>,
    #[serde(rename = "VPCOptions")]
    pub vpc_options: Option<VpcOptions>,
    pub encryption_at_rest_options: Option<EncryptionAtRest>,
    pub node_to_node_encryption_options: Option<Toggle>,
    /// By log type: `ES_APPLICATION_LOGS`, `AUDIT_LOGS`, `SEARCH_SLOW_LOGS`, `INDEX_SLOW_LOGS`.
    #[serde(default)]
    pub log_publishing_options: BTreeMap<String, LogPublishing>,
    pub domain_endpoint_options: Option<DomainEndpointOptions>,
    pub advanced_security_options: Option<AdvancedSecurityOptions>,
    pub service_software_options: Option<ServiceSoftwareOptions>,
}

impl DomainStatus {
    /// The domain is placed in a VPC.
    pub fn in_vpc(&self) -> bool {
        self.vpc_options
            .as_ref()
            .and_then(|v| v.vpc_id.as_deref())
            .is_some_and(|v| !v.is_empty())
    }

    /// The log group a log type is published to, when it is enabled.
    pub fn log_destination(&self, kind: &str) -> Option<&str> {
        self.log_publishing_options
            .get(kind)
            .filter(|l| l.enabled)
            .map(|l| l.cloud_watch_logs_log_group_arn.as_deref().unwrap_or(""))
    }
}

fn access_policy<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PolicyDocument>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if !s.trim().is_empty() => PolicyDocument::from_text(&s)
            .map(Some)
            .map_err(serde::de::Error::custom),
        _ => Ok(None),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DomainName {
    domain_name: String,
    engine_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListDomainNamesResponse {
    #[serde(default)]
    domain_names: Vec<DomainName>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeDomainResponse {
    domain_status: DomainStatus,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeDomainsResponse {
    #[serde(default)]
    domain_status_list: Vec<DomainStatus>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListDomainNames" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: ListDomainNamesResponse| {
                r.domain_names
                    .into_iter()
                    .map(|d| Domain {
                        status: Err(Gap::not_collected(
                            "opensearch",
                            "DescribeDomain",
                            Some(&region),
                        )),
                        name: d.domain_name,
                        engine_type: d.engine_type,
                        region: region.clone(),
                    })
                    .collect::<Vec<_>>()
            })?;
            Box::new(move |inv| inv.opensearch.domains.merge(region, v))
        }
        "DescribeDomain" => {
            let region = cx.region()?;
            let name = cx.param("DomainName")?;
            let subject = format!("domain {name}");
            let v = cx
                .observe(body, |r: DescribeDomainResponse| r.domain_status)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.opensearch.pending.insert((region, name), v);
            })
        }
        "DescribeDomains" => {
            let region = cx.region()?;
            let asked: Vec<String> = match cx.param_raw("DomainNames") {
                Some(raw) => serde_json::from_str(raw.get()).map_err(|_| {
                    cx.error(Some("params.DomainNames"), "must be a list of domain names")
                })?,
                None => Vec::new(),
            };
            let v = cx.observe(body, |r: DescribeDomainsResponse| r.domain_status_list)?;
            Box::new(move |inv| match v {
                Ok(list) => {
                    for s in list {
                        let key = (region.clone(), s.domain_name.clone());
                        inv.opensearch.pending.insert(key, Ok(s));
                    }
                }
                Err(g) => {
                    for name in asked {
                        let g = g.clone().about(format!("domain {name}"));
                        inv.opensearch
                            .pending
                            .insert((region.clone(), name), Err(g));
                    }
                }
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl OpenSearch {
    /// Joins domain statuses onto listed domains; returns notes about statuses of domains not
    /// listed.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.domains.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(list)) = self.domains.entry_mut(&region) else {
                continue;
            };
            for d in list {
                d.status = pending
                    .remove(&(region.clone(), d.name.clone()))
                    .unwrap_or_else(|| {
                        Err(
                            Gap::not_collected("opensearch", "DescribeDomain", Some(&region))
                                .about(format!("domain {}", d.name)),
                        )
                    });
            }
        }
        self.domains.fill(regions);
        pending
            .keys()
            .filter(|(region, _)| self.domains.get(region).is_ok())
            .map(|(region, name)| {
                format!("opensearch status for domain `{name}` in {region}: the domain is not in ListDomainNames; ignored")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn statuses_join_onto_names() {
        let inv = test_load(
            r#"{"service": "opensearch", "operation": "ListDomainNames", "region": "us-east-1", "params": {},
                "response": {"DomainNames": [{"DomainName": "search", "EngineType": "OpenSearch"},
                                             {"DomainName": "logs", "EngineType": "OpenSearch"},
                                             {"DomainName": "old", "EngineType": "Elasticsearch"}]}},
               {"service": "opensearch", "operation": "DescribeDomains", "region": "us-east-1",
                "params": {"DomainNames": ["search", "logs"]},
                "response": {"DomainStatusList": [{"DomainId": "123456789012/search", "DomainName": "search",
                  "ARN": "arn:aws:es:us-east-1:123456789012:domain/search", "Created": true, "Deleted": false,
                  "Endpoints": {"vpc": "vpc-search-abc.us-east-1.es.amazonaws.com"}, "Processing": false,
                  "EngineVersion": "OpenSearch_2.13",
                  "ClusterConfig": {"InstanceType": "r6g.large.search", "InstanceCount": 3, "DedicatedMasterEnabled": true,
                    "ZoneAwarenessEnabled": true, "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3},
                    "DedicatedMasterType": "m6g.large.search", "DedicatedMasterCount": 3},
                  "AccessPolicies": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"es:*\",\"Resource\":\"arn:aws:es:us-east-1:123456789012:domain/search/*\"}]}",
                  "VPCOptions": {"VPCId": "vpc-0a1b2c3d", "SubnetIds": ["subnet-0a1b2c3d"], "AvailabilityZones": ["us-east-1a"],
                    "SecurityGroupIds": ["sg-0a1b2c3d"]},
                  "EncryptionAtRestOptions": {"Enabled": true, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"},
                  "NodeToNodeEncryptionOptions": {"Enabled": true},
                  "LogPublishingOptions": {"ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:os-app", "Enabled": true},
                    "AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:os-audit", "Enabled": false}},
                  "ServiceSoftwareOptions": {"CurrentVersion": "OpenSearch_2_13_R20240520", "NewVersion": "", "UpdateAvailable": false,
                    "Cancellable": false, "UpdateStatus": "COMPLETED", "Description": "There is no software update available.", "OptionalDeployment": true},
                  "DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10", "CustomEndpointEnabled": false},
                  "AdvancedSecurityOptions": {"Enabled": true, "InternalUserDatabaseEnabled": false, "AnonymousAuthEnabled": false}},
                 {"DomainName": "logs", "Endpoint": "search-logs-abc.us-east-1.es.amazonaws.com", "AccessPolicies": ""}]}},
               {"service": "opensearch", "operation": "DescribeDomain", "region": "us-east-1", "params": {"DomainName": "old"},
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        let list = inv.opensearch.domains.get("us-east-1").unwrap();
        let s = list[0].status.as_ref().unwrap();
        assert!(s.in_vpc());
        assert!(s.access_policies.is_some());
        assert_eq!(
            s.log_destination("ES_APPLICATION_LOGS"),
            Some("arn:aws:logs:us-east-1:123456789012:log-group:os-app")
        );
        assert_eq!(s.log_destination("AUDIT_LOGS"), None);
        assert_eq!(s.cluster_config.as_ref().unwrap().instance_count, Some(3));
        let logs = list[1].status.as_ref().unwrap();
        assert!(!logs.in_vpc() && logs.access_policies.is_none());
        assert_eq!(
            list[1].arn("aws", "123456789012"),
            "arn:aws:es:us-east-1:123456789012:domain/logs"
        );
        assert_eq!(
            list[2].status.as_ref().unwrap_err().kind,
            GapKind::AccessDenied
        );
    }

    #[test]
    fn bad_access_policy_names_the_path() {
        let e = test_load(
            r#"{"service": "opensearch", "operation": "DescribeDomain", "region": "us-east-1", "params": {"DomainName": "x"},
                "response": {"DomainStatus": {"DomainName": "x", "AccessPolicies": "not json"}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.DomainStatus.AccessPolicies")
        );
    }
}

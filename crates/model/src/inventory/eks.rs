//! Amazon EKS: cluster names (`ListClusters`, per region) and each cluster's configuration
//! (`DescribeCluster`, per cluster: endpoint access, Kubernetes version, secrets encryption,
//! control plane logging).
//!
//! `DescribeCluster` names its cluster in `params.name` (the API's own lowercase parameter) and is
//! joined onto the listed name in `finalize`; a cluster whose description was not read carries a
//! gap. EKS prints camelCase member names.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// EKS data of the account, per region.
#[derive(Debug, Clone)]
pub struct Eks {
    /// Clusters by name, each with its description joined on.
    pub clusters: Regional<Vec<Cluster>>,
    pending: BTreeMap<(String, String), Observed<ClusterDetail>>,
}

impl Default for Eks {
    fn default() -> Self {
        Eks {
            clusters: Regional::new("eks", "ListClusters"),
            pending: BTreeMap::new(),
        }
    }
}

/// A listed cluster and its description.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: String,
    /// The region of the call that listed it.
    pub region: String,
    /// `DescribeCluster`.
    pub detail: Observed<ClusterDetail>,
}

impl Cluster {
    /// The cluster ARN (from the description, or built from the name).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if let Ok(Some(a)) = self.detail.as_ref().map(|d| d.arn.clone()) {
            return a;
        }
        format!(
            "arn:{partition}:eks:{}:{account}:cluster/{}",
            self.region, self.name
        )
    }
}

/// The cluster's network settings (`resourcesVpcConfig`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VpcConfig {
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    pub cluster_security_group_id: Option<String>,
    pub vpc_id: Option<String>,
    /// The Kubernetes API endpoint answers from the internet.
    #[serde(default)]
    pub endpoint_public_access: bool,
    #[serde(default)]
    pub endpoint_private_access: bool,
    /// Where the public endpoint accepts connections from (`0.0.0.0/0` by default).
    #[serde(default)]
    pub public_access_cidrs: Vec<String>,
}

/// One control plane log setting: these `types` are on or off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogSetup {
    /// `api`, `audit`, `authenticator`, `controllerManager`, `scheduler`.
    #[serde(default)]
    pub types: Vec<String>,
    pub enabled: Option<bool>,
}

/// Control plane logging.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Logging {
    #[serde(default)]
    pub cluster_logging: Vec<LogSetup>,
}

/// The KMS key of an envelope-encryption configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionProvider {
    pub key_arn: Option<String>,
}

/// Envelope encryption of Kubernetes resources (`secrets`) with a KMS key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptionConfig {
    #[serde(default)]
    pub resources: Vec<String>,
    pub provider: Option<EncryptionProvider>,
}

/// A cluster as `DescribeCluster` prints it (`cluster`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterDetail {
    pub name: String,
    pub arn: Option<String>,
    pub created_at: Option<Timestamp>,
    /// Kubernetes version (`1.31`).
    pub version: Option<String>,
    pub endpoint: Option<String>,
    pub role_arn: Option<String>,
    pub resources_vpc_config: Option<VpcConfig>,
    pub logging: Option<Logging>,
    /// `CREATING`, `ACTIVE`, `DELETING`, `FAILED`, `UPDATING`, `PENDING`.
    pub status: Option<String>,
    pub platform_version: Option<String>,
    #[serde(default)]
    pub encryption_config: Vec<EncryptionConfig>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

impl ClusterDetail {
    /// The control plane log types that are enabled.
    pub fn enabled_log_types(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for s in self.logging.iter().flat_map(|l| &l.cluster_logging) {
            if s.enabled == Some(true) {
                out.extend(s.types.iter().map(String::as_str));
            }
        }
        out
    }

    /// The KMS key that encrypts Kubernetes secrets, if any.
    pub fn secrets_key(&self) -> Option<&str> {
        self.encryption_config
            .iter()
            .find(|c| c.resources.iter().any(|r| r == "secrets"))
            .map(|c| {
                c.provider
                    .as_ref()
                    .and_then(|p| p.key_arn.as_deref())
                    .unwrap_or("")
            })
    }
}

#[derive(Deserialize)]
struct ListClustersResponse {
    #[serde(default)]
    clusters: Vec<String>,
}

#[derive(Deserialize)]
struct DescribeClusterResponse {
    cluster: ClusterDetail,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListClusters" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: ListClustersResponse| {
                r.clusters
                    .into_iter()
                    .map(|name| Cluster {
                        name,
                        region: region.clone(),
                        detail: Err(Gap::not_collected("eks", "DescribeCluster", Some(&region))),
                    })
                    .collect::<Vec<_>>()
            })?;
            Box::new(move |inv| inv.eks.clusters.merge(region, v))
        }
        "DescribeCluster" => {
            let region = cx.region()?;
            let name = cx.param("name")?;
            let subject = format!("cluster {name}");
            let v = cx
                .observe(body, |r: DescribeClusterResponse| r.cluster)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.eks.pending.insert((region, name), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Eks {
    /// Joins cluster descriptions onto listed clusters; returns notes about descriptions of
    /// clusters `ListClusters` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.clusters.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(list)) = self.clusters.entry_mut(&region) else {
                continue;
            };
            for c in list {
                c.detail = pending
                    .remove(&(region.clone(), c.name.clone()))
                    .unwrap_or_else(|| {
                        Err(Gap::not_collected("eks", "DescribeCluster", Some(&region))
                            .about(format!("cluster {}", c.name)))
                    });
            }
        }
        self.clusters.fill(regions);
        pending
            .keys()
            .filter(|(region, _)| self.clusters.get(region).is_ok())
            .map(|(region, name)| {
                format!("eks DescribeCluster for cluster `{name}` in {region}: the cluster is not in ListClusters; ignored")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn describe_joins_onto_list() {
        let inv = test_load(
            r#"{"service": "eks", "operation": "DescribeCluster", "region": "us-east-1", "params": {"name": "prod"},
                "response": {"cluster": {"name": "prod", "arn": "arn:aws:eks:us-east-1:123456789012:cluster/prod",
                  "createdAt": "2026-01-10T12:00:00.000000+00:00", "version": "1.31",
                  "endpoint": "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
                  "roleArn": "arn:aws:iam::123456789012:role/eks-cluster",
                  "resourcesVpcConfig": {"subnetIds": ["subnet-0a1b2c3d"], "securityGroupIds": [],
                    "clusterSecurityGroupId": "sg-0a1b2c3d", "vpcId": "vpc-0a1b2c3d",
                    "endpointPublicAccess": true, "endpointPrivateAccess": false, "publicAccessCidrs": ["0.0.0.0/0"]},
                  "kubernetesNetworkConfig": {"serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4"},
                  "logging": {"clusterLogging": [{"types": ["api", "audit"], "enabled": true},
                    {"types": ["authenticator", "controllerManager", "scheduler"], "enabled": false}]},
                  "status": "ACTIVE", "platformVersion": "eks.12",
                  "encryptionConfig": [{"resources": ["secrets"],
                    "provider": {"keyArn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}],
                  "tags": {"team": "platform"}}}},
               {"service": "eks", "operation": "ListClusters", "region": "us-east-1", "params": {},
                "response": {"clusters": ["prod", "dev"]}},
               {"service": "eks", "operation": "DescribeCluster", "region": "us-east-1", "params": {"name": "dev"},
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        let list = inv.eks.clusters.get("us-east-1").unwrap();
        let d = list[0].detail.as_ref().unwrap();
        assert_eq!(d.version.as_deref(), Some("1.31"));
        assert!(
            d.resources_vpc_config
                .as_ref()
                .unwrap()
                .endpoint_public_access
        );
        assert_eq!(d.enabled_log_types(), ["api", "audit"]);
        assert!(d.secrets_key().unwrap().contains(":key/"));
        assert_eq!(
            list[1].detail.as_ref().unwrap_err().kind,
            GapKind::AccessDenied
        );
        assert_eq!(
            list[1].arn("aws", "123456789012"),
            "arn:aws:eks:us-east-1:123456789012:cluster/dev"
        );
    }
}

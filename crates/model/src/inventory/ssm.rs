//! Systems Manager: managed nodes (`DescribeInstanceInformation`), compliance summaries per
//! resource (`ListResourceComplianceSummaries`: patch, association and custom compliance), and
//! the account's own documents (`ListDocuments` with the filter `Owner: Self`) with their
//! sharing permissions (`DescribeDocumentPermission`, `PermissionType: Share`), per region.

use super::{Apply, Regional, Tag};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Systems Manager data of the account, per region.
#[derive(Debug, Clone)]
pub struct Ssm {
    /// Nodes registered with Systems Manager (EC2 instances and hybrid nodes).
    pub managed_instances: Regional<Vec<InstanceInformation>>,
    /// One summary per (compliance type, resource).
    pub compliance_summaries: Regional<Vec<ComplianceSummary>>,
    /// Documents the account owns, each with its sharing permission joined on.
    pub documents: Regional<Vec<Document>>,
    pending: BTreeMap<(String, String), Observed<DocumentPermission>>,
}

impl Default for Ssm {
    fn default() -> Self {
        Ssm {
            managed_instances: Regional::new("ssm", "DescribeInstanceInformation"),
            compliance_summaries: Regional::new("ssm", "ListResourceComplianceSummaries"),
            documents: Regional::new("ssm", "ListDocuments"),
            pending: BTreeMap::new(),
        }
    }
}

/// A managed node as `DescribeInstanceInformation` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceInformation {
    /// `i-...` for EC2 instances, `mi-...` for hybrid nodes.
    pub instance_id: String,
    /// `Online`, `ConnectionLost`, `Inactive`.
    pub ping_status: Option<String>,
    pub last_ping_date_time: Option<Timestamp>,
    pub agent_version: Option<String>,
    pub platform_type: Option<String>,
    pub platform_name: Option<String>,
    /// `EC2Instance` or `ManagedInstance`.
    pub resource_type: Option<String>,
}

/// A compliance summary for one resource and compliance type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ComplianceSummary {
    /// `Patch`, `Association` or `Custom:<name>`.
    pub compliance_type: String,
    /// `ManagedInstance`, ...
    pub resource_type: Option<String>,
    /// The instance ID for managed instances.
    pub resource_id: String,
    /// `COMPLIANT` or `NON_COMPLIANT`.
    pub status: String,
    /// `CRITICAL`, `HIGH`, `MEDIUM`, `LOW`, `INFORMATIONAL`, `UNSPECIFIED`.
    pub overall_severity: Option<String>,
    pub execution_summary: Option<ExecutionSummary>,
    pub non_compliant_summary: Option<NonCompliantSummary>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl ComplianceSummary {
    /// The resource is compliant.
    pub fn is_compliant(&self) -> bool {
        self.status == "COMPLIANT"
    }

    /// How many items are not compliant, when the summary says.
    pub fn non_compliant_count(&self) -> Option<i64> {
        self.non_compliant_summary
            .as_ref()
            .and_then(|s| s.non_compliant_count)
    }
}

/// When compliance was last evaluated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExecutionSummary {
    pub execution_time: Option<Timestamp>,
    pub execution_id: Option<String>,
    pub execution_type: Option<String>,
}

/// The count of non-compliant items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NonCompliantSummary {
    pub non_compliant_count: Option<i64>,
}

/// A document the account owns, as `ListDocuments` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Document {
    pub name: String,
    /// The owning account ID (`Amazon` for AWS documents).
    pub owner: Option<String>,
    /// `Command`, `Automation`, `Session`, ...
    pub document_type: Option<String>,
    pub document_version: Option<String>,
    pub created_date: Option<Timestamp>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// `DescribeDocumentPermission` (`PermissionType: Share`).
    #[serde(skip, default = "permission_not_collected")]
    pub permission: Observed<DocumentPermission>,
}

fn permission_not_collected() -> Observed<DocumentPermission> {
    Err(Gap::not_collected(
        "ssm",
        "DescribeDocumentPermission",
        None,
    ))
}

impl Document {
    /// The document ARN.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        format!(
            "arn:{partition}:ssm:{}:{account}:document/{}",
            self.region, self.name
        )
    }
}

/// Who a document is shared with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentPermission {
    /// Account IDs, or `all` when the document is public.
    #[serde(default)]
    pub account_ids: Vec<String>,
}

impl DocumentPermission {
    /// Shared with every AWS account.
    pub fn is_public(&self) -> bool {
        self.account_ids
            .iter()
            .any(|a| a.eq_ignore_ascii_case("all"))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceInformationResponse {
    #[serde(default)]
    instance_information_list: Vec<InstanceInformation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ComplianceResponse {
    #[serde(default)]
    resource_compliance_summary_items: Vec<ComplianceSummary>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DocumentsResponse {
    #[serde(default)]
    document_identifiers: Vec<Document>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeInstanceInformation" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: InstanceInformationResponse| {
                r.instance_information_list
            })?;
            Box::new(move |inv| inv.ssm.managed_instances.merge(region, v))
        }
        "ListResourceComplianceSummaries" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: ComplianceResponse| {
                let mut v = resp.resource_compliance_summary_items;
                for s in &mut v {
                    s.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| inv.ssm.compliance_summaries.merge(region, v))
        }
        "ListDocuments" => {
            let region = cx.region()?;
            let r = region.clone();
            let v = cx.observe(body, move |resp: DocumentsResponse| {
                let mut v = resp.document_identifiers;
                for d in &mut v {
                    d.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| inv.ssm.documents.merge(region, v))
        }
        "DescribeDocumentPermission" => {
            let region = cx.region()?;
            let name = cx.param("Name")?;
            let subject = format!("document {name}");
            let v = cx
                .observe(body, |r: DocumentPermission| r)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.ssm.pending.insert((region, name), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Ssm {
    /// Joins sharing permissions onto listed documents; returns notes about calls for
    /// documents `ListDocuments` did not list.
    pub(crate) fn finalize(&mut self, regions: &[String]) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let listed: Vec<String> = self.documents.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(docs)) = self.documents.entry_mut(&region) else {
                continue;
            };
            for d in docs {
                d.permission = pending
                    .remove(&(region.clone(), d.name.clone()))
                    .unwrap_or_else(|| {
                        Err(
                            Gap::not_collected("ssm", "DescribeDocumentPermission", Some(&region))
                                .about(format!("document {}", d.name)),
                        )
                    });
            }
        }
        self.managed_instances.fill(regions);
        self.compliance_summaries.fill(regions);
        self.documents.fill(regions);
        let mut notes = Vec::new();
        for (region, name) in pending.keys() {
            if self.documents.get(region).is_ok() {
                notes.push(format!(
                    "ssm DescribeDocumentPermission for document `{name}` in {region}: the document is not in ListDocuments; ignored"
                ));
            }
        }
        notes
    }

    /// The compliance summary of one type (`Patch`, `Association`) for a resource, if any.
    /// `Err` when the region's summaries were not collected.
    pub fn compliance(
        &self,
        region: &str,
        compliance_type: &str,
        resource_id: &str,
    ) -> Observed<Option<&ComplianceSummary>> {
        let list = self.compliance_summaries.get(region)?;
        Ok(list
            .iter()
            .find(|s| s.compliance_type == compliance_type && s.resource_id == resource_id))
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn managed_nodes_compliance_and_documents() {
        let inv = test_load(
            r#"{"service": "ssm", "operation": "DescribeInstanceInformation", "region": "us-east-1",
                "response": {"InstanceInformationList": [{"InstanceId": "i-0a1b2c3d4e5f60718", "PingStatus": "Online",
                  "LastPingDateTime": "2026-11-20T08:55:00.000000+00:00", "AgentVersion": "3.3.1142.0", "IsLatestVersion": false,
                  "PlatformType": "Linux", "PlatformName": "Amazon Linux", "PlatformVersion": "2023", "ResourceType": "EC2Instance",
                  "IPAddress": "10.0.1.10", "ComputerName": "ip-10-0-1-10.ec2.internal", "AssociationStatus": "Success"}]}},
               {"service": "ssm", "operation": "ListResourceComplianceSummaries", "region": "us-east-1",
                "params": {"Filters": [{"Key": "ComplianceType", "Values": ["Patch"], "Type": "EQUAL"}]},
                "response": {"ResourceComplianceSummaryItems": [{"ComplianceType": "Patch", "ResourceType": "ManagedInstance",
                  "ResourceId": "i-0a1b2c3d4e5f60718", "Status": "NON_COMPLIANT", "OverallSeverity": "CRITICAL",
                  "ExecutionSummary": {"ExecutionTime": "2026-11-19T03:00:00+00:00", "ExecutionId": "abc", "ExecutionType": "Command"},
                  "CompliantSummary": {"CompliantCount": 40, "SeveritySummary": {"CriticalCount": 0}},
                  "NonCompliantSummary": {"NonCompliantCount": 3, "SeveritySummary": {"CriticalCount": 3}}}]}},
               {"service": "ssm", "operation": "ListDocuments", "region": "us-east-1",
                "params": {"Filters": [{"Key": "Owner", "Values": ["Self"]}]},
                "response": {"DocumentIdentifiers": [{"Name": "acme-bootstrap", "CreatedDate": "2025-02-01T00:00:00+00:00",
                  "Owner": "123456789012", "VersionName": null, "PlatformTypes": ["Linux"], "DocumentVersion": "3",
                  "DocumentType": "Command", "SchemaVersion": "2.2", "DocumentFormat": "YAML", "Tags": []},
                  {"Name": "acme-runbook", "Owner": "123456789012", "DocumentType": "Automation"}]}},
               {"service": "ssm", "operation": "DescribeDocumentPermission", "region": "us-east-1",
                "params": {"Name": "acme-bootstrap", "PermissionType": "Share"},
                "response": {"AccountIds": ["all"], "AccountSharingInfoList": [{"AccountId": "all", "SharedDocumentVersion": "$DEFAULT"}]}}"#,
        )
        .unwrap();
        let m = inv.ssm.managed_instances.get("us-east-1").unwrap();
        assert_eq!(m[0].ping_status.as_deref(), Some("Online"));
        let c = inv
            .ssm
            .compliance("us-east-1", "Patch", "i-0a1b2c3d4e5f60718")
            .unwrap()
            .unwrap();
        assert!(!c.is_compliant());
        assert_eq!(c.non_compliant_count(), Some(3));
        assert!(
            inv.ssm
                .compliance("us-east-1", "Association", "i-0a1b2c3d4e5f60718")
                .unwrap()
                .is_none()
        );
        let d = inv.ssm.documents.get("us-east-1").unwrap();
        assert!(d[0].permission.as_ref().unwrap().is_public());
        assert_eq!(
            d[1].permission.as_ref().unwrap_err().kind,
            GapKind::NotCollected
        );
        assert_eq!(
            d[0].arn("aws", "123456789012"),
            "arn:aws:ssm:us-east-1:123456789012:document/acme-bootstrap"
        );
        assert_eq!(
            inv.ssm.managed_instances.get("eu-west-1").unwrap_err().kind,
            GapKind::NotCollected
        );
    }
}

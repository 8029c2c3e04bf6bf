//! IAM Access Analyzer: analyzers (`ListAnalyzers`), per region.
//!
//! CIS asks for an active analyzer in every region. Member names are camelCase, as botocore
//! prints them for this service.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;

/// Access Analyzer data of the account, per region.
#[derive(Debug, Clone)]
pub struct AccessAnalyzer {
    pub analyzers: Regional<Vec<Analyzer>>,
}

impl Default for AccessAnalyzer {
    fn default() -> Self {
        AccessAnalyzer {
            analyzers: Regional::new("accessanalyzer", "ListAnalyzers"),
        }
    }
}

/// An analyzer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Analyzer {
    pub arn: String,
    pub name: String,
    /// `ACCOUNT`, `ORGANIZATION`, `ACCOUNT_UNUSED_ACCESS`, `ORGANIZATION_UNUSED_ACCESS`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`.
    pub status: String,
    pub created_at: Option<Timestamp>,
    pub last_resource_analyzed: Option<String>,
    pub last_resource_analyzed_at: Option<Timestamp>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl Analyzer {
    /// The analyzer is running.
    pub fn is_active(&self) -> bool {
        self.status == "ACTIVE"
    }
}

#[derive(Deserialize)]
struct ListAnalyzersResponse {
    #[serde(default)]
    analyzers: Vec<Analyzer>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListAnalyzers" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: ListAnalyzersResponse| {
                let mut v = r.analyzers;
                for a in &mut v {
                    a.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.accessanalyzer.analyzers.merge(region, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl AccessAnalyzer {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.analyzers.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn analyzers() {
        let inv = test_load(
            r#"{"service": "accessanalyzer", "operation": "ListAnalyzers", "region": "us-east-1",
                "response": {"analyzers": [{"arn": "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/acct",
                  "name": "acct", "type": "ACCOUNT", "createdAt": "2024-01-01T00:00:00+00:00",
                  "lastResourceAnalyzed": "arn:aws:s3:::logs", "lastResourceAnalyzedAt": "2024-01-02T00:00:00+00:00",
                  "tags": {}, "status": "ACTIVE"}]}},
               {"service": "accessanalyzer", "operation": "ListAnalyzers", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException", "message": "no"}}"#,
        )
        .unwrap();
        let a = &inv.accessanalyzer.analyzers.get("us-east-1").unwrap()[0];
        assert!(a.is_active());
        assert_eq!(
            (a.name.as_str(), a.kind.as_str(), a.region.as_str()),
            ("acct", "ACCOUNT", "us-east-1")
        );
        let g = inv.accessanalyzer.analyzers.get("eu-west-1").unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "accessanalyzer", "operation": "ListAnalyzers", "region": "us-east-1",
                "response": {"analyzers": [{"arn": "a", "name": "n", "type": "ACCOUNT"}]}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("response.analyzers[0]"));
        assert!(e.message.contains("status"), "{e}");
    }
}

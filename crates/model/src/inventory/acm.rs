//! ACM: certificates (`ListCertificates`), per region.
//!
//! `ListCertificates` returns only RSA-2048 certificates unless the call passes
//! `Includes.keyTypes` with every key type; the recorder and the collector pass them all, so
//! that weak (RSA-1024) keys are seen. The summary carries what the checks read (type, status,
//! key algorithm, expiry), so no per-certificate call is needed.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use std::collections::BTreeSet;

/// ACM data of the account, per region.
#[derive(Debug, Clone)]
pub struct Acm {
    pub certificates: Regional<Vec<Certificate>>,
    /// Regions where a `ListCertificates` call did not ask for every key type, so certificates
    /// with other keys (RSA-1024, RSA-4096, EC) may be missing from the list.
    pub partial_key_types: BTreeSet<String>,
}

impl Default for Acm {
    fn default() -> Self {
        Acm {
            certificates: Regional::new("acm", "ListCertificates"),
            partial_key_types: BTreeSet::new(),
        }
    }
}

/// Key types `ListCertificates` lists only when `Includes.keyTypes` names them.
pub const ALL_KEY_TYPES: [&str; 7] = [
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
];

impl Acm {
    /// Every certificate of the region was listed, whatever its key type.
    pub fn lists_every_key_type(&self, region: &str) -> bool {
        !self.partial_key_types.contains(region)
    }
}

/// A certificate summary as `ListCertificates` prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Certificate {
    pub certificate_arn: String,
    pub domain_name: Option<String>,
    /// `ISSUED`, `PENDING_VALIDATION`, `EXPIRED`, `INACTIVE`, `REVOKED`, `FAILED`,
    /// `VALIDATION_TIMED_OUT`.
    pub status: Option<String>,
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    /// `RSA-2048` (as the API prints it) or `RSA_2048` (the SDK enum), `EC-prime256v1`, ...
    pub key_algorithm: Option<String>,
    pub in_use: Option<bool>,
    /// `ELIGIBLE` or `INELIGIBLE` for managed renewal.
    pub renewal_eligibility: Option<String>,
    pub not_before: Option<Timestamp>,
    pub not_after: Option<Timestamp>,
    pub created_at: Option<Timestamp>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl Certificate {
    /// The RSA key size in bits, when the key is RSA (`RSA-2048` → 2048). `None` for EC keys or
    /// an unknown algorithm.
    pub fn rsa_bits(&self) -> Option<u32> {
        let alg = self.key_algorithm.as_deref()?;
        let bits = alg
            .strip_prefix("RSA-")
            .or_else(|| alg.strip_prefix("RSA_"))?;
        bits.parse().ok()
    }

    /// The key is RSA (by its algorithm name).
    pub fn is_rsa(&self) -> bool {
        self.key_algorithm
            .as_deref()
            .is_some_and(|a| a.starts_with("RSA"))
    }
}

#[derive(Deserialize)]
struct Includes {
    #[serde(rename = "keyTypes", default)]
    key_types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListCertificatesResponse {
    #[serde(default)]
    certificate_summary_list: Vec<Certificate>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListCertificates" => {
            let region = cx.region()?;
            let includes: Option<Includes> = cx
                .param_raw("Includes")
                .map(|raw| serde_json::from_str(raw.get()))
                .transpose()
                .map_err(|_| {
                    cx.error(
                        Some("params.Includes"),
                        "must be an object with a `keyTypes` list",
                    )
                })?;
            let complete = includes.is_some_and(|i| {
                ALL_KEY_TYPES
                    .iter()
                    .all(|k| i.key_types.iter().any(|t| t == k))
            });
            let r = region.clone();
            let v = cx.observe(body, move |resp: ListCertificatesResponse| {
                let mut v = resp.certificate_summary_list;
                for c in &mut v {
                    c.region.clone_from(&r);
                }
                v
            })?;
            Box::new(move |inv| {
                if !complete {
                    inv.acm.partial_key_types.insert(region.clone());
                }
                inv.acm.certificates.merge(region, v)
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Acm {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        self.certificates.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    #[test]
    fn certificates() {
        let inv = test_load(
            r#"{"service": "acm", "operation": "ListCertificates", "region": "us-east-1",
                "params": {"Includes": {"keyTypes": ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]}},
                "response": {"CertificateSummaryList": [
                  {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/1111", "DomainName": "www.acme.example",
                   "SubjectAlternativeNameSummaries": ["www.acme.example"], "HasAdditionalSubjectAlternativeNames": false,
                   "Status": "ISSUED", "Type": "AMAZON_ISSUED", "KeyAlgorithm": "RSA-2048", "KeyUsages": ["DIGITAL_SIGNATURE"],
                   "ExtendedKeyUsages": ["TLS_WEB_SERVER_AUTHENTICATION"], "InUse": true, "RenewalEligibility": "ELIGIBLE",
                   "NotBefore": "2026-06-01T00:00:00+00:00", "NotAfter": "2027-07-01T23:59:59+00:00",
                   "CreatedAt": "2024-06-01T10:00:00.123000+00:00", "IssuedAt": "2026-06-01T10:00:00+00:00"},
                  {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/2222", "DomainName": "old.acme.example",
                   "Status": "ISSUED", "Type": "IMPORTED", "KeyAlgorithm": "RSA_1024", "InUse": false,
                   "NotAfter": "2026-12-01T00:00:00+00:00"},
                  {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/3333", "Status": "ISSUED",
                   "KeyAlgorithm": "EC-prime256v1"}]}},
               {"service": "acm", "operation": "ListCertificates", "region": "eu-west-1",
                "error": {"code": "AccessDeniedException"}}"#,
        )
        .unwrap();
        let c = inv.acm.certificates.get("us-east-1").unwrap();
        assert_eq!(c[0].rsa_bits(), Some(2048));
        assert_eq!(c[1].rsa_bits(), Some(1024));
        assert_eq!(c[1].kind.as_deref(), Some("IMPORTED"));
        assert!(!c[2].is_rsa() && c[2].rsa_bits().is_none());
        assert!(c[0].not_after.is_some() && c[2].not_after.is_none());
        assert_eq!(
            inv.acm.certificates.get("eu-west-1").unwrap_err().kind,
            GapKind::AccessDenied
        );
        assert!(inv.acm.lists_every_key_type("us-east-1"));
        assert!(!inv.acm.lists_every_key_type("eu-west-1"));
    }

    #[test]
    fn default_listing_is_partial() {
        let inv = test_load(
            r#"{"service": "acm", "operation": "ListCertificates", "region": "us-east-1",
                "response": {"CertificateSummaryList": []}},
               {"service": "acm", "operation": "ListCertificates", "region": "eu-west-1",
                "params": {"Includes": {"keyTypes": ["RSA_2048", "EC_prime256v1"]}},
                "response": {"CertificateSummaryList": []}}"#,
        )
        .unwrap();
        assert!(!inv.acm.lists_every_key_type("us-east-1"));
        assert!(!inv.acm.lists_every_key_type("eu-west-1"));
        let e = test_load(
            r#"{"service": "acm", "operation": "ListCertificates", "region": "us-east-1",
                "params": {"Includes": "all"}, "response": {"CertificateSummaryList": []}}"#,
        )
        .unwrap_err();
        assert_eq!(e.place.path.as_deref(), Some("params.Includes"));
    }
}

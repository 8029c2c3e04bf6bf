//! Amazon CloudFront: distributions (`ListDistributions`, global) and each distribution's full
//! configuration (`GetDistribution`, per distribution).
//!
//! The list already carries origins, cache behaviors, the viewer certificate and the web ACL;
//! only the full configuration has the default root object and standard logging, so those are
//! read from `GetDistribution` (joined in `finalize` by `params.Id`). CloudFront is global: the
//! calls may be recorded with any region or none.

use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

use super::Apply;

/// CloudFront data of the account.
#[derive(Debug, Clone)]
pub struct CloudFront {
    /// Distributions, each with its full configuration joined on.
    pub distributions: Observed<Vec<Distribution>>,
    pending: BTreeMap<String, Observed<DistributionConfig>>,
}

impl Default for CloudFront {
    fn default() -> Self {
        CloudFront {
            distributions: Err(Gap::not_collected("cloudfront", "ListDistributions", None)),
            pending: BTreeMap::new(),
        }
    }
}

fn config_not_collected() -> Observed<DistributionConfig> {
    Err(Gap::not_collected("cloudfront", "GetDistribution", None))
}

/// A `{"Quantity": n, "Items": [...]}` list as CloudFront prints it (`Items` absent when empty).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct List<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List { items: Vec::new() }
    }
}

/// The TLS settings CloudFront uses towards a custom origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CustomOriginConfig {
    #[serde(rename = "HTTPPort")]
    pub http_port: Option<i64>,
    #[serde(rename = "HTTPSPort")]
    pub https_port: Option<i64>,
    /// `http-only`, `match-viewer` or `https-only`.
    pub origin_protocol_policy: Option<String>,
    /// `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`.
    #[serde(default)]
    pub origin_ssl_protocols: List<String>,
}

/// The settings of an S3 (REST endpoint) origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct S3OriginConfig {
    /// `origin-access-identity/cloudfront/ID`, or empty.
    pub origin_access_identity: Option<String>,
}

/// One origin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Origin {
    pub id: String,
    pub domain_name: String,
    pub origin_path: Option<String>,
    pub s3_origin_config: Option<S3OriginConfig>,
    pub custom_origin_config: Option<CustomOriginConfig>,
    /// An origin access control (OAC) ID, or empty.
    pub origin_access_control_id: Option<String>,
}

impl Origin {
    /// The bucket of an S3 REST-endpoint origin (`bucket.s3.amazonaws.com`,
    /// `bucket.s3.eu-west-1.amazonaws.com`, `bucket.s3-eu-west-1.amazonaws.com`), `None` for any
    /// other origin (custom origins, S3 website endpoints).
    pub fn s3_bucket(&self) -> Option<&str> {
        let host = self.domain_name.trim_end_matches('.');
        for (i, _) in host.match_indices(".s3") {
            let (bucket, rest) = (&host[..i], &host[i + 3..]);
            let Some(rest) = rest.strip_prefix(['.', '-']) else {
                continue;
            };
            if rest.starts_with("website") {
                return None;
            }
            let ok = rest == "amazonaws.com"
                || rest.ends_with(".amazonaws.com")
                || rest.ends_with(".amazonaws.com.cn");
            if ok && !bucket.is_empty() {
                return Some(bucket);
            }
        }
        None
    }

    /// The origin's access control ID, when one is set.
    pub fn oac(&self) -> Option<&str> {
        self.origin_access_control_id
            .as_deref()
            .filter(|s| !s.is_empty())
    }
}

/// A member of an origin group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OriginGroupMember {
    pub origin_id: String,
}

/// An origin group: a primary and a secondary origin for failover.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OriginGroup {
    pub id: String,
    #[serde(default)]
    pub members: List<OriginGroupMember>,
}

/// A cache behavior: which origin serves a path pattern and how viewers must connect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CacheBehavior {
    /// Absent for the default behavior.
    pub path_pattern: Option<String>,
    pub target_origin_id: Option<String>,
    /// `allow-all`, `https-only` or `redirect-to-https`.
    pub viewer_protocol_policy: Option<String>,
}

impl CacheBehavior {
    /// The path pattern, `*` for the default behavior.
    pub fn pattern(&self) -> &str {
        self.path_pattern.as_deref().unwrap_or("*")
    }
}

/// The certificate viewers see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ViewerCertificate {
    pub cloud_front_default_certificate: Option<bool>,
    #[serde(rename = "IAMCertificateId")]
    pub iam_certificate_id: Option<String>,
    #[serde(rename = "ACMCertificateArn")]
    pub acm_certificate_arn: Option<String>,
    /// `sni-only`, `vip` or `static-ip`.
    #[serde(rename = "SSLSupportMethod")]
    pub ssl_support_method: Option<String>,
    pub minimum_protocol_version: Option<String>,
}

impl ViewerCertificate {
    /// A certificate of the customer's (ACM or IAM) is configured.
    pub fn is_custom(&self) -> bool {
        self.cloud_front_default_certificate != Some(true)
            && (self
                .acm_certificate_arn
                .as_deref()
                .is_some_and(|s| !s.is_empty())
                || self
                    .iam_certificate_id
                    .as_deref()
                    .is_some_and(|s| !s.is_empty()))
    }
}

/// Standard (legacy) access logging to S3.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoggingConfig {
    #[serde(default)]
    pub enabled: bool,
    pub bucket: Option<String>,
    pub prefix: Option<String>,
}

/// Distribution settings, as both `ListDistributions` items and `GetDistribution`'s
/// `DistributionConfig` print them (only the full configuration has `DefaultRootObject` and
/// `Logging`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DistributionConfig {
    #[serde(default)]
    pub aliases: List<String>,
    pub default_root_object: Option<String>,
    #[serde(default)]
    pub origins: List<Origin>,
    #[serde(default)]
    pub origin_groups: List<OriginGroup>,
    pub default_cache_behavior: Option<CacheBehavior>,
    #[serde(default)]
    pub cache_behaviors: List<CacheBehavior>,
    pub logging: Option<LoggingConfig>,
    pub viewer_certificate: Option<ViewerCertificate>,
    /// A WAF web ACL: a WAFv2 ARN or a WAF Classic ID; empty when none.
    #[serde(rename = "WebACLId")]
    pub web_acl_id: Option<String>,
    pub enabled: Option<bool>,
    pub comment: Option<String>,
}

impl DistributionConfig {
    /// The default behavior followed by the others.
    pub fn behaviors(&self) -> impl Iterator<Item = &CacheBehavior> {
        self.default_cache_behavior
            .iter()
            .chain(self.cache_behaviors.items.iter())
    }
}

/// A distribution.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Distribution {
    pub id: String,
    #[serde(rename = "ARN")]
    pub arn: Option<String>,
    pub domain_name: Option<String>,
    pub status: Option<String>,
    /// The settings `ListDistributions` prints.
    #[serde(flatten)]
    pub summary: DistributionConfig,
    /// The full configuration (`GetDistribution`).
    #[serde(skip_deserializing, default = "config_not_collected")]
    pub config: Observed<DistributionConfig>,
}

impl Distribution {
    /// The distribution ARN (`ARN`, or built from the ID).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        match &self.arn {
            Some(a) => a.clone(),
            None => format!(
                "arn:{partition}:cloudfront::{account}:distribution/{}",
                self.id
            ),
        }
    }

    /// The full configuration when it was read, else the summary from the list.
    pub fn settings(&self) -> &DistributionConfig {
        self.config.as_ref().unwrap_or(&self.summary)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DistributionList {
    #[serde(default)]
    items: Vec<Distribution>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListDistributionsResponse {
    distribution_list: Option<DistributionList>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FullDistribution {
    distribution_config: DistributionConfig,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetDistributionResponse {
    distribution: FullDistribution,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "ListDistributions" => {
            let v = cx.observe(body, |r: ListDistributionsResponse| {
                r.distribution_list.map(|l| l.items).unwrap_or_default()
            })?;
            Box::new(move |inv| super::merge_list(&mut inv.cloudfront.distributions, v))
        }
        "GetDistribution" => {
            let id = cx.param("Id")?;
            let subject = format!("distribution {id}");
            let v = cx
                .observe(body, |r: GetDistributionResponse| {
                    r.distribution.distribution_config
                })?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.cloudfront.pending.insert(id, v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl CloudFront {
    /// Joins full configurations onto listed distributions; returns notes about configurations
    /// of distributions not listed.
    pub(crate) fn finalize(&mut self) -> Vec<String> {
        let mut pending = std::mem::take(&mut self.pending);
        let Ok(list) = &mut self.distributions else {
            return Vec::new();
        };
        for d in list.iter_mut() {
            d.config = pending.remove(&d.id).unwrap_or_else(|| {
                Err(Gap::not_collected("cloudfront", "GetDistribution", None)
                    .about(format!("distribution {}", d.id)))
            });
        }
        pending
            .keys()
            .map(|id| {
                format!("cloudfront GetDistribution for `{id}`: the distribution is not in ListDistributions; ignored")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const ITEM: &str = r#"{"Id": "E1A2B3C4D5E6F7", "ARN": "arn:aws:cloudfront::123456789012:distribution/E1A2B3C4D5E6F7",
        "Status": "Deployed", "LastModifiedTime": "2026-01-10T12:00:00.000000+00:00", "DomainName": "d111111abcdef8.cloudfront.net",
        "Aliases": {"Quantity": 1, "Items": ["www.acme-analytics.example"]},
        "Origins": {"Quantity": 2, "Items": [
          {"Id": "s3-site", "DomainName": "acme-site.s3.us-east-1.amazonaws.com", "OriginPath": "",
           "CustomHeaders": {"Quantity": 0}, "S3OriginConfig": {"OriginAccessIdentity": ""},
           "ConnectionAttempts": 3, "ConnectionTimeout": 10, "OriginShield": {"Enabled": false},
           "OriginAccessControlId": "E2QWRUHEXAMPLE"},
          {"Id": "api", "DomainName": "api.acme-analytics.example", "OriginPath": "",
           "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "match-viewer",
             "OriginSslProtocols": {"Quantity": 2, "Items": ["TLSv1.2", "SSLv3"]},
             "OriginReadTimeout": 30, "OriginKeepaliveTimeout": 5}, "OriginAccessControlId": ""}]},
        "OriginGroups": {"Quantity": 0},
        "DefaultCacheBehavior": {"TargetOriginId": "s3-site", "ViewerProtocolPolicy": "redirect-to-https", "Compress": true},
        "CacheBehaviors": {"Quantity": 1, "Items": [{"PathPattern": "/api/*", "TargetOriginId": "api", "ViewerProtocolPolicy": "allow-all"}]},
        "CustomErrorResponses": {"Quantity": 0}, "Comment": "", "PriceClass": "PriceClass_All", "Enabled": true,
        "ViewerCertificate": {"CloudFrontDefaultCertificate": false,
          "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
          "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021", "Certificate": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
          "CertificateSource": "acm"},
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": "", "HttpVersion": "http2", "IsIPV6Enabled": true, "Staging": false}"#;

    #[test]
    fn list_and_full_config() {
        let inv = test_load(&format!(
            r#"{{"service": "cloudfront", "operation": "ListDistributions", "region": null, "params": {{}},
                 "response": {{"DistributionList": {{"Marker": "", "MaxItems": 100, "IsTruncated": false, "Quantity": 1,
                   "Items": [{ITEM}]}}}}}},
               {{"service": "cloudfront", "operation": "GetDistribution", "region": "us-east-1", "params": {{"Id": "E1A2B3C4D5E6F7"}},
                 "response": {{"ETag": "E2QWRUHAPOMQZL", "Distribution": {{"Id": "E1A2B3C4D5E6F7", "Status": "Deployed",
                   "DomainName": "d111111abcdef8.cloudfront.net",
                   "DistributionConfig": {{"CallerReference": "x", "DefaultRootObject": "index.html",
                     "Origins": {{"Quantity": 0}}, "Logging": {{"Enabled": true, "IncludeCookies": false,
                     "Bucket": "acme-logs.s3.amazonaws.com", "Prefix": "cf/"}}, "Enabled": true, "WebACLId": ""}}}}}}}}"#
        ))
        .unwrap();
        let d = &inv.cloudfront.distributions.as_ref().unwrap()[0];
        let s = &d.summary;
        assert_eq!(s.origins.items.len(), 2);
        assert_eq!(s.origins.items[0].s3_bucket(), Some("acme-site"));
        assert_eq!(s.origins.items[0].oac(), Some("E2QWRUHEXAMPLE"));
        assert_eq!(s.origins.items[1].s3_bucket(), None);
        assert_eq!(
            s.origins.items[1]
                .custom_origin_config
                .as_ref()
                .unwrap()
                .origin_ssl_protocols
                .items,
            ["TLSv1.2", "SSLv3"]
        );
        assert_eq!(s.behaviors().count(), 2);
        assert!(s.viewer_certificate.as_ref().unwrap().is_custom());
        assert!(s.origin_groups.items.is_empty());
        let c = d.config.as_ref().unwrap();
        assert_eq!(c.default_root_object.as_deref(), Some("index.html"));
        assert!(c.logging.as_ref().unwrap().enabled);
    }

    #[test]
    fn missing_config_is_a_gap_and_denied_list_is_unknown() {
        let inv = test_load(&format!(
            r#"{{"service": "cloudfront", "operation": "ListDistributions", "region": "us-east-1", "params": {{}},
                 "response": {{"DistributionList": {{"Items": [{ITEM}]}}}}}}"#
        ))
        .unwrap();
        let d = &inv.cloudfront.distributions.as_ref().unwrap()[0];
        assert_eq!(d.config.as_ref().unwrap_err().kind, GapKind::NotCollected);
        let inv = test_load(
            r#"{"service": "cloudfront", "operation": "ListDistributions", "region": null,
                "error": {"code": "AccessDenied"}}"#,
        )
        .unwrap();
        assert_eq!(
            inv.cloudfront.distributions.unwrap_err().kind,
            GapKind::AccessDenied
        );
        let inv = test_load(
            r#"{"service": "cloudfront", "operation": "ListDistributions", "region": null,
                "response": {"DistributionList": {"Marker": "", "MaxItems": 100, "IsTruncated": false, "Quantity": 0}}}"#,
        )
        .unwrap();
        assert!(inv.cloudfront.distributions.unwrap().is_empty());
    }

    #[test]
    fn s3_bucket_names() {
        let o = |d: &str| Origin {
            domain_name: d.to_string(),
            ..Origin::default()
        };
        assert_eq!(o("logs.s3.amazonaws.com").s3_bucket(), Some("logs"));
        assert_eq!(
            o("my.bucket.s3-eu-west-1.amazonaws.com").s3_bucket(),
            Some("my.bucket")
        );
        assert_eq!(
            o("site.s3-website-us-east-1.amazonaws.com").s3_bucket(),
            None
        );
        assert_eq!(
            o("site.s3-website.eu-west-1.amazonaws.com").s3_bucket(),
            None
        );
        assert_eq!(o("example.com").s3_bucket(), None);
    }
}

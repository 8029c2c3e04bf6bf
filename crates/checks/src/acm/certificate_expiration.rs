//! ACM certificates are renewed before they come within 30 days of expiry.
//!
//! ## What it checks
//! Every issued or expired certificate in every covered region (`acm ListCertificates`), both
//! imported and issued by ACM: its `NotAfter` date must be more than 30 days after the time the
//! snapshot was taken. An issued certificate whose expiry is not printed is UNKNOWN;
//! certificates that were never issued (pending validation, failed) are not judged. A region
//! listed without `Includes.keyTypes` naming every key type (by default ACM lists only RSA-2048
//! certificates) also gets an UNKNOWN outcome for the certificates that were not listed.
//!
//! ## Why it matters
//! An expired certificate breaks every client of the site or API behind it. ACM renews the
//! certificates it issued only while DNS or email validation still works; imported certificates
//! are never renewed automatically.
//!
//! ## Remediation
//! For an ACM-issued certificate, fix its validation records so managed renewal succeeds; for
//! an imported one, import the renewed certificate over it:
//! ```sh
//! aws acm describe-certificate --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/1234 \
//!   --query 'Certificate.RenewalSummary'
//! aws acm import-certificate --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/1234 \
//!   --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-1

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::acm::{ALL_KEY_TYPES, Certificate};

pub static CHECK: Check = Check {
    id: "acm.certificate_expiration",
    title: "Imported and ACM-issued certificates are renewed before 30 days of expiry",
    severity: Severity::Medium,
    resource_type: ResourceType::AcmCertificate,
    compliance: &[fsbp("ACM.1")],
    related: &["iam.expired_server_certificates"],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Security Hub's default `daysToExpiration`.
const MIN_DAYS_LEFT: i64 = 30;

/// How findings name a certificate.
pub(crate) fn cert_ref(cx: &Context<'_>, c: &Certificate) -> ResourceRef {
    let id = c
        .certificate_arn
        .rsplit('/')
        .next()
        .unwrap_or(&c.certificate_arn);
    cx.resource(
        ResourceType::AcmCertificate,
        id,
        Some(c.certificate_arn.clone()),
        Some(&c.region),
    )
}

/// One UNKNOWN outcome per region whose certificates were listed without every key type.
pub(crate) fn report_partial_listings(cx: &Context<'_>, out: &mut Outcomes, what: &str) {
    let acm = &cx.inv.acm;
    for (region, list) in acm.certificates.iter() {
        if list.is_ok() && !acm.lists_every_key_type(region) {
            out.push_unknown_message(
                cx.region(region),
                format!(
                    "cannot tell {what} in {region}: acm ListCertificates was called without \
                     `Includes.keyTypes` naming every key type, so only some certificates were listed"
                ),
                json!({"missing": {"service": "acm", "operation": "ListCertificates", "region": region,
                                   "params": {"Includes": {"keyTypes": ALL_KEY_TYPES}}}}),
            );
        }
    }
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    report_partial_listings(
        cx,
        out,
        "whether certificates with other key types expire soon",
    );
    each(
        cx,
        out,
        &cx.inv.acm.certificates,
        "which ACM certificates exist",
        |out, c| {
            let status = c.status.as_deref().unwrap_or("");
            if !matches!(status, "ISSUED" | "EXPIRED") {
                return;
            }
            let res = cert_ref(cx, c);
            let name = c.domain_name.as_deref().unwrap_or(&res.id).to_string();
            let ev = json!({"NotAfter": c.not_after, "Type": c.kind, "Status": status,
                        "RenewalEligibility": c.renewal_eligibility, "InUse": c.in_use});
            let Some(not_after) = c.not_after else {
                return out.push_unknown_message(
                    res,
                    format!("certificate for `{name}` prints no expiry date"),
                    ev,
                );
            };
            let days_left = cx.now.days_until(not_after);
            if not_after <= cx.now {
                out.fail(
                    res,
                    format!("certificate for `{name}` expired on {not_after}"),
                    ev,
                );
            } else if days_left < MIN_DAYS_LEFT {
                out.fail(
                    res,
                    format!("certificate for `{name}` expires in {days_left} days ({not_after})"),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!("certificate for `{name}` is valid for {days_left} more days"),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    /// A `ListCertificates` call (every key type included) with these summaries; each gets an
    /// ARN ending in its `id`.
    pub(crate) fn certs(items: &[(&str, Value)]) -> Value {
        let list: Vec<Value> = items
            .iter()
            .map(|(id, extra)| {
                let mut c = json!({"CertificateArn": format!("arn:aws:acm:us-east-1:123456789012:certificate/{id}"),
                    "DomainName": format!("{id}.acme.example"), "Status": "ISSUED", "Type": "AMAZON_ISSUED",
                    "KeyAlgorithm": "RSA-2048", "InUse": true, "RenewalEligibility": "ELIGIBLE"});
                if let (Some(c), Some(e)) = (c.as_object_mut(), extra.as_object()) {
                    c.extend(e.clone());
                }
                c
            })
            .collect();
        call(
            "acm",
            "ListCertificates",
            Some("us-east-1"),
            json!({"Includes": {"keyTypes": ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096",
                                             "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]}}),
            json!({"CertificateSummaryList": list}),
        )
    }

    #[test]
    fn fails_expiring_and_expired_passes_valid() {
        // Now is 2026-11-20.
        let inv = inventory(vec![certs(&[
            ("valid", json!({"NotAfter": "2027-06-01T23:59:59+00:00"})),
            (
                "soon",
                json!({"NotAfter": "2026-12-05T23:59:59+00:00", "Type": "IMPORTED"}),
            ),
            (
                "gone",
                json!({"NotAfter": "2026-10-01T00:00:00+00:00", "Status": "EXPIRED"}),
            ),
            ("pending", json!({"Status": "PENDING_VALIDATION"})),
            ("odd", json!({})),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("valid".into(), Status::Pass),
                ("soon".into(), Status::Fail),
                ("gone".into(), Status::Fail),
                ("odd".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn unknown_for_a_default_listing() {
        let inv = inventory(vec![call(
            "acm",
            "ListCertificates",
            Some("us-east-1"),
            json!({}),
            json!({"CertificateSummaryList": [{"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/valid",
                   "DomainName": "www.acme.example", "Status": "ISSUED", "KeyAlgorithm": "RSA-2048",
                   "NotAfter": "2027-06-01T23:59:59+00:00"}]}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("123456789012/us-east-1".into(), Status::Unknown),
                ("valid".into(), Status::Pass),
            ]
        );
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![error(
            "acm",
            "ListCertificates",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

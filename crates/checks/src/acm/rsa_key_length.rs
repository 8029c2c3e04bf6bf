//! RSA certificates managed by ACM use a key length of at least 2,048 bits.
//!
//! ## What it checks
//! Every certificate with an RSA key in every covered region (`acm ListCertificates`, called
//! with every key type in `Includes.keyTypes`, since by default ACM lists only RSA-2048
//! certificates): its `KeyAlgorithm` must be RSA-2048 or larger. Elliptic-curve certificates
//! are not judged. A certificate whose key algorithm is not printed or not understood is
//! UNKNOWN, and so is a region listed without every key type (its RSA-1024 certificates would
//! be hidden).
//!
//! ## Why it matters
//! 1,024-bit RSA keys are within reach of well-funded attackers and are rejected by current
//! browsers and security standards; traffic protected by them can be decrypted or impersonated.
//!
//! ## Remediation
//! Request (or import) a replacement with a 2,048-bit RSA or an ECDSA key, move the load
//! balancers and distributions to it, then delete the old certificate:
//! ```sh
//! aws acm request-certificate --domain-name www.acme.example --validation-method DNS --key-algorithm RSA_2048
//! aws acm delete-certificate --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/1234
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-2

use super::certificate_expiration::{cert_ref, report_partial_listings};
use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "acm.rsa_key_length",
    title: "RSA certificates managed by ACM use a key length of at least 2,048 bits",
    severity: Severity::High,
    resource_type: ResourceType::AcmCertificate,
    compliance: &[fsbp("ACM.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// The smallest acceptable RSA key.
const MIN_BITS: u32 = 2048;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    report_partial_listings(cx, out, "whether certificates with short RSA keys exist");
    each(
        cx,
        out,
        &cx.inv.acm.certificates,
        "which ACM certificates exist",
        |out, c| {
            let res = cert_ref(cx, c);
            let name = c.domain_name.as_deref().unwrap_or(&res.id).to_string();
            let alg = c.key_algorithm.as_deref();
            let ev = json!({"KeyAlgorithm": alg, "Type": c.kind, "Status": c.status});
            match (alg, c.rsa_bits()) {
            (_, Some(bits)) if bits >= MIN_BITS => out.pass(
                res,
                format!("certificate for `{name}` uses a {bits}-bit RSA key"),
                ev,
            ),
            (_, Some(bits)) => out.fail(
                res,
                format!("certificate for `{name}` uses a {bits}-bit RSA key"),
                ev,
            ),
            (Some(a), None) if a.starts_with("EC") => {}
            (Some(a), None) => out.push_unknown_message(
                res,
                format!("certificate for `{name}` has key algorithm `{a}`, which Rampart does not understand"),
                ev,
            ),
            (None, None) => out.push_unknown_message(
                res,
                format!("certificate for `{name}` prints no key algorithm"),
                ev,
            ),
        }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acm::certificate_expiration::tests::certs;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_short_rsa_keys() {
        let inv = inventory(vec![certs(&[
            ("strong", json!({"KeyAlgorithm": "RSA-2048"})),
            ("sdk", json!({"KeyAlgorithm": "RSA_4096"})),
            (
                "weak",
                json!({"KeyAlgorithm": "RSA-1024", "Type": "IMPORTED"}),
            ),
            ("ec", json!({"KeyAlgorithm": "EC-prime256v1"})),
            ("odd", json!({"KeyAlgorithm": "ML-DSA-65"})),
        ])]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("strong".into(), Status::Pass),
                ("sdk".into(), Status::Pass),
                ("weak".into(), Status::Fail),
                ("odd".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

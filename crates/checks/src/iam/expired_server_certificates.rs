//! Expired SSL/TLS certificates stored in IAM are removed.
//!
//! ## What it checks
//! Every server certificate in IAM (`ListServerCertificates`): its `Expiration` must be later
//! than the time the snapshot was taken.
//!
//! ## Why it matters
//! An expired certificate can be deployed by mistake to a load balancer or CloudFront, breaking
//! the service and training users to click through certificate warnings.
//!
//! ## Remediation
//! ```sh
//! aws iam list-server-certificates
//! aws iam delete-server-certificate --server-certificate-name legacy-api-2025
//! ```
//! Prefer AWS Certificate Manager, which renews certificates automatically.
//!
//! ## References
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-26

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "iam.expired_server_certificates",
    title: "No expired server certificates are stored in IAM",
    severity: Severity::Medium,
    resource_type: ResourceType::IamServerCertificate,
    compliance: &[cis("1.18"), fsbp("IAM.26")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let certs = match &cx.inv.iam.server_certificates {
        Ok(c) => c,
        Err(g) => return out.unknown(cx.account(), "whether expired certificates are stored", g),
    };
    for c in certs {
        let res = cx.iam(
            ResourceType::IamServerCertificate,
            &c.server_certificate_name,
            &c.arn,
        );
        let ev = json!({"expiration": c.expiration});
        match c.expiration {
            Some(t) if t < cx.now => out.fail(
                res,
                format!("certificate `{}` expired on {t}", c.server_certificate_name),
                ev,
            ),
            Some(t) => out.pass(
                res,
                format!(
                    "certificate `{}` is valid until {t}",
                    c.server_certificate_name
                ),
                ev,
            ),
            None => out.push_unknown_message(
                res,
                format!(
                    "certificate `{}` has no expiration date in the data",
                    c.server_certificate_name
                ),
                ev,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn cert(name: &str, exp: &str) -> serde_json::Value {
        json!({"Path": "/", "ServerCertificateName": name, "ServerCertificateId": "ASCAEXAMPLE",
               "Arn": format!("arn:aws:iam::123456789012:server-certificate/{name}"),
               "UploadDate": "2024-01-01T00:00:00+00:00", "Expiration": exp})
    }

    #[test]
    fn fails_expired_passes_valid() {
        let inv = inventory(vec![call(
            "iam",
            "ListServerCertificates",
            None,
            json!({}),
            json!({"ServerCertificateMetadataList": [cert("old", "2025-06-01T00:00:00+00:00"), cert("new", "2027-06-01T00:00:00+00:00")],
                   "IsTruncated": false}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![("old".into(), Status::Fail), ("new".into(), Status::Pass)]
        );
    }

    #[test]
    fn unknown_when_denied() {
        let inv = inventory(vec![error(
            "iam",
            "ListServerCertificates",
            None,
            json!({}),
            "AccessDenied",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

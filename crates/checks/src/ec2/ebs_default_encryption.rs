//! EBS encryption by default is enabled in every region.
//!
//! ## What it checks
//! CIS 5.1.1 / EC2.7: `GetEbsEncryptionByDefault` returns `true` in each covered region. A
//! region where the setting could not be read is UNKNOWN.
//!
//! ## Why it matters
//! With the default on, every new volume and snapshot copy is encrypted whoever creates it;
//! without it, one forgotten flag leaves data unencrypted at rest.
//!
//! ## Remediation
//! ```sh
//! for r in $(aws ec2 describe-regions --query 'Regions[].RegionName' --output text); do
//!   aws ec2 enable-ebs-encryption-by-default --region "$r"
//! done
//! ```
//! Terraform: `aws_ebs_encryption_by_default { enabled = true }` in each region provider.
//!
//! ## References
//! - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.ebs_default_encryption",
    title: "EBS encryption by default is enabled in every region",
    severity: Severity::Medium,
    resource_type: ResourceType::Region,
    compliance: &[cis("5.1.1"), fsbp("EC2.7")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    for (region, on) in cx.inv.ec2.ebs_encryption_by_default.iter() {
        let res = cx.region(region);
        match on {
            Err(g) => out.unknown(res, "whether EBS encryption by default is on", &g),
            Ok(true) => out.pass(
                res,
                format!("EBS encryption by default is on in {region}"),
                json!({"ebs_encryption_by_default": true}),
            ),
            Ok(false) => out.fail(
                res,
                format!("EBS encryption by default is off in {region}"),
                json!({"ebs_encryption_by_default": false}),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory_in(
            &["ap-south-1", "eu-west-1", "us-east-1"],
            vec![
                call(
                    "ec2",
                    "GetEbsEncryptionByDefault",
                    Some("us-east-1"),
                    json!({}),
                    json!({"EbsEncryptionByDefault": true, "SseType": "sse-ebs"}),
                ),
                call(
                    "ec2",
                    "GetEbsEncryptionByDefault",
                    Some("eu-west-1"),
                    json!({}),
                    json!({"EbsEncryptionByDefault": false}),
                ),
            ],
        );
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("123456789012/ap-south-1".into(), Status::Unknown),
                ("123456789012/eu-west-1".into(), Status::Fail),
                ("123456789012/us-east-1".into(), Status::Pass),
            ]
        );
    }
}

//! EC2 instances do not use paravirtual virtualization.
//!
//! ## What it checks
//! EC2.24: every instance that is not terminated, in every covered region (`ec2
//! DescribeInstances`), must have `VirtualizationType` `hvm`. An instance whose virtualization
//! type is not printed is UNKNOWN; so is a region whose instances could not be listed.
//!
//! ## Why it matters
//! Paravirtual (PV) instances run on previous-generation instance types and kernels that no
//! longer receive the platform's security and performance improvements; AWS recommends HVM AMIs.
//!
//! ## Remediation
//! Rebuild the workload from an HVM AMI on a current instance type:
//! ```sh
//! aws ec2 run-instances --image-id ami-0123456789abcdef0 --instance-type t3.micro \
//!   --subnet-id subnet-0123456789abcdef0
//! aws ec2 terminate-instances --instance-ids i-0123456789abcdef0
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/virtualization_types.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-24

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.no_paravirtual_instances",
    title: "EC2 instances do not use paravirtual virtualization",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[fsbp("EC2.24")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.instances,
        "which instances exist here",
        |out, i| {
            if i.state_name() == Some("terminated") {
                return;
            }
            let id = &i.instance_id;
            let res = cx.resource(
                ResourceType::Ec2Instance,
                id,
                Some(i.arn(&inv.partition, &inv.account_id)),
                Some(&i.region),
            );
            let ev = json!({"VirtualizationType": i.virtualization_type, "InstanceType": i.instance_type});
            match i.virtualization_type.as_deref() {
                None => out.push_unknown_message(
                    res,
                    format!("cannot tell how instance `{id}` is virtualized: VirtualizationType is not printed"),
                    ev,
                ),
                Some(v) if v.eq_ignore_ascii_case("paravirtual") => out.fail(
                    res,
                    format!("instance `{id}` is paravirtual (PV)"),
                    ev,
                ),
                Some(v) => out.pass(res, format!("instance `{id}` uses {v} virtualization"), ev),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_instances(
                    "us-east-1",
                    vec![
                        ec2_instance("i-hvm", json!({"VirtualizationType": "hvm"})),
                        ec2_instance(
                            "i-pv",
                            json!({"VirtualizationType": "paravirtual", "InstanceType": "m1.small"}),
                        ),
                        ec2_instance("i-unprinted", json!({})),
                    ],
                ),
                error(
                    "ec2",
                    "DescribeInstances",
                    Some("eu-west-1"),
                    json!({}),
                    "UnauthorizedOperation",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("i-hvm".to_string(), Status::Pass),
                ("i-pv".to_string(), Status::Fail),
                ("i-unprinted".to_string(), Status::Unknown),
            ]
        );
        assert!(o[2].message.contains("paravirtual"), "{}", o[2].message);
    }
}

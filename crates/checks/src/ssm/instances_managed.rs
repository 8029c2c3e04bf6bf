//! EC2 instances are managed by AWS Systems Manager.
//!
//! ## What it checks
//! Every running or stopped EC2 instance in every covered region (`ec2 DescribeInstances`):
//! it must be registered with Systems Manager, that is listed by `ssm
//! DescribeInstanceInformation` in its region. When that list could not be read, the instances
//! of the region are UNKNOWN.
//!
//! ## Why it matters
//! Systems Manager is how instances get patched, inventoried and reached without SSH keys or
//! open ports. An unmanaged instance drifts out of patching and out of view.
//!
//! ## Remediation
//! Give the instance a profile with `AmazonSSMManagedInstanceCore` (or turn on Default Host
//! Management Configuration), and make sure the SSM Agent runs and can reach the Systems
//! Manager endpoints:
//! ```sh
//! aws ec2 associate-iam-instance-profile --instance-id i-0123456789abcdef0 \
//!   --iam-instance-profile Name=ssm-managed
//! aws ssm update-service-setting --setting-id /ssm/managed-instance/default-ec2-instance-management-role \
//!   --setting-value service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/systems-manager/latest/userguide/managed-instances.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ssm-controls.html#ssm-1

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ssm.instances_managed",
    title: "EC2 instances are managed by AWS Systems Manager",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[fsbp("SSM.1")],
    related: &["ssm.patch_compliance", "ssm.association_compliance"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.instances,
        "which EC2 instances exist",
        |out, i| {
            if !matches!(
                i.state_name(),
                Some("running" | "stopped" | "stopping" | "pending")
            ) {
                return;
            }
            let res = cx.resource(
                ResourceType::Ec2Instance,
                &i.instance_id,
                Some(i.arn(&inv.partition, &inv.account_id)),
                Some(&i.region),
            );
            let managed = match inv.ssm.managed_instances.get(&i.region) {
                Ok(m) => m,
                Err(g) => {
                    return out.unknown(res, "whether Systems Manager manages the instance", &g);
                }
            };
            match managed.iter().find(|m| m.instance_id == i.instance_id) {
                Some(m) => out.pass(
                    res,
                    format!(
                        "instance `{}` is managed by Systems Manager (agent {})",
                        i.instance_id,
                        m.ping_status.as_deref().unwrap_or("status unknown")
                    ),
                    json!({"PingStatus": m.ping_status, "AgentVersion": m.agent_version,
                       "LastPingDateTime": m.last_ping_date_time}),
                ),
                None => out.fail(
                    res,
                    format!(
                        "instance `{}` is not managed by Systems Manager",
                        i.instance_id
                    ),
                    json!({"managed": false, "State": i.state_name()}),
                ),
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

    /// A `DescribeInstances` call with (instance ID, state) pairs.
    pub(crate) fn instances(items: &[(&str, &str)]) -> Value {
        let list: Vec<Value> = items
            .iter()
            .map(|(id, state)| {
                json!({"InstanceId": id, "InstanceType": "t3.micro",
                "State": {"Code": 16, "Name": state}, "SubnetId": "subnet-1", "VpcId": "vpc-1"})
            })
            .collect();
        call(
            "ec2",
            "DescribeInstances",
            Some("us-east-1"),
            json!({}),
            json!({"Reservations": [{"ReservationId": "r-1", "OwnerId": "123456789012", "Instances": list}]}),
        )
    }

    /// A `DescribeInstanceInformation` call listing these instances as online.
    pub(crate) fn managed(ids: &[&str]) -> Value {
        call(
            "ssm",
            "DescribeInstanceInformation",
            Some("us-east-1"),
            json!({}),
            json!({"InstanceInformationList": ids.iter().map(|id| json!({"InstanceId": id, "PingStatus": "Online",
                "AgentVersion": "3.3.1142.0", "PlatformType": "Linux", "ResourceType": "EC2Instance"})).collect::<Vec<_>>()}),
        )
    }

    #[test]
    fn fails_unmanaged_instances() {
        let inv = inventory(vec![
            instances(&[
                ("i-managed", "running"),
                ("i-loose", "stopped"),
                ("i-dead", "terminated"),
            ]),
            managed(&["i-managed"]),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("i-managed".into(), Status::Pass),
                ("i-loose".into(), Status::Fail)
            ]
        );
    }

    #[test]
    fn unknown_without_ssm_data() {
        let inv = inventory(vec![
            instances(&[("i-1", "running")]),
            error(
                "ssm",
                "DescribeInstanceInformation",
                Some("us-east-1"),
                json!({}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

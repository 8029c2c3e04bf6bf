//! VPC flow logging is enabled in every VPC.
//!
//! ## What it checks
//! CIS 3.7 / EC2.6: each VPC has an active flow log (`ResourceId` = the VPC) that captures
//! rejected traffic (`TrafficType` `REJECT` or `ALL`). A region whose VPCs or flow logs could
//! not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Flow logs are the only record of who talked to what inside a VPC; rejected traffic shows
//! scanning and attempts to move laterally.
//!
//! ## Remediation
//! ```sh
//! aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-0123456789abcdef0 \
//!   --traffic-type REJECT --log-destination-type cloud-watch-logs \
//!   --log-group-name vpc-flow-logs --deliver-logs-permission-arn arn:aws:iam::123456789012:role/VPCFlowLogsRole
//! ```
//! Terraform: `aws_flow_log` with `vpc_id` and `traffic_type = "REJECT"` (or `"ALL"`).
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.vpc_flow_logs",
    title: "VPC flow logging is enabled in every VPC",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Vpc,
    compliance: &[cis("3.7"), fsbp("EC2.6")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    for (region, vpcs) in inv.ec2.vpcs.iter() {
        let vpcs = match vpcs {
            Ok(v) => v,
            Err(g) => {
                out.unknown(cx.region(region), "which VPCs exist here", &g);
                continue;
            }
        };
        let logs = inv.ec2.flow_logs.get(region);
        for vpc in vpcs {
            let owner = vpc.owner_id.as_deref().unwrap_or(&inv.account_id);
            let res = cx.resource(
                ResourceType::Ec2Vpc,
                &vpc.vpc_id,
                Some(format!(
                    "arn:{}:ec2:{region}:{owner}:vpc/{}",
                    inv.partition, vpc.vpc_id
                )),
                Some(region),
            );
            let logs = match &logs {
                Ok(l) => l,
                Err(g) => {
                    out.unknown(res, "whether the VPC has flow logs", g);
                    continue;
                }
            };
            let mine: Vec<_> = logs
                .iter()
                .filter(|f| f.resource_id.as_deref() == Some(vpc.vpc_id.as_str()))
                .collect();
            let good = mine.iter().find(|f| {
                f.flow_log_status.as_deref().is_none_or(|s| s == "ACTIVE")
                    && matches!(f.traffic_type.as_deref(), Some("ALL" | "REJECT"))
            });
            let ev = json!({"flow_logs": mine.iter().map(|f| json!({"id": f.flow_log_id, "traffic_type": f.traffic_type, "status": f.flow_log_status})).collect::<Vec<_>>()});
            match good {
                Some(f) => out.pass(
                    res,
                    format!(
                        "VPC `{}` has flow log `{}` capturing {} traffic",
                        vpc.vpc_id,
                        f.flow_log_id,
                        f.traffic_type.as_deref().unwrap_or("")
                    ),
                    ev,
                ),
                None if mine.is_empty() => {
                    out.fail(res, format!("VPC `{}` has no flow log", vpc.vpc_id), ev)
                }
                None => out.fail(
                    res,
                    format!(
                        "VPC `{}` has no active flow log capturing rejected traffic",
                        vpc.vpc_id
                    ),
                    ev,
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn vpcs(ids: &[&str]) -> serde_json::Value {
        let list: Vec<_> = ids.iter().map(|id| json!({"VpcId": id, "OwnerId": ACCOUNT, "State": "available", "CidrBlock": "10.0.0.0/16", "IsDefault": false})).collect();
        call(
            "ec2",
            "DescribeVpcs",
            Some("us-east-1"),
            json!({}),
            json!({"Vpcs": list}),
        )
    }

    fn flow(id: &str, vpc: &str, traffic: &str) -> serde_json::Value {
        json!({"FlowLogId": id, "ResourceId": vpc, "TrafficType": traffic, "FlowLogStatus": "ACTIVE",
               "DeliverLogsStatus": "SUCCESS", "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::acme-flow-logs",
               "CreationTime": "2024-02-12T11:16:02+00:00", "Tags": []})
    }

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory(vec![
            vpcs(&["vpc-all", "vpc-accept", "vpc-none"]),
            call(
                "ec2",
                "DescribeFlowLogs",
                Some("us-east-1"),
                json!({}),
                json!({"FlowLogs": [
                flow("fl-1", "vpc-all", "ALL"), flow("fl-2", "vpc-accept", "ACCEPT")]}),
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("vpc-all".into(), Status::Pass),
                ("vpc-accept".into(), Status::Fail),
                ("vpc-none".into(), Status::Fail),
            ]
        );
        let denied = inventory(vec![
            vpcs(&["vpc-all"]),
            error(
                "ec2",
                "DescribeFlowLogs",
                Some("us-east-1"),
                json!({}),
                "UnauthorizedOperation",
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &denied)),
            vec![("vpc-all".into(), Status::Unknown)]
        );
    }
}

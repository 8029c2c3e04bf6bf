//! Transit gateways do not automatically accept VPC attachment requests.
//!
//! ## What it checks
//! EC2.23: every transit gateway the account owns that is not deleted, in every covered region
//! (`ec2 DescribeTransitGateways`), must have `Options.AutoAcceptSharedAttachments` `disable`.
//! A transit gateway whose options are not printed is UNKNOWN; so is a region whose transit
//! gateways could not be listed. Transit gateways shared with the account by others are judged
//! in their owner's account.
//!
//! ## Why it matters
//! With auto-accept, any account the transit gateway is shared with can attach its VPCs and
//! route traffic into the connected networks without anyone approving it.
//!
//! ## Remediation
//! ```sh
//! aws ec2 modify-transit-gateway --transit-gateway-id tgw-0123456789abcdef0 \
//!   --options AutoAcceptSharedAttachments=disable
//! ```
//! Terraform: `auto_accept_shared_attachments = "disable"` on `aws_ec2_transit_gateway`.
//!
//! ## References
//! - https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-23

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.tgw_no_auto_accept",
    title: "Transit gateways do not automatically accept VPC attachment requests",
    severity: Severity::High,
    resource_type: ResourceType::Ec2TransitGateway,
    compliance: &[fsbp("EC2.23")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.transit_gateways,
        "which transit gateways exist here",
        |out, t| {
            if matches!(t.state.as_deref(), Some("deleted" | "deleting"))
                || t.owner_id.as_deref().is_some_and(|o| o != inv.account_id)
            {
                return;
            }
            let id = &t.transit_gateway_id;
            let res = cx.resource(
                ResourceType::Ec2TransitGateway,
                id,
                Some(t.arn(&inv.partition, &inv.account_id)),
                Some(&t.region),
            );
            let auto = t
                .options
                .as_ref()
                .and_then(|o| o.auto_accept_shared_attachments.as_deref());
            let ev = json!({"AutoAcceptSharedAttachments": auto, "state": t.state});
            match auto {
                None => out.push_unknown_message(
                    res,
                    format!("cannot tell whether transit gateway `{id}` accepts attachments automatically: its options are not printed"),
                    ev,
                ),
                Some(a) if a.eq_ignore_ascii_case("enable") => out.fail(
                    res,
                    format!("transit gateway `{id}` accepts shared VPC attachments automatically"),
                    ev,
                ),
                Some(_) => out.pass(
                    res,
                    format!("transit gateway `{id}` requires each shared attachment to be accepted"),
                    ev,
                ),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn tgw(id: &str, owner: &str, auto: Option<&str>) -> serde_json::Value {
        let mut t = json!({"TransitGatewayId": id, "State": "available", "OwnerId": owner,
            "TransitGatewayArn": format!("arn:aws:ec2:us-east-1:{owner}:transit-gateway/{id}"),
            "Description": "", "CreationTime": "2025-03-01T10:00:00+00:00", "Tags": []});
        if let Some(a) = auto {
            t["Options"] = json!({"AmazonSideAsn": 64512, "AutoAcceptSharedAttachments": a,
                "DefaultRouteTableAssociation": "enable", "DefaultRouteTablePropagation": "enable",
                "VpnEcmpSupport": "enable", "DnsSupport": "enable", "MulticastSupport": "disable"});
        }
        t
    }

    #[test]
    fn pass_fail_unknown() {
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_list(
                    "DescribeTransitGateways",
                    "us-east-1",
                    "TransitGateways",
                    vec![
                        tgw("tgw-manual", ACCOUNT, Some("disable")),
                        tgw("tgw-auto", ACCOUNT, Some("enable")),
                        tgw("tgw-shared-in", "444455556666", Some("enable")),
                        tgw("tgw-noopts", ACCOUNT, None),
                    ],
                ),
                error(
                    "ec2",
                    "DescribeTransitGateways",
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
                ("tgw-manual".to_string(), Status::Pass),
                ("tgw-auto".to_string(), Status::Fail),
                ("tgw-noopts".to_string(), Status::Unknown),
            ]
        );
        assert_eq!(
            o[2].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:transit-gateway/tgw-auto")
        );
    }
}

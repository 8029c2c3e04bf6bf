//! Both tunnels of every Site-to-Site VPN connection are up.
//!
//! ## What it checks
//! EC2.20: every Site-to-Site VPN connection that is not deleted, in every covered region (`ec2
//! DescribeVpnConnections`), must report every tunnel (`VgwTelemetry`) with `Status` `UP`. A
//! connection whose response lists no tunnel telemetry is UNKNOWN; so is a region whose
//! connections could not be listed. The status is the one at the time of collection.
//!
//! ## Why it matters
//! Each connection has two tunnels so that AWS maintenance or a failure of one endpoint does not
//! cut the link. With one tunnel down the connection has no redundancy left: the next event
//! takes the site offline.
//!
//! ## Remediation
//! Check the customer gateway's configuration and logs for the tunnel that is down (pre-shared
//! key, IKE and IPsec settings, the outside IP address), and turn on tunnel logging:
//! ```sh
//! aws ec2 describe-vpn-connections --vpn-connection-ids vpn-0123456789abcdef0 \
//!   --query 'VpnConnections[].VgwTelemetry'
//! aws ec2 modify-vpn-tunnel-options --vpn-connection-id vpn-0123456789abcdef0 \
//!   --vpn-tunnel-outside-ip-address 203.0.113.17 \
//!   --tunnel-options 'LogOptions={CloudWatchLogOptions={LogEnabled=true,LogGroupArn=arn:aws:logs:us-east-1:123456789012:log-group:vpn}}'
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-20

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.vpn_tunnels_up",
    title: "Both VPN tunnels of each Site-to-Site VPN connection are up",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2VpnConnection,
    compliance: &[fsbp("EC2.20")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.vpn_connections,
        "which VPN connections exist here",
        |out, v| {
            if matches!(v.state.as_deref(), Some("deleted" | "deleting")) {
                return;
            }
            let id = &v.vpn_connection_id;
            let res = cx.resource(
                ResourceType::Ec2VpnConnection,
                id,
                Some(v.arn(&inv.partition, &inv.account_id)),
                Some(&v.region),
            );
            let tunnels: Vec<_> = v
                .vgw_telemetry
                .iter()
                .map(|t| json!({"outside_ip_address": t.outside_ip_address, "status": t.status,
                                "status_message": t.status_message, "last_status_change": t.last_status_change}))
                .collect();
            let ev = json!({"state": v.state, "tunnels": tunnels});
            if v.vgw_telemetry.is_empty() {
                out.push_unknown_message(
                    res,
                    format!("cannot tell whether the tunnels of VPN connection `{id}` are up: no VgwTelemetry is printed"),
                    ev,
                );
                return;
            }
            let down: Vec<&str> = v
                .vgw_telemetry
                .iter()
                .filter(|t| {
                    !t.status
                        .as_deref()
                        .is_some_and(|s| s.eq_ignore_ascii_case("UP"))
                })
                .map(|t| t.outside_ip_address.as_deref().unwrap_or("?"))
                .collect();
            if down.is_empty() {
                out.pass(
                    res,
                    format!(
                        "all {} tunnels of VPN connection `{id}` are up",
                        v.vgw_telemetry.len()
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "VPN connection `{id}` has tunnel(s) down: {}",
                        down.join(", ")
                    ),
                    ev,
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn vpn(id: &str, status: (&str, &str), state: &str) -> serde_json::Value {
        let t = |ip: &str, s: &str| {
            json!({"AcceptedRouteCount": 2, "LastStatusChange": "2026-11-19T22:40:12+00:00",
                   "OutsideIpAddress": ip, "Status": s, "StatusMessage": if s == "UP" { "2 BGP ROUTES" } else { "" }})
        };
        json!({"CustomerGatewayConfiguration": "<xml/>", "CustomerGatewayId": "cgw-0a1b2c3d", "Category": "VPN",
               "State": state, "Type": "ipsec.1", "VpnConnectionId": id, "VpnGatewayId": "vgw-0a1b2c3d",
               "Options": {"StaticRoutesOnly": false, "TunnelInsideIpVersion": "ipv4"}, "Routes": [], "Tags": [],
               "VgwTelemetry": [t("203.0.113.17", status.0), t("198.51.100.17", status.1)]})
    }

    #[test]
    fn pass_fail_unknown() {
        let mut silent = vpn("vpn-silent", ("UP", "UP"), "pending");
        silent["VgwTelemetry"] = json!([]);
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_list(
                    "DescribeVpnConnections",
                    "us-east-1",
                    "VpnConnections",
                    vec![
                        vpn("vpn-good", ("UP", "UP"), "available"),
                        vpn("vpn-half", ("UP", "DOWN"), "available"),
                        vpn("vpn-gone", ("DOWN", "DOWN"), "deleted"),
                        silent,
                    ],
                ),
                error(
                    "ec2",
                    "DescribeVpnConnections",
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
                ("vpn-good".to_string(), Status::Pass),
                ("vpn-half".to_string(), Status::Fail),
                ("vpn-silent".to_string(), Status::Unknown),
            ]
        );
        assert!(o[2].message.contains("198.51.100.17"), "{}", o[2].message);
        assert_eq!(
            o[2].resource.arn.as_deref(),
            Some("arn:aws:ec2:us-east-1:123456789012:vpn-connection/vpn-half")
        );
    }
}

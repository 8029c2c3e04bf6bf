//! EC2 in one region: instances, the network (security groups, ACLs, routes, subnets, VPCs,
//! gateways, flow logs), EBS volumes and snapshots with their sharing, and EBS default
//! encryption.

use super::Ctx;
use crate::json::{en, list, list_all, obj};
use crate::record::{Call, pages};
use aws_sdk_ec2::types as t;
use serde_json::{Value, json};

macro_rules! tags {
    ($items:expr) => {
        list($items, |x| obj! { "Key" => x.key(), "Value" => x.value() })
    };
}

fn group_ids(g: &[t::GroupIdentifier]) -> Value {
    list(
        g,
        |g| obj! { "GroupId" => g.group_id(), "GroupName" => g.group_name() },
    )
}

fn instance(i: &t::Instance) -> Value {
    obj! {
        "InstanceId" => i.instance_id(),
        "ImageId" => i.image_id(),
        "InstanceType" => en(i.instance_type()),
        "LaunchTime" => i.launch_time(),
        "State" => i.state().map(|s| obj! { "Code" => s.code(), "Name" => en(s.name()) }),
        "StateTransitionReason" => i.state_transition_reason(),
        "VirtualizationType" => en(i.virtualization_type()),
        "SubnetId" => i.subnet_id(),
        "VpcId" => i.vpc_id(),
        "PublicIpAddress" => i.public_ip_address(),
        "PrivateIpAddress" => i.private_ip_address(),
        "IamInstanceProfile" => i.iam_instance_profile().map(|p| obj! { "Arn" => p.arn(), "Id" => p.id() }),
        "MetadataOptions" => i.metadata_options().map(|m| obj! {
            "State" => en(m.state()),
            "HttpTokens" => en(m.http_tokens()),
            "HttpPutResponseHopLimit" => m.http_put_response_hop_limit(),
            "HttpEndpoint" => en(m.http_endpoint()),
            "HttpProtocolIpv6" => en(m.http_protocol_ipv6()),
            "InstanceMetadataTags" => en(m.instance_metadata_tags()),
        }),
        "SecurityGroups" => group_ids(i.security_groups()),
        "NetworkInterfaces" => list(i.network_interfaces(), |n| obj! {
            "NetworkInterfaceId" => n.network_interface_id(),
            "SubnetId" => n.subnet_id(),
            "VpcId" => n.vpc_id(),
            "PrivateIpAddress" => n.private_ip_address(),
            "Association" => n.association().map(|a| obj! {
                "PublicIp" => a.public_ip(),
                "PublicDnsName" => a.public_dns_name(),
                "IpOwnerId" => a.ip_owner_id(),
                "CarrierIp" => a.carrier_ip(),
            }),
            "Groups" => group_ids(n.groups()),
            "Ipv6Addresses" => list(n.ipv6_addresses(), |a| obj! { "Ipv6Address" => a.ipv6_address() }),
            "PrivateIpAddresses" => list(n.private_ip_addresses(), |p| obj! {
                "PrivateIpAddress" => p.private_ip_address(),
                "Primary" => p.primary(),
                "Association" => p.association().map(|a| obj! {
                    "PublicIp" => a.public_ip(),
                    "PublicDnsName" => a.public_dns_name(),
                    "IpOwnerId" => a.ip_owner_id(),
                    "CarrierIp" => a.carrier_ip(),
                }),
            }),
        }),
        "Tags" => tags!(i.tags()),
    }
}

fn permission(p: &t::IpPermission) -> Value {
    obj! {
        "IpProtocol" => p.ip_protocol(),
        "FromPort" => p.from_port(),
        "ToPort" => p.to_port(),
        "IpRanges" => list_all(p.ip_ranges(), |r| obj! { "CidrIp" => r.cidr_ip(), "Description" => r.description() }),
        "Ipv6Ranges" => list_all(p.ipv6_ranges(), |r| obj! { "CidrIpv6" => r.cidr_ipv6(), "Description" => r.description() }),
        "PrefixListIds" => list_all(p.prefix_list_ids(), |r| obj! { "PrefixListId" => r.prefix_list_id(), "Description" => r.description() }),
        "UserIdGroupPairs" => list_all(p.user_id_group_pairs(), |g| obj! {
            "GroupId" => g.group_id(),
            "GroupName" => g.group_name(),
            "UserId" => g.user_id(),
            "VpcId" => g.vpc_id(),
            "VpcPeeringConnectionId" => g.vpc_peering_connection_id(),
            "PeeringStatus" => g.peering_status(),
            "Description" => g.description(),
        }),
    }
}

fn security_group(g: &t::SecurityGroup) -> Value {
    obj! {
        "GroupId" => g.group_id(),
        "GroupName" => g.group_name(),
        "Description" => g.description(),
        "OwnerId" => g.owner_id(),
        "VpcId" => g.vpc_id(),
        "IpPermissions" => list_all(g.ip_permissions(), permission),
        "IpPermissionsEgress" => list_all(g.ip_permissions_egress(), permission),
        "Tags" => tags!(g.tags()),
    }
}

fn network_acl(a: &t::NetworkAcl) -> Value {
    obj! {
        "NetworkAclId" => a.network_acl_id(),
        "VpcId" => a.vpc_id(),
        "OwnerId" => a.owner_id(),
        "IsDefault" => a.is_default(),
        "Entries" => list_all(a.entries(), |e| obj! {
            "RuleNumber" => e.rule_number(),
            "Protocol" => e.protocol(),
            "RuleAction" => en(e.rule_action()),
            "Egress" => e.egress(),
            "CidrBlock" => e.cidr_block(),
            "Ipv6CidrBlock" => e.ipv6_cidr_block(),
            "PortRange" => e.port_range().map(|p| obj! { "From" => p.from(), "To" => p.to() }),
            "IcmpTypeCode" => e.icmp_type_code().map(|c| obj! { "Code" => c.code(), "Type" => c.r#type() }),
        }),
        "Associations" => list_all(a.associations(), |s| obj! {
            "NetworkAclAssociationId" => s.network_acl_association_id(),
            "NetworkAclId" => s.network_acl_id(),
            "SubnetId" => s.subnet_id(),
        }),
        "Tags" => tags!(a.tags()),
    }
}

fn route_table(r: &t::RouteTable) -> Value {
    obj! {
        "RouteTableId" => r.route_table_id(),
        "VpcId" => r.vpc_id(),
        "OwnerId" => r.owner_id(),
        "Routes" => list_all(r.routes(), |x| obj! {
            "DestinationCidrBlock" => x.destination_cidr_block(),
            "DestinationIpv6CidrBlock" => x.destination_ipv6_cidr_block(),
            "DestinationPrefixListId" => x.destination_prefix_list_id(),
            "GatewayId" => x.gateway_id(),
            "InstanceId" => x.instance_id(),
            "NatGatewayId" => x.nat_gateway_id(),
            "TransitGatewayId" => x.transit_gateway_id(),
            "VpcPeeringConnectionId" => x.vpc_peering_connection_id(),
            "NetworkInterfaceId" => x.network_interface_id(),
            "EgressOnlyInternetGatewayId" => x.egress_only_internet_gateway_id(),
            "LocalGatewayId" => x.local_gateway_id(),
            "CarrierGatewayId" => x.carrier_gateway_id(),
            "CoreNetworkArn" => x.core_network_arn(),
            "Origin" => en(x.origin()),
            "State" => en(x.state()),
        }),
        "Associations" => list_all(r.associations(), |a| obj! {
            "Main" => a.main(),
            "RouteTableAssociationId" => a.route_table_association_id(),
            "RouteTableId" => a.route_table_id(),
            "SubnetId" => a.subnet_id(),
            "GatewayId" => a.gateway_id(),
        }),
        "Tags" => tags!(r.tags()),
    }
}

fn ipv6_blocks(b: &[t::SubnetIpv6CidrBlockAssociation]) -> Value {
    list(
        b,
        |a| obj! { "Ipv6CidrBlock" => a.ipv6_cidr_block(), "AssociationId" => a.association_id() },
    )
}

fn subnet(s: &t::Subnet) -> Value {
    obj! {
        "SubnetId" => s.subnet_id(),
        "SubnetArn" => s.subnet_arn(),
        "VpcId" => s.vpc_id(),
        "CidrBlock" => s.cidr_block(),
        "Ipv6CidrBlockAssociationSet" => ipv6_blocks(s.ipv6_cidr_block_association_set()),
        "AvailabilityZone" => s.availability_zone(),
        "AvailabilityZoneId" => s.availability_zone_id(),
        "MapPublicIpOnLaunch" => s.map_public_ip_on_launch(),
        "AssignIpv6AddressOnCreation" => s.assign_ipv6_address_on_creation(),
        "DefaultForAz" => s.default_for_az(),
        "OwnerId" => s.owner_id(),
        "State" => en(s.state()),
        "Tags" => tags!(s.tags()),
    }
}

fn vpc(v: &t::Vpc) -> Value {
    obj! {
        "VpcId" => v.vpc_id(),
        "CidrBlock" => v.cidr_block(),
        "CidrBlockAssociationSet" => list(v.cidr_block_association_set(), |a| obj! {
            "CidrBlock" => a.cidr_block(),
            "AssociationId" => a.association_id(),
        }),
        "Ipv6CidrBlockAssociationSet" => list(v.ipv6_cidr_block_association_set(), |a| obj! {
            "Ipv6CidrBlock" => a.ipv6_cidr_block(),
            "AssociationId" => a.association_id(),
        }),
        "IsDefault" => v.is_default(),
        "OwnerId" => v.owner_id(),
        "State" => en(v.state()),
        "Tags" => tags!(v.tags()),
    }
}

fn internet_gateway(g: &t::InternetGateway) -> Value {
    obj! {
        "InternetGatewayId" => g.internet_gateway_id(),
        "OwnerId" => g.owner_id(),
        "Attachments" => list_all(g.attachments(), |a| obj! { "State" => en(a.state()), "VpcId" => a.vpc_id() }),
        "Tags" => tags!(g.tags()),
    }
}

fn volume(v: &t::Volume) -> Value {
    obj! {
        "VolumeId" => v.volume_id(),
        "Size" => v.size(),
        "SnapshotId" => v.snapshot_id(),
        "AvailabilityZone" => v.availability_zone(),
        "State" => en(v.state()),
        "CreateTime" => v.create_time(),
        "Encrypted" => v.encrypted(),
        "KmsKeyId" => v.kms_key_id(),
        "VolumeType" => en(v.volume_type()),
        "Attachments" => list_all(v.attachments(), |a| obj! {
            "InstanceId" => a.instance_id(),
            "Device" => a.device(),
            "State" => en(a.state()),
            "AttachTime" => a.attach_time(),
            "DeleteOnTermination" => a.delete_on_termination(),
        }),
        "Tags" => tags!(v.tags()),
    }
}

fn snapshot(s: &t::Snapshot) -> Value {
    obj! {
        "SnapshotId" => s.snapshot_id(),
        "VolumeId" => s.volume_id(),
        "State" => en(s.state()),
        "StartTime" => s.start_time(),
        "OwnerId" => s.owner_id(),
        "Description" => s.description(),
        "VolumeSize" => s.volume_size(),
        "Encrypted" => s.encrypted(),
        "KmsKeyId" => s.kms_key_id(),
        "Tags" => tags!(s.tags()),
    }
}

fn flow_log(f: &t::FlowLog) -> Value {
    obj! {
        "FlowLogId" => f.flow_log_id(),
        "ResourceId" => f.resource_id(),
        "TrafficType" => en(f.traffic_type()),
        "LogDestinationType" => en(f.log_destination_type()),
        "LogDestination" => f.log_destination(),
        "LogGroupName" => f.log_group_name(),
        "DeliverLogsStatus" => f.deliver_logs_status(),
        "DeliverLogsPermissionArn" => f.deliver_logs_permission_arn(),
        "FlowLogStatus" => f.flow_log_status(),
        "CreationTime" => f.creation_time(),
        "Tags" => tags!(f.tags()),
    }
}

fn public_association(a: &t::NetworkInterfaceAssociation) -> Value {
    obj! {
        "AllocationId" => a.allocation_id(),
        "AssociationId" => a.association_id(),
        "IpOwnerId" => a.ip_owner_id(),
        "PublicDnsName" => a.public_dns_name(),
        "PublicIp" => a.public_ip(),
        "CarrierIp" => a.carrier_ip(),
        "CustomerOwnedIp" => a.customer_owned_ip(),
    }
}

fn network_interface(n: &t::NetworkInterface) -> Value {
    obj! {
        "NetworkInterfaceId" => n.network_interface_id(),
        "InterfaceType" => en(n.interface_type()),
        "Description" => n.description(),
        "RequesterId" => n.requester_id(),
        "RequesterManaged" => n.requester_managed(),
        "Status" => en(n.status()),
        "SubnetId" => n.subnet_id(),
        "VpcId" => n.vpc_id(),
        "AvailabilityZone" => n.availability_zone(),
        "OwnerId" => n.owner_id(),
        "PrivateIpAddress" => n.private_ip_address(),
        "PrivateDnsName" => n.private_dns_name(),
        "MacAddress" => n.mac_address(),
        "Association" => n.association().map(public_association),
        "Attachment" => n.attachment().map(|a| obj! {
            "AttachmentId" => a.attachment_id(),
            "InstanceId" => a.instance_id(),
            "InstanceOwnerId" => a.instance_owner_id(),
            "DeviceIndex" => a.device_index(),
            "Status" => en(a.status()),
            "AttachTime" => a.attach_time(),
            "DeleteOnTermination" => a.delete_on_termination(),
        }),
        "Groups" => list_all(n.groups(), |g| obj! { "GroupId" => g.group_id(), "GroupName" => g.group_name() }),
        "Ipv6Addresses" => list_all(n.ipv6_addresses(), |a| obj! {
            "Ipv6Address" => a.ipv6_address(),
            "IsPrimaryIpv6" => a.is_primary_ipv6(),
        }),
        "PrivateIpAddresses" => list_all(n.private_ip_addresses(), |p| obj! {
            "PrivateIpAddress" => p.private_ip_address(),
            "PrivateDnsName" => p.private_dns_name(),
            "Primary" => p.primary(),
            "Association" => p.association().map(public_association),
        }),
        "SourceDestCheck" => n.source_dest_check(),
        "TagSet" => list_all(n.tag_set(), |x| obj! { "Key" => x.key(), "Value" => x.value() }),
    }
}

fn prefix_list(l: &t::ManagedPrefixList) -> Value {
    obj! {
        "PrefixListId" => l.prefix_list_id(),
        "PrefixListName" => l.prefix_list_name(),
        "PrefixListArn" => l.prefix_list_arn(),
        "AddressFamily" => l.address_family(),
        "State" => en(l.state()),
        "StateMessage" => l.state_message(),
        "MaxEntries" => l.max_entries(),
        "Version" => l.version(),
        "OwnerId" => l.owner_id(),
        "Tags" => tags!(l.tags()),
    }
}

fn nat_gateway(g: &t::NatGateway) -> Value {
    obj! {
        "NatGatewayId" => g.nat_gateway_id(),
        "SubnetId" => g.subnet_id(),
        "VpcId" => g.vpc_id(),
        "State" => en(g.state()),
        "ConnectivityType" => en(g.connectivity_type()),
        "CreateTime" => g.create_time(),
        "NatGatewayAddresses" => list_all(g.nat_gateway_addresses(), |a| obj! {
            "AllocationId" => a.allocation_id(),
            "NetworkInterfaceId" => a.network_interface_id(),
            "PrivateIp" => a.private_ip(),
            "PublicIp" => a.public_ip(),
            "AssociationId" => a.association_id(),
            "IsPrimary" => a.is_primary(),
            "Status" => en(a.status()),
        }),
        "Tags" => tags!(g.tags()),
    }
}

fn egress_only_gateway(g: &t::EgressOnlyInternetGateway) -> Value {
    obj! {
        "EgressOnlyInternetGatewayId" => g.egress_only_internet_gateway_id(),
        "Attachments" => list_all(g.attachments(), |a| obj! { "State" => en(a.state()), "VpcId" => a.vpc_id() }),
        "Tags" => tags!(g.tags()),
    }
}

fn vpc_endpoint(e: &t::VpcEndpoint) -> Value {
    obj! {
        "VpcEndpointId" => e.vpc_endpoint_id(),
        "VpcEndpointType" => en(e.vpc_endpoint_type()),
        "VpcId" => e.vpc_id(),
        "ServiceName" => e.service_name(),
        "State" => en(e.state()),
        "PolicyDocument" => e.policy_document(),
        "RouteTableIds" => list_all(e.route_table_ids(), |s| json!(s)),
        "SubnetIds" => list_all(e.subnet_ids(), |s| json!(s)),
        "Groups" => list_all(e.groups(), |g| obj! { "GroupId" => g.group_id(), "GroupName" => g.group_name() }),
        "PrivateDnsEnabled" => e.private_dns_enabled(),
        "NetworkInterfaceIds" => list_all(e.network_interface_ids(), |s| json!(s)),
        "CreationTimestamp" => e.creation_timestamp(),
        "OwnerId" => e.owner_id(),
        "Tags" => tags!(e.tags()),
    }
}

fn peering_side(v: &t::VpcPeeringConnectionVpcInfo) -> Value {
    obj! {
        "CidrBlock" => v.cidr_block(),
        "OwnerId" => v.owner_id(),
        "VpcId" => v.vpc_id(),
        "Region" => v.region(),
    }
}

fn peering(p: &t::VpcPeeringConnection) -> Value {
    obj! {
        "VpcPeeringConnectionId" => p.vpc_peering_connection_id(),
        "AccepterVpcInfo" => p.accepter_vpc_info().map(peering_side),
        "RequesterVpcInfo" => p.requester_vpc_info().map(peering_side),
        "Status" => p.status().map(|s| obj! { "Code" => en(s.code()), "Message" => s.message() }),
        "ExpirationTime" => p.expiration_time(),
        "Tags" => tags!(p.tags()),
    }
}

fn address(a: &t::Address) -> Value {
    obj! {
        "PublicIp" => a.public_ip(),
        "AllocationId" => a.allocation_id(),
        "AssociationId" => a.association_id(),
        "Domain" => en(a.domain()),
        "InstanceId" => a.instance_id(),
        "NetworkInterfaceId" => a.network_interface_id(),
        "NetworkInterfaceOwnerId" => a.network_interface_owner_id(),
        "PrivateIpAddress" => a.private_ip_address(),
        "PublicIpv4Pool" => a.public_ipv4_pool(),
        "Tags" => tags!(a.tags()),
    }
}

fn vpn_connection(v: &t::VpnConnection) -> Value {
    obj! {
        "VpnConnectionId" => v.vpn_connection_id(),
        "State" => en(v.state()),
        "Type" => en(v.r#type()),
        "CustomerGatewayId" => v.customer_gateway_id(),
        "VpnGatewayId" => v.vpn_gateway_id(),
        "TransitGatewayId" => v.transit_gateway_id(),
        "Category" => v.category(),
        "VgwTelemetry" => list_all(v.vgw_telemetry(), |x| obj! {
            "OutsideIpAddress" => x.outside_ip_address(),
            "Status" => en(x.status()),
            "StatusMessage" => x.status_message(),
            "LastStatusChange" => x.last_status_change(),
            "AcceptedRouteCount" => x.accepted_route_count(),
        }),
        "Tags" => tags!(v.tags()),
    }
}

fn transit_gateway(g: &t::TransitGateway) -> Value {
    obj! {
        "TransitGatewayId" => g.transit_gateway_id(),
        "TransitGatewayArn" => g.transit_gateway_arn(),
        "State" => en(g.state()),
        "OwnerId" => g.owner_id(),
        "Description" => g.description(),
        "CreationTime" => g.creation_time(),
        "Options" => g.options().map(|o| obj! {
            "AmazonSideAsn" => o.amazon_side_asn(),
            "AutoAcceptSharedAttachments" => en(o.auto_accept_shared_attachments()),
            "DefaultRouteTableAssociation" => en(o.default_route_table_association()),
            "AssociationDefaultRouteTableId" => o.association_default_route_table_id(),
            "DefaultRouteTablePropagation" => en(o.default_route_table_propagation()),
            "PropagationDefaultRouteTableId" => o.propagation_default_route_table_id(),
        }),
        "Tags" => tags!(g.tags()),
    }
}

/// The `member` strings of the objects listed under `key` in a recorded response.
fn strings_of(call: &Call, key: &str, member: &str) -> Vec<String> {
    call.response()
        .and_then(|v| v.get(key))
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get(member).and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) async fn ec2(ctx: &Ctx, region: &str) -> Vec<Call> {
    let ec2 = crate::client::regional!(&ctx.sdk, aws_sdk_ec2, region);
    let ec2 = &ec2;
    let rec = &ctx.rec;
    let r = Some(region);
    let none = || json!({});
    let mut out = Vec::new();
    macro_rules! listing {
        ($op:literal, $key:literal, $paginator:expr, |$p:ident| $items:expr) => {
            out.push(
                rec.call("ec2", $op, r, none(), async {
                    let items = pages!($paginator, |$p| $items)?;
                    Ok(json!({ $key: items }))
                })
                .await,
            )
        };
    }
    listing!(
        "DescribeInstances",
        "Reservations",
        ec2.describe_instances().into_paginator(),
        |p| p.reservations().iter().map(|res| obj! {
            "ReservationId" => res.reservation_id(),
            "OwnerId" => res.owner_id(),
            "Instances" => list_all(res.instances(), instance),
        })
    );
    listing!(
        "DescribeSecurityGroups",
        "SecurityGroups",
        ec2.describe_security_groups().into_paginator(),
        |p| p.security_groups().iter().map(security_group)
    );
    listing!(
        "DescribeNetworkAcls",
        "NetworkAcls",
        ec2.describe_network_acls().into_paginator(),
        |p| p.network_acls().iter().map(network_acl)
    );
    listing!(
        "DescribeRouteTables",
        "RouteTables",
        ec2.describe_route_tables().into_paginator(),
        |p| p.route_tables().iter().map(route_table)
    );
    listing!(
        "DescribeSubnets",
        "Subnets",
        ec2.describe_subnets().into_paginator(),
        |p| p.subnets().iter().map(subnet)
    );
    listing!(
        "DescribeVpcs",
        "Vpcs",
        ec2.describe_vpcs().into_paginator(),
        |p| p.vpcs().iter().map(vpc)
    );
    listing!(
        "DescribeInternetGateways",
        "InternetGateways",
        ec2.describe_internet_gateways().into_paginator(),
        |p| p.internet_gateways().iter().map(internet_gateway)
    );
    listing!(
        "DescribeVolumes",
        "Volumes",
        ec2.describe_volumes().into_paginator(),
        |p| p.volumes().iter().map(volume)
    );
    listing!(
        "DescribeFlowLogs",
        "FlowLogs",
        ec2.describe_flow_logs().into_paginator(),
        |p| p.flow_logs().iter().map(flow_log)
    );
    listing!(
        "DescribeNetworkInterfaces",
        "NetworkInterfaces",
        ec2.describe_network_interfaces().into_paginator(),
        |p| p.network_interfaces().iter().map(network_interface)
    );
    listing!(
        "DescribeNatGateways",
        "NatGateways",
        ec2.describe_nat_gateways().into_paginator(),
        |p| p.nat_gateways().iter().map(nat_gateway)
    );
    listing!(
        "DescribeEgressOnlyInternetGateways",
        "EgressOnlyInternetGateways",
        ec2.describe_egress_only_internet_gateways()
            .into_paginator(),
        |p| p
            .egress_only_internet_gateways()
            .iter()
            .map(egress_only_gateway)
    );
    listing!(
        "DescribeVpcEndpoints",
        "VpcEndpoints",
        ec2.describe_vpc_endpoints().into_paginator(),
        |p| p.vpc_endpoints().iter().map(vpc_endpoint)
    );
    listing!(
        "DescribeVpcPeeringConnections",
        "VpcPeeringConnections",
        ec2.describe_vpc_peering_connections().into_paginator(),
        |p| p.vpc_peering_connections().iter().map(peering)
    );
    listing!(
        "DescribeTransitGateways",
        "TransitGateways",
        ec2.describe_transit_gateways().into_paginator(),
        |p| p.transit_gateways().iter().map(transit_gateway)
    );
    // Not paginated: one answer lists every VPN connection, and every address.
    out.push(
        rec.call("ec2", "DescribeVpnConnections", r, none(), async {
            let v = ec2.describe_vpn_connections().send().await?;
            Ok(json!({ "VpnConnections": list_all(v.vpn_connections(), vpn_connection) }))
        })
        .await,
    );
    out.push(
        rec.call("ec2", "DescribeAddresses", r, none(), async {
            let a = ec2.describe_addresses().send().await?;
            Ok(json!({ "Addresses": list_all(a.addresses(), address) }))
        })
        .await,
    );

    // Prefix lists, then the entries of each (AWS-managed lists included: security group
    // rules and routes name them).
    let lists = rec
        .call("ec2", "DescribeManagedPrefixLists", r, none(), async {
            let items = pages!(ec2.describe_managed_prefix_lists().into_paginator(), |p| p
                .prefix_lists()
                .iter()
                .map(prefix_list))?;
            Ok(json!({ "PrefixLists": items }))
        })
        .await;
    let list_ids = strings_of(&lists, "PrefixLists", "PrefixListId");
    out.push(lists);
    let entries = futures_util::future::join_all(list_ids.iter().map(|id| {
        rec.call(
            "ec2",
            "GetManagedPrefixListEntries",
            r,
            json!({ "PrefixListId": id }),
            async move {
                let items = pages!(
                    ec2.get_managed_prefix_list_entries()
                        .prefix_list_id(id)
                        .into_paginator(),
                    |p| p.entries().iter().map(|e| obj! {
                        "Cidr" => e.cidr(),
                        "Description" => e.description(),
                    })
                )?;
                Ok(json!({ "Entries": items }))
            },
        )
    }))
    .await;
    out.extend(entries);

    let snaps = rec
        .call(
            "ec2",
            "DescribeSnapshots",
            r,
            json!({"OwnerIds": ["self"]}),
            async {
                let items = pages!(
                    ec2.describe_snapshots().owner_ids("self").into_paginator(),
                    |p| p.snapshots().iter().map(snapshot)
                )?;
                Ok(json!({ "Snapshots": items }))
            },
        )
        .await;
    let ids: Vec<String> = snaps
        .response()
        .and_then(|v| v.get("Snapshots"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                // Not ours (some endpoints ignore OwnerIds): AWS would refuse the attribute call.
                .filter(|s| {
                    s.get("OwnerId")
                        .and_then(Value::as_str)
                        .is_none_or(|o| o == ctx.account)
                })
                .filter_map(|s| {
                    s.get("SnapshotId")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    out.push(snaps);
    let attrs = futures_util::future::join_all(ids.iter().map(|id| {
        rec.call(
            "ec2",
            "DescribeSnapshotAttribute",
            r,
            json!({"SnapshotId": id, "Attribute": "createVolumePermission"}),
            async move {
                let a = ec2
                    .describe_snapshot_attribute()
                    .snapshot_id(id)
                    .attribute(t::SnapshotAttributeName::CreateVolumePermission)
                    .send()
                    .await?;
                Ok(obj! {
                    "SnapshotId" => a.snapshot_id(),
                    "CreateVolumePermissions" => list_all(a.create_volume_permissions(), |p| obj! {
                        "Group" => en(p.group()),
                        "UserId" => p.user_id(),
                    }),
                })
            },
        )
    }))
    .await;
    out.extend(attrs);
    out.push(
        rec.call("ec2", "GetEbsEncryptionByDefault", r, none(), async {
            let e = ec2.get_ebs_encryption_by_default().send().await?;
            Ok(obj! {
                "EbsEncryptionByDefault" => e.ebs_encryption_by_default(),
                "SseType" => en(e.sse_type()),
            })
        })
        .await,
    );
    out
}

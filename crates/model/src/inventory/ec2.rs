//! EC2 and VPC: instances, security groups, network ACLs, route tables, subnets, VPCs, internet
//! gateways, EBS volumes and snapshots (with their `createVolumePermission` attribute), EBS
//! encryption by default, VPC flow logs, and for the reachability engine network interfaces of
//! every kind, managed prefix lists (with their entries), NAT gateways, egress-only internet
//! gateways, VPC endpoints, peering connections and Elastic IP addresses.
//!
//! These are the inputs of the network reachability engine and of the EBS checks, so rules keep
//! every field that changes who can reach what (protocols as AWS prints them, optional ports,
//! IPv4 and IPv6 ranges, prefix lists, group references). Each resource remembers the region of
//! the call that listed it, so it can name its own ARN.

use super::{Apply, Regional, Tag};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use crate::time::Timestamp;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// EC2 and VPC data of the account, per region.
#[derive(Debug, Clone)]
pub struct Ec2 {
    /// Instances, reservations flattened (`DescribeInstances`).
    pub instances: Regional<Vec<Instance>>,
    pub security_groups: Regional<Vec<SecurityGroup>>,
    pub network_acls: Regional<Vec<NetworkAcl>>,
    pub route_tables: Regional<Vec<RouteTable>>,
    pub subnets: Regional<Vec<Subnet>>,
    pub vpcs: Regional<Vec<Vpc>>,
    pub internet_gateways: Regional<Vec<InternetGateway>>,
    pub volumes: Regional<Vec<Volume>>,
    /// Snapshots owned by the account, each with its `createVolumePermission` attribute.
    pub snapshots: Regional<Vec<Snapshot>>,
    /// `GetEbsEncryptionByDefault`.
    pub ebs_encryption_by_default: Regional<bool>,
    pub flow_logs: Regional<Vec<FlowLog>>,
    /// Network interfaces of every kind (`DescribeNetworkInterfaces`).
    pub network_interfaces: Regional<Vec<NetworkInterface>>,
    /// Managed prefix lists (`DescribeManagedPrefixLists`); entries come from
    /// `GetManagedPrefixListEntries`, see [`Ec2::prefix_list_entries`].
    pub managed_prefix_lists: Regional<Vec<ManagedPrefixList>>,
    pub nat_gateways: Regional<Vec<NatGateway>>,
    pub egress_only_internet_gateways: Regional<Vec<EgressOnlyInternetGateway>>,
    pub vpc_endpoints: Regional<Vec<VpcEndpoint>>,
    pub vpc_peering_connections: Regional<Vec<VpcPeeringConnection>>,
    /// Elastic IP addresses (`DescribeAddresses`).
    pub addresses: Regional<Vec<Address>>,
    /// Site-to-Site VPN connections with their tunnels' status (`DescribeVpnConnections`).
    pub vpn_connections: Regional<Vec<VpnConnection>>,
    /// Transit gateways (`DescribeTransitGateways`).
    pub transit_gateways: Regional<Vec<TransitGateway>>,
    /// `GetManagedPrefixListEntries` results keyed by (region, prefix list id).
    prefix_list_entries: BTreeMap<(String, String), Observed<Vec<PrefixListEntry>>>,
    /// `DescribeSnapshotAttribute` results keyed by (region, snapshot id), joined in `finalize`.
    snapshot_permissions: BTreeMap<(String, String), Observed<Vec<CreateVolumePermission>>>,
}

impl Default for Ec2 {
    fn default() -> Self {
        Ec2 {
            instances: Regional::new("ec2", "DescribeInstances"),
            security_groups: Regional::new("ec2", "DescribeSecurityGroups"),
            network_acls: Regional::new("ec2", "DescribeNetworkAcls"),
            route_tables: Regional::new("ec2", "DescribeRouteTables"),
            subnets: Regional::new("ec2", "DescribeSubnets"),
            vpcs: Regional::new("ec2", "DescribeVpcs"),
            internet_gateways: Regional::new("ec2", "DescribeInternetGateways"),
            volumes: Regional::new("ec2", "DescribeVolumes"),
            snapshots: Regional::new("ec2", "DescribeSnapshots"),
            ebs_encryption_by_default: Regional::new("ec2", "GetEbsEncryptionByDefault"),
            flow_logs: Regional::new("ec2", "DescribeFlowLogs"),
            network_interfaces: Regional::new("ec2", "DescribeNetworkInterfaces"),
            managed_prefix_lists: Regional::new("ec2", "DescribeManagedPrefixLists"),
            nat_gateways: Regional::new("ec2", "DescribeNatGateways"),
            egress_only_internet_gateways: Regional::new(
                "ec2",
                "DescribeEgressOnlyInternetGateways",
            ),
            vpc_endpoints: Regional::new("ec2", "DescribeVpcEndpoints"),
            vpc_peering_connections: Regional::new("ec2", "DescribeVpcPeeringConnections"),
            addresses: Regional::new("ec2", "DescribeAddresses"),
            vpn_connections: Regional::new("ec2", "DescribeVpnConnections"),
            transit_gateways: Regional::new("ec2", "DescribeTransitGateways"),
            prefix_list_entries: BTreeMap::new(),
            snapshot_permissions: BTreeMap::new(),
        }
    }
}

/// `arn:{partition}:ec2:{region}:{owner or account}:{kind}/{id}`.
fn ec2_arn(
    partition: &str,
    region: &str,
    owner: Option<&str>,
    account: &str,
    kind: &str,
    id: &str,
) -> String {
    let account = owner.filter(|o| !o.is_empty()).unwrap_or(account);
    format!("arn:{partition}:ec2:{region}:{account}:{kind}/{id}")
}

/// A security group reference on an instance or network interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupIdentifier {
    pub group_id: String,
    pub group_name: Option<String>,
}

/// An instance's lifecycle state (`running`, `stopped`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceState {
    pub name: String,
    pub code: Option<i64>,
}

/// The instance profile attached to an instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IamInstanceProfile {
    pub arn: String,
    pub id: Option<String>,
}

/// Instance metadata service settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetadataOptions {
    pub state: Option<String>,
    /// `required` (IMDSv2 only) or `optional`.
    pub http_tokens: Option<String>,
    pub http_put_response_hop_limit: Option<i64>,
    /// `enabled` or `disabled`.
    pub http_endpoint: Option<String>,
    pub http_protocol_ipv6: Option<String>,
    pub instance_metadata_tags: Option<String>,
}

/// The public address association of a network interface or private address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IpAssociation {
    pub public_ip: Option<String>,
    pub public_dns_name: Option<String>,
    pub ip_owner_id: Option<String>,
    pub carrier_ip: Option<String>,
}

/// An IPv6 address of a network interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Address {
    pub ipv6_address: String,
}

/// One private address of a network interface, with its public association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PrivateIpAddress {
    pub private_ip_address: Option<String>,
    pub primary: Option<bool>,
    pub association: Option<IpAssociation>,
}

/// A network interface attached to an instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceNetworkInterface {
    pub network_interface_id: Option<String>,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub private_ip_address: Option<String>,
    pub association: Option<IpAssociation>,
    #[serde(default)]
    pub groups: Vec<GroupIdentifier>,
    #[serde(default)]
    pub ipv6_addresses: Vec<Ipv6Address>,
    #[serde(default)]
    pub private_ip_addresses: Vec<PrivateIpAddress>,
}

/// An EC2 instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    pub instance_id: String,
    pub image_id: Option<String>,
    pub instance_type: Option<String>,
    pub launch_time: Option<Timestamp>,
    pub state: Option<InstanceState>,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub public_ip_address: Option<String>,
    pub private_ip_address: Option<String>,
    pub iam_instance_profile: Option<IamInstanceProfile>,
    pub metadata_options: Option<MetadataOptions>,
    /// Why the state last changed; for a stopped instance `User initiated (2026-01-10 12:00:00
    /// GMT)`, the only place DescribeInstances prints when it stopped.
    pub state_transition_reason: Option<String>,
    /// `hvm` or `paravirtual`.
    pub virtualization_type: Option<String>,
    #[serde(default)]
    pub security_groups: Vec<GroupIdentifier>,
    #[serde(default)]
    pub network_interfaces: Vec<InstanceNetworkInterface>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The owning account (the reservation's `OwnerId`).
    #[serde(skip)]
    pub owner_id: Option<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl Instance {
    /// `arn:{partition}:ec2:{region}:{account}:instance/{id}`; `account` is used when the
    /// reservation named no owner.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let owner = self.owner_id.as_deref();
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "instance",
            &self.instance_id,
        )
    }

    /// The lifecycle state name (`running`, `stopped`, ...), when known.
    pub fn state_name(&self) -> Option<&str> {
        self.state.as_ref().map(|s| s.name.as_str())
    }

    /// When the instance last changed state, from the date in `StateTransitionReason`
    /// (`User initiated (2026-01-10 12:00:00 GMT)`); `None` when it names no date.
    pub fn state_transition_time(&self) -> Option<Timestamp> {
        let r = self.state_transition_reason.as_deref()?;
        let inner = &r[r.rfind('(')? + 1..];
        let inner = inner.split(')').next()?.trim();
        let inner = inner.strip_suffix("GMT").unwrap_or(inner).trim();
        Timestamp::parse(inner)
    }
}

/// An IPv4 range in a security group rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IpRange {
    pub cidr_ip: String,
    pub description: Option<String>,
}

/// An IPv6 range in a security group rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6Range {
    pub cidr_ipv6: String,
    pub description: Option<String>,
}

/// A prefix list in a security group rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListId {
    pub prefix_list_id: String,
    pub description: Option<String>,
}

/// A security group reference in a security group rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserIdGroupPair {
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    pub user_id: Option<String>,
    pub vpc_id: Option<String>,
    pub vpc_peering_connection_id: Option<String>,
    pub peering_status: Option<String>,
    pub description: Option<String>,
}

/// One security group rule (ingress or egress) as AWS prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IpPermission {
    /// `-1` (all), a name (`tcp`, `udp`, `icmp`, `icmpv6`) or a protocol number (`6`).
    pub ip_protocol: String,
    /// Absent for all-protocol rules; for ICMP the type.
    pub from_port: Option<i64>,
    /// Absent for all-protocol rules; for ICMP the code.
    pub to_port: Option<i64>,
    #[serde(default)]
    pub ip_ranges: Vec<IpRange>,
    #[serde(default)]
    pub ipv6_ranges: Vec<Ipv6Range>,
    #[serde(default)]
    pub prefix_list_ids: Vec<PrefixListId>,
    #[serde(default)]
    pub user_id_group_pairs: Vec<UserIdGroupPair>,
}

/// Normalises an EC2 protocol: `-1`/`all` → `all`, and the numbers of the named protocols to
/// their names (`6` → `tcp`, `17` → `udp`, `1` → `icmp`, `58` → `icmpv6`). Others stay as given.
pub fn protocol_name(p: &str) -> &str {
    match p.to_ascii_lowercase().as_str() {
        "-1" | "all" => "all",
        "6" | "tcp" => "tcp",
        "17" | "udp" => "udp",
        "1" | "icmp" => "icmp",
        "58" | "icmpv6" => "icmpv6",
        _ => p,
    }
}

impl IpPermission {
    /// The protocol, normalised by [`protocol_name`].
    pub fn protocol(&self) -> &str {
        protocol_name(&self.ip_protocol)
    }

    /// The rule covers every protocol and port.
    pub fn is_all_traffic(&self) -> bool {
        self.protocol() == "all"
    }
}

/// A security group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    pub group_id: String,
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub description: String,
    pub owner_id: Option<String>,
    pub vpc_id: Option<String>,
    /// Ingress rules.
    #[serde(default)]
    pub ip_permissions: Vec<IpPermission>,
    /// Egress rules.
    #[serde(default)]
    pub ip_permissions_egress: Vec<IpPermission>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl SecurityGroup {
    /// `arn:{partition}:ec2:{region}:{owner}:security-group/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let owner = self.owner_id.as_deref();
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "security-group",
            &self.group_id,
        )
    }

    /// The VPC's default group (which cannot be deleted).
    pub fn is_default(&self) -> bool {
        self.group_name == "default"
    }
}

/// A port range of a network ACL entry (inclusive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PortRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// ICMP type and code of a network ACL entry (`-1`: all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IcmpTypeCode {
    pub code: Option<i64>,
    #[serde(rename = "Type")]
    pub kind: Option<i64>,
}

/// One network ACL rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAclEntry {
    /// Rules apply in increasing number order; 32767 is the default deny.
    pub rule_number: i64,
    /// `-1` (all) or a protocol number (`6`, `17`, `1`, `58`).
    pub protocol: String,
    /// `allow` or `deny`.
    pub rule_action: String,
    /// `true` for outbound rules.
    pub egress: bool,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub port_range: Option<PortRange>,
    pub icmp_type_code: Option<IcmpTypeCode>,
}

impl NetworkAclEntry {
    /// The protocol, normalised by [`protocol_name`].
    pub fn protocol_name(&self) -> &str {
        protocol_name(&self.protocol)
    }

    /// The rule allows (rather than denies) matching traffic.
    pub fn is_allow(&self) -> bool {
        self.rule_action.eq_ignore_ascii_case("allow")
    }
}

/// A subnet's association with a network ACL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAclAssociation {
    pub network_acl_association_id: Option<String>,
    pub network_acl_id: Option<String>,
    pub subnet_id: Option<String>,
}

/// A network ACL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkAcl {
    pub network_acl_id: String,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub entries: Vec<NetworkAclEntry>,
    #[serde(default)]
    pub associations: Vec<NetworkAclAssociation>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl NetworkAcl {
    /// `arn:{partition}:ec2:{region}:{owner}:network-acl/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let owner = self.owner_id.as_deref();
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "network-acl",
            &self.network_acl_id,
        )
    }
}

/// One route of a route table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    pub destination_cidr_block: Option<String>,
    pub destination_ipv6_cidr_block: Option<String>,
    pub destination_prefix_list_id: Option<String>,
    /// `local`, an internet gateway (`igw-...`) or a virtual private gateway (`vgw-...`).
    pub gateway_id: Option<String>,
    pub instance_id: Option<String>,
    pub nat_gateway_id: Option<String>,
    pub transit_gateway_id: Option<String>,
    pub vpc_peering_connection_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub egress_only_internet_gateway_id: Option<String>,
    pub local_gateway_id: Option<String>,
    pub carrier_gateway_id: Option<String>,
    pub core_network_arn: Option<String>,
    pub origin: Option<String>,
    /// `active` or `blackhole`.
    pub state: Option<String>,
}

impl Route {
    /// The route sends traffic to an internet gateway.
    pub fn targets_internet_gateway(&self) -> bool {
        self.gateway_id
            .as_deref()
            .is_some_and(|g| g.starts_with("igw-"))
    }
}

/// A route table's association with a subnet, a gateway, or the VPC (main).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTableAssociation {
    /// The VPC's main route table (used by subnets with no explicit association).
    #[serde(default)]
    pub main: bool,
    pub route_table_association_id: Option<String>,
    pub route_table_id: Option<String>,
    pub subnet_id: Option<String>,
    pub gateway_id: Option<String>,
}

/// A route table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTable {
    pub route_table_id: String,
    pub vpc_id: Option<String>,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default)]
    pub associations: Vec<RouteTableAssociation>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl RouteTable {
    /// `arn:{partition}:ec2:{region}:{owner}:route-table/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let owner = self.owner_id.as_deref();
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "route-table",
            &self.route_table_id,
        )
    }

    /// This is its VPC's main route table.
    pub fn is_main(&self) -> bool {
        self.associations.iter().any(|a| a.main)
    }
}

/// An IPv6 block associated with a subnet or VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ipv6CidrBlockAssociation {
    pub ipv6_cidr_block: Option<String>,
    pub association_id: Option<String>,
}

/// An IPv4 block associated with a VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CidrBlockAssociation {
    pub cidr_block: Option<String>,
    pub association_id: Option<String>,
}

/// A subnet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Subnet {
    pub subnet_id: String,
    pub subnet_arn: Option<String>,
    pub vpc_id: Option<String>,
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrBlockAssociation>,
    pub availability_zone: Option<String>,
    pub availability_zone_id: Option<String>,
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    #[serde(default)]
    pub assign_ipv6_address_on_creation: bool,
    #[serde(default)]
    pub default_for_az: bool,
    pub owner_id: Option<String>,
    pub state: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl Subnet {
    /// The subnet's ARN (`SubnetArn` when AWS printed it).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if let Some(a) = &self.subnet_arn {
            return a.clone();
        }
        let owner = self.owner_id.as_deref();
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "subnet",
            &self.subnet_id,
        )
    }
}

/// A VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    pub vpc_id: String,
    pub cidr_block: Option<String>,
    #[serde(default)]
    pub cidr_block_association_set: Vec<CidrBlockAssociation>,
    #[serde(default)]
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrBlockAssociation>,
    #[serde(default)]
    pub is_default: bool,
    pub owner_id: Option<String>,
    pub state: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl Vpc {
    /// `arn:{partition}:ec2:{region}:{owner}:vpc/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let owner = self.owner_id.as_deref();
        ec2_arn(partition, &self.region, owner, account, "vpc", &self.vpc_id)
    }
}

/// An internet gateway's attachment to a VPC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternetGatewayAttachment {
    pub state: Option<String>,
    pub vpc_id: Option<String>,
}

/// An internet gateway.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternetGateway {
    pub internet_gateway_id: String,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub attachments: Vec<InternetGatewayAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl InternetGateway {
    /// `arn:{partition}:ec2:{region}:{owner}:internet-gateway/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let (owner, id) = (self.owner_id.as_deref(), &self.internet_gateway_id);
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "internet-gateway",
            id,
        )
    }
}

/// A volume's attachment to an instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeAttachment {
    pub instance_id: Option<String>,
    pub device: Option<String>,
    pub state: Option<String>,
    pub attach_time: Option<Timestamp>,
    pub delete_on_termination: Option<bool>,
}

/// An EBS volume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    pub volume_id: String,
    /// Size in GiB.
    pub size: Option<i64>,
    pub snapshot_id: Option<String>,
    pub availability_zone: Option<String>,
    /// `in-use`, `available`, ...
    pub state: Option<String>,
    pub create_time: Option<Timestamp>,
    #[serde(default)]
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    pub volume_type: Option<String>,
    #[serde(default)]
    pub attachments: Vec<VolumeAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl Volume {
    /// `arn:{partition}:ec2:{region}:{account}:volume/{id}` (the response names no owner).
    pub fn arn(&self, partition: &str, account: &str) -> String {
        ec2_arn(
            partition,
            &self.region,
            None,
            account,
            "volume",
            &self.volume_id,
        )
    }
}

/// One `createVolumePermission` entry of a snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateVolumePermission {
    /// `all` makes the snapshot public.
    pub group: Option<String>,
    /// An account the snapshot is shared with.
    pub user_id: Option<String>,
}

fn snapshot_permissions_not_collected() -> Observed<Vec<CreateVolumePermission>> {
    Err(Gap::not_collected("ec2", "DescribeSnapshotAttribute", None))
}

/// An EBS snapshot owned by the account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Snapshot {
    pub snapshot_id: String,
    pub volume_id: Option<String>,
    pub state: Option<String>,
    pub start_time: Option<Timestamp>,
    pub owner_id: Option<String>,
    pub description: Option<String>,
    /// Size in GiB.
    pub volume_size: Option<i64>,
    #[serde(default)]
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// Who may create volumes from it (`DescribeSnapshotAttribute createVolumePermission`).
    #[serde(skip_deserializing, default = "snapshot_permissions_not_collected")]
    pub create_volume_permissions: Observed<Vec<CreateVolumePermission>>,
}

impl Snapshot {
    /// `arn:{partition}:ec2:{region}::snapshot/{id}` — snapshot ARNs carry no account.
    pub fn arn(&self, partition: &str) -> String {
        format!(
            "arn:{partition}:ec2:{}::snapshot/{}",
            self.region, self.snapshot_id
        )
    }

    /// Anyone may create a volume from it (a permission for group `all`).
    pub fn is_public(&self) -> Observed<bool> {
        match &self.create_volume_permissions {
            Ok(p) => Ok(p.iter().any(|p| p.group.as_deref() == Some("all"))),
            Err(g) => Err(g.clone()),
        }
    }
}

/// A VPC flow log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FlowLog {
    pub flow_log_id: String,
    /// The VPC, subnet or network interface it records.
    pub resource_id: Option<String>,
    /// `ACCEPT`, `REJECT` or `ALL`.
    pub traffic_type: Option<String>,
    /// `cloud-watch-logs`, `s3` or `kinesis-data-firehose`.
    pub log_destination_type: Option<String>,
    pub log_destination: Option<String>,
    pub log_group_name: Option<String>,
    pub deliver_logs_status: Option<String>,
    pub deliver_logs_permission_arn: Option<String>,
    pub flow_log_status: Option<String>,
    pub creation_time: Option<Timestamp>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl FlowLog {
    /// `arn:{partition}:ec2:{region}:{account}:vpc-flow-log/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        ec2_arn(
            partition,
            &self.region,
            None,
            account,
            "vpc-flow-log",
            &self.flow_log_id,
        )
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Reservation {
    owner_id: Option<String>,
    #[serde(default)]
    instances: Vec<Instance>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstancesResponse {
    #[serde(default)]
    reservations: Vec<Reservation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SecurityGroupsResponse {
    #[serde(default)]
    security_groups: Vec<SecurityGroup>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkAclsResponse {
    #[serde(default)]
    network_acls: Vec<NetworkAcl>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RouteTablesResponse {
    #[serde(default)]
    route_tables: Vec<RouteTable>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SubnetsResponse {
    #[serde(default)]
    subnets: Vec<Subnet>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VpcsResponse {
    #[serde(default)]
    vpcs: Vec<Vpc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InternetGatewaysResponse {
    #[serde(default)]
    internet_gateways: Vec<InternetGateway>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VolumesResponse {
    #[serde(default)]
    volumes: Vec<Volume>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SnapshotsResponse {
    #[serde(default)]
    snapshots: Vec<Snapshot>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SnapshotAttributeResponse {
    #[serde(default)]
    create_volume_permissions: Vec<CreateVolumePermission>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EbsDefaultResponse {
    ebs_encryption_by_default: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FlowLogsResponse {
    #[serde(default)]
    flow_logs: Vec<FlowLog>,
}

/// The attachment of a network interface to an instance (or to a service's resource).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterfaceAttachment {
    pub attachment_id: Option<String>,
    pub instance_id: Option<String>,
    pub instance_owner_id: Option<String>,
    pub device_index: Option<i64>,
    /// `attaching`, `attached`, `detaching` or `detached`.
    pub status: Option<String>,
}

/// An IPv6 address of a network interface (`DescribeNetworkInterfaces` shape).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterfaceIpv6Address {
    pub ipv6_address: String,
    pub is_primary_ipv6: Option<bool>,
}

/// The public address association of a network interface (`DescribeNetworkInterfaces` shape).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterfaceAssociation {
    pub allocation_id: Option<String>,
    pub association_id: Option<String>,
    /// `amazon` for an auto-assigned public address, else the Elastic IP owner.
    pub ip_owner_id: Option<String>,
    pub public_dns_name: Option<String>,
    pub public_ip: Option<String>,
    pub carrier_ip: Option<String>,
    pub customer_owned_ip: Option<String>,
}

/// One private IPv4 address of a network interface, with its public association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterfacePrivateIp {
    pub private_ip_address: Option<String>,
    pub primary: Option<bool>,
    pub association: Option<NetworkInterfaceAssociation>,
}

/// A network interface of any kind: an instance's, a load balancer node's, an RDS instance's, a
/// Lambda function's, a NAT gateway's, a VPC endpoint's (`InterfaceType`, `RequesterId` and
/// `Description` tell which).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkInterface {
    pub network_interface_id: String,
    /// `interface`, `natGateway`, `network_load_balancer`, `load_balancer`, `vpc_endpoint`,
    /// `lambda`, `efa`, `trunk`, `branch`, `transit_gateway`, `gateway_load_balancer`, ...
    pub interface_type: Option<String>,
    pub description: Option<String>,
    /// The service that created it (`amazon-elb`, `amazon-rds`, an `...:AWSLambda...` role ID).
    pub requester_id: Option<String>,
    pub requester_managed: Option<bool>,
    /// `available`, `in-use`, ...
    pub status: Option<String>,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub availability_zone: Option<String>,
    pub owner_id: Option<String>,
    pub private_ip_address: Option<String>,
    pub association: Option<NetworkInterfaceAssociation>,
    pub attachment: Option<NetworkInterfaceAttachment>,
    #[serde(default)]
    pub groups: Vec<GroupIdentifier>,
    #[serde(default)]
    pub ipv6_addresses: Vec<NetworkInterfaceIpv6Address>,
    #[serde(default)]
    pub private_ip_addresses: Vec<NetworkInterfacePrivateIp>,
    pub source_dest_check: Option<bool>,
    #[serde(default, rename = "TagSet")]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl NetworkInterface {
    /// `arn:{partition}:ec2:{region}:{owner}:network-interface/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let owner = self.owner_id.as_deref();
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "network-interface",
            &self.network_interface_id,
        )
    }

    /// Every public IPv4 address associated with the interface (auto-assigned or Elastic IP).
    pub fn public_ipv4s(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let all = self
            .private_ip_addresses
            .iter()
            .filter_map(|p| p.association.as_ref())
            .chain(self.association.as_ref());
        for a in all {
            if let Some(ip) = a.public_ip.as_deref()
                && !out.contains(&ip)
            {
                out.push(ip);
            }
        }
        out
    }
}

/// A managed prefix list (its entries come from `GetManagedPrefixListEntries`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ManagedPrefixList {
    pub prefix_list_id: String,
    pub prefix_list_name: Option<String>,
    pub prefix_list_arn: Option<String>,
    /// `IPv4` or `IPv6`.
    pub address_family: Option<String>,
    pub state: Option<String>,
    pub max_entries: Option<i64>,
    pub version: Option<i64>,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// One CIDR of a managed prefix list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PrefixListEntry {
    pub cidr: String,
    pub description: Option<String>,
}

/// One address of a NAT gateway.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NatGatewayAddress {
    pub allocation_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub private_ip: Option<String>,
    pub public_ip: Option<String>,
    pub is_primary: Option<bool>,
    pub status: Option<String>,
}

/// A NAT gateway: outbound connections only; it never accepts connections from the internet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NatGateway {
    pub nat_gateway_id: String,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    /// `pending`, `available`, `deleting`, `deleted`, `failed`.
    pub state: Option<String>,
    /// `public` or `private`.
    pub connectivity_type: Option<String>,
    #[serde(default)]
    pub nat_gateway_addresses: Vec<NatGatewayAddress>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// An egress-only internet gateway (IPv6 outbound only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EgressOnlyInternetGateway {
    pub egress_only_internet_gateway_id: String,
    #[serde(default)]
    pub attachments: Vec<InternetGatewayAttachment>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// A VPC endpoint (gateway, interface or Gateway Load Balancer endpoint).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcEndpoint {
    pub vpc_endpoint_id: String,
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`, `Resource`, `ServiceNetwork`.
    pub vpc_endpoint_type: Option<String>,
    pub vpc_id: Option<String>,
    pub service_name: Option<String>,
    pub state: Option<String>,
    #[serde(default)]
    pub route_table_ids: Vec<String>,
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    #[serde(default)]
    pub groups: Vec<SecurityGroupIdentifier>,
    #[serde(default)]
    pub network_interface_ids: Vec<String>,
    pub private_dns_enabled: Option<bool>,
    pub owner_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// A security group named by a VPC endpoint (`GroupId`, `GroupName`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroupIdentifier {
    pub group_id: String,
    pub group_name: Option<String>,
}

/// One side of a VPC peering connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringVpcInfo {
    pub cidr_block: Option<String>,
    pub owner_id: Option<String>,
    pub vpc_id: Option<String>,
    pub region: Option<String>,
}

/// The status of a VPC peering connection (`active`, `pending-acceptance`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PeeringStatus {
    pub code: Option<String>,
    pub message: Option<String>,
}

/// A VPC peering connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcPeeringConnection {
    pub vpc_peering_connection_id: String,
    pub accepter_vpc_info: Option<PeeringVpcInfo>,
    pub requester_vpc_info: Option<PeeringVpcInfo>,
    pub status: Option<PeeringStatus>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// An Elastic IP address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Address {
    pub public_ip: Option<String>,
    pub allocation_id: Option<String>,
    pub association_id: Option<String>,
    /// `vpc` or `standard`.
    pub domain: Option<String>,
    pub instance_id: Option<String>,
    pub network_interface_id: Option<String>,
    pub network_interface_owner_id: Option<String>,
    pub private_ip_address: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

/// The status of one tunnel of a VPN connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VgwTelemetry {
    pub outside_ip_address: Option<String>,
    /// `UP` or `DOWN`.
    pub status: Option<String>,
    pub status_message: Option<String>,
    pub last_status_change: Option<Timestamp>,
    pub accepted_route_count: Option<i64>,
}

/// A Site-to-Site VPN connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpnConnection {
    pub vpn_connection_id: String,
    /// `pending`, `available`, `deleting`, `deleted`.
    pub state: Option<String>,
    pub customer_gateway_id: Option<String>,
    pub vpn_gateway_id: Option<String>,
    pub transit_gateway_id: Option<String>,
    /// One entry per tunnel.
    #[serde(default)]
    pub vgw_telemetry: Vec<VgwTelemetry>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl VpnConnection {
    /// `arn:{partition}:ec2:{region}:{account}:vpn-connection/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        let id = &self.vpn_connection_id;
        ec2_arn(partition, &self.region, None, account, "vpn-connection", id)
    }
}

/// The options of a transit gateway that matter to its security.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGatewayOptions {
    /// `enable` or `disable`.
    pub auto_accept_shared_attachments: Option<String>,
    pub default_route_table_association: Option<String>,
    pub default_route_table_propagation: Option<String>,
}

/// A transit gateway.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TransitGateway {
    pub transit_gateway_id: String,
    pub transit_gateway_arn: Option<String>,
    /// `pending`, `available`, `modifying`, `deleting`, `deleted`.
    pub state: Option<String>,
    pub owner_id: Option<String>,
    pub options: Option<TransitGatewayOptions>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
}

impl TransitGateway {
    /// `TransitGatewayArn`, or `arn:{partition}:ec2:{region}:{owner}:transit-gateway/{id}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        if let Some(a) = &self.transit_gateway_arn {
            return a.clone();
        }
        let (owner, id) = (self.owner_id.as_deref(), &self.transit_gateway_id);
        ec2_arn(
            partition,
            &self.region,
            owner,
            account,
            "transit-gateway",
            id,
        )
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VpnConnectionsResponse {
    #[serde(default)]
    vpn_connections: Vec<VpnConnection>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TransitGatewaysResponse {
    #[serde(default)]
    transit_gateways: Vec<TransitGateway>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkInterfacesResponse {
    #[serde(default)]
    network_interfaces: Vec<NetworkInterface>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PrefixListsResponse {
    #[serde(default)]
    prefix_lists: Vec<ManagedPrefixList>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PrefixListEntriesResponse {
    #[serde(default)]
    entries: Vec<PrefixListEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NatGatewaysResponse {
    #[serde(default)]
    nat_gateways: Vec<NatGateway>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EgressOnlyResponse {
    #[serde(default)]
    egress_only_internet_gateways: Vec<EgressOnlyInternetGateway>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VpcEndpointsResponse {
    #[serde(default)]
    vpc_endpoints: Vec<VpcEndpoint>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PeeringResponse {
    #[serde(default)]
    vpc_peering_connections: Vec<VpcPeeringConnection>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AddressesResponse {
    #[serde(default)]
    addresses: Vec<Address>,
}

/// A regional list call: parses the response, stamps the region on each item, and merges the
/// page into the chosen store.
fn list<R, T>(
    cx: &CallCx<'_>,
    body: Body<'_>,
    items: impl FnOnce(R) -> Vec<T>,
    stamp: impl Fn(&mut T, &str),
    store: impl FnOnce(&mut Ec2) -> &mut Regional<Vec<T>> + Send + 'static,
) -> Result<Apply, LoadError>
where
    R: DeserializeOwned,
    T: Send + 'static,
{
    let region = cx.region()?;
    let v = cx.observe(body, |r: R| {
        let mut v = items(r);
        for item in &mut v {
            stamp(item, &region);
        }
        v
    })?;
    Ok(Box::new(move |inv| store(&mut inv.ec2).merge(region, v)))
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeInstances" => list(
            cx,
            body,
            |r: InstancesResponse| {
                let mut out = Vec::new();
                for res in r.reservations {
                    for mut i in res.instances {
                        i.owner_id.clone_from(&res.owner_id);
                        out.push(i);
                    }
                }
                out
            },
            |i: &mut Instance, r| i.region = r.to_string(),
            |e| &mut e.instances,
        )?,
        "DescribeSecurityGroups" => list(
            cx,
            body,
            |r: SecurityGroupsResponse| r.security_groups,
            |i: &mut SecurityGroup, r| i.region = r.to_string(),
            |e| &mut e.security_groups,
        )?,
        "DescribeNetworkAcls" => list(
            cx,
            body,
            |r: NetworkAclsResponse| r.network_acls,
            |i: &mut NetworkAcl, r| i.region = r.to_string(),
            |e| &mut e.network_acls,
        )?,
        "DescribeRouteTables" => list(
            cx,
            body,
            |r: RouteTablesResponse| r.route_tables,
            |i: &mut RouteTable, r| i.region = r.to_string(),
            |e| &mut e.route_tables,
        )?,
        "DescribeSubnets" => list(
            cx,
            body,
            |r: SubnetsResponse| r.subnets,
            |i: &mut Subnet, r| i.region = r.to_string(),
            |e| &mut e.subnets,
        )?,
        "DescribeVpcs" => list(
            cx,
            body,
            |r: VpcsResponse| r.vpcs,
            |i: &mut Vpc, r| i.region = r.to_string(),
            |e| &mut e.vpcs,
        )?,
        "DescribeInternetGateways" => list(
            cx,
            body,
            |r: InternetGatewaysResponse| r.internet_gateways,
            |i: &mut InternetGateway, r| i.region = r.to_string(),
            |e| &mut e.internet_gateways,
        )?,
        "DescribeVolumes" => list(
            cx,
            body,
            |r: VolumesResponse| r.volumes,
            |i: &mut Volume, r| i.region = r.to_string(),
            |e| &mut e.volumes,
        )?,
        "DescribeSnapshots" => list(
            cx,
            body,
            |r: SnapshotsResponse| r.snapshots,
            |i: &mut Snapshot, r| i.region = r.to_string(),
            |e| &mut e.snapshots,
        )?,
        "DescribeFlowLogs" => list(
            cx,
            body,
            |r: FlowLogsResponse| r.flow_logs,
            |i: &mut FlowLog, r| i.region = r.to_string(),
            |e| &mut e.flow_logs,
        )?,
        "DescribeNetworkInterfaces" => list(
            cx,
            body,
            |r: NetworkInterfacesResponse| r.network_interfaces,
            |i: &mut NetworkInterface, r| i.region = r.to_string(),
            |e| &mut e.network_interfaces,
        )?,
        "DescribeManagedPrefixLists" => list(
            cx,
            body,
            |r: PrefixListsResponse| r.prefix_lists,
            |i: &mut ManagedPrefixList, r| i.region = r.to_string(),
            |e| &mut e.managed_prefix_lists,
        )?,
        "DescribeNatGateways" => list(
            cx,
            body,
            |r: NatGatewaysResponse| r.nat_gateways,
            |i: &mut NatGateway, r| i.region = r.to_string(),
            |e| &mut e.nat_gateways,
        )?,
        "DescribeEgressOnlyInternetGateways" => list(
            cx,
            body,
            |r: EgressOnlyResponse| r.egress_only_internet_gateways,
            |i: &mut EgressOnlyInternetGateway, r| i.region = r.to_string(),
            |e| &mut e.egress_only_internet_gateways,
        )?,
        "DescribeVpcEndpoints" => list(
            cx,
            body,
            |r: VpcEndpointsResponse| r.vpc_endpoints,
            |i: &mut VpcEndpoint, r| i.region = r.to_string(),
            |e| &mut e.vpc_endpoints,
        )?,
        "DescribeVpcPeeringConnections" => list(
            cx,
            body,
            |r: PeeringResponse| r.vpc_peering_connections,
            |i: &mut VpcPeeringConnection, r| i.region = r.to_string(),
            |e| &mut e.vpc_peering_connections,
        )?,
        "DescribeAddresses" => list(
            cx,
            body,
            |r: AddressesResponse| r.addresses,
            |i: &mut Address, r| i.region = r.to_string(),
            |e| &mut e.addresses,
        )?,
        "DescribeVpnConnections" => list(
            cx,
            body,
            |r: VpnConnectionsResponse| r.vpn_connections,
            |i: &mut VpnConnection, r| i.region = r.to_string(),
            |e| &mut e.vpn_connections,
        )?,
        "DescribeTransitGateways" => list(
            cx,
            body,
            |r: TransitGatewaysResponse| r.transit_gateways,
            |i: &mut TransitGateway, r| i.region = r.to_string(),
            |e| &mut e.transit_gateways,
        )?,
        "GetManagedPrefixListEntries" => {
            let region = cx.region()?;
            let id = cx.param("PrefixListId")?;
            let v = cx
                .observe(body, |r: PrefixListEntriesResponse| r.entries)?
                .map_err(|g| g.about(format!("prefix list {id}")));
            Box::new(move |inv| {
                let slot = inv
                    .ec2
                    .prefix_list_entries
                    .entry((region, id))
                    .or_insert_with(|| Ok(Vec::new()));
                super::merge_list(slot, v);
            })
        }
        "GetEbsEncryptionByDefault" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: EbsDefaultResponse| r.ebs_encryption_by_default)?;
            Box::new(move |inv| inv.ec2.ebs_encryption_by_default.set(region, v))
        }
        "DescribeSnapshotAttribute" => {
            match cx.param_opt("Attribute")?.as_deref() {
                None | Some("createVolumePermission") => {}
                Some(_) => return Ok(None),
            }
            let region = cx.region()?;
            let id = cx.param("SnapshotId")?;
            let v = cx
                .observe(body, |r: SnapshotAttributeResponse| {
                    r.create_volume_permissions
                })?
                .map_err(|g| g.about(format!("snapshot {id}")));
            Box::new(move |inv| {
                inv.ec2.snapshot_permissions.insert((region, id), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Ec2 {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        let mut perms = std::mem::take(&mut self.snapshot_permissions);
        let listed: Vec<String> = self.snapshots.iter().map(|(r, _)| r.to_string()).collect();
        for region in listed {
            let Some(Ok(snaps)) = self.snapshots.entry_mut(&region) else {
                continue;
            };
            for s in snaps {
                let key = (region.clone(), s.snapshot_id.clone());
                s.create_volume_permissions = perms.remove(&key).unwrap_or_else(|| {
                    let gap = Gap::not_collected("ec2", "DescribeSnapshotAttribute", Some(&region));
                    Err(gap.about(format!("snapshot {}", s.snapshot_id)))
                });
            }
        }
        self.instances.fill(regions);
        self.security_groups.fill(regions);
        self.network_acls.fill(regions);
        self.route_tables.fill(regions);
        self.subnets.fill(regions);
        self.vpcs.fill(regions);
        self.internet_gateways.fill(regions);
        self.volumes.fill(regions);
        self.snapshots.fill(regions);
        self.ebs_encryption_by_default.fill(regions);
        self.flow_logs.fill(regions);
        self.network_interfaces.fill(regions);
        self.managed_prefix_lists.fill(regions);
        self.nat_gateways.fill(regions);
        self.egress_only_internet_gateways.fill(regions);
        self.vpc_endpoints.fill(regions);
        self.vpc_peering_connections.fill(regions);
        self.addresses.fill(regions);
        self.vpn_connections.fill(regions);
        self.transit_gateways.fill(regions);
    }

    /// The CIDRs of prefix list `id` in `region` (`GetManagedPrefixListEntries`), or why they
    /// are unknown.
    pub fn prefix_list_entries(&self, region: &str, id: &str) -> Observed<&[PrefixListEntry]> {
        match self
            .prefix_list_entries
            .get(&(region.to_string(), id.to_string()))
        {
            Some(Ok(v)) => Ok(v),
            Some(Err(g)) => Err(g.clone()),
            None => Err(
                Gap::not_collected("ec2", "GetManagedPrefixListEntries", Some(region))
                    .about(format!("prefix list {id}")),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const INSTANCES: &str = r#"{"service": "ec2", "operation": "DescribeInstances", "region": "us-east-1",
        "params": {}, "response": {"Reservations": [{"ReservationId": "r-1", "OwnerId": "123456789012",
          "Groups": [], "Instances": [{"InstanceId": "i-0abc", "ImageId": "ami-1", "InstanceType": "t3.micro",
            "LaunchTime": "2026-01-10T12:00:00+00:00", "State": {"Code": 16, "Name": "running"},
            "SubnetId": "subnet-1", "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.5",
            "PublicIpAddress": "203.0.113.10",
            "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/web", "Id": "AIPA1"},
            "MetadataOptions": {"State": "applied", "HttpTokens": "optional", "HttpPutResponseHopLimit": 1,
              "HttpEndpoint": "enabled", "HttpProtocolIpv6": "disabled", "InstanceMetadataTags": "disabled"},
            "SecurityGroups": [{"GroupName": "web", "GroupId": "sg-1"}],
            "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
              "Association": {"IpOwnerId": "amazon", "PublicDnsName": "", "PublicIp": "203.0.113.10"},
              "Groups": [{"GroupName": "web", "GroupId": "sg-1"}],
              "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::1"}],
              "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.0.5"}]}],
            "Tags": [{"Key": "Name", "Value": "web"}]}]}]}}"#;

    const GROUPS: &str = r#"{"service": "ec2", "operation": "DescribeSecurityGroups", "region": "us-east-1",
        "response": {"SecurityGroups": [{"Description": "web", "GroupName": "web", "GroupId": "sg-1",
          "OwnerId": "123456789012", "VpcId": "vpc-1",
          "IpPermissions": [
            {"FromPort": 22, "IpProtocol": "tcp", "ToPort": 22,
             "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "ssh"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
             "PrefixListIds": [], "UserIdGroupPairs": []},
            {"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [{"PrefixListId": "pl-1"}],
             "UserIdGroupPairs": [{"GroupId": "sg-2", "UserId": "123456789012"}]},
            {"FromPort": 443, "IpProtocol": "6", "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
          "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]}]}}"#;

    const NETWORK: &str = r#"{"service": "ec2", "operation": "DescribeNetworkAcls", "region": "us-east-1",
        "response": {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "OwnerId": "123456789012",
          "IsDefault": true,
          "Entries": [{"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "RuleAction": "allow",
                       "RuleNumber": 100, "PortRange": {"From": 22, "To": 22}},
                      {"Ipv6CidrBlock": "::/0", "Egress": true, "Protocol": "58", "RuleAction": "deny",
                       "RuleNumber": 110, "IcmpTypeCode": {"Code": -1, "Type": -1}},
                      {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny",
                       "RuleNumber": 32767}],
          "Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-1",
                            "SubnetId": "subnet-1"}], "Tags": []}]}},
      {"service": "ec2", "operation": "DescribeRouteTables", "region": "us-east-1",
        "response": {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "OwnerId": "123456789012",
          "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable",
                      "State": "active"},
                     {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "Origin": "CreateRoute",
                      "State": "active"}],
          "Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-1", "RouteTableId": "rtb-1",
                            "AssociationState": {"State": "associated"}},
                           {"Main": false, "RouteTableAssociationId": "rtbassoc-2", "RouteTableId": "rtb-1",
                            "SubnetId": "subnet-1"}], "PropagatingVgws": []}]}},
      {"service": "ec2", "operation": "DescribeSubnets", "region": "us-east-1",
        "response": {"Subnets": [{"AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.0.0/24",
          "MapPublicIpOnLaunch": true, "State": "available", "SubnetId": "subnet-1", "VpcId": "vpc-1",
          "OwnerId": "123456789012", "DefaultForAz": false,
          "SubnetArn": "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1"}]}},
      {"service": "ec2", "operation": "DescribeVpcs", "region": "us-east-1",
        "response": {"Vpcs": [{"CidrBlock": "10.0.0.0/16", "State": "available", "VpcId": "vpc-1",
          "OwnerId": "123456789012", "IsDefault": false,
          "CidrBlockAssociationSet": [{"AssociationId": "a-1", "CidrBlock": "10.0.0.0/16"}]}]}},
      {"service": "ec2", "operation": "DescribeInternetGateways", "region": "us-east-1",
        "response": {"InternetGateways": [{"Attachments": [{"State": "available", "VpcId": "vpc-1"}],
          "InternetGatewayId": "igw-1", "OwnerId": "123456789012", "Tags": []}]}},
      {"service": "ec2", "operation": "DescribeFlowLogs", "region": "us-east-1",
        "response": {"FlowLogs": [{"CreationTime": "2026-01-01T00:00:00.000Z", "DeliverLogsStatus": "SUCCESS",
          "FlowLogId": "fl-1", "FlowLogStatus": "ACTIVE", "LogGroupName": "vpc", "ResourceId": "vpc-1",
          "TrafficType": "ALL", "LogDestinationType": "cloud-watch-logs"}]}}"#;

    #[test]
    fn instances_flatten_reservations() {
        let inv = test_load(INSTANCES).unwrap();
        let list = inv.ec2.instances.get("us-east-1").unwrap();
        assert_eq!(list.len(), 1);
        let i = &list[0];
        assert_eq!(i.state_name(), Some("running"));
        assert_eq!(i.owner_id.as_deref(), Some("123456789012"));
        assert_eq!(
            i.metadata_options.as_ref().unwrap().http_tokens.as_deref(),
            Some("optional")
        );
        let eni = &i.network_interfaces[0];
        assert_eq!(
            eni.association.as_ref().unwrap().public_ip.as_deref(),
            Some("203.0.113.10")
        );
        assert_eq!(eni.groups[0].group_id, "sg-1");
        assert_eq!(eni.ipv6_addresses[0].ipv6_address, "2600:1f18::1");
        assert_eq!(i.tags[0].value, "web");
        assert_eq!(
            i.arn("aws", "999999999999"),
            "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"
        );
        // Regions without a call are "not collected".
        let g = inv.ec2.instances.get("eu-west-1").unwrap_err();
        assert_eq!(g.kind, GapKind::NotCollected);
    }

    #[test]
    fn stopped_instance_transition_time() {
        let mut i = Instance {
            state_transition_reason: Some("User initiated (2025-01-17 12:04:51 GMT)".into()),
            ..Instance::default()
        };
        assert_eq!(
            i.state_transition_time(),
            Timestamp::parse("2025-01-17T12:04:51Z")
        );
        for r in [
            "",
            "Server.SpotInstanceTermination: ...",
            "User initiated (soon)",
        ] {
            i.state_transition_reason = Some(r.into());
            assert_eq!(i.state_transition_time(), None, "{r}");
        }
    }

    #[test]
    fn security_group_rules() {
        let inv = test_load(GROUPS).unwrap();
        let sg = &inv.ec2.security_groups.get("us-east-1").unwrap()[0];
        assert_eq!(
            sg.arn("aws", "1"),
            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1"
        );
        let ssh = &sg.ip_permissions[0];
        assert_eq!(
            (ssh.protocol(), ssh.from_port, ssh.to_port),
            ("tcp", Some(22), Some(22))
        );
        assert_eq!(ssh.ip_ranges[0].cidr_ip, "0.0.0.0/0");
        assert_eq!(ssh.ipv6_ranges[0].cidr_ipv6, "::/0");
        let all = &sg.ip_permissions[1];
        assert!(all.is_all_traffic());
        assert_eq!((all.from_port, all.to_port), (None, None));
        assert_eq!(all.prefix_list_ids[0].prefix_list_id, "pl-1");
        assert_eq!(all.user_id_group_pairs[0].group_id.as_deref(), Some("sg-2"));
        assert_eq!(sg.ip_permissions[2].protocol(), "tcp");
        assert!(sg.ip_permissions_egress[0].is_all_traffic());
    }

    #[test]
    fn network_resources() {
        let inv = test_load(NETWORK).unwrap();
        let e = &inv.ec2;
        let acl = &e.network_acls.get("us-east-1").unwrap()[0];
        assert_eq!(acl.entries.len(), 3);
        let first = &acl.entries[0];
        assert_eq!(
            (first.rule_number, first.protocol_name(), first.egress),
            (100, "tcp", false)
        );
        assert!(first.is_allow());
        assert_eq!(
            first.port_range,
            Some(PortRange {
                from: Some(22),
                to: Some(22)
            })
        );
        assert_eq!(acl.entries[1].protocol_name(), "icmpv6");
        assert_eq!(acl.entries[1].icmp_type_code.unwrap().kind, Some(-1));
        assert_eq!(acl.entries[2].protocol_name(), "all");
        assert_eq!(acl.associations[0].subnet_id.as_deref(), Some("subnet-1"));
        let rt = &e.route_tables.get("us-east-1").unwrap()[0];
        assert!(rt.is_main());
        assert!(rt.routes[1].targets_internet_gateway());
        assert_eq!(rt.associations[1].subnet_id.as_deref(), Some("subnet-1"));
        let subnet = &e.subnets.get("us-east-1").unwrap()[0];
        assert!(subnet.map_public_ip_on_launch);
        assert_eq!(
            subnet.arn("aws", "1"),
            "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1"
        );
        let vpc = &e.vpcs.get("us-east-1").unwrap()[0];
        assert_eq!(
            vpc.arn("aws", "1"),
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1"
        );
        let igw = &e.internet_gateways.get("us-east-1").unwrap()[0];
        assert_eq!(igw.attachments[0].vpc_id.as_deref(), Some("vpc-1"));
        let fl = &e.flow_logs.get("us-east-1").unwrap()[0];
        assert_eq!(fl.resource_id.as_deref(), Some("vpc-1"));
        assert_eq!(
            fl.arn("aws", "123456789012"),
            "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/fl-1"
        );
    }

    fn snapshot_calls(attribute_first: bool) -> String {
        let snaps = r#"{"service": "ec2", "operation": "DescribeSnapshots", "region": "eu-west-1",
            "params": {"OwnerIds": ["self"]},
            "response": {"Snapshots": [
              {"Description": "", "Encrypted": false, "OwnerId": "123456789012", "Progress": "100%",
               "SnapshotId": "snap-1", "StartTime": "2026-01-01T00:00:00.000Z", "State": "completed",
               "VolumeId": "vol-1", "VolumeSize": 8},
              {"Encrypted": true, "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k", "OwnerId": "123456789012",
               "SnapshotId": "snap-2", "State": "completed", "VolumeId": "vol-2", "VolumeSize": 8},
              {"Encrypted": true, "OwnerId": "123456789012", "SnapshotId": "snap-3", "State": "completed"}]}}"#;
        let attrs = r#"{"service": "ec2", "operation": "DescribeSnapshotAttribute", "region": "eu-west-1",
              "params": {"SnapshotId": "snap-1", "Attribute": "createVolumePermission"},
              "response": {"CreateVolumePermissions": [{"Group": "all"}], "SnapshotId": "snap-1"}},
            {"service": "ec2", "operation": "DescribeSnapshotAttribute", "region": "eu-west-1",
              "params": {"SnapshotId": "snap-2", "Attribute": "createVolumePermission"},
              "response": {"CreateVolumePermissions": [{"UserId": "111122223333"}], "SnapshotId": "snap-2"}}"#;
        if attribute_first {
            format!("{attrs},{snaps}")
        } else {
            format!("{snaps},{attrs}")
        }
    }

    #[test]
    fn snapshot_permissions_join_in_any_order() {
        for first in [false, true] {
            let inv = test_load(&snapshot_calls(first)).unwrap();
            let snaps = inv.ec2.snapshots.get("eu-west-1").unwrap();
            assert_eq!(snaps[0].is_public(), Ok(true));
            assert_eq!(
                snaps[0].arn("aws"),
                "arn:aws:ec2:eu-west-1::snapshot/snap-1"
            );
            assert_eq!(snaps[1].is_public(), Ok(false));
            let g = snaps[2].is_public().unwrap_err();
            assert_eq!(g.kind, GapKind::NotCollected);
            assert_eq!(g.subject.as_deref(), Some("snapshot snap-3"));
            assert_eq!(g.region.as_deref(), Some("eu-west-1"));
        }
    }

    #[test]
    fn denied_calls_are_gaps() {
        let inv = test_load(
            r#"{"service": "ec2", "operation": "DescribeSecurityGroups", "region": "eu-west-1",
                "error": {"code": "UnauthorizedOperation", "message": "You are not authorized"}},
               {"service": "ec2", "operation": "GetEbsEncryptionByDefault", "region": "eu-west-1",
                "response": {"EbsEncryptionByDefault": true, "SseType": "sse-ebs"}},
               {"service": "ec2", "operation": "GetEbsEncryptionByDefault", "region": "us-east-1",
                "error": {"code": "AccessDenied"}},
               {"service": "ec2", "operation": "DescribeSnapshots", "region": "us-east-1",
                "response": {"Snapshots": [{"SnapshotId": "snap-9", "OwnerId": "123456789012"}]}},
               {"service": "ec2", "operation": "DescribeSnapshotAttribute", "region": "us-east-1",
                "params": {"SnapshotId": "snap-9", "Attribute": "createVolumePermission"},
                "error": {"code": "UnauthorizedOperation"}}"#,
        )
        .unwrap();
        let g = inv.ec2.security_groups.get("eu-west-1").unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
        assert_eq!(
            inv.ec2.ebs_encryption_by_default.get("eu-west-1"),
            Ok(&true)
        );
        let g = inv
            .ec2
            .ebs_encryption_by_default
            .get("us-east-1")
            .unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
        let snap = &inv.ec2.snapshots.get("us-east-1").unwrap()[0];
        let g = snap.is_public().unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (GapKind::AccessDenied, Some("snapshot snap-9"))
        );
    }

    #[test]
    fn interfaces_prefix_lists_and_gateways() {
        let inv = test_load(
            r#"{"service": "ec2", "operation": "DescribeNetworkInterfaces", "region": "us-east-1", "params": {},
                "response": {"NetworkInterfaces": [{"Association": {"AllocationId": "eipalloc-1",
                  "AssociationId": "eipassoc-1", "IpOwnerId": "123456789012", "PublicDnsName": "", "PublicIp": "198.51.100.9"},
                  "Attachment": {"AttachTime": "2026-01-01T00:00:00+00:00", "AttachmentId": "eni-attach-1",
                    "DeleteOnTermination": true, "DeviceIndex": 0, "NetworkCardIndex": 0, "InstanceId": "i-0abc",
                    "InstanceOwnerId": "123456789012", "Status": "attached"},
                  "AvailabilityZone": "us-east-1a", "Description": "", "Groups": [{"GroupName": "web", "GroupId": "sg-1"}],
                  "InterfaceType": "interface", "Ipv6Addresses": [{"Ipv6Address": "2600:1f18::5", "IsPrimaryIpv6": false}],
                  "MacAddress": "0e:00:00:00:00:01", "NetworkInterfaceId": "eni-1", "OwnerId": "123456789012",
                  "PrivateDnsName": "ip-10-0-0-5.ec2.internal", "PrivateIpAddress": "10.0.0.5",
                  "PrivateIpAddresses": [{"Association": {"IpOwnerId": "123456789012", "PublicIp": "198.51.100.9"},
                    "Primary": true, "PrivateIpAddress": "10.0.0.5"},
                    {"Association": {"IpOwnerId": "amazon", "PublicIp": "203.0.113.7"}, "Primary": false,
                    "PrivateIpAddress": "10.0.0.6"}],
                  "RequesterManaged": false, "SourceDestCheck": true, "Status": "in-use", "SubnetId": "subnet-1",
                  "TagSet": [{"Key": "Name", "Value": "web"}], "VpcId": "vpc-1"}]}},
              {"service": "ec2", "operation": "DescribeManagedPrefixLists", "region": "us-east-1",
                "response": {"PrefixLists": [{"PrefixListId": "pl-1", "AddressFamily": "IPv4", "State": "create-complete",
                  "PrefixListArn": "arn:aws:ec2:us-east-1:123456789012:prefix-list/pl-1", "PrefixListName": "office",
                  "MaxEntries": 5, "Version": 1, "Tags": [], "OwnerId": "123456789012"}]}},
              {"service": "ec2", "operation": "GetManagedPrefixListEntries", "region": "us-east-1",
                "params": {"PrefixListId": "pl-1"},
                "response": {"Entries": [{"Cidr": "198.51.100.0/24", "Description": "office"}]}},
              {"service": "ec2", "operation": "GetManagedPrefixListEntries", "region": "us-east-1",
                "params": {"PrefixListId": "pl-2"}, "error": {"code": "UnauthorizedOperation"}},
              {"service": "ec2", "operation": "DescribeNatGateways", "region": "us-east-1",
                "response": {"NatGateways": [{"CreateTime": "2026-01-01T00:00:00.000Z", "NatGatewayAddresses": [
                  {"AllocationId": "eipalloc-2", "NetworkInterfaceId": "eni-nat", "PrivateIp": "10.0.0.9",
                   "PublicIp": "203.0.113.99", "AssociationId": "eipassoc-2", "IsPrimary": true, "Status": "succeeded"}],
                  "NatGatewayId": "nat-1", "State": "available", "SubnetId": "subnet-1", "VpcId": "vpc-1",
                  "Tags": [], "ConnectivityType": "public"}]}},
              {"service": "ec2", "operation": "DescribeEgressOnlyInternetGateways", "region": "us-east-1",
                "response": {"EgressOnlyInternetGateways": [{"Attachments": [{"State": "attached", "VpcId": "vpc-1"}],
                  "EgressOnlyInternetGatewayId": "eigw-1", "Tags": []}]}},
              {"service": "ec2", "operation": "DescribeVpcEndpoints", "region": "us-east-1",
                "response": {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface",
                  "VpcId": "vpc-1", "ServiceName": "com.amazonaws.us-east-1.ssm", "State": "available",
                  "RouteTableIds": [], "SubnetIds": ["subnet-1"], "Groups": [{"GroupId": "sg-1", "GroupName": "web"}],
                  "PrivateDnsEnabled": true, "NetworkInterfaceIds": ["eni-vpce"], "OwnerId": "123456789012"}]}},
              {"service": "ec2", "operation": "DescribeVpcPeeringConnections", "region": "us-east-1",
                "response": {"VpcPeeringConnections": [{"AccepterVpcInfo": {"CidrBlock": "10.1.0.0/16",
                  "OwnerId": "123456789012", "VpcId": "vpc-2", "Region": "us-east-1"},
                  "RequesterVpcInfo": {"CidrBlock": "10.0.0.0/16", "OwnerId": "123456789012", "VpcId": "vpc-1",
                  "Region": "us-east-1"}, "Status": {"Code": "active", "Message": "Active"},
                  "VpcPeeringConnectionId": "pcx-1", "Tags": []}]}},
              {"service": "ec2", "operation": "DescribeAddresses", "region": "us-east-1",
                "response": {"Addresses": [{"PublicIp": "198.51.100.9", "AllocationId": "eipalloc-1",
                  "AssociationId": "eipassoc-1", "Domain": "vpc", "NetworkInterfaceId": "eni-1",
                  "NetworkInterfaceOwnerId": "123456789012", "PrivateIpAddress": "10.0.0.5", "InstanceId": "i-0abc",
                  "PublicIpv4Pool": "amazon", "NetworkBorderGroup": "us-east-1"}]}}"#,
        )
        .unwrap();
        let e = &inv.ec2;
        let eni = &e.network_interfaces.get("us-east-1").unwrap()[0];
        assert_eq!(eni.public_ipv4s(), vec!["198.51.100.9", "203.0.113.7"]);
        assert_eq!(
            eni.attachment.as_ref().unwrap().instance_id.as_deref(),
            Some("i-0abc")
        );
        assert_eq!(eni.ipv6_addresses[0].ipv6_address, "2600:1f18::5");
        assert_eq!(eni.tags[0].value, "web");
        assert_eq!(
            eni.arn("aws", "1"),
            "arn:aws:ec2:us-east-1:123456789012:network-interface/eni-1"
        );
        assert_eq!(
            e.prefix_list_entries("us-east-1", "pl-1").unwrap()[0].cidr,
            "198.51.100.0/24"
        );
        let g = e.prefix_list_entries("us-east-1", "pl-2").unwrap_err();
        assert_eq!(g.kind, GapKind::AccessDenied);
        let g = e.prefix_list_entries("us-east-1", "pl-3").unwrap_err();
        assert_eq!(
            (g.kind, g.subject.as_deref()),
            (GapKind::NotCollected, Some("prefix list pl-3"))
        );
        let pl = &e.managed_prefix_lists.get("us-east-1").unwrap()[0];
        assert_eq!(pl.address_family.as_deref(), Some("IPv4"));
        let nat = &e.nat_gateways.get("us-east-1").unwrap()[0];
        assert_eq!(
            nat.nat_gateway_addresses[0].public_ip.as_deref(),
            Some("203.0.113.99")
        );
        let eigw = &e.egress_only_internet_gateways.get("us-east-1").unwrap()[0];
        assert_eq!(eigw.attachments[0].vpc_id.as_deref(), Some("vpc-1"));
        let vpce = &e.vpc_endpoints.get("us-east-1").unwrap()[0];
        assert_eq!(vpce.groups[0].group_id, "sg-1");
        let pcx = &e.vpc_peering_connections.get("us-east-1").unwrap()[0];
        assert_eq!(pcx.status.as_ref().unwrap().code.as_deref(), Some("active"));
        let eip = &e.addresses.get("us-east-1").unwrap()[0];
        assert_eq!(eip.network_interface_id.as_deref(), Some("eni-1"));
        assert!(e.network_interfaces.get("eu-west-1").is_err());
    }

    #[test]
    fn bad_values_name_the_path() {
        let e = test_load(
            r#"{"service": "ec2", "operation": "DescribeSecurityGroups", "region": "us-east-1",
                "response": {"SecurityGroups": [{"GroupId": "sg-1",
                  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": "twenty-two"}]}]}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.place.path.as_deref(),
            Some("response.SecurityGroups[0].IpPermissions[0].FromPort")
        );
        let e = test_load(
            r#"{"service": "ec2", "operation": "DescribeVpcs", "response": {"Vpcs": []}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("region"), "{e}");
    }
}

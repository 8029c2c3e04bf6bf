//! Elastic Load Balancing v2 (application, network and gateway load balancers): load balancers
//! (`DescribeLoadBalancers`), their listeners (`DescribeListeners`, per load balancer) and
//! listener rules (`DescribeRules`, per listener), target groups (`DescribeTargetGroups`) and
//! registered targets (`DescribeTargetHealth`, per target group).
//!
//! The reachability engine needs them because an internet-facing load balancer puts a private
//! instance on the internet: traffic to a listener port is forwarded to the targets of the
//! target groups behind it. Per-resource calls are joined onto their resources in `finalize`;
//! a listener or target list that was not read is a gap, never an empty list.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// ELBv2 data of the account, per region.
#[derive(Debug, Clone)]
pub struct Elbv2 {
    pub load_balancers: Regional<Vec<LoadBalancer>>,
    pub target_groups: Regional<Vec<TargetGroup>>,
    /// `DescribeListeners` results by load balancer ARN, joined in `finalize`.
    listeners: BTreeMap<String, Observed<Vec<Listener>>>,
    /// `DescribeRules` results by listener ARN, joined in `finalize`.
    rules: BTreeMap<String, Observed<Vec<Rule>>>,
    /// `DescribeTargetHealth` results by target group ARN, joined in `finalize`.
    targets: BTreeMap<String, Observed<Vec<TargetHealthDescription>>>,
    /// `DescribeLoadBalancerAttributes` results by load balancer ARN, joined in `finalize`.
    attributes: BTreeMap<String, Observed<Vec<LbAttribute>>>,
}

impl Default for Elbv2 {
    fn default() -> Self {
        Elbv2 {
            load_balancers: Regional::new("elbv2", "DescribeLoadBalancers"),
            target_groups: Regional::new("elbv2", "DescribeTargetGroups"),
            listeners: BTreeMap::new(),
            rules: BTreeMap::new(),
            targets: BTreeMap::new(),
            attributes: BTreeMap::new(),
        }
    }
}

fn listeners_not_collected() -> Observed<Vec<Listener>> {
    Err(Gap::not_collected("elbv2", "DescribeListeners", None))
}

fn rules_not_collected() -> Observed<Vec<Rule>> {
    Err(Gap::not_collected("elbv2", "DescribeRules", None))
}

fn targets_not_collected() -> Observed<Vec<TargetHealthDescription>> {
    Err(Gap::not_collected("elbv2", "DescribeTargetHealth", None))
}

fn attributes_not_collected() -> Observed<Vec<LbAttribute>> {
    Err(Gap::not_collected(
        "elbv2",
        "DescribeLoadBalancerAttributes",
        None,
    ))
}

/// One load balancer attribute (`deletion_protection.enabled` = `true`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LbAttribute {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// The state of a load balancer (`active`, `provisioning`, `active_impaired`, `failed`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancerState {
    pub code: Option<String>,
    pub reason: Option<String>,
}

/// A static address of a load balancer node (network load balancers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct LoadBalancerAddress {
    #[serde(rename = "IpAddress")]
    pub ip_address: Option<String>,
    #[serde(rename = "AllocationId")]
    pub allocation_id: Option<String>,
    #[serde(rename = "PrivateIPv4Address")]
    pub private_ipv4_address: Option<String>,
    #[serde(rename = "IPv6Address")]
    pub ipv6_address: Option<String>,
}

/// A zone (and subnet) a load balancer has a node in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LbAvailabilityZone {
    pub zone_name: Option<String>,
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub load_balancer_addresses: Vec<LoadBalancerAddress>,
}

/// An application, network or gateway load balancer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LoadBalancer {
    #[serde(rename = "LoadBalancerArn")]
    pub load_balancer_arn: String,
    #[serde(rename = "LoadBalancerName", default)]
    pub load_balancer_name: String,
    #[serde(rename = "DNSName")]
    pub dns_name: Option<String>,
    /// `internet-facing` or `internal`.
    #[serde(rename = "Scheme")]
    pub scheme: Option<String>,
    /// `application`, `network` or `gateway`.
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(rename = "VpcId")]
    pub vpc_id: Option<String>,
    #[serde(rename = "State")]
    pub state: Option<LoadBalancerState>,
    #[serde(rename = "AvailabilityZones", default)]
    pub availability_zones: Vec<LbAvailabilityZone>,
    /// Security groups (application load balancers; network load balancers created with some).
    #[serde(rename = "SecurityGroups", default)]
    pub security_groups: Vec<String>,
    /// `ipv4`, `dualstack` or `dualstack-without-public-ipv4`.
    #[serde(rename = "IpAddressType")]
    pub ip_address_type: Option<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// Its listeners (`DescribeListeners` with `LoadBalancerArn`).
    #[serde(skip_deserializing, default = "listeners_not_collected")]
    pub listeners: Observed<Vec<Listener>>,
    /// Its attributes (`DescribeLoadBalancerAttributes` with `LoadBalancerArn`).
    #[serde(skip_deserializing, default = "attributes_not_collected")]
    pub attributes: Observed<Vec<LbAttribute>>,
}

impl LoadBalancer {
    /// The load balancer faces the internet (`Scheme` is `internet-facing`).
    pub fn is_internet_facing(&self) -> bool {
        self.scheme.as_deref() == Some("internet-facing")
    }

    /// `application`, `network`, `gateway` (empty when AWS did not say).
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("")
    }

    /// The value of one attribute (`Ok(None)`: the attributes were read and it is not there).
    pub fn attribute(&self, key: &str) -> Observed<Option<&str>> {
        match &self.attributes {
            Ok(a) => Ok(a.iter().find(|x| x.key == key).map(|x| x.value.as_str())),
            Err(g) => Err(g.clone()),
        }
    }
}

/// One target group of a forward action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroupTuple {
    pub target_group_arn: Option<String>,
    pub weight: Option<i64>,
}

/// The weighted target groups of a forward action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ForwardConfig {
    #[serde(default)]
    pub target_groups: Vec<TargetGroupTuple>,
}

/// Where a `redirect` action sends the request (`#{protocol}` etc. keep the original part).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RedirectConfig {
    pub protocol: Option<String>,
    pub port: Option<String>,
    pub host: Option<String>,
    pub path: Option<String>,
    pub status_code: Option<String>,
}

/// A listener action (`forward`, `redirect`, `fixed-response`, `authenticate-*`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Action {
    #[serde(rename = "Type")]
    pub kind: String,
    pub target_group_arn: Option<String>,
    pub forward_config: Option<ForwardConfig>,
    pub redirect_config: Option<RedirectConfig>,
    pub order: Option<i64>,
}

impl Action {
    /// The target groups this action forwards to.
    pub fn target_group_arns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.target_group_arn.as_deref().into_iter().collect();
        if let Some(f) = &self.forward_config {
            for t in &f.target_groups {
                if let Some(a) = t.target_group_arn.as_deref()
                    && !out.contains(&a)
                {
                    out.push(a);
                }
            }
        }
        out
    }
}

/// A listener: a port and protocol the load balancer accepts, and what it does with them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Listener {
    pub listener_arn: Option<String>,
    pub load_balancer_arn: Option<String>,
    pub port: Option<i64>,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: Option<String>,
    #[serde(default)]
    pub default_actions: Vec<Action>,
    /// Its rules (`DescribeRules` with `ListenerArn`; listeners of application load balancers),
    /// the default rule included.
    #[serde(skip_deserializing, default = "rules_not_collected")]
    pub rules: Observed<Vec<Rule>>,
}

/// A listener rule: when its conditions match a request, its actions run (`forward` to one or
/// several weighted target groups, `redirect`, `fixed-response`, `authenticate-*`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Rule {
    pub rule_arn: Option<String>,
    /// `1` to `50000`, or `default` for the default rule.
    pub priority: Option<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub is_default: bool,
}

/// A target group.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroup {
    pub target_group_arn: String,
    #[serde(default)]
    pub target_group_name: String,
    pub protocol: Option<String>,
    pub port: Option<i64>,
    pub vpc_id: Option<String>,
    /// `instance`, `ip`, `lambda` or `alb`.
    pub target_type: Option<String>,
    #[serde(default)]
    pub load_balancer_arns: Vec<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// Registered targets (`DescribeTargetHealth` with `TargetGroupArn`).
    #[serde(skip_deserializing, default = "targets_not_collected")]
    pub targets: Observed<Vec<TargetHealthDescription>>,
}

/// A registered target: an instance ID, an IP address, a Lambda ARN or an ALB ARN.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetDescription {
    pub id: String,
    pub port: Option<i64>,
    pub availability_zone: Option<String>,
}

/// A target's health (`initial`, `healthy`, `unhealthy`, `unused`, `draining`, `unavailable`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetHealth {
    pub state: Option<String>,
    pub reason: Option<String>,
    pub description: Option<String>,
}

/// One registered target with its health.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetHealthDescription {
    pub target: TargetDescription,
    pub health_check_port: Option<String>,
    pub target_health: Option<TargetHealth>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LoadBalancersResponse {
    #[serde(default)]
    load_balancers: Vec<LoadBalancer>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListenersResponse {
    #[serde(default)]
    listeners: Vec<Listener>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RulesResponse {
    #[serde(default)]
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TargetGroupsResponse {
    #[serde(default)]
    target_groups: Vec<TargetGroup>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttributesResponse {
    #[serde(default)]
    attributes: Vec<LbAttribute>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TargetHealthResponse {
    #[serde(default)]
    target_health_descriptions: Vec<TargetHealthDescription>,
}

/// Adds one page of a per-resource list to `map[key]`.
fn merge_keyed<T>(map: &mut BTreeMap<String, Observed<Vec<T>>>, key: String, v: Observed<Vec<T>>) {
    let slot = map.entry(key).or_insert_with(|| Ok(Vec::new()));
    super::merge_list(slot, v);
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeLoadBalancers" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: LoadBalancersResponse| {
                let mut v = r.load_balancers;
                for lb in &mut v {
                    lb.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.elbv2.load_balancers.merge(region, v))
        }
        "DescribeTargetGroups" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: TargetGroupsResponse| {
                let mut v = r.target_groups;
                for tg in &mut v {
                    tg.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.elbv2.target_groups.merge(region, v))
        }
        "DescribeListeners" => {
            cx.region()?;
            let Some(arn) = cx.param_opt("LoadBalancerArn")? else {
                // Listed by listener ARNs: the response names each listener's load balancer.
                let v = cx.observe(body, |r: ListenersResponse| r.listeners)?;
                return Ok(Some(Box::new(move |inv| {
                    if let Ok(list) = v {
                        for l in list {
                            if let Some(lb) = l.load_balancer_arn.clone() {
                                merge_keyed(&mut inv.elbv2.listeners, lb, Ok(vec![l]));
                            }
                        }
                    }
                })));
            };
            let arn = arn.to_string();
            let v = cx
                .observe(body, |r: ListenersResponse| r.listeners)?
                .map_err(|g| g.about(format!("load balancer {arn}")));
            Box::new(move |inv| merge_keyed(&mut inv.elbv2.listeners, arn, v))
        }
        "DescribeRules" => {
            cx.region()?;
            // Rules listed by rule ARN do not name their listener: nothing to join them to.
            let Some(arn) = cx.param_opt("ListenerArn")? else {
                return Ok(None);
            };
            let arn = arn.to_string();
            let v = cx
                .observe(body, |r: RulesResponse| r.rules)?
                .map_err(|g| g.about(format!("listener {arn}")));
            Box::new(move |inv| merge_keyed(&mut inv.elbv2.rules, arn, v))
        }
        "DescribeLoadBalancerAttributes" => {
            cx.region()?;
            let arn = cx.param("LoadBalancerArn")?;
            let v = cx
                .observe(body, |r: AttributesResponse| r.attributes)?
                .map_err(|g| g.about(format!("load balancer {arn}")));
            Box::new(move |inv| {
                inv.elbv2.attributes.insert(arn, v);
            })
        }
        "DescribeTargetHealth" => {
            cx.region()?;
            let arn = cx.param("TargetGroupArn")?;
            let v = cx
                .observe(body, |r: TargetHealthResponse| r.target_health_descriptions)?
                .map_err(|g| g.about(format!("target group {arn}")));
            Box::new(move |inv| merge_keyed(&mut inv.elbv2.targets, arn, v))
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Elbv2 {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        let mut listeners = std::mem::take(&mut self.listeners);
        let mut rules = std::mem::take(&mut self.rules);
        let mut targets = std::mem::take(&mut self.targets);
        let mut attributes = std::mem::take(&mut self.attributes);
        let lb_regions: Vec<String> = self
            .load_balancers
            .iter()
            .map(|(r, _)| r.to_string())
            .collect();
        for region in lb_regions {
            let Some(Ok(lbs)) = self.load_balancers.entry_mut(&region) else {
                continue;
            };
            dedup_by_key(lbs, |lb| lb.load_balancer_arn.clone());
            for lb in lbs {
                lb.listeners = listeners.remove(&lb.load_balancer_arn).unwrap_or_else(|| {
                    Err(
                        Gap::not_collected("elbv2", "DescribeListeners", Some(&region))
                            .about(format!("load balancer {}", lb.load_balancer_name)),
                    )
                });
                if let Ok(ls) = &mut lb.listeners {
                    for l in ls {
                        let arn = l.listener_arn.clone().unwrap_or_default();
                        l.rules = rules.remove(&arn).unwrap_or_else(|| {
                            Err(Gap::not_collected("elbv2", "DescribeRules", Some(&region))
                                .about(format!("listener {arn}")))
                        });
                    }
                }
                lb.attributes = attributes.remove(&lb.load_balancer_arn).unwrap_or_else(|| {
                    Err(Gap::not_collected(
                        "elbv2",
                        "DescribeLoadBalancerAttributes",
                        Some(&region),
                    )
                    .about(format!("load balancer {}", lb.load_balancer_name)))
                });
            }
        }
        let tg_regions: Vec<String> = self
            .target_groups
            .iter()
            .map(|(r, _)| r.to_string())
            .collect();
        for region in tg_regions {
            let Some(Ok(tgs)) = self.target_groups.entry_mut(&region) else {
                continue;
            };
            // `DescribeTargetGroups` may be recorded once per load balancer: keep one of each.
            dedup_by_key(tgs, |tg| tg.target_group_arn.clone());
            for tg in tgs {
                tg.targets = targets.remove(&tg.target_group_arn).unwrap_or_else(|| {
                    Err(
                        Gap::not_collected("elbv2", "DescribeTargetHealth", Some(&region))
                            .about(format!("target group {}", tg.target_group_name)),
                    )
                });
            }
        }
        self.load_balancers.fill(regions);
        self.target_groups.fill(regions);
    }
}

/// Keeps the first item of each key, in order.
fn dedup_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> String) {
    let mut seen = std::collections::BTreeSet::new();
    v.retain(|x| seen.insert(key(x)));
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;
    use crate::observed::GapKind;

    const CALLS: &str = r#"
      {"service": "elbv2", "operation": "DescribeLoadBalancers", "region": "us-east-1", "params": {},
       "response": {"LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
         "DNSName": "web-1234567890.us-east-1.elb.amazonaws.com", "CanonicalHostedZoneId": "Z35SXDOTRQ7X7K",
         "CreatedTime": "2026-01-01T00:00:00.000Z", "LoadBalancerName": "web", "Scheme": "internet-facing",
         "VpcId": "vpc-1", "State": {"Code": "active"}, "Type": "application",
         "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-1", "LoadBalancerAddresses": []}],
         "SecurityGroups": ["sg-lb"], "IpAddressType": "ipv4"}]}},
      {"service": "elbv2", "operation": "DescribeListeners", "region": "us-east-1",
       "params": {"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"},
       "response": {"Listeners": [{"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2",
         "LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
         "Port": 443, "Protocol": "HTTPS",
         "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067",
           "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067", "Weight": 1}]}}]}]}},
      {"service": "elbv2", "operation": "DescribeTargetGroups", "region": "us-east-1", "params": {},
       "response": {"TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067",
         "TargetGroupName": "app", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1", "TargetType": "instance",
         "LoadBalancerArns": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"]},
         {"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/0000000000000000",
         "TargetGroupName": "other", "Protocol": "TCP", "Port": 22, "TargetType": "ip", "LoadBalancerArns": []}]}},
      {"service": "elbv2", "operation": "DescribeTargetHealth", "region": "us-east-1",
       "params": {"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067"},
       "response": {"TargetHealthDescriptions": [{"Target": {"Id": "i-0abc", "Port": 8080}, "HealthCheckPort": "8080",
         "TargetHealth": {"State": "healthy"}}]}}"#;

    #[test]
    fn listeners_and_targets_join() {
        let inv = test_load(CALLS).unwrap();
        let lb = &inv.elbv2.load_balancers.get("us-east-1").unwrap()[0];
        assert!(lb.is_internet_facing());
        assert_eq!(lb.kind(), "application");
        assert_eq!(
            lb.dns_name.as_deref(),
            Some("web-1234567890.us-east-1.elb.amazonaws.com")
        );
        let l = &lb.listeners.as_ref().unwrap()[0];
        assert_eq!((l.port, l.protocol.as_deref()), (Some(443), Some("HTTPS")));
        assert_eq!(l.default_actions[0].target_group_arns().len(), 1);
        let tgs = inv.elbv2.target_groups.get("us-east-1").unwrap();
        let t = &tgs[0].targets.as_ref().unwrap()[0];
        assert_eq!(
            (t.target.id.as_str(), t.target.port),
            ("i-0abc", Some(8080))
        );
        let g = tgs[1].targets.as_ref().unwrap_err();
        assert_eq!(g.kind, GapKind::NotCollected);
        assert_eq!(g.subject.as_deref(), Some("target group other"));
        assert!(inv.elbv2.load_balancers.get("eu-west-1").is_err());
    }

    #[test]
    fn attributes_and_redirects() {
        let inv = test_load(&format!(
            r##"{CALLS},
              {{"service": "elbv2", "operation": "DescribeLoadBalancerAttributes", "region": "us-east-1",
               "params": {{"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"}},
               "response": {{"Attributes": [{{"Key": "deletion_protection.enabled", "Value": "true"}},
                 {{"Key": "access_logs.s3.enabled", "Value": "false"}},
                 {{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "false"}}]}}}},
              {{"service": "elbv2", "operation": "DescribeListeners", "region": "us-east-1",
               "params": {{"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"}},
               "response": {{"Listeners": [{{"Port": 80, "Protocol": "HTTP", "DefaultActions": [{{"Type": "redirect",
                 "RedirectConfig": {{"Protocol": "HTTPS", "Port": "443", "Host": "#{{host}}", "Path": "/#{{path}}",
                   "Query": "#{{query}}", "StatusCode": "HTTP_301"}}}}]}}]}}}}"##
        ))
        .unwrap();
        let lb = &inv.elbv2.load_balancers.get("us-east-1").unwrap()[0];
        assert_eq!(
            lb.attribute("deletion_protection.enabled"),
            Ok(Some("true"))
        );
        assert_eq!(lb.attribute("no.such"), Ok(None));
        let l = lb.listeners.as_ref().unwrap();
        let r = l[1].default_actions[0].redirect_config.as_ref().unwrap();
        assert_eq!(r.protocol.as_deref(), Some("HTTPS"));
        let inv = test_load(CALLS).unwrap();
        let lb = &inv.elbv2.load_balancers.get("us-east-1").unwrap()[0];
        assert_eq!(
            lb.attribute("deletion_protection.enabled")
                .unwrap_err()
                .kind,
            GapKind::NotCollected
        );
    }

    // https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-rules.html (output shape)
    #[test]
    fn listener_rules_join_their_listener() {
        let inv = test_load(&format!(
            r#"{CALLS},
              {{"service": "elbv2", "operation": "DescribeRules", "region": "us-east-1",
               "params": {{"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2"}},
               "response": {{"Rules": [
                 {{"RuleArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee",
                   "Priority": "10", "IsDefault": false,
                   "Conditions": [{{"Field": "path-pattern", "Values": ["/api/*"],
                     "PathPatternConfig": {{"Values": ["/api/*"]}}}}],
                   "Actions": [{{"Type": "forward", "Order": 1, "ForwardConfig": {{"TargetGroups": [
                     {{"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/1", "Weight": 80}},
                     {{"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/2", "Weight": 20}}],
                     "TargetGroupStickinessConfig": {{"Enabled": false}}}}}}]}},
                 {{"RuleArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/1",
                   "Priority": "20", "IsDefault": false,
                   "Conditions": [{{"Field": "host-header", "HostHeaderConfig": {{"Values": ["old.example.com"]}}}}],
                   "Actions": [{{"Type": "fixed-response", "Order": 1,
                     "FixedResponseConfig": {{"StatusCode": "404", "ContentType": "text/plain"}}}}]}},
                 {{"RuleArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/2",
                   "Priority": "default", "IsDefault": true, "Conditions": [],
                   "Actions": [{{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067"}}]}}]}}}}"#
        ))
        .unwrap();
        let lb = &inv.elbv2.load_balancers.get("us-east-1").unwrap()[0];
        let rules = lb.listeners.as_ref().unwrap()[0].rules.as_ref().unwrap();
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[0].priority.as_deref(), Some("10"));
        assert_eq!(rules[0].actions[0].target_group_arns().len(), 2);
        assert_eq!(rules[1].actions[0].kind, "fixed-response");
        assert!(rules[1].actions[0].target_group_arns().is_empty());
        assert!(rules[2].is_default);
        // Not recorded: a gap naming the listener, never "no rules".
        let inv = test_load(CALLS).unwrap();
        let lb = &inv.elbv2.load_balancers.get("us-east-1").unwrap()[0];
        let g = lb.listeners.as_ref().unwrap()[0]
            .rules
            .as_ref()
            .unwrap_err();
        assert_eq!(g.kind, GapKind::NotCollected);
        assert!(g.to_string().contains("DescribeRules"), "{g}");
    }

    #[test]
    fn denied_listeners_are_a_gap() {
        let inv = test_load(
            r#"{"service": "elbv2", "operation": "DescribeLoadBalancers", "region": "us-east-1",
                "response": {"LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/1",
                  "LoadBalancerName": "n", "Scheme": "internal", "Type": "network"}]}},
               {"service": "elbv2", "operation": "DescribeListeners", "region": "us-east-1",
                "params": {"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/1"},
                "error": {"code": "AccessDenied"}}"#,
        )
        .unwrap();
        let lb = &inv.elbv2.load_balancers.get("us-east-1").unwrap()[0];
        assert!(!lb.is_internet_facing());
        assert_eq!(
            lb.listeners.as_ref().unwrap_err().kind,
            GapKind::AccessDenied
        );
    }
}

//! Classic Load Balancers (`elb DescribeLoadBalancers`), per region.
//!
//! An internet-facing Classic Load Balancer forwards each listener's port to its registered
//! instances, so the reachability engine treats it like an ELBv2 load balancer. The response
//! carries listeners and instances inline. The attributes (`DescribeLoadBalancerAttributes`:
//! access logs, connection draining, cross-zone, desync mitigation) and the policies
//! (`DescribeLoadBalancerPolicies`: TLS negotiation) are read per load balancer, named by
//! `params.LoadBalancerName`, and joined in `finalize`.

use super::{Apply, Regional};
use crate::error::LoadError;
use crate::observed::{Gap, Observed};
use crate::snapshot::{Body, CallCx};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Classic Load Balancer data of the account, per region.
#[derive(Debug, Clone)]
pub struct Elb {
    pub load_balancers: Regional<Vec<ClassicLoadBalancer>>,
    /// Per-load-balancer results by (region, name), joined in `finalize`.
    attributes: BTreeMap<(String, String), Observed<ClassicAttributes>>,
    policies: BTreeMap<(String, String), Observed<Vec<PolicyDescription>>>,
}

impl Default for Elb {
    fn default() -> Self {
        Elb {
            load_balancers: Regional::new("elb", "DescribeLoadBalancers"),
            attributes: BTreeMap::new(),
            policies: BTreeMap::new(),
        }
    }
}

/// One listener: the port the load balancer accepts and the instance port it forwards to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicListener {
    /// `HTTP`, `HTTPS`, `TCP` or `SSL`.
    pub protocol: Option<String>,
    pub load_balancer_port: i64,
    pub instance_protocol: Option<String>,
    pub instance_port: i64,
    /// The certificate of an `HTTPS`/`SSL` listener: an ACM or IAM server certificate ARN.
    #[serde(rename = "SSLCertificateId")]
    pub ssl_certificate_id: Option<String>,
}

/// A listener with its policies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerDescription {
    pub listener: ClassicListener,
    /// Policies of the listener (the SSL negotiation policy of an `HTTPS`/`SSL` listener).
    #[serde(default)]
    pub policy_names: Vec<String>,
}

fn attributes_not_collected() -> Observed<ClassicAttributes> {
    Err(Gap::not_collected(
        "elb",
        "DescribeLoadBalancerAttributes",
        None,
    ))
}

fn policies_not_collected() -> Observed<Vec<PolicyDescription>> {
    Err(Gap::not_collected(
        "elb",
        "DescribeLoadBalancerPolicies",
        None,
    ))
}

/// An on/off attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Enabled {
    #[serde(default)]
    pub enabled: bool,
}

/// Access logging to S3.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessLog {
    #[serde(default)]
    pub enabled: bool,
    pub s3_bucket_name: Option<String>,
    pub s3_bucket_prefix: Option<String>,
}

/// Connection draining.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConnectionDraining {
    #[serde(default)]
    pub enabled: bool,
    pub timeout: Option<i64>,
}

/// A key/value attribute (`elb.http.desyncmitigationmode`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdditionalAttribute {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// The attributes of a Classic Load Balancer (`LoadBalancerAttributes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicAttributes {
    pub cross_zone_load_balancing: Option<Enabled>,
    pub access_log: Option<AccessLog>,
    pub connection_draining: Option<ConnectionDraining>,
    #[serde(default)]
    pub additional_attributes: Vec<AdditionalAttribute>,
}

impl ClassicAttributes {
    /// The value of an additional attribute.
    pub fn additional(&self, key: &str) -> Option<&str> {
        self.additional_attributes
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.as_str())
    }
}

/// One attribute of a load balancer policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyAttribute {
    pub attribute_name: String,
    #[serde(default)]
    pub attribute_value: String,
}

/// A policy of a Classic Load Balancer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDescription {
    pub policy_name: String,
    /// `SSLNegotiationPolicyType`, `ProxyProtocolPolicyType`, ...
    pub policy_type_name: Option<String>,
    #[serde(default)]
    pub policy_attribute_descriptions: Vec<PolicyAttribute>,
}

impl PolicyDescription {
    /// The predefined security policy an SSL negotiation policy copies
    /// (`Reference-Security-Policy`), if any.
    pub fn reference_security_policy(&self) -> Option<&str> {
        self.policy_attribute_descriptions
            .iter()
            .find(|a| a.attribute_name == "Reference-Security-Policy")
            .map(|a| a.attribute_value.as_str())
    }
}

/// A registered instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClassicInstance {
    pub instance_id: String,
}

/// A Classic Load Balancer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ClassicLoadBalancer {
    #[serde(rename = "LoadBalancerName")]
    pub load_balancer_name: String,
    #[serde(rename = "DNSName")]
    pub dns_name: Option<String>,
    /// `internet-facing` or `internal`.
    #[serde(rename = "Scheme")]
    pub scheme: Option<String>,
    #[serde(rename = "VPCId")]
    pub vpc_id: Option<String>,
    #[serde(rename = "Subnets", default)]
    pub subnets: Vec<String>,
    #[serde(rename = "SecurityGroups", default)]
    pub security_groups: Vec<String>,
    #[serde(rename = "ListenerDescriptions", default)]
    pub listener_descriptions: Vec<ListenerDescription>,
    #[serde(rename = "Instances", default)]
    pub instances: Vec<ClassicInstance>,
    #[serde(rename = "AvailabilityZones", default)]
    pub availability_zones: Vec<String>,
    /// The region of the call that listed it.
    #[serde(skip)]
    pub region: String,
    /// `DescribeLoadBalancerAttributes` with `LoadBalancerName`.
    #[serde(skip_deserializing, default = "attributes_not_collected")]
    pub attributes: Observed<ClassicAttributes>,
    /// `DescribeLoadBalancerPolicies` with `LoadBalancerName`.
    #[serde(skip_deserializing, default = "policies_not_collected")]
    pub policies: Observed<Vec<PolicyDescription>>,
}

impl ClassicLoadBalancer {
    /// `arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/{name}`.
    pub fn arn(&self, partition: &str, account: &str) -> String {
        format!(
            "arn:{partition}:elasticloadbalancing:{}:{account}:loadbalancer/{}",
            self.region, self.load_balancer_name
        )
    }

    /// The load balancer faces the internet.
    pub fn is_internet_facing(&self) -> bool {
        self.scheme.as_deref() == Some("internet-facing")
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttributesResponse {
    load_balancer_attributes: ClassicAttributes,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoliciesResponse {
    #[serde(default)]
    policy_descriptions: Vec<PolicyDescription>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LoadBalancersResponse {
    #[serde(default)]
    load_balancer_descriptions: Vec<ClassicLoadBalancer>,
}

pub(crate) fn parse(cx: &CallCx<'_>, body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    let apply: Apply = match cx.operation {
        "DescribeLoadBalancers" => {
            let region = cx.region()?;
            let v = cx.observe(body, |r: LoadBalancersResponse| {
                let mut v = r.load_balancer_descriptions;
                for lb in &mut v {
                    lb.region.clone_from(&region);
                }
                v
            })?;
            Box::new(move |inv| inv.elb.load_balancers.merge(region, v))
        }
        "DescribeLoadBalancerAttributes" => {
            let region = cx.region()?;
            let name = cx.param("LoadBalancerName")?;
            let subject = format!("load balancer {name}");
            let v = cx
                .observe(body, |r: AttributesResponse| r.load_balancer_attributes)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.elb.attributes.insert((region, name), v);
            })
        }
        "DescribeLoadBalancerPolicies" => {
            let region = cx.region()?;
            // Without a name the call lists AWS's sample policies: nothing to join.
            let Some(name) = cx.param_opt("LoadBalancerName")? else {
                return Ok(None);
            };
            let subject = format!("load balancer {name}");
            let v = cx
                .observe(body, |r: PoliciesResponse| r.policy_descriptions)?
                .map_err(|g| g.about(subject));
            Box::new(move |inv| {
                inv.elb.policies.insert((region, name), v);
            })
        }
        _ => return Ok(None),
    };
    Ok(Some(apply))
}

impl Elb {
    pub(crate) fn finalize(&mut self, regions: &[String]) {
        let mut attributes = std::mem::take(&mut self.attributes);
        let mut policies = std::mem::take(&mut self.policies);
        let listed: Vec<String> = self
            .load_balancers
            .iter()
            .map(|(r, _)| r.to_string())
            .collect();
        for region in listed {
            let Some(Ok(lbs)) = self.load_balancers.entry_mut(&region) else {
                continue;
            };
            for lb in lbs {
                let key = (region.clone(), lb.load_balancer_name.clone());
                let gap = |op: &str| {
                    Gap::not_collected("elb", op, Some(&region))
                        .about(format!("load balancer {}", lb.load_balancer_name))
                };
                lb.attributes = attributes
                    .remove(&key)
                    .unwrap_or_else(|| Err(gap("DescribeLoadBalancerAttributes")));
                lb.policies = policies
                    .remove(&key)
                    .unwrap_or_else(|| Err(gap("DescribeLoadBalancerPolicies")));
            }
        }
        self.load_balancers.fill(regions);
    }
}

#[cfg(test)]
mod tests {
    use crate::inventory::test_load;

    #[test]
    fn classic_load_balancer() {
        let inv = test_load(
            r#"{"service": "elb", "operation": "DescribeLoadBalancers", "region": "us-east-1", "params": {},
                "response": {"LoadBalancerDescriptions": [{"LoadBalancerName": "legacy",
                  "DNSName": "legacy-1234.us-east-1.elb.amazonaws.com", "Scheme": "internet-facing",
                  "ListenerDescriptions": [{"Listener": {"Protocol": "TCP", "LoadBalancerPort": 22,
                    "InstanceProtocol": "TCP", "InstancePort": 22}, "PolicyNames": []}],
                  "Instances": [{"InstanceId": "i-0abc"}], "Subnets": ["subnet-1"], "VPCId": "vpc-1",
                  "SecurityGroups": ["sg-1"], "AvailabilityZones": ["us-east-1a"],
                  "CreatedTime": "2026-01-01T00:00:00.000Z"}]}}"#,
        )
        .unwrap();
        let lb = &inv.elb.load_balancers.get("us-east-1").unwrap()[0];
        assert!(lb.is_internet_facing());
        assert_eq!(lb.listener_descriptions[0].listener.instance_port, 22);
        assert_eq!(lb.instances[0].instance_id, "i-0abc");
        assert_eq!(
            lb.arn("aws", "123456789012"),
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/legacy"
        );
        assert_eq!(lb.availability_zones, ["us-east-1a"]);
        assert!(lb.attributes.is_err() && lb.policies.is_err());
    }

    #[test]
    fn attributes_and_policies_join() {
        let inv = test_load(
            r#"{"service": "elb", "operation": "DescribeLoadBalancerAttributes", "region": "us-east-1",
                "params": {"LoadBalancerName": "legacy"},
                "response": {"LoadBalancerAttributes": {"CrossZoneLoadBalancing": {"Enabled": true},
                  "AccessLog": {"Enabled": false}, "ConnectionDraining": {"Enabled": true, "Timeout": 300},
                  "ConnectionSettings": {"IdleTimeout": 60},
                  "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "defensive"}]}}},
               {"service": "elb", "operation": "DescribeLoadBalancers", "region": "us-east-1", "params": {},
                "response": {"LoadBalancerDescriptions": [{"LoadBalancerName": "legacy", "Scheme": "internet-facing",
                  "ListenerDescriptions": [{"Listener": {"Protocol": "HTTPS", "LoadBalancerPort": 443,
                    "InstanceProtocol": "HTTP", "InstancePort": 80,
                    "SSLCertificateId": "arn:aws:iam::123456789012:server-certificate/legacy"},
                    "PolicyNames": ["ELBSecurityPolicy-2016-08"]}],
                  "AvailabilityZones": ["us-east-1a", "us-east-1b"]}]}},
               {"service": "elb", "operation": "DescribeLoadBalancerPolicies", "region": "us-east-1",
                "params": {"LoadBalancerName": "legacy"},
                "response": {"PolicyDescriptions": [{"PolicyName": "ELBSecurityPolicy-2016-08",
                  "PolicyTypeName": "SSLNegotiationPolicyType",
                  "PolicyAttributeDescriptions": [{"AttributeName": "Reference-Security-Policy",
                    "AttributeValue": "ELBSecurityPolicy-2016-08"}, {"AttributeName": "Protocol-TLSv1", "AttributeValue": "true"}]}]}}"#,
        )
        .unwrap();
        let lb = &inv.elb.load_balancers.get("us-east-1").unwrap()[0];
        let a = lb.attributes.as_ref().unwrap();
        assert!(a.cross_zone_load_balancing.as_ref().unwrap().enabled);
        assert_eq!(
            a.additional("elb.http.desyncmitigationmode"),
            Some("defensive")
        );
        let l = &lb.listener_descriptions[0];
        assert!(
            l.listener
                .ssl_certificate_id
                .as_deref()
                .unwrap()
                .contains(":server-certificate/")
        );
        assert_eq!(
            lb.policies.as_ref().unwrap()[0].reference_security_policy(),
            Some("ELBSecurityPolicy-2016-08")
        );
    }
}

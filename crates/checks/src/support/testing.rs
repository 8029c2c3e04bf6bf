//! Test helpers: build an inventory from calls in real AWS response shapes, through the real
//! snapshot parser, and run one check on it.

use crate::finding::Status;
use crate::meta::Check;
use crate::run::{Context, Outcome, Outcomes};
use base64::Engine;
use rampart_model::{Inventory, LoadOptions, Timestamp, load_snapshot};
use serde_json::{Value, json};

/// The account every test snapshot belongs to.
pub const ACCOUNT: &str = "123456789012";
/// "Now" in tests: the snapshot's collection time.
pub const NOW: &str = "2026-11-20T09:00:00Z";

/// A successful call.
pub fn call(
    service: &str,
    op: &str,
    region: Option<&str>,
    params: Value,
    response: Value,
) -> Value {
    json!({"service": service, "operation": op, "region": region, "params": params, "response": response})
}

/// A failed call with its AWS error code.
pub fn error(service: &str, op: &str, region: Option<&str>, params: Value, code: &str) -> Value {
    json!({"service": service, "operation": op, "region": region, "params": params,
           "error": {"code": code, "message": format!("{code} (test)")}})
}

/// Loads calls as a snapshot of [`ACCOUNT`] covering `regions`.
pub fn inventory_in(regions: &[&str], calls: Vec<Value>) -> Inventory {
    let snap = json!({
        "rampart_snapshot": 1, "account_id": ACCOUNT, "partition": "aws",
        "collected_at": NOW, "regions": regions, "calls": calls,
    });
    let bytes = serde_json::to_vec(&snap).expect("json");
    load_snapshot("test.json", &bytes, &LoadOptions::default())
        .expect("test snapshot loads")
        .inventory
}

/// Loads calls as a snapshot covering us-east-1.
pub fn inventory(calls: Vec<Value>) -> Inventory {
    inventory_in(&["us-east-1"], calls)
}

/// Runs one check.
pub fn outcomes(check: &Check, inv: &Inventory) -> Vec<Outcome> {
    let now = Timestamp::parse(NOW).expect("time");
    let cx = Context::new(inv, now);
    let mut out = Outcomes::default();
    (check.run)(&cx, &mut out);
    out.items
}

/// The statuses of the outcomes, by resource id.
pub fn statuses(outcomes: &[Outcome]) -> Vec<(String, Status)> {
    outcomes
        .iter()
        .map(|o| (o.resource.id.clone(), o.status))
        .collect()
}

/// The single outcome's status (panics when there is not exactly one).
pub fn only(outcomes: &[Outcome]) -> Status {
    assert_eq!(outcomes.len(), 1, "expected one outcome, got {outcomes:#?}");
    outcomes[0].status
}

/// Header of the IAM credential report, as AWS writes it.
pub const CRED_HEADER: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

/// One credential report row, with sensible defaults for fields the test does not care about.
#[derive(Clone)]
pub struct CredRow {
    pub user: &'static str,
    pub created: &'static str,
    pub password_enabled: &'static str,
    pub password_last_used: &'static str,
    pub password_last_changed: &'static str,
    pub mfa_active: bool,
    pub key1: (bool, &'static str, &'static str),
    pub key2: (bool, &'static str, &'static str),
}

impl CredRow {
    /// A user with no password, no keys.
    pub fn user(user: &'static str) -> CredRow {
        CredRow {
            user,
            created: "2025-01-01T00:00:00+00:00",
            password_enabled: "false",
            password_last_used: "N/A",
            password_last_changed: "N/A",
            mfa_active: false,
            key1: (false, "N/A", "N/A"),
            key2: (false, "N/A", "N/A"),
        }
    }

    /// The root row, with password and MFA.
    pub fn root() -> CredRow {
        CredRow {
            password_enabled: "not_supported",
            password_last_changed: "not_supported",
            password_last_used: "2026-01-01T00:00:00+00:00",
            mfa_active: true,
            ..CredRow::user("<root_account>")
        }
    }

    fn line(&self) -> String {
        let arn = if self.user == "<root_account>" {
            format!("arn:aws:iam::{ACCOUNT}:root")
        } else {
            format!("arn:aws:iam::{ACCOUNT}:user/{}", self.user)
        };
        let k = |k: (bool, &str, &str)| format!("{},{},{},N/A,N/A", k.0, k.1, k.2);
        format!(
            "{},{arn},{},{},{},{},N/A,{},{},{},false,N/A,false,N/A",
            self.user,
            self.created,
            self.password_enabled,
            self.password_last_used,
            self.password_last_changed,
            self.mfa_active,
            k(self.key1),
            k(self.key2)
        )
    }
}

/// A `GetCredentialReport` call holding these rows (base64 CSV, as the AWS CLI prints it).
pub fn cred_report(rows: &[CredRow]) -> Value {
    let mut csv = CRED_HEADER.to_string();
    for r in rows {
        csv.push('\n');
        csv.push_str(&r.line());
    }
    call(
        "iam",
        "GetCredentialReport",
        None,
        json!({}),
        json!({"Content": base64::engine::general_purpose::STANDARD.encode(csv.as_bytes()), "ReportFormat": "text/csv",
               "GeneratedTime": "2026-11-20T08:00:00+00:00"}),
    )
}

/// A `GetAccountAuthorizationDetails` call with these lists.
pub fn gaad(users: Value, groups: Value, roles: Value, policies: Value) -> Value {
    call(
        "iam",
        "GetAccountAuthorizationDetails",
        None,
        json!({}),
        json!({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
               "Policies": policies, "IsTruncated": false}),
    )
}

/// A `GetAccountAuthorizationDetails` call that was denied.
pub fn gaad_denied() -> Value {
    error(
        "iam",
        "GetAccountAuthorizationDetails",
        None,
        json!({}),
        "AccessDenied",
    )
}

/// A complete CIS section 4 monitoring chain in us-east-1: a multi-region trail that is logging
/// all management events into log group `trail-logs`, one metric filter with `pattern`, an alarm
/// on its metric notifying `security-alerts`, and a confirmed e-mail subscription. `deny`
/// replaces the named operation's answer with AccessDenied.
pub fn monitoring_chain(pattern: &str, deny: Option<&str>) -> Inventory {
    let r = Some("us-east-1");
    let trail = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main";
    let topic = "arn:aws:sns:us-east-1:123456789012:security-alerts";
    let mut calls = vec![
        call(
            "cloudtrail",
            "DescribeTrails",
            r,
            json!({}),
            json!({"trailList": [{
            "Name": "main", "S3BucketName": "acme-trail", "IncludeGlobalServiceEvents": true,
            "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": trail,
            "LogFileValidationEnabled": true,
            "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*",
            "CloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/CloudTrailLogs",
            "HasCustomEventSelectors": false, "HasInsightSelectors": false, "IsOrganizationTrail": false}]}),
        ),
        call(
            "cloudtrail",
            "GetTrailStatus",
            r,
            json!({"Name": trail}),
            json!({"IsLogging": true, "LatestDeliveryTime": "2026-11-20T08:57:41+00:00"}),
        ),
        call(
            "cloudtrail",
            "GetEventSelectors",
            r,
            json!({"TrailName": trail}),
            json!({"TrailARN": trail, "EventSelectors": [{"ReadWriteType": "All",
                "IncludeManagementEvents": true, "DataResources": [], "ExcludeManagementEventSources": []}]}),
        ),
        call(
            "logs",
            "DescribeMetricFilters",
            r,
            json!({}),
            json!({"metricFilters": [{
            "filterName": "watch", "filterPattern": pattern,
            "metricTransformations": [{"metricName": "Watched", "metricNamespace": "CISBenchmark", "metricValue": "1"}],
            "creationTime": 1707731400000_i64, "logGroupName": "trail-logs"}]}),
        ),
        call(
            "cloudwatch",
            "DescribeAlarms",
            r,
            json!({}),
            json!({"MetricAlarms": [{
            "AlarmName": "watch-alarm", "AlarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:watch-alarm",
            "ActionsEnabled": true, "OKActions": [], "AlarmActions": [topic], "InsufficientDataActions": [],
            "StateValue": "OK", "MetricName": "Watched", "Namespace": "CISBenchmark", "Statistic": "Sum",
            "Dimensions": [], "Period": 300, "EvaluationPeriods": 1, "Threshold": 1.0,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold"}], "CompositeAlarms": []}),
        ),
        call(
            "sns",
            "ListSubscriptions",
            r,
            json!({}),
            json!({"Subscriptions": [{
            "SubscriptionArn": format!("{topic}:6f1d3b8e-2a4c-4e9f-b7d5-0c8a2e4f6b13"), "Owner": ACCOUNT,
            "Protocol": "email", "Endpoint": "security@example.com", "TopicArn": topic}]}),
        ),
    ];
    if let Some(op) = deny {
        for c in &mut calls {
            if c["operation"] == op {
                let svc = c["service"].as_str().unwrap_or_default().to_string();
                let params = c["params"].clone();
                *c = error(&svc, op, r, params, "AccessDenied");
            }
        }
    }
    inventory(calls)
}

/// The behaviour every CIS section 4 monitoring check must show, for its spec and the pattern
/// the benchmark gives: PASS with that pattern and with any other spelling of the same
/// meaning; FAIL when the filter misses an event, matches everything, or matches nothing
/// relevant; UNKNOWN when the filters or alarms could not be read or a pattern is not
/// understood.
pub fn monitoring_check_behaviour(
    check: &Check,
    cis_pattern: &str,
    spec: &crate::support::monitoring::EventSpec,
) {
    let status = |pattern: &str, deny: Option<&str>| {
        let out = outcomes(check, &monitoring_chain(pattern, deny));
        assert_eq!(out.len(), 1, "{pattern}: one finding about the account");
        (out[0].status, out[0].message.clone())
    };
    let (s, msg) = status(cis_pattern, None);
    assert_eq!(s, Status::Pass, "CIS pattern: {msg}");
    assert!(msg.contains("watch-alarm"), "{msg}");
    if !spec.events.is_empty() {
        // The same events, written another way: reversed, quoted, extra parentheses.
        let terms: Vec<String> = spec
            .events
            .iter()
            .rev()
            .map(|(_, n)| format!("(($.eventName=\"{n}\"))"))
            .collect();
        let (s, msg) = status(&format!("{{{}}}", terms.join("||")), None);
        assert_eq!(s, Status::Pass, "reordered: {msg}");
        if spec.events.len() > 1 {
            let fewer: Vec<String> = spec.events[1..]
                .iter()
                .map(|(_, n)| format!("($.eventName = {n})"))
                .collect();
            let (s, msg) = status(&format!("{{ {} }}", fewer.join(" || ")), None);
            assert_eq!(s, Status::Fail, "missing {}: {msg}", spec.events[0].1);
            assert!(msg.contains("not monitored"), "{msg}");
        }
    }
    let (s, msg) = status("{ $.eventVersion = * }", None);
    assert_eq!(s, Status::Fail, "match-all: {msg}");
    let (s, _) = status(r#"{ $.eventName = "NothingRelevant" }"#, None);
    assert_eq!(s, Status::Fail);
    let (s, msg) = status(r#"{ $.eventName = %Delete.*% }"#, None);
    assert_eq!(s, Status::Unknown, "regex pattern: {msg}");
    for op in [
        "DescribeMetricFilters",
        "DescribeAlarms",
        "ListSubscriptions",
        "GetTrailStatus",
    ] {
        let (s, msg) = status(cis_pattern, Some(op));
        assert_eq!(s, Status::Unknown, "{op} denied: {msg}");
    }
}

/// A `DescribeSecurityGroups` call in us-east-1 holding groups `(id, ingress rules)`.
pub fn security_groups(groups: &[(&str, Value)]) -> Value {
    let list: Vec<Value> = groups
        .iter()
        .map(|(id, rules)| {
            json!({"GroupId": id, "GroupName": format!("{id}-name"), "Description": "test",
                   "OwnerId": ACCOUNT, "VpcId": "vpc-0a1b2c3d", "IpPermissions": rules,
                   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                       "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]})
        })
        .collect();
    call(
        "ec2",
        "DescribeSecurityGroups",
        Some("us-east-1"),
        json!({}),
        json!({"SecurityGroups": list}),
    )
}

/// One ingress rule as AWS prints it. `proto` is `tcp`, `udp` or `-1`.
pub fn sg_rule(proto: &str, from: i64, to: i64, cidr: &str) -> Value {
    let (v4, v6) = if cidr.contains(':') {
        (json!([]), json!([{"CidrIpv6": cidr}]))
    } else {
        (json!([{"CidrIp": cidr}]), json!([]))
    };
    let mut r = json!({"IpProtocol": proto, "IpRanges": v4, "Ipv6Ranges": v6,
                       "PrefixListIds": [], "UserIdGroupPairs": []});
    if proto != "-1" {
        r["FromPort"] = json!(from);
        r["ToPort"] = json!(to);
    }
    r
}

/// The behaviour of a "port P open to the internet" security-group check: an all-traffic rule
/// fails it (never "not checked"), a range over P fails it, the port from a private range or
/// another port passes, and an unreadable region is UNKNOWN.
pub fn sg_port_check_behaviour(check: &Check, port: i64, world: &str) {
    let inv = inventory(vec![security_groups(&[
        ("sg-all", json!([sg_rule("-1", 0, 0, world)])),
        (
            "sg-range",
            json!([sg_rule("tcp", port - 1, port + 1, world)]),
        ),
        ("sg-exact", json!([sg_rule("tcp", port, port, world)])),
        (
            "sg-private",
            json!([sg_rule(
                "tcp",
                port,
                port,
                if world.contains(':') {
                    "fd00::/8"
                } else {
                    "10.0.0.0/8"
                }
            )]),
        ),
        (
            "sg-other",
            json!([
                sg_rule("tcp", 8443, 8443, world),
                sg_rule("udp", 53, 53, world)
            ]),
        ),
        ("sg-none", json!([])),
    ])]);
    let got = statuses(&outcomes(check, &inv));
    let want = |id: &str| got.iter().find(|(r, _)| r == id).map(|(_, s)| *s);
    assert_eq!(want("sg-all"), Some(Status::Fail), "all traffic: {got:?}");
    assert_eq!(want("sg-range"), Some(Status::Fail), "{got:?}");
    assert_eq!(want("sg-exact"), Some(Status::Fail), "{got:?}");
    assert_eq!(want("sg-private"), Some(Status::Pass), "{got:?}");
    assert_eq!(want("sg-other"), Some(Status::Pass), "{got:?}");
    assert_eq!(want("sg-none"), Some(Status::Pass), "{got:?}");
    let denied = inventory(vec![error(
        "ec2",
        "DescribeSecurityGroups",
        Some("us-east-1"),
        json!({}),
        "UnauthorizedOperation",
    )]);
    let got = statuses(&outcomes(check, &denied));
    assert_eq!(
        got,
        vec![("123456789012/us-east-1".to_string(), Status::Unknown)]
    );
}

/// The ARN of the load balancer [`elbv2_lb`] describes.
pub const ELBV2_ARN: &str =
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

/// `DescribeLoadBalancers` for one load balancer (`over` merged in), its listeners and attributes.
pub fn elbv2_lb(
    over: serde_json::Value,
    listeners: serde_json::Value,
    attrs: Option<serde_json::Value>,
) -> Vec<serde_json::Value> {
    let mut lb = json!({"LoadBalancerArn": ELBV2_ARN, "DNSName": "web-1234567890.us-east-1.elb.amazonaws.com",
        "LoadBalancerName": "web", "Scheme": "internet-facing", "VpcId": "vpc-0a", "State": {"Code": "active"},
        "Type": "application", "IpAddressType": "ipv4", "SecurityGroups": ["sg-0a"],
        "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-0a", "LoadBalancerAddresses": []},
                              {"ZoneName": "us-east-1b", "SubnetId": "subnet-0b", "LoadBalancerAddresses": []}]});
    if let (Some(o), Some(e)) = (lb.as_object_mut(), over.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    let mut calls = vec![
        call(
            "elbv2",
            "DescribeLoadBalancers",
            Some("us-east-1"),
            json!({}),
            json!({"LoadBalancers": [lb]}),
        ),
        call(
            "elbv2",
            "DescribeListeners",
            Some("us-east-1"),
            json!({"LoadBalancerArn": ELBV2_ARN}),
            json!({"Listeners": listeners}),
        ),
    ];
    if let Some(a) = attrs {
        calls.push(call(
            "elbv2",
            "DescribeLoadBalancerAttributes",
            Some("us-east-1"),
            json!({"LoadBalancerArn": ELBV2_ARN}),
            json!({"Attributes": a}),
        ));
    }
    calls
}

/// Attributes as AWS prints them, with these keys set.
pub fn elbv2_attrs(set: &[(&str, &str)]) -> serde_json::Value {
    let mut v = vec![
        ("deletion_protection.enabled", "false"),
        ("access_logs.s3.enabled", "false"),
        ("access_logs.s3.bucket", ""),
        ("idle_timeout.timeout_seconds", "60"),
        ("routing.http.desync_mitigation_mode", "defensive"),
        ("routing.http.drop_invalid_header_fields.enabled", "false"),
    ];
    for (k, val) in set {
        v.retain(|(kk, _)| kk != k);
        v.push((k, val));
    }
    json!(
        v.iter()
            .map(|(k, val)| json!({"Key": k, "Value": val}))
            .collect::<Vec<_>>()
    )
}

// Fixtures shared by the checks of one service (named `<service>_<what>`).

pub fn apigateway_stage(extra: serde_json::Value) -> Vec<serde_json::Value> {
    let mut s = json!({"deploymentId": "d1", "stageName": "prod", "methodSettings": {},
        "tracingEnabled": false, "cacheClusterEnabled": false,
        "createdDate": "2026-01-10T12:00:00+00:00"});
    if let (Some(o), Some(e)) = (s.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    vec![
        call(
            "apigateway",
            "GetRestApis",
            Some("us-east-1"),
            json!({}),
            json!({"items": [{"id": "a1b2c3d4e5", "name": "orders", "endpointConfiguration": {"types": ["REGIONAL"]}}]}),
        ),
        call(
            "apigateway",
            "GetStages",
            Some("us-east-1"),
            json!({"restApiId": "a1b2c3d4e5"}),
            json!({"item": [s]}),
        ),
    ]
}

/// A `ListDistributions` item with the given settings merged over a plain S3 distribution.
pub fn cloudfront_item(id: &str, over: serde_json::Value) -> serde_json::Value {
    let mut d = json!({"Id": id, "ARN": format!("arn:aws:cloudfront::123456789012:distribution/{id}"),
        "Status": "Deployed", "DomainName": "d111111abcdef8.cloudfront.net",
        "Aliases": {"Quantity": 0},
        "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": "acme-site.s3.us-east-1.amazonaws.com",
            "OriginPath": "", "S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": "E2QWRUHEXAMPLE"}]},
        "OriginGroups": {"Quantity": 0},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https"},
        "CacheBehaviors": {"Quantity": 0},
        "ViewerCertificate": {"CloudFrontDefaultCertificate": true, "MinimumProtocolVersion": "TLSv1", "CertificateSource": "cloudfront"},
        "WebACLId": "", "Enabled": true, "Comment": ""});
    if let (Some(o), Some(e)) = (d.as_object_mut(), over.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    d
}

pub fn cloudfront_list(items: Vec<serde_json::Value>) -> serde_json::Value {
    call(
        "cloudfront",
        "ListDistributions",
        None,
        json!({}),
        json!({"DistributionList": {"Marker": "", "MaxItems": 100, "IsTruncated": false, "Quantity": items.len(), "Items": items}}),
    )
}

/// A `GetDistribution` call for `id` with this `DistributionConfig`.
pub fn cloudfront_config(id: &str, cfg: serde_json::Value) -> serde_json::Value {
    call(
        "cloudfront",
        "GetDistribution",
        None,
        json!({"Id": id}),
        json!({"ETag": "E2QWRUHAPOMQZL", "Distribution": {"Id": id, "Status": "Deployed", "DistributionConfig": cfg}}),
    )
}

pub fn cloudtrail_trail(name: &str, fields: Value) -> Value {
    let mut t = json!({"Name": name, "S3BucketName": "acme-cloudtrail-logs", "IsMultiRegionTrail": true,
        "HomeRegion": "us-east-1", "TrailARN": format!("arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}"),
        "IncludeGlobalServiceEvents": true, "LogFileValidationEnabled": false, "HasCustomEventSelectors": false,
        "HasInsightSelectors": false, "IsOrganizationTrail": false});
    if let (Some(t), Some(f)) = (t.as_object_mut(), fields.as_object()) {
        for (k, v) in f {
            t.insert(k.clone(), v.clone());
        }
    }
    t
}

pub fn cloudtrail_trails(list: Vec<Value>) -> Value {
    call(
        "cloudtrail",
        "DescribeTrails",
        Some("us-east-1"),
        json!({}),
        json!({"trailList": list}),
    )
}

/// `elb DescribeLoadBalancers` for one Classic Load Balancer (`over` merged in), plus the
/// per-load-balancer calls given.
pub fn elb_classic(
    over: serde_json::Value,
    more: Vec<serde_json::Value>,
) -> Vec<serde_json::Value> {
    let mut lb = json!({"LoadBalancerName": "legacy", "DNSName": "legacy-1234.us-east-1.elb.amazonaws.com",
        "Scheme": "internet-facing", "VPCId": "vpc-0a", "Subnets": ["subnet-0a", "subnet-0b"],
        "SecurityGroups": ["sg-0a"], "AvailabilityZones": ["us-east-1a", "us-east-1b"],
        "ListenerDescriptions": [{"Listener": {"Protocol": "HTTP", "LoadBalancerPort": 80,
            "InstanceProtocol": "HTTP", "InstancePort": 80}, "PolicyNames": []}],
        "Instances": [{"InstanceId": "i-0a"}], "CreatedTime": "2026-01-10T12:00:00.000Z"});
    if let (Some(o), Some(e)) = (lb.as_object_mut(), over.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    let mut calls = vec![call(
        "elb",
        "DescribeLoadBalancers",
        Some("us-east-1"),
        json!({}),
        json!({"LoadBalancerDescriptions": [lb]}),
    )];
    calls.extend(more);
    calls
}

/// `DescribeLoadBalancerAttributes` for `legacy`.
pub fn elb_cattrs(a: serde_json::Value) -> serde_json::Value {
    call(
        "elb",
        "DescribeLoadBalancerAttributes",
        Some("us-east-1"),
        json!({"LoadBalancerName": "legacy"}),
        json!({"LoadBalancerAttributes": a}),
    )
}

/// `ListDomainNames` + `DescribeDomain` for a domain whose status has these fields.
pub fn opensearch_domain(name: &str, status: serde_json::Value) -> Vec<serde_json::Value> {
    let mut s = json!({"DomainId": format!("123456789012/{name}"), "DomainName": name,
        "ARN": format!("arn:aws:es:us-east-1:123456789012:domain/{name}"), "Created": true, "Deleted": false,
        "EngineVersion": "OpenSearch_2.13", "AccessPolicies": ""});
    if let (Some(o), Some(e)) = (s.as_object_mut(), status.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    vec![
        call(
            "opensearch",
            "ListDomainNames",
            Some("us-east-1"),
            json!({}),
            json!({"DomainNames": [{"DomainName": name, "EngineType": "OpenSearch"}]}),
        ),
        call(
            "opensearch",
            "DescribeDomain",
            Some("us-east-1"),
            json!({"DomainName": name}),
            json!({"DomainStatus": s}),
        ),
    ]
}

pub fn rds_db(id: &str, fields: Value) -> Value {
    let mut d = json!({"DBInstanceIdentifier": id, "DBInstanceClass": "db.t3.micro", "Engine": "postgres",
        "DBInstanceStatus": "available", "EngineVersion": "16.3",
        "DBInstanceArn": format!("arn:aws:rds:us-east-1:123456789012:db:{id}"),
        "Endpoint": {"Address": format!("{id}.c8r4lp2xq1ze.us-east-1.rds.amazonaws.com"), "Port": 5432},
        "VpcSecurityGroups": [], "TagList": []});
    if let (Some(d), Some(f)) = (d.as_object_mut(), fields.as_object()) {
        for (k, v) in f {
            d.insert(k.clone(), v.clone());
        }
    }
    d
}

pub fn rds_inv(dbs: Vec<Value>) -> rampart_model::Inventory {
    inventory_in(
        &["eu-west-1", "us-east-1"],
        vec![
            call(
                "rds",
                "DescribeDBInstances",
                Some("us-east-1"),
                json!({}),
                json!({"DBInstances": dbs}),
            ),
            error(
                "rds",
                "DescribeDBInstances",
                Some("eu-west-1"),
                json!({}),
                "AccessDenied",
            ),
        ],
    )
}

/// A running instance in `subnet-1` / `vpc-1` with one network interface and no public
/// address, `over` merged in (as `DescribeInstances` prints it).
pub fn ec2_instance(id: &str, over: Value) -> Value {
    let mut i = json!({"InstanceId": id, "ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro",
        "LaunchTime": "2026-01-10T12:00:00+00:00", "State": {"Code": 16, "Name": "running"},
        "StateTransitionReason": "", "SubnetId": "subnet-1", "VpcId": "vpc-1",
        "PrivateIpAddress": "10.0.0.5", "SecurityGroups": [{"GroupName": "web", "GroupId": "sg-1"}],
        "NetworkInterfaces": [{"NetworkInterfaceId": format!("eni-{id}"), "SubnetId": "subnet-1",
            "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.5", "Groups": [{"GroupName": "web", "GroupId": "sg-1"}],
            "Ipv6Addresses": [], "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.0.5"}]}],
        "Tags": []});
    if let (Some(o), Some(e)) = (i.as_object_mut(), over.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    i
}

/// `DescribeInstances` in `region` with one reservation holding `instances`.
pub fn ec2_instances(region: &str, instances: Vec<Value>) -> Value {
    call(
        "ec2",
        "DescribeInstances",
        Some(region),
        json!({}),
        json!({"Reservations": [{"ReservationId": "r-0a1b2c3d", "OwnerId": ACCOUNT, "Groups": [],
               "Instances": instances}]}),
    )
}

/// A regional list call whose response holds `items` under `key` (`"Subnets"`, ...).
pub fn ec2_list(op: &str, region: &str, key: &str, items: Vec<Value>) -> Value {
    call("ec2", op, Some(region), json!({}), json!({ key: items }))
}

/// A DB cluster as `DescribeDBClusters` prints it, `fields` merged in.
pub fn rds_cluster(id: &str, fields: Value) -> Value {
    let mut c = json!({"DBClusterIdentifier": id, "Engine": "aurora-postgresql", "EngineVersion": "16.4",
        "EngineMode": "provisioned", "Status": "available", "Port": 5432, "MasterUsername": "acme_admin",
        "DBClusterArn": format!("arn:aws:rds:us-east-1:123456789012:cluster:{id}"),
        "AvailabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"], "MultiAZ": true,
        "StorageEncrypted": true, "DeletionProtection": true, "IAMDatabaseAuthenticationEnabled": true,
        "CopyTagsToSnapshot": true, "BackupRetentionPeriod": 7, "EnabledCloudwatchLogsExports": ["postgresql"],
        "DBClusterMembers": [{"DBInstanceIdentifier": format!("{id}-1"), "IsClusterWriter": true,
            "DBClusterParameterGroupStatus": "in-sync", "PromotionTier": 1}],
        "VpcSecurityGroups": [], "TagList": []});
    if let (Some(c), Some(f)) = (c.as_object_mut(), fields.as_object()) {
        for (k, v) in f {
            c.insert(k.clone(), v.clone());
        }
    }
    c
}

/// `DescribeDBClusters` in us-east-1 holding `clusters`; the call is denied in eu-west-1.
pub fn rds_cluster_inv(clusters: Vec<Value>) -> rampart_model::Inventory {
    inventory_in(
        &["eu-west-1", "us-east-1"],
        vec![
            call(
                "rds",
                "DescribeDBClusters",
                Some("us-east-1"),
                json!({}),
                json!({"DBClusters": clusters}),
            ),
            error(
                "rds",
                "DescribeDBClusters",
                Some("eu-west-1"),
                json!({}),
                "AccessDenied",
            ),
        ],
    )
}

/// RDS snapshots in us-east-1 (the eu-west-1 lists are denied): DB snapshots `acme-public`
/// (unencrypted, restorable by `all`), `acme-shared` (encrypted, shared with one account), an
/// automated one (encrypted, no attribute call) and `acme-unread` (unencrypted, attribute call
/// missing); DB cluster snapshot `acme-aurora-final` (encrypted, public).
pub fn rds_snapshot_inv() -> rampart_model::Inventory {
    let snap = |id: &str, kind: &str, encrypted: bool| {
        let mut s = json!({"DBSnapshotIdentifier": id, "DBInstanceIdentifier": "acme-db",
            "SnapshotCreateTime": "2026-11-19T03:10:00.000Z", "Engine": "postgres", "AllocatedStorage": 20,
            "Status": "available", "Port": 5432, "AvailabilityZone": "us-east-1a", "VpcId": "vpc-0a1",
            "MasterUsername": "acme_admin", "EngineVersion": "16.3", "SnapshotType": kind, "Encrypted": encrypted,
            "DBSnapshotArn": format!("arn:aws:rds:us-east-1:123456789012:snapshot:{id}"), "TagList": []});
        if encrypted {
            s["KmsKeyId"] = json!(
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            );
        }
        s
    };
    let attrs = |id: &str, values: Value| {
        call(
            "rds",
            "DescribeDBSnapshotAttributes",
            Some("us-east-1"),
            json!({"DBSnapshotIdentifier": id}),
            json!({"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": id,
                   "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": values}]}}),
        )
    };
    inventory_in(
        &["eu-west-1", "us-east-1"],
        vec![
            call(
                "rds",
                "DescribeDBSnapshots",
                Some("us-east-1"),
                json!({}),
                json!({"DBSnapshots": [snap("acme-public", "manual", false), snap("acme-shared", "manual", true),
                    snap("rds:acme-db-2026-11-19-03-10", "automated", true), snap("acme-unread", "manual", false)]}),
            ),
            attrs("acme-public", json!(["all"])),
            attrs("acme-shared", json!(["444455556666"])),
            error(
                "rds",
                "DescribeDBSnapshots",
                Some("eu-west-1"),
                json!({}),
                "AccessDenied",
            ),
            call(
                "rds",
                "DescribeDBClusterSnapshots",
                Some("us-east-1"),
                json!({}),
                json!({"DBClusterSnapshots": [{"AvailabilityZones": ["us-east-1a", "us-east-1b"],
                    "DBClusterSnapshotIdentifier": "acme-aurora-final", "DBClusterIdentifier": "acme-aurora",
                    "SnapshotCreateTime": "2026-10-01T00:00:00.000Z", "Engine": "aurora-postgresql",
                    "Status": "available", "Port": 0, "VpcId": "vpc-0a1", "MasterUsername": "acme_admin",
                    "SnapshotType": "manual", "StorageEncrypted": true,
                    "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "DBClusterSnapshotArn": "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:acme-aurora-final",
                    "TagList": []}]}),
            ),
            call(
                "rds",
                "DescribeDBClusterSnapshotAttributes",
                Some("us-east-1"),
                json!({"DBClusterSnapshotIdentifier": "acme-aurora-final"}),
                json!({"DBClusterSnapshotAttributesResult": {"DBClusterSnapshotIdentifier": "acme-aurora-final",
                    "DBClusterSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": ["all"]}]}}),
            ),
            error(
                "rds",
                "DescribeDBClusterSnapshots",
                Some("eu-west-1"),
                json!({}),
                "AccessDenied",
            ),
        ],
    )
}

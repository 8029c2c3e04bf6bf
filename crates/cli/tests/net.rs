//! `rampart net exposure` and `rampart net path` on the demo account (CONTRACT §5).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;

fn rampart() -> Command {
    let mut c = Command::cargo_bin("rampart").unwrap();
    c.env_remove("NO_COLOR");
    c
}

/// The embedded demo's calls (moto made the IDs: the tests find resources by name).
fn demo_calls() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-snapshot.json");
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["calls"].as_array().unwrap().clone()
}

fn named(v: &Value, name: &str) -> bool {
    v["Tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["Key"] == "Name" && t["Value"] == name))
}

/// The demo instance tagged `Name=name`: (instance ID, subnet ID).
fn instance(name: &str) -> (String, String) {
    for c in demo_calls() {
        if c["operation"] != "DescribeInstances" {
            continue;
        }
        for r in c["response"]["Reservations"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for i in r["Instances"].as_array().into_iter().flatten() {
                if named(i, name) {
                    let s = |k: &str| i[k].as_str().unwrap().to_string();
                    return (s("InstanceId"), s("SubnetId"));
                }
            }
        }
    }
    panic!("no demo instance named {name}")
}

/// The network ACL of a demo subnet.
fn acl_of(subnet: &str) -> String {
    for c in demo_calls() {
        if c["operation"] != "DescribeNetworkAcls" {
            continue;
        }
        for a in c["response"]["NetworkAcls"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let assoc = a["Associations"].as_array().into_iter().flatten();
            if assoc.clone().any(|x| x["SubnetId"] == subnet) {
                return a["NetworkAclId"].as_str().unwrap().to_string();
            }
        }
    }
    panic!("no network ACL for {subnet}")
}

#[test]
fn demo_exposure_json_follows_the_contract() {
    let out = rampart()
        .args(["net", "exposure", "--demo", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ex = v["exposures"].as_array().unwrap();
    for e in ex {
        for k in ["resource", "address", "protocol", "ports", "from", "path"] {
            assert!(e.get(k).is_some(), "exposure lacks `{k}`: {e}");
        }
        assert!(["tcp", "udp", "icmp", "all"].contains(&e["protocol"].as_str().unwrap()));
    }
    let has = |id: &str, port: u64| {
        ex.iter().any(|e| {
            e["resource"]["id"] == id
                && e["ports"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r[0].as_u64().unwrap() <= port && port <= r[1].as_u64().unwrap())
        })
    };
    let (bastion, _) = instance("acme-bastion");
    let (jumpbox, _) = instance("acme-jumpbox-old");
    let (app, _) = instance("acme-app-1");
    let (stopped, _) = instance("legacy-batch");
    // The bastion: SSH open behind the internet gateway.
    assert!(has(&bastion, 22));
    // The old jumpbox: its group allows SSH but its subnet's network ACL denies it.
    assert!(!ex.iter().any(|e| e["resource"]["id"] == jumpbox.as_str()));
    // The private app instance behind the public ALB.
    assert!(has(&app, 8080));
    assert!(has("acme-web-alb", 443));
    // The stopped instance and the private database are not listed.
    assert!(!ex.iter().any(|e| e["resource"]["id"] == stopped.as_str()));
    assert!(
        !ex.iter()
            .any(|e| e["resource"]["id"] == "acme-prod-postgres")
    );
}

#[test]
fn path_names_the_rule_that_stops_traffic() {
    let (jumpbox, subnet) = instance("acme-jumpbox-old");
    let (bastion, _) = instance("acme-bastion");
    rampart()
        .args(["net", "path", "--demo", "--to", &jumpbox, "--port", "22"])
        .assert()
        .success()
        .stdout(predicates::str::contains("BLOCKED"))
        .stdout(predicates::str::contains(format!(
            "{} rule 90 deny",
            acl_of(&subnet)
        )));
    rampart()
        .args(["net", "path", "--demo", "--to", &bastion, "--port", "22"])
        .assert()
        .success()
        .stdout(predicates::str::contains("REACHABLE"));
}

#[test]
fn unknown_resource_and_bad_file_exit_2() {
    rampart()
        .args(["net", "path", "--demo", "--to", "i-nope", "--port", "22"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("i-nope"));
    rampart()
        .args(["net", "exposure", "--snapshot", "/nonexistent/snap.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/nonexistent/snap.json"));
}

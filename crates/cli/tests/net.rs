//! `rampart net exposure` and `rampart net path` on the demo account (CONTRACT §5).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use serde_json::Value;

fn rampart() -> Command {
    let mut c = Command::cargo_bin("rampart").unwrap();
    c.env_remove("NO_COLOR");
    c
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
    // The bastion: SSH open behind the internet gateway.
    assert!(has("i-0c6e8a1f3b5d79024", 22));
    // The old jumpbox: its group allows SSH but its subnet's network ACL denies it.
    assert!(
        !ex.iter()
            .any(|e| e["resource"]["id"] == "i-0b8d2f4a6c1e39571")
    );
    // The private app instance behind the public ALB.
    assert!(has("i-0d9f1b3a5c7e24683", 8080));
    assert!(has("acme-web-alb", 443));
    // The stopped instance and the private database are not listed.
    assert!(
        !ex.iter()
            .any(|e| e["resource"]["id"] == "i-07b1d3f5a9c2e4608")
    );
    assert!(
        !ex.iter()
            .any(|e| e["resource"]["id"] == "acme-prod-postgres")
    );
}

#[test]
fn path_names_the_rule_that_stops_traffic() {
    rampart()
        .args([
            "net",
            "path",
            "--demo",
            "--to",
            "i-0b8d2f4a6c1e39571",
            "--port",
            "22",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("BLOCKED"))
        .stdout(predicates::str::contains(
            "acl-0f3b5d7a9c1e24682 rule 90 deny",
        ));
    rampart()
        .args([
            "net",
            "path",
            "--demo",
            "--to",
            "i-0c6e8a1f3b5d79024",
            "--port",
            "22",
        ])
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

//! End-to-end tests of `rampart frameworks`, `scan --framework` compliance reports and
//! `scan --mutelist`: real processes, real files, exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::io::Write;

/// The demo snapshot's collection time, so expiry and ages are deterministic.
const NOW: &str = "2026-11-23T10:00:00Z";

fn rampart() -> Command {
    let mut c = Command::cargo_bin("rampart").expect("binary built");
    c.env_remove("NO_COLOR");
    c
}

fn json_of(args: &[&str]) -> Value {
    let out = rampart().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write");
    (dir, path)
}

const KEYS: [&str; 8] = [
    "cis-aws-foundations-5.0",
    "aws-fsbp",
    "pci-dss-4.0",
    "nist-800-53-r5",
    "iso-27001-2022",
    "hipaa",
    "soc2",
    "hkma-tm-e-1",
];

#[test]
fn frameworks_list_json_names_every_framework_with_its_source() {
    let v = json_of(&["frameworks", "list", "--format", "json"]);
    let list = v.as_array().expect("array");
    let keys: Vec<&str> = list.iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, KEYS);
    for f in list {
        assert!(f["requirements"].as_u64().unwrap() > 0, "{f}");
        assert!(f["source"]["url"].as_str().unwrap().starts_with("https://"));
        let p = f["coverage_percent"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&p));
    }
    let cis = &list[0];
    assert_eq!(cis["requirements"], 63);
    assert!(cis["manual_requirements"].as_u64().unwrap() >= 4);
}

#[test]
fn frameworks_list_table_and_unknown_key() {
    rampart()
        .args(["frameworks", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("pci-dss-4.0").and(predicate::str::contains("%")));
    rampart()
        .args(["frameworks", "show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown framework `nope`"));
    rampart()
        .args(["scan", "--demo", "--framework", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hkma-tm-e-1"));
}

#[test]
fn frameworks_show_lists_requirements_and_checks() {
    let v = json_of(&["frameworks", "show", "cis", "--format", "json"]);
    let reqs = v["requirements"].as_array().unwrap();
    let r14 = reqs.iter().find(|r| r["id"] == "1.4").unwrap();
    assert!(
        r14["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "iam.root_mfa")
    );
    let r56 = reqs.iter().find(|r| r["id"] == "5.6").unwrap();
    assert_eq!(r56["assessment"], "manual");
    assert!(r56["procedure"].as_str().unwrap().contains("peering"));
}

#[test]
fn scan_framework_json_adds_a_compliance_report() {
    let v = json_of(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--now",
        NOW,
        "--framework",
        "cis",
    ]);
    // The findings document is unchanged in shape.
    assert!(v["findings"].as_array().unwrap().len() > 10);
    let c = &v["compliance_report"];
    assert_eq!(c["rampart_compliance_report"], 1);
    assert_eq!(c["framework"]["key"], "cis-aws-foundations-5.0");
    assert_eq!(c["summary"]["requirements"], 63);
    let by: u64 = c["summary"]["by_status"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by, 63);
    let reqs = c["requirements"].as_array().unwrap();
    let get = |id: &str| reqs.iter().find(|r| r["id"] == id).unwrap();
    // The demo's root user has MFA but no hardware device (iam.root_hardware_mfa fails).
    assert_eq!(get("1.5")["status"], "FAIL");
    let failing = get("1.5")["failing_resources"].as_array().unwrap();
    assert_eq!(failing[0]["resource"]["type"], "AWS::::Account");
    assert_eq!(failing[0]["check_id"], "iam.root_hardware_mfa");
    // Every failing resource points at a FAIL finding of the same document.
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "FAIL")
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    for r in reqs {
        for f in r["failing_resources"].as_array().unwrap() {
            assert!(ids.contains(&f["finding_id"].as_str().unwrap()));
        }
    }
    assert_eq!(get("1.3")["status"], "PASS");
    // Manual recommendations are MANUAL with the procedure, never PASS.
    let r11 = get("1.1");
    assert_eq!(r11["status"], "MANUAL");
    assert!(
        r11["procedure"]
            .as_str()
            .unwrap()
            .contains("get-contact-information")
    );
    let cov = c["summary"]["coverage_percent"].as_f64().unwrap();
    assert!(cov > 0.0 && cov < 100.0, "{cov}");
}

#[test]
fn findings_carry_every_framework_that_names_their_check() {
    let v = json_of(&["scan", "--demo", "--format", "json", "--now", NOW]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check_id"] == "iam.root_mfa")
        .unwrap();
    let c = f["compliance"].as_object().unwrap();
    assert_eq!(c["cis-aws-foundations-5.0"], serde_json::json!(["1.4"]));
    for key in [
        "aws-fsbp",
        "nist-800-53-r5",
        "pci-dss-4.0",
        "hipaa",
        "hkma-tm-e-1",
    ] {
        assert!(c.contains_key(key), "missing {key}: {c:?}");
    }
}

#[test]
fn scan_framework_filters_checks_and_prints_a_requirements_table() {
    let out = rampart()
        .args([
            "scan",
            "--demo",
            "--now",
            NOW,
            "--no-color",
            "--framework",
            "hkma-tm-e-1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Compliance: HKMA"), "{text}");
    assert!(text.contains("MANUAL") && text.contains("FAIL"));
    assert!(text.contains("coverage"));
    // PCI DSS maps only some checks: the scan runs fewer than all of them.
    let all = json_of(&["scan", "--demo", "--format", "json", "--now", NOW]);
    let pci = json_of(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--now",
        NOW,
        "--framework",
        "pci-dss-4.0",
    ]);
    let n = |v: &Value| v["findings"].as_array().unwrap().len();
    assert!(n(&pci) > 0 && n(&pci) <= n(&all));
    for f in pci["findings"].as_array().unwrap() {
        assert!(f["compliance"]["pci-dss-4.0"].is_array(), "{f}");
    }
}

const MUTELIST: &str = r#"version: 1
mute:
  # carol is the CI user
  - check: "iam.user_*"
    resource: "arn:aws:iam::*:user/carol"
    reason: "CI user; keys rotated by Vault (SEC-42)"
  - check: "ec2.*"
    expires: 2026-01-01
    reason: "expired exception"
"#;

#[test]
fn mutelist_mutes_with_reason_and_expired_entries_warn() {
    let (_d, path) = write_temp("mute.yaml", MUTELIST);
    let out = rampart()
        .args([
            "scan",
            "--demo",
            "--format",
            "json",
            "--now",
            NOW,
            "--mutelist",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mute.yaml:7") && stderr.contains("expired"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let muted: Vec<&Value> = findings.iter().filter(|f| f["status"] == "MUTED").collect();
    assert!(!muted.is_empty());
    for f in &muted {
        assert!(f["check_id"].as_str().unwrap().starts_with("iam.user_"));
        assert_eq!(f["resource"]["id"], "carol");
        assert_eq!(
            f["muted"]["reason"],
            "CI user; keys rotated by Vault (SEC-42)"
        );
        assert_eq!(f["muted"]["original_status"], "FAIL");
        assert!(
            f["muted"]["rule"]
                .as_str()
                .unwrap()
                .ends_with("mute.yaml:4")
        );
    }
    assert_eq!(v["summary"]["by_status"]["MUTED"], muted.len());
    // The expired entry muted nothing.
    assert!(
        findings
            .iter()
            .any(|f| f["check_id"].as_str().unwrap().starts_with("ec2.") && f["status"] == "FAIL")
    );
    // Other users' findings stay FAIL.
    assert!(
        findings
            .iter()
            .any(|f| f["check_id"] == "iam.user_console_mfa"
                && f["resource"]["id"] == "bob"
                && f["status"] == "FAIL")
    );
}

#[test]
fn mutelist_counts_in_the_compliance_report() {
    let (_d, path) = write_temp("mute.yaml", MUTELIST);
    let v = json_of(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--now",
        NOW,
        "--framework",
        "cis",
        "--mutelist",
        path.to_str().unwrap(),
    ]);
    let reqs = v["compliance_report"]["requirements"].as_array().unwrap();
    // CIS 1.12 (one active key) fails only for carol in the demo: muted, so it passes.
    let r = reqs.iter().find(|r| r["id"] == "1.12").unwrap();
    assert_eq!(r["status"], "PASS", "{r}");
    assert_eq!(r["checks"][0]["counts"]["MUTED"], 1);
}

#[test]
fn bad_mutelist_exits_2_naming_file_line_and_column() {
    let (_d, path) = write_temp("bad.yaml", "mute:\n  - check: iam.*\n    reson: typo\n");
    rampart()
        .args(["scan", "--demo", "--mutelist"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.yaml:3:5: unknown field `reson`",
        ));
    let (_d2, path) = write_temp("noreason.yaml", "mute:\n  - check: iam.*\n");
    rampart()
        .args(["scan", "--demo", "--mutelist"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("noreason.yaml:2:").and(predicate::str::contains("reason")),
        );
    let (_d3, path) = write_temp("broken.yaml", "mute: [\n  - {\n");
    rampart()
        .args(["scan", "--demo", "--mutelist"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.yaml:"));
    rampart()
        .args(["scan", "--demo", "--mutelist", "/nonexistent/m.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/m.yaml"));
}

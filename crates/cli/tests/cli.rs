//! End-to-end tests of the `rampart` binary: real processes, real files, exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::io::Write;

fn rampart() -> Command {
    let mut c = Command::cargo_bin("rampart").expect("binary built");
    c.env_remove("NO_COLOR");
    c
}

fn scan_json(args: &[&str]) -> Value {
    let out = rampart()
        .args(["scan", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write");
    (dir, path)
}

#[test]
fn demo_json_follows_the_contract() {
    let v = scan_json(&["--demo"]);
    assert_eq!(v["tool"]["name"], "rampart");
    assert_eq!(v["source"]["kind"], "snapshot");
    assert_eq!(v["source"]["account_id"], "123456789012");
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(v["summary"]["total"].as_u64(), Some(findings.len() as u64));
    let mut fails = 0;
    for f in findings {
        for key in [
            "id",
            "check_id",
            "title",
            "status",
            "severity",
            "resource",
            "message",
            "evidence",
            "compliance",
            "remediation",
        ] {
            assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
        }
        assert!(["PASS", "FAIL", "UNKNOWN", "MUTED"].contains(&f["status"].as_str().unwrap()));
        assert!(
            ["critical", "high", "medium", "low", "info"]
                .contains(&f["severity"].as_str().unwrap())
        );
        assert_eq!(f["id"].as_str().unwrap().len(), 32);
        let r = &f["resource"];
        assert!(r["type"].as_str().unwrap().starts_with("AWS::"));
        assert_eq!(r["account_id"], "123456789012");
        if f["status"] == "FAIL" {
            fails += 1;
        }
    }
    assert_eq!(v["summary"]["by_status"]["FAIL"].as_u64(), Some(fails));
    // The demo is built to fail known checks.
    let failed = |check: &str, id: &str| {
        findings
            .iter()
            .any(|f| f["check_id"] == check && f["resource"]["id"] == id && f["status"] == "FAIL")
    };
    assert!(failed("iam.user_console_mfa", "bob"));
    assert!(failed("iam.root_hardware_mfa", "123456789012"));
    assert!(failed("iam.policy_full_admin_attached", "AcmeFullAdmin"));
    let root_key = findings
        .iter()
        .find(|f| f["check_id"] == "iam.root_access_key")
        .expect("root key finding");
    assert_eq!(root_key["compliance"]["aws-fsbp"], json!(["IAM.4"]));
    assert_eq!(
        root_key["compliance"]["cis-aws-foundations-5.0"],
        json!(["1.3"])
    );
    // Other frameworks reach the check through its controls (crates/checks/frameworks).
    assert!(root_key["compliance"]["nist-800-53-r5"].is_array());
    assert_eq!(root_key["resource"]["type"], "AWS::::Account");
    assert_eq!(
        root_key["resource"]["arn"],
        "arn:aws:iam::123456789012:root"
    );
}

#[test]
fn finding_ids_are_stable_across_runs() {
    let ids = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&scan_json(&["--demo"])), ids(&scan_json(&["--demo"])));
}

#[test]
fn table_is_grouped_by_severity_with_a_summary_and_no_colour_when_piped() {
    rampart()
        .args(["scan", "--demo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("CRITICAL ("))
        .stdout(predicate::str::contains("iam.user_console_mfa"))
        .stdout(predicate::str::contains("Account 123456789012 ·"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn fail_on_sets_exit_code_one() {
    rampart()
        .args(["scan", "--demo", "--fail-on", "critical"])
        .assert()
        .code(1);
    // Only the password-reuse check (low severity) runs: a FAIL below the bar keeps status 0.
    rampart()
        .args([
            "scan",
            "--demo",
            "--checks",
            "iam.password_policy_reuse",
            "--fail-on",
            "high",
        ])
        .assert()
        .code(0);
    rampart()
        .args(["scan", "--demo", "--fail-on", "severe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a severity"));
}

#[test]
fn checks_and_framework_select() {
    let v = scan_json(&["--demo", "--checks", "iam.root_mfa,iam.root_access_key"]);
    let ids: std::collections::BTreeSet<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids.into_iter().collect::<Vec<_>>(),
        vec!["iam.root_access_key", "iam.root_mfa"]
    );
    let v = scan_json(&["--demo", "--framework", "aws-fsbp"]);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["compliance"].get("aws-fsbp").is_some())
    );
    rampart()
        .args(["scan", "--demo", "--checks", "iam.nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`iam.nope`"));
    rampart()
        .args(["scan", "--demo", "--framework", "sox"])
        .assert()
        .code(2);
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("findings.json");
    rampart()
        .args(["scan", "--demo", "--format", "json", "--output"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(v["summary"]["total"].as_u64().unwrap() > 10);
    // The file holds the same findings as stdout.
    let stdout = scan_json(&["--demo"]);
    assert_eq!(v["findings"], stdout["findings"]);
    // A file that cannot be created: exit 2 with the path, for JSON and table alike.
    let bad = dir.path().join("no-such-dir").join("f.json");
    for format in ["json", "table"] {
        rampart()
            .args(["scan", "--demo", "--format", format, "--output"])
            .arg(&bad)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("no-such-dir")
                    .and(predicate::str::contains("cannot write")),
            );
    }
}

#[test]
fn bad_snapshots_exit_2_naming_the_file_and_place() {
    let (_d, truncated) = write_temp(
        "cut.json",
        br#"{"rampart_snapshot": 1, "account_id": "123456789012", "calls": [{"service": "iam""#,
    );
    rampart()
        .args(["scan", "--snapshot"])
        .arg(&truncated)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cut.json: line 1 column"));
    let (_d, wrong) = write_temp("wrong.json", br#"{"rampart_snapshot": 1, "account_id": "123456789012", "calls": [
        {"service": "iam", "operation": "GetAccountSummary", "region": null, "response": {"SummaryMap": [1, 2]}}]}"#);
    rampart()
        .args(["scan", "--snapshot"])
        .arg(&wrong)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "calls[0] (iam GetAccountSummary) at `response.SummaryMap`",
        ));
    let (_d, fake_gz) = write_temp("snap.json.gz", b"plain text");
    rampart()
        .args(["scan", "--snapshot"])
        .arg(&fake_gz)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not gzip"));
    rampart()
        .args(["scan", "--snapshot", "/nonexistent/snap.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/snap.json: cannot read",
        ));
    let (_d, big) = write_temp("big.json", &vec![b' '; 3 << 20]);
    rampart()
        .args(["scan", "--max-snapshot-mb", "1", "--snapshot"])
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than the limit"));
}

#[test]
fn missing_data_is_unknown_never_pass() {
    let snap = json!({"rampart_snapshot": 1, "account_id": "123456789012", "collected_at": "2026-11-20T09:00:00Z",
        "regions": ["us-east-1"], "calls": [
            {"service": "iam", "operation": "GetCredentialReport", "region": null, "params": {},
             "error": {"code": "AccessDenied", "message": "not authorized"}}]});
    let (_d, path) = write_temp("denied.json", &serde_json::to_vec(&snap).unwrap());
    let v = scan_json(&["--snapshot", path.to_str().unwrap()]);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(
        findings.iter().all(|f| f["status"] == "UNKNOWN"),
        "{findings:#?}"
    );
    let mfa = findings
        .iter()
        .find(|f| f["check_id"] == "iam.user_console_mfa")
        .unwrap();
    assert!(
        mfa["message"]
            .as_str()
            .unwrap()
            .contains("iam GetCredentialReport was denied")
    );
    assert_eq!(mfa["evidence"]["missing"]["code"], "AccessDenied");
}

#[test]
fn snapshot_from_stdin_and_gzip() {
    let out = rampart()
        .args(["scan", "--format", "json", "--snapshot", "-"])
        .write_stdin(
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/demo-snapshot.json"
            ))
            .unwrap(),
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"], scan_json(&["--demo"])["summary"]);
}

#[test]
fn checks_list_and_show() {
    let out = rampart()
        .args(["checks", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.len() >= 15);
    let mfa = list.iter().find(|c| c["id"] == "iam.root_mfa").unwrap();
    assert_eq!(mfa["compliance"]["cis-aws-foundations-5.0"], json!(["1.4"]));
    assert_eq!(mfa["source"], "crates/checks/src/iam/root_mfa.rs");
    assert!(!mfa["remediation"].as_str().unwrap().is_empty());
    rampart()
        .args(["checks", "show", "iam.root_mfa"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "crates/checks/src/iam/root_mfa.rs:",
        ))
        .stdout(predicate::str::contains("## Why it matters"));
    rampart()
        .args(["checks", "show", "iam.nope"])
        .assert()
        .code(2);
    rampart()
        .args(["checks", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("IAM.4"));
}

#[test]
fn usage_errors_exit_2() {
    rampart().args(["scan"]).assert().code(2);
    rampart()
        .args(["scan", "--demo", "--format", "xml"])
        .assert()
        .code(2);
    if cfg!(feature = "live") {
        // Built with the collector and no credentials anywhere: a clear error, exit 2.
        let none = std::env::temp_dir().join("rampart-no-such-aws-config");
        rampart()
            .args(["scan", "--live", "--regions", "us-east-1"])
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_WEB_IDENTITY_TOKEN_FILE")
            .env_remove("AWS_CONTAINER_CREDENTIALS_FULL_URI")
            .env_remove("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
            .env("AWS_CONFIG_FILE", &none)
            .env("AWS_SHARED_CREDENTIALS_FILE", &none)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("sts GetCallerIdentity")
                    .and(predicate::str::contains("credentials"))
                    .and(predicate::str::contains("DispatchFailure {").not()),
            );
    } else {
        // Built without the collector: the message says how to get it.
        rampart()
            .args(["scan", "--live"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--live"));
    }
    rampart().args(["frobnicate"]).assert().code(2);
}

#[test]
fn iam_simulate_answers_json_lines_in_order_with_errors_per_line() {
    let allow = json!({"id": "a", "principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
        "resource": "arn:aws:s3:::bucket/key.txt", "resource_account": "111111111111",
        "identity_policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}]});
    let deny = json!({"id": "b", "principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:PutObject",
        "resource": "arn:aws:s3:::bucket/key.txt", "resource_account": "111111111111",
        "identity_policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}]});
    let input = format!("{allow}\n{{not json\n{deny}\n");
    let (_d, path) = write_temp("req.jsonl", input.as_bytes());
    let out = rampart()
        .args(["iam", "simulate", "--request"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["decision"], "Allow");
    assert!(lines[1].get("error").is_some(), "{}", lines[1]);
    assert_eq!(lines[2]["decision"], "ImplicitDeny");
    rampart()
        .args(["iam", "simulate", "--request", "/nonexistent/req.json"])
        .assert()
        .code(2);
}

#[test]
fn iam_lint_reports_findings_and_bad_files() {
    let policy =
        br#"{"Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*"}]}"#;
    let (_d, path) = write_temp("p.json", policy);
    let out = rampart()
        .args(["iam", "lint", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"MISSING_VERSION"), "{codes:?}");
    assert!(
        codes.contains(&"PASS_ROLE_WITH_STAR_IN_RESOURCE"),
        "{codes:?}"
    );
    rampart()
        .args(["iam", "lint", "--fail-on", "SECURITY_WARNING"])
        .arg(&path)
        .assert()
        .code(1);
    let (_d2, bad) = write_temp("bad.json", b"{\"Statement\": [");
    rampart()
        .args(["iam", "lint"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json"));
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `rampart checks list --format json | head -c 100`: the ~400 KB document does not fit the
    // pipe, so writing goes on after the reader has gone (EPIPE). That must end the command
    // quietly with status 0, not panic (status 101) as `println!` does.
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args(["checks", "list", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's read end is closed here, with most of the document unwritten.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(first.starts_with(b"["));
}

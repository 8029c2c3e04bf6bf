//! Snapshot loading: the error paths (every bad input names the file and the place, never
//! panics) and the meaning of error entries (absent versus unknown).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use flate2::Compression;
use flate2::write::GzEncoder;
use rampart_model::{GapKind, LoadOptions, load_snapshot};
use serde_json::json;
use std::io::Write;

fn load(bytes: &[u8]) -> Result<rampart_model::Loaded, rampart_model::LoadError> {
    load_snapshot("acct.json", bytes, &LoadOptions::default())
}

fn err(bytes: &[u8]) -> String {
    match load(bytes) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn snapshot(calls: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec_pretty(&json!({
        "rampart_snapshot": 1, "account_id": "123456789012", "partition": "aws",
        "collected_at": "2026-11-20T09:00:00Z", "regions": ["us-east-1"], "calls": calls
    }))
    .unwrap()
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

#[test]
fn plain_and_gzip_load_the_same() {
    let s = snapshot(
        json!([{"service": "iam", "operation": "GetAccountSummary", "region": null,
        "params": {}, "response": {"SummaryMap": {"AccountMFAEnabled": 1}}}]),
    );
    let a = load(&s).unwrap().inventory;
    let b = load_snapshot("acct.json.gz", &gzip(&s), &LoadOptions::default())
        .unwrap()
        .inventory;
    assert_eq!(a.iam.account_summary, b.iam.account_summary);
    assert_eq!(a.iam.account_summary.unwrap()["AccountMFAEnabled"], 1);
}

#[test]
fn truncated_file_names_line_and_column() {
    let s = snapshot(json!([]));
    let cut = &s[..s.len() - 5];
    let e = err(cut);
    assert!(e.starts_with("acct.json: line "), "{e}");
    assert!(e.contains("EOF"), "{e}");
}

#[test]
fn wrong_type_names_call_and_json_path() {
    let s = snapshot(json!([
        {"service": "iam", "operation": "GetAccountSummary", "region": null, "params": {},
         "response": {"SummaryMap": {"AccountMFAEnabled": 1}}},
        {"service": "iam", "operation": "GetAccountAuthorizationDetails", "region": null, "params": {},
         "response": {"UserDetailList": [{"UserName": "bob", "Arn": "arn:aws:iam::123456789012:user/bob",
                                          "CreateDate": "yesterday"}]}}
    ]));
    let e = err(&s);
    assert!(
        e.contains("calls[1] (iam GetAccountAuthorizationDetails)"),
        "{e}"
    );
    assert!(e.contains("response.UserDetailList[0].CreateDate"), "{e}");
    assert!(e.contains("line "), "{e}");
}

#[test]
fn wrong_type_in_a_list_reports_the_line_in_the_file() {
    let s = snapshot(
        json!([{"service": "iam", "operation": "ListServerCertificates", "region": null,
        "params": {}, "response": {"ServerCertificateMetadataList": "nope"}}]),
    );
    let text = String::from_utf8(s.clone()).unwrap();
    let want = text.lines().position(|l| l.contains("\"nope\"")).unwrap() + 1;
    let e = err(&s);
    assert!(
        e.contains(&format!("line {want} ")),
        "expected line {want}: {e}"
    );
    assert!(e.contains("response.ServerCertificateMetadataList"), "{e}");
}

#[test]
fn not_gzip_random_bytes_and_non_utf8_are_errors() {
    let e =
        load_snapshot("x.json.gz", b"{\"not\": \"gzip\"}", &LoadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("not gzip"), "{e}");
    let mut bad_gz = gzip(&snapshot(json!([])));
    let n = bad_gz.len();
    bad_gz.truncate(n / 2);
    assert!(err(&bad_gz).contains("gzip"), "truncated gzip");
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let e = err(&random);
    assert!(e.starts_with("acct.json: "), "{e}");
    assert!(err(b"{\"a\": \"\xff\xfe\"}").contains("not UTF-8"));
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Where a call should be: rejected as not a call.
    let top =
        format!(r#"{{"rampart_snapshot": 1, "account_id": "123456789012", "calls": [{deep}]}}"#);
    assert!(err(top.as_bytes()).contains("calls[0]"));
    // Inside a policy document, which is kept as JSON text: rejected by the depth check.
    let doc = format!(
        r#"{{"rampart_snapshot": 1, "account_id": "123456789012", "calls": [{{"service": "iam",
        "operation": "GetAccountAuthorizationDetails", "region": null, "response": {{"UserDetailList": [
        {{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a", "CreateDate": null,
          "UserPolicyList": [{{"PolicyName": "p", "PolicyDocument": {{"Statement": {deep}}}}}]}}]}}}}]}}"#
    );
    let e = err(doc.as_bytes());
    assert!(e.contains("nested deeper"), "{e}");
    assert!(e.contains("UserPolicyList[0].PolicyDocument"), "{e}");
}

#[test]
fn size_cap_applies_to_plain_and_decompressed_input() {
    let s = snapshot(json!([]));
    let opts = LoadOptions { max_bytes: 64 };
    let e = load_snapshot("big.json", &s, &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("larger than the limit"), "{e}");
    // A gzip bomb: small compressed, large decompressed.
    let bomb = gzip(&vec![b' '; 10 << 20]);
    assert!(bomb.len() < 1 << 20);
    let e = load_snapshot("bomb.json.gz", &bomb, &LoadOptions { max_bytes: 1 << 20 }).unwrap_err();
    assert!(e.to_string().contains("larger than the limit"), "{e}");
}

#[test]
fn envelope_problems_are_named() {
    assert!(err(b"[]").contains("must be a JSON object"));
    assert!(err(b"").contains("empty"));
    assert!(err(br#"{"account_id": "123456789012", "calls": []}"#).contains("rampart_snapshot"));
    assert!(
        err(br#"{"rampart_snapshot": 2, "account_id": "123456789012", "calls": []}"#)
            .contains("version 2")
    );
    assert!(
        err(br#"{"rampart_snapshot": 1, "account_id": "12345", "calls": []}"#).contains("12-digit")
    );
    let e = err(br#"{"rampart_snapshot": 1, "account_id": "123456789012", "regions": "us-east-1", "calls": []}"#);
    assert!(e.contains("`regions`"), "{e}");
    let e = err(&snapshot(
        json!([{"service": "iam", "region": null, "response": {}}]),
    ));
    assert!(
        e.contains("calls[0]") && e.contains("`operation` is missing"),
        "{e}"
    );
    let e = err(&snapshot(
        json!([{"service": "iam", "operation": "GetAccountSummary"}]),
    ));
    assert!(e.contains("needs a `response` or an `error`"), "{e}");
    let e = err(&snapshot(
        json!([{"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1",
        "params": {}, "response": {"Policy": "{}"}}]),
    ));
    assert!(e.contains("params.Bucket"), "{e}");
    let e = err(&snapshot(json!([5])));
    assert!(
        e.contains("calls[0]") && e.contains("must be a JSON object"),
        "{e}"
    );
    let e = err(&snapshot(
        json!([{"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1",
        "params": ["logs"], "response": {"Policy": "{}"}}]),
    ));
    assert!(e.contains("`params` must be an object"), "{e}");
    let e = err(&snapshot(
        json!([{"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1",
        "params": {"Bucket": 7}, "response": {"Policy": "{}"}}]),
    ));
    assert!(
        e.contains("params.Bucket") && e.contains("must be a string"),
        "{e}"
    );
}

#[test]
fn duplicate_call_members_and_params_take_the_last_value() {
    // JSON leaves duplicate keys open; like a map parse, the last one wins.
    let text = br#"{"rampart_snapshot": 1, "account_id": "123456789012", "regions": ["us-east-1"],
      "calls": [
        {"service": "s3", "operation": "ListBuckets", "region": null, "params": {},
         "response": {"Buckets": [{"Name": "logs"}, {"Name": "web"}]}},
        {"service": "s3", "operation": "GetBucketVersioning", "region": "us-east-1",
         "params": {"Bucket": "logs", "Bucket": "web"}, "response": {"Status": "Suspended"},
         "response": {"Status": "Enabled"}}
      ]}"#;
    let inv = load(text).unwrap().inventory;
    let buckets = inv.s3.buckets.unwrap();
    let web = buckets.iter().find(|b| b.name == "web").unwrap();
    assert!(web.versioning.as_ref().unwrap().enabled());
    let logs = buckets.iter().find(|b| b.name == "logs").unwrap();
    assert!(logs.versioning.is_err(), "nothing was recorded for `logs`");
}

#[test]
fn unknown_fields_services_and_operations_are_warnings() {
    let mut v: serde_json::Value = serde_json::from_slice(&snapshot(json!([
        {"service": "iam", "operation": "GetAccountSummary", "region": null, "params": {},
         "response": {"SummaryMap": {"Users": 2}, "SomeNewField": true}, "duration_ms": 12},
        {"service": "quantumledger", "operation": "ListThings", "region": "us-east-1", "response": {}},
        {"service": "iam", "operation": "ListUsers", "region": null, "response": {"Users": []}},
        {"service": "iam", "operation": "ListUsers", "region": null, "response": {"Users": []}}
    ]))).unwrap();
    v["collector"] = json!({"name": "other-tool"});
    let loaded = load(&serde_json::to_vec(&v).unwrap()).unwrap();
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("unknown top-level field `collector`")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w.contains("unknown field `duration_ms`")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w.contains("`quantumledger ListThings`")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("`iam ListUsers`") && w.contains("2 call(s)")),
        "{w:?}"
    );
    assert_eq!(loaded.inventory.iam.account_summary.unwrap()["Users"], 2);
}

#[test]
fn not_configured_is_absent_access_denied_is_unknown_missing_is_not_collected() {
    let s = snapshot(json!([
        {"service": "iam", "operation": "GetAccountPasswordPolicy", "region": null, "params": {},
         "error": {"code": "NoSuchEntity", "message": "The Password Policy with domain name 123456789012 cannot be found."}},
        {"service": "iam", "operation": "GetCredentialReport", "region": null, "params": {},
         "error": {"code": "AccessDenied", "message": "User is not authorized to perform: iam:GetCredentialReport"}}
    ]));
    let inv = load(&s).unwrap().inventory;
    assert!(matches!(inv.iam.password_policy, Ok(None)));
    let g = inv.iam.credential_report.unwrap_err();
    assert_eq!(g.kind, GapKind::AccessDenied);
    assert_eq!(g.code.as_deref(), Some("AccessDenied"));
    assert_eq!(inv.iam.users.unwrap_err().kind, GapKind::NotCollected);
}

#[test]
fn a_failed_page_makes_the_whole_list_unknown() {
    let page = |users: serde_json::Value| {
        json!({"service": "iam", "operation": "GetAccountAuthorizationDetails",
        "region": null, "params": {}, "response": {"UserDetailList": users, "GroupDetailList": [],
        "RoleDetailList": [], "Policies": []}})
    };
    let two = load(&snapshot(json!([
        page(json!([{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a", "CreateDate": null}])),
        page(json!([{"UserName": "b", "Arn": "arn:aws:iam::123456789012:user/b", "CreateDate": null}]))
    ]))).unwrap().inventory;
    assert_eq!(two.iam.users.unwrap().len(), 2);
    let broken = load(&snapshot(json!([
        page(json!([{"UserName": "a", "Arn": "arn:aws:iam::123456789012:user/a", "CreateDate": null}])),
        {"service": "iam", "operation": "GetAccountAuthorizationDetails", "region": null, "params": {},
         "error": {"code": "Throttling", "message": "Rate exceeded"}}
    ]))).unwrap().inventory;
    assert_eq!(broken.iam.users.unwrap_err().kind, GapKind::CallFailed);
}

#[test]
fn credential_report_accepts_base64_or_text_and_rejects_garbage() {
    let csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\nbob,arn:aws:iam::123456789012:user/bob,2025-01-01T00:00:00+00:00,true,no_information,2025-01-01T00:00:00+00:00,N/A,false,true,2025-01-01T00:00:00+00:00,2026-11-19T10:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(csv);
    for content in [b64.as_str(), csv] {
        let inv = load(&snapshot(
            json!([{"service": "iam", "operation": "GetCredentialReport", "region": null,
            "params": {}, "response": {"Content": content, "ReportFormat": "text/csv",
            "GeneratedTime": "2026-11-20T08:00:00+00:00"}}]),
        ))
        .unwrap()
        .inventory;
        let r = inv.iam.credential_report.unwrap();
        assert_eq!(r.rows.len(), 2);
        assert!(r.root().unwrap().mfa_active);
        let bob = r.users().next().unwrap();
        assert_eq!(bob.password_enabled, Some(true));
        assert!(bob.access_keys[0].active);
    }
    let bad = csv.replace(
        ",true,2025-01-01T00:00:00+00:00,2026",
        ",maybe,2025-01-01T00:00:00+00:00,2026",
    );
    let e = err(&snapshot(
        json!([{"service": "iam", "operation": "GetCredentialReport", "region": null,
        "params": {}, "response": {"Content": bad}}]),
    ));
    assert!(e.contains("row 2 (`bob`)") && e.contains("`maybe`"), "{e}");
}

#[test]
fn calls_about_unlisted_resources_are_warned_not_dropped_silently() {
    let s = snapshot(json!([
        {"service": "s3", "operation": "ListBuckets", "region": "us-east-1", "params": {},
         "response": {"Buckets": [{"Name": "listed", "CreationDate": "2025-01-01T00:00:00+00:00"}],
                      "Owner": {"ID": "abc"}}},
        {"service": "s3", "operation": "GetBucketPolicy", "region": "us-east-1", "params": {"Bucket": "ghost"},
         "response": {"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}}
    ]));
    let loaded = load(&s).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("bucket `ghost`")
                && w.message.contains("not in ListBuckets")),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(loaded.inventory.s3.buckets.unwrap().len(), 1);
}

#[test]
fn managed_policy_without_name_takes_it_from_the_arn() {
    // Regression: moto omits `PolicyName` in GetAccountAuthorizationDetails `Policies`; botocore
    // marks no member required, so such a file must load.
    let s = snapshot(
        json!([{"service": "iam", "operation": "GetAccountAuthorizationDetails", "region": null,
        "params": {}, "response": {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [],
        "Policies": [{"Arn": "arn:aws:iam::123456789012:policy/team/AcmeDev", "Path": "/team/",
                      "DefaultVersionId": "v1", "AttachmentCount": 0, "PolicyVersionList": []}]}}]),
    );
    let inv = load(&s).unwrap().inventory;
    assert_eq!(inv.iam.policies.unwrap()[0].policy_name, "AcmeDev");
}

#[test]
fn escaped_keys_are_read_like_plain_ones() {
    let text = r#"{"rampart_snapshot": 1, "account_id": "123456789012", "c\u0061lls": [
        {"serv\u0069ce": "iam", "operation": "GetAccountSummary", "region": null,
         "response": {"SummaryMap": {"Users": 7}}}]}"#;
    let inv = load(text.as_bytes()).unwrap().inventory;
    assert_eq!(inv.iam.account_summary.unwrap()["Users"], 7);
}

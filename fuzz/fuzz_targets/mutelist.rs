//! Fuzz the mutelist parser: any bytes must give a mutelist or an error naming a place, never a
//! panic; a parsed list must apply to a finding without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_checks::{Finding, Severity, Status};
use rampart_model::{ResourceRef, ResourceType, Timestamp};
use rampart_report::mutelist::{TagIndex, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(m) = parse("fuzz.yaml", text) else {
        return;
    };
    let mut f = vec![Finding {
        id: "x".into(),
        check_id: "iam.root_mfa",
        title: "t",
        status: Status::Fail,
        severity: Severity::High,
        resource: ResourceRef {
            kind: ResourceType::Account,
            id: "123456789012".into(),
            arn: Some("arn:aws:iam::123456789012:root".into()),
            region: Some("us-east-1".into()),
            account_id: "123456789012".into(),
        },
        message: "m".into(),
        evidence: serde_json::Value::Null,
        compliance: Default::default(),
        remediation: "".into(),
        muted: None,
    }];
    let mut tags = TagIndex::default();
    tags.add("123456789012", vec![("env".into(), "dev".into())]);
    if let Some(now) = Timestamp::parse("2026-11-23T10:00:00Z") {
        let _ = m.apply(&mut f, now, &tags);
    }
});

//! Fuzz the policy parser and, when a policy parses, the evaluator on a fixed request; and the
//! linter (`rampart iam lint`) for every policy type: none may panic on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_policy::{Context, NamedPolicy, Policy, PolicySet, Principal, Request, evaluate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for ty in ["identity", "resource", "scp", "rcp", "trust"] {
        if let Some(ty) = rampart_policy::LintPolicyType::parse(ty) {
            let _ = rampart_policy::lint(text, ty);
        }
    }
    if let Ok(p) = Policy::parse_str(text) {
        let _ = p.grants_full_admin();
        let _ = p.public_statements();
        for principal in [
            Some("arn:aws:iam::111111111111:user/alice"),
            Some("arn:aws:sts::111111111111:assumed-role/r/s"),
            None,
        ] {
            let Ok(pr) = Principal::parse(principal) else {
                continue;
            };
            let req = Request::new(pr, "s3:GetObject", "arn:aws:s3:::bucket/key")
                .with_context(
                    Context::new()
                        .with("aws:SourceIp", "203.0.113.7")
                        .with("aws:TagKeys", vec!["a".to_string(), "b".to_string()]),
                );
            let set = PolicySet {
                identity: vec![NamedPolicy::new("fuzz", &p)],
                resource: Some(NamedPolicy::new("fuzz-resource", &p)),
                ..PolicySet::default()
            };
            let _ = evaluate(&req, &set);
        }
    }
});

//! Read-only by construction: the SDK operations this crate's source invokes are all reads, and
//! the recorded operations are exactly those of `docs/snapshot-calls.md`.

use crate::OPERATIONS;
use std::collections::BTreeSet;
use std::path::Path;

/// Operations that are called but not recorded: which account, which regions, and asking IAM
/// to prepare the credential report.
const UNRECORDED: &[&str] = &[
    "get_caller_identity",
    "describe_regions",
    "generate_credential_report",
];

fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("src readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("tests.rs") {
                let text = std::fs::read_to_string(&p).expect("source readable");
                out.push((p.display().to_string(), text));
            }
        }
    }
    out
}

/// The operation (first method) of every SDK request chain that ends in `.send()` or
/// `.into_paginator()`: `c.get_bucket_policy().bucket(b).send()` gives `get_bucket_policy`.
fn invoked_operations(src: &str) -> Vec<String> {
    let s: Vec<u8> = src.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut ops = Vec::new();
    for end_marker in [&b".send()"[..], &b".into_paginator()"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&s[from..], end_marker).map(|p| p + from) {
            from = pos + 1;
            // Walk back over `.method(args)` segments to the first one of the chain.
            let mut i = pos; // index of the '.' before send/into_paginator
            let mut first = None;
            while i > 0 && s[i - 1] == b')' {
                let mut depth = 0i32;
                let mut j = i - 1;
                loop {
                    match s[j] {
                        b')' => depth += 1,
                        b'(' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 || j == 0 {
                        break;
                    }
                    j -= 1;
                }
                let mut k = j;
                while k > 0 && (s[k - 1].is_ascii_alphanumeric() || s[k - 1] == b'_') {
                    k -= 1;
                }
                if k == 0 || s[k - 1] != b'.' || k == j {
                    break;
                }
                first = Some(String::from_utf8_lossy(&s[k..j]).into_owned());
                i = k - 1;
            }
            if let Some(op) = first {
                ops.push(op);
            }
        }
    }
    ops
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `DescribeDBInstances` → `describe_db_instances`, as the SDK names its methods.
fn snake(op: &str) -> String {
    let c: Vec<char> = op.chars().collect();
    let mut out = String::new();
    for (i, ch) in c.iter().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            let prev_lower = c[i - 1].is_ascii_lowercase() || c[i - 1].is_ascii_digit();
            let next_lower = c.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            // An acronym's plural stays one word: `ListWebACLs` is `list_web_acls`.
            let plural =
                c.get(i + 1) == Some(&'s') && c.get(i + 2).is_none_or(|n| n.is_ascii_uppercase());
            if prev_lower || (c[i - 1].is_ascii_uppercase() && next_lower && !plural) {
                out.push('_');
            }
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

#[test]
fn snake_case_names_match_the_sdk() {
    assert_eq!(snake("DescribeDBInstances"), "describe_db_instances");
    assert_eq!(snake("ListVirtualMFADevices"), "list_virtual_mfa_devices");
    assert_eq!(
        snake("GetEbsEncryptionByDefault"),
        "get_ebs_encryption_by_default"
    );
    assert_eq!(snake("GetBucketAcl"), "get_bucket_acl");
    assert_eq!(snake("ListWebACLs"), "list_web_acls");
    assert_eq!(
        snake("ListResourcesForWebACL"),
        "list_resources_for_web_acl"
    );
    assert_eq!(snake("DescribeDBSnapshots"), "describe_db_snapshots");
}

#[test]
fn chain_parser_finds_the_operation() {
    let src = "let r = c\n .get_bucket_policy()\n .bucket(&name(x))\n .send().await?;\n\
               let p = pages!(iam.list_virtual_mfa_devices().into_paginator(), |p| p);";
    assert_eq!(
        invoked_operations(src),
        vec!["get_bucket_policy", "list_virtual_mfa_devices"]
    );
}

#[test]
fn every_invoked_operation_is_a_read() {
    let mut seen = BTreeSet::new();
    for (file, text) in sources() {
        for op in invoked_operations(&text) {
            let read = op.starts_with("get_")
                || op.starts_with("list_")
                || op.starts_with("describe_")
                || op == "generate_credential_report";
            assert!(read, "{file}: `{op}` is not a read-only operation");
            seen.insert(op);
        }
    }
    let expected: BTreeSet<String> = OPERATIONS
        .iter()
        .map(|(_, op)| snake(op))
        .chain(UNRECORDED.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(
        seen, expected,
        "the SDK operations in the source differ from OPERATIONS"
    );
}

#[test]
fn recorded_operations_match_the_documented_calls() {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/snapshot-calls.md");
    let text = std::fs::read_to_string(&doc).expect("docs/snapshot-calls.md");
    let documented: BTreeSet<(String, String)> = text
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // | service | operation | scope | params | used for |
            match cells.as_slice() {
                ["", svc, op, ..]
                    if !svc.is_empty()
                        && svc
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && op.starts_with(|c: char| c.is_ascii_uppercase()) =>
                {
                    Some((svc.to_string(), op.to_string()))
                }
                _ => None,
            }
        })
        .collect();
    let ours: BTreeSet<(String, String)> = OPERATIONS
        .iter()
        .map(|(s, o)| (s.to_string(), o.to_string()))
        .collect();
    // A row may name alternatives (`DescribeDomain / DescribeDomains`): making either will do.
    let alternatives = |(svc, op): &(String, String)| -> Vec<(String, String)> {
        op.split(" / ")
            .map(|o| (svc.clone(), o.trim().to_string()))
            .collect()
    };
    let undocumented: Vec<_> = ours
        .iter()
        .filter(|k| !documented.iter().any(|d| alternatives(d).contains(k)))
        .collect();
    assert!(
        undocumented.is_empty(),
        "collected but not in docs/snapshot-calls.md: {undocumented:?}"
    );
    let gaps: BTreeSet<(String, String)> = NOT_COLLECTED_YET
        .iter()
        .map(|(s, o)| (s.to_string(), o.to_string()))
        .collect();
    let missing: Vec<_> = documented
        .iter()
        .filter(|d| !gaps.contains(*d) && !alternatives(d).iter().any(|a| ours.contains(a)))
        .collect();
    assert!(
        missing.is_empty(),
        "documented calls that `rampart collect` does not make (collect them in \
         crates/collect/src/services, or list them in NOT_COLLECTED_YET): {missing:?}"
    );
    let stale: Vec<_> = gaps.intersection(&ours).collect();
    assert!(
        stale.is_empty(),
        "collected, so no longer in NOT_COLLECTED_YET: {stale:?}"
    );
}

/// Documented calls the live collector does not make yet: a live scan reports their checks as
/// "not collected" (UNKNOWN). Keep this list short.
const NOT_COLLECTED_YET: &[(&str, &str)] = &[];

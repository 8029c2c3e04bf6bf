//! Property tests: laws the evaluator must keep whatever the policies say.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failure should panic

use proptest::prelude::*;
use rampart_policy::{
    Context, Decision, NamedPolicy, Policy, PolicySet, Principal, Request, evaluate,
};
use serde_json::{Value, json};

const ACTIONS: [&str; 7] = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:*",
    "*",
    "s3:Get*",
    "ec2:Describe*",
    "iam:*",
];
const RESOURCES: [&str; 5] = [
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::bucket/key",
    "arn:aws:s3:::other/*",
    "arn:aws:s3:::bucket/${aws:username}",
];
const REQ_ACTIONS: [&str; 4] = [
    "s3:GetObject",
    "s3:PutObject",
    "ec2:DescribeInstances",
    "iam:CreateUser",
];
const REQ_RESOURCES: [&str; 4] = [
    "arn:aws:s3:::bucket/key",
    "arn:aws:s3:::bucket/alice",
    "arn:aws:s3:::other/x",
    "*",
];

fn condition() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(json!({"Bool": {"aws:SecureTransport": "true"}}))),
        Just(Some(json!({"StringEquals": {"aws:username": "alice"}}))),
        Just(Some(
            json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
        )),
        Just(Some(
            json!({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
        )),
        Just(Some(
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}})
        )),
    ]
}

fn statement(effect: &'static str) -> impl Strategy<Value = Value> {
    (
        any::<bool>(),
        prop::sample::subsequence(ACTIONS.to_vec(), 1..3),
        any::<bool>(),
        prop::sample::subsequence(RESOURCES.to_vec(), 1..3),
        condition(),
    )
        .prop_map(
            move |(not_action, actions, not_resource, resources, cond)| {
                let mut s = serde_json::Map::new();
                s.insert("Effect".into(), json!(effect));
                s.insert(
                    if not_action { "NotAction" } else { "Action" }.into(),
                    json!(actions),
                );
                s.insert(
                    if not_resource {
                        "NotResource"
                    } else {
                        "Resource"
                    }
                    .into(),
                    json!(resources),
                );
                if let Some(c) = cond {
                    s.insert("Condition".into(), c);
                }
                Value::Object(s)
            },
        )
}

fn any_statement() -> impl Strategy<Value = Value> {
    prop_oneof![statement("Allow"), statement("Deny")]
}

fn request() -> impl Strategy<Value = Request> {
    (
        prop::sample::select(REQ_ACTIONS.to_vec()),
        prop::sample::select(REQ_RESOURCES.to_vec()),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["203.0.113.9", "198.51.100.1"])),
        any::<bool>(),
    )
        .prop_map(|(a, r, secure, ip, role)| {
            let p = if role {
                "arn:aws:sts::111111111111:assumed-role/app/s"
            } else {
                "arn:aws:iam::111111111111:user/alice"
            };
            let mut ctx = Context::new().with("aws:SecureTransport", secure);
            if let Some(ip) = ip {
                ctx.insert("aws:SourceIp", ip);
            }
            Request::new(Principal::parse(Some(p)).unwrap(), a, r)
                .with_resource_account(Some("111111111111"))
                .with_context(ctx)
        })
}

fn policy(stmts: &[Value]) -> Policy {
    Policy::parse(&json!({"Version": "2012-10-17", "Statement": stmts})).unwrap()
}

fn decide(req: &Request, identity: &[Value], boundary: Option<&[Value]>) -> Decision {
    let p = policy(identity);
    let b = boundary.map(policy);
    let mut set = PolicySet::identity([NamedPolicy::new("p", &p)]);
    set.permissions_boundary = b.as_ref().map(|b| NamedPolicy::new("b", b));
    evaluate(req, &set).decision
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Adding a Deny statement never turns a deny into an allow, and never weakens an explicit
    /// deny.
    #[test]
    fn adding_deny_never_allows(
        stmts in prop::collection::vec(any_statement(), 0..5),
        extra in statement("Deny"),
        req in request(),
    ) {
        let before = decide(&req, &stmts, None);
        let mut more = stmts.clone();
        more.push(extra);
        let after = decide(&req, &more, None);
        if before != Decision::Allow {
            prop_assert_ne!(after, Decision::Allow);
        }
        if before == Decision::ExplicitDeny {
            prop_assert_eq!(after, Decision::ExplicitDeny);
        }
    }

    /// Adding an Allow statement never turns an allow into a deny.
    #[test]
    fn adding_allow_never_denies(
        stmts in prop::collection::vec(any_statement(), 0..5),
        extra in statement("Allow"),
        req in request(),
    ) {
        let before = decide(&req, &stmts, None);
        let mut more = stmts.clone();
        more.push(extra);
        let after = decide(&req, &more, None);
        if before == Decision::Allow {
            prop_assert_eq!(after, Decision::Allow);
        }
        if before == Decision::ExplicitDeny {
            prop_assert_eq!(after, Decision::ExplicitDeny);
        }
    }

    /// The decision does not depend on statement order.
    #[test]
    fn statement_order_is_irrelevant(
        stmts in prop::collection::vec(any_statement(), 0..6),
        req in request(),
        seed in any::<u64>(),
    ) {
        let before = decide(&req, &stmts, None);
        let mut shuffled = stmts.clone();
        // Deterministic Fisher-Yates from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            let j = (s % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(before, decide(&req, &shuffled, None));
    }

    /// A permissions boundary only ever narrows what identity policies allow.
    #[test]
    fn boundary_only_narrows(
        stmts in prop::collection::vec(any_statement(), 0..5),
        bstmts in prop::collection::vec(any_statement(), 0..4),
        req in request(),
    ) {
        let without = decide(&req, &stmts, None);
        let with = decide(&req, &stmts, Some(&bstmts));
        if without != Decision::Allow {
            prop_assert_ne!(with, Decision::Allow);
        }
    }

    /// Parsing arbitrary JSON never panics (it returns a policy or an error).
    #[test]
    fn parse_is_total(v in arb_json()) {
        let _ = Policy::parse(&v);
        let _ = Policy::parse(&json!({"Statement": v}));
    }

    /// Parsing arbitrary text never panics.
    #[test]
    fn parse_str_is_total(s in ".{0,200}") {
        let _ = Policy::parse_str(&s);
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "Allow",
            "Deny",
            "*",
            "s3:*",
            "2012-10-17",
            "Statement",
            "Effect",
            "Action",
            "Resource",
            "Principal",
            "${aws:username}",
            "arn:aws:s3:::b/*",
            "AWS",
            "StringLike",
            "ForAllValues:StringEquals",
            "aws:SourceIp",
            "10.0.0.0/8",
        ])
        .prop_map(|s| Value::String(s.to_string())),
        "[a-zA-Z:*?${}/]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "Version",
                        "Statement",
                        "Effect",
                        "Action",
                        "NotAction",
                        "Resource",
                        "NotResource",
                        "Principal",
                        "NotPrincipal",
                        "Condition",
                        "Sid",
                        "AWS",
                        "Service",
                        "StringEquals",
                        "Null",
                        "IpAddress",
                        "DateLessThan",
                        "aws:SourceIp",
                        "x",
                    ]),
                    inner
                ),
                0..5
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

//! "Is this resource policy public?", answered by the policy engine, never by looking for `"*"`.
//!
//! Each question is a set of requests evaluated against the resource policy exactly as AWS
//! would (`rampart_policy::evaluate`):
//! - an **anonymous** caller (no credentials);
//! - a caller from **an AWS account nobody named** (`999988887777`), whose own identity policy
//!   allows everything, as an attacker's would;
//!
//! each from a few public IP addresses, over TLS, and with no `aws:SourceArn`, `aws:SourceVpce`,
//! `aws:PrincipalOrgID` or other key that only a legitimate caller would bring. A condition that
//! really restricts the caller (a fixed `aws:SourceArn`, `aws:PrincipalOrgID`, a narrow
//! `aws:SourceIp`) therefore makes the request fail, and the policy is not public; one that
//! does not (`aws:SourceIp` `0.0.0.0/0`, `aws:SecureTransport`) lets it through. S3 Block
//! Public Access (`RestrictPublicBuckets`) is applied by the engine when the caller says it is
//! on.
//!
//! The evidence names each statement that grants, and each statement open to everyone whose
//! conditions stopped every probe.

use rampart_model::PolicyDocument;
use rampart_policy::{
    Context, Decision, Effect, Evaluation, ExplainKind, NamedPolicy, Policy, PolicyKind, PolicySet,
    Principal, Request, Settings, StatementRef,
};
use serde_json::{Value, json};
use std::sync::LazyLock;

/// The account of the "unknown account" probe. Not a real account.
pub const OUTSIDER_ACCOUNT: &str = "999988887777";

/// Public addresses the probes come from: far apart, so that only a narrow allow-list of
/// addresses (not a `/1` or `0.0.0.0/0`) keeps every probe out.
const PROBE_IPS: [&str; 3] = ["198.51.100.23", "52.94.76.10", "2001:db8:8000::7"];

/// Who a probe request comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// No credentials at all.
    Anonymous,
    /// Any principal of an account the policy does not name.
    AnyAccount,
}

impl Caller {
    /// How messages name the caller.
    pub fn describe(self) -> &'static str {
        match self {
            Caller::Anonymous => "anyone (anonymous)",
            Caller::AnyAccount => "any AWS account",
        }
    }
}

/// One action an outsider may perform, and the statement that allows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicGrant {
    pub action: String,
    pub caller: Caller,
    /// `statement `Sid` (#2)` or `statement #2`.
    pub statement: String,
}

/// What a resource policy lets outsiders do.
#[derive(Debug, Clone, Default)]
pub struct Exposure {
    /// The actions outsiders may perform (empty: not public).
    pub grants: Vec<PublicGrant>,
    /// Statements open to everyone (`Principal` `*`, `NotPrincipal`) that granted nothing to
    /// any probe, with the condition keys that restricted them.
    pub restricted: Vec<(String, Vec<String>)>,
    /// Block Public Access stopped a grant the policy alone would make.
    pub blocked_by_bpa: bool,
}

impl Exposure {
    /// The policy lets an outsider perform at least one of the actions asked about.
    pub fn is_public(&self) -> bool {
        !self.grants.is_empty()
    }

    /// The distinct actions granted to outsiders.
    pub fn actions(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.grants.iter().map(|g| g.action.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// A sentence naming who can do what, through which statement (for FAIL messages).
    pub fn summary(&self) -> String {
        let Some(first) = self.grants.first() else {
            return "no outsider is allowed".into();
        };
        let actions = self.actions();
        format!(
            "{} can {} ({})",
            first.caller.describe(),
            actions.join(", "),
            first.statement
        )
    }

    /// Evidence for findings: granting statements, restricted statements, BPA.
    pub fn evidence(&self) -> Value {
        json!({
            "public_grants": self.grants.iter().map(|g| json!({
                "action": g.action,
                "caller": g.caller.describe(),
                "statement": g.statement,
            })).collect::<Vec<_>>(),
            "restricted_statements": self.restricted.iter().map(|(s, keys)| json!({
                "statement": s,
                "restricting_condition_keys": keys,
            })).collect::<Vec<_>>(),
            "blocked_by_block_public_access": self.blocked_by_bpa,
        })
    }
}

/// Options for [`resource_policy_exposure`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ExposureOptions {
    /// S3 Block Public Access `RestrictPublicBuckets` is on for the bucket (bucket or account
    /// setting).
    pub s3_restrict_public_buckets: bool,
}

static ALLOW_ALL: LazyLock<Option<Policy>> = LazyLock::new(|| {
    Policy::parse_str(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    )
    .ok()
});

/// Evaluates who outside the account can perform `actions` on `resource_arn` under the
/// resource policy `doc`. `Err` when the policy cannot be parsed: the caller reports UNKNOWN.
pub fn resource_policy_exposure(
    doc: &PolicyDocument,
    resource_arn: &str,
    resource_account: &str,
    actions: &[&str],
    opts: ExposureOptions,
) -> Result<Exposure, String> {
    resource_policy_exposure_with(doc, resource_arn, resource_account, actions, opts, &[])
}

/// Like [`resource_policy_exposure`], with extra context keys every probe carries: keys whose
/// value the service sets and no caller chooses (a Lambda function URL's
/// `lambda:FunctionUrlAuthType`), so a condition on them does not restrict an outsider.
pub fn resource_policy_exposure_with(
    doc: &PolicyDocument,
    resource_arn: &str,
    resource_account: &str,
    actions: &[&str],
    opts: ExposureOptions,
    service_context: &[(&str, &str)],
) -> Result<Exposure, String> {
    let policy = Policy::parse_str(doc.as_str()).map_err(|e| e.to_string())?;
    let Some(allow_all) = ALLOW_ALL.as_ref() else {
        return Err("internal: the probe identity policy does not parse".into());
    };
    let settings = Settings {
        s3_block_public_access: opts.s3_restrict_public_buckets,
    };
    let mut out = Exposure::default();
    let mut open_statements: Vec<usize> = policy
        .statements
        .iter()
        .filter(|s| {
            s.effect == Effect::Allow
                && s.principal
                    .as_ref()
                    .is_some_and(|p| p.negated || p.principals.any)
        })
        .map(|s| s.index)
        .collect();
    let outsider = format!("arn:aws:iam::{OUTSIDER_ACCOUNT}:role/rampart-probe");
    for caller in [Caller::Anonymous, Caller::AnyAccount] {
        let principal = match caller {
            Caller::Anonymous => Principal::Anonymous,
            Caller::AnyAccount => match Principal::parse(Some(&outsider)) {
                Ok(p) => p,
                Err(e) => return Err(format!("internal: probe principal: {e}")),
            },
        };
        let identity = match caller {
            Caller::Anonymous => vec![],
            Caller::AnyAccount => vec![NamedPolicy::new("outsider's own policy", allow_all)],
        };
        let set = PolicySet {
            identity,
            resource: Some(NamedPolicy::new("resource policy", &policy)),
            resource_kind: None,
            permissions_boundary: None,
            session: None,
            scps: vec![],
            rcps: vec![],
        };
        for action in actions {
            for ip in PROBE_IPS {
                let mut ctx = Context::new()
                    .with("aws:SourceIp", ip)
                    .with("aws:SecureTransport", "true");
                for (k, v) in service_context {
                    ctx = ctx.with(k, *v);
                }
                let req = Request::new(principal.clone(), action, resource_arn)
                    .with_resource_account(Some(resource_account))
                    .with_context(ctx)
                    .with_settings(settings);
                let ev = rampart_policy::evaluate(&req, &set);
                if ev.decision == Decision::Allow {
                    let statement = granting_statement(&ev);
                    if let Some(st) = &statement {
                        open_statements.retain(|i| *i != st.index);
                    }
                    out.grants.push(PublicGrant {
                        action: (*action).to_string(),
                        caller,
                        statement: statement.map_or_else(
                            || "a statement of the resource policy".into(),
                            |s| s.to_string(),
                        ),
                    });
                    break;
                }
                if opts.s3_restrict_public_buckets && blocked_by_bpa(&ev) {
                    out.blocked_by_bpa = true;
                }
            }
        }
        if !out.grants.is_empty() {
            // Anonymous access found: the any-account probe adds nothing a reader needs.
            break;
        }
    }
    for i in open_statements {
        if let Some(st) = policy.statements.get(i) {
            let mut keys: Vec<String> = st.conditions.iter().map(|c| c.key.clone()).collect();
            keys.sort();
            keys.dedup();
            out.restricted.push((st.reference().to_string(), keys));
        }
    }
    Ok(out)
}

/// The resource-policy statement that allowed the request.
fn granting_statement(ev: &Evaluation) -> Option<StatementRef> {
    ev.explain
        .iter()
        .find(|e| e.kind == ExplainKind::Allow && e.policy_type == Some(PolicyKind::Resource))
        .and_then(|e| e.statement.clone())
}

/// Whether S3 Block Public Access is what denied the request.
fn blocked_by_bpa(ev: &Evaluation) -> bool {
    ev.explain
        .iter()
        .any(|e| e.message.contains("Block Public Access"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> PolicyDocument {
        serde_json::from_str(text).unwrap()
    }

    fn exposure(text: &str, opts: ExposureOptions) -> Exposure {
        resource_policy_exposure(
            &doc(text),
            "arn:aws:s3:::acme-data/*",
            "123456789012",
            &["s3:GetObject", "s3:PutObject"],
            opts,
        )
        .unwrap()
    }

    #[test]
    fn principal_star_without_condition_is_public() {
        let e = exposure(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}]}"#,
            ExposureOptions::default(),
        );
        assert!(e.is_public());
        assert_eq!(e.actions(), vec!["s3:GetObject"]);
        assert_eq!(e.grants[0].caller, Caller::Anonymous);
        assert!(e.grants[0].statement.contains("Open"), "{:?}", e.grants);
        assert!(e.summary().contains("s3:GetObject"));
    }

    #[test]
    fn restricting_conditions_make_it_private_and_are_named() {
        for cond in [
            r#"{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}"#,
            r#"{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"#,
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/main"}}"#,
            r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#,
        ] {
            let text = format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Cond","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-data/*","Condition":{cond}}}]}}"#
            );
            let e = exposure(&text, ExposureOptions::default());
            assert!(!e.is_public(), "{cond}: {:?}", e.grants);
            assert_eq!(e.restricted.len(), 1, "{cond}");
            assert!(e.restricted[0].0.contains("Cond"));
            assert_eq!(e.restricted[0].1.len(), 1);
        }
    }

    #[test]
    fn conditions_that_do_not_restrict_leave_it_public() {
        for cond in [
            r#"{"IpAddress":{"aws:SourceIp":["0.0.0.0/0","::/0"]}}"#,
            r#"{"Bool":{"aws:SecureTransport":"true"}}"#,
            r#"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
        ] {
            let text = format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"s3:PutObject","Resource":"arn:aws:s3:::acme-data/*","Condition":{cond}}}]}}"#
            );
            let e = exposure(&text, ExposureOptions::default());
            assert!(e.is_public(), "{cond}");
            assert!(e.restricted.is_empty(), "{cond}: {:?}", e.restricted);
        }
    }

    #[test]
    fn named_accounts_and_deny_statements_are_not_public() {
        let e = exposure(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"},
                {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-data/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
            ExposureOptions::default(),
        );
        assert!(!e.is_public());
        // An explicit deny for everyone outranks an open allow.
        let e = exposure(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"},
                {"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}]}"#,
            ExposureOptions::default(),
        );
        assert!(!e.is_public());
    }

    #[test]
    fn block_public_access_stops_a_public_bucket_policy() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}]}"#;
        let e = exposure(
            text,
            ExposureOptions {
                s3_restrict_public_buckets: true,
            },
        );
        assert!(!e.is_public());
        assert!(e.blocked_by_bpa);
        assert_eq!(e.evidence()["blocked_by_block_public_access"], true);
    }

    #[test]
    fn unparseable_policy_is_an_error_for_unknown() {
        let d = doc(
            r#"{"Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*","Principal":"*"}]}"#,
        );
        assert!(
            resource_policy_exposure(
                &d,
                "arn:aws:s3:::b",
                "123456789012",
                &["s3:GetObject"],
                ExposureOptions::default()
            )
            .is_err()
        );
    }
}

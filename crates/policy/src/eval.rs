//! Evaluation: one request against every policy that applies to it, following
//! `iam-semantics.md` (IAM UG *Policy evaluation logic*, *Cross-account policy evaluation
//! logic*, and the service pages cited there).
//!
//! Evaluation is total: it returns a decision, the policies and statements that decided it, and
//! warnings where the documentation leaves the answer open. It never panics on any input.

use serde::Serialize;

use crate::glob::{ArnPattern, Unresolved, split_arn};
use crate::policy::{Effect, Policy, PrincipalBlock, Statement, StatementRef};
use crate::request::{Principal, Request};

/// A note about the evaluation or a policy that does not change the decision's validity but
/// that a reader should know (documentation unclear, odd policy, value that never matches).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Warning {
    /// Short stable code (`unclear-...`, `variable-missing`, ...).
    pub code: &'static str,
    pub message: String,
}

impl Warning {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Warning {
        Warning {
            code,
            message: message.into(),
        }
    }
}

/// The three-valued answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Decision {
    Allow,
    ImplicitDeny,
    ExplicitDeny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ImplicitDeny => "ImplicitDeny",
            Decision::ExplicitDeny => "ExplicitDeny",
        }
    }
}

/// The kind of a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    Identity,
    Resource,
    PermissionsBoundary,
    Session,
    Scp,
    Rcp,
}

impl PolicyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::Resource => "resource",
            PolicyKind::PermissionsBoundary => "permissions_boundary",
            PolicyKind::Session => "session",
            PolicyKind::Scp => "scp",
            PolicyKind::Rcp => "rcp",
        }
    }
}

/// What kind of resource policy guards the resource; role trust and KMS key policies must name
/// the principal (or its account) even in the same account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourcePolicyKind {
    Generic,
    RoleTrust,
    KmsKey,
}

/// A policy with the name used in explanations.
#[derive(Debug, Clone, Copy)]
pub struct NamedPolicy<'a> {
    pub name: &'a str,
    pub policy: &'a Policy,
}

impl<'a> NamedPolicy<'a> {
    pub fn new(name: &'a str, policy: &'a Policy) -> Self {
        NamedPolicy { name, policy }
    }
}

/// Every policy that may apply to a request.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'a> {
    /// The principal's identity policies (user inline + managed + groups', or the role's).
    pub identity: Vec<NamedPolicy<'a>>,
    /// The target resource's policy (bucket, key, queue, role trust, ...).
    pub resource: Option<NamedPolicy<'a>>,
    /// Overrides the inferred kind of the resource policy.
    pub resource_kind: Option<ResourcePolicyKind>,
    /// The permissions boundary of the principal's user or role.
    pub permissions_boundary: Option<NamedPolicy<'a>>,
    /// The session policy of a role or federated-user session.
    pub session: Option<NamedPolicy<'a>>,
    /// SCP levels (root, each OU, account) of the principal's account; each must allow.
    pub scps: Vec<Vec<NamedPolicy<'a>>>,
    /// RCP levels of the resource's account; each must allow.
    pub rcps: Vec<Vec<NamedPolicy<'a>>>,
}

impl<'a> PolicySet<'a> {
    /// A set with only identity policies.
    pub fn identity(policies: impl IntoIterator<Item = NamedPolicy<'a>>) -> Self {
        PolicySet {
            identity: policies.into_iter().collect(),
            ..PolicySet::default()
        }
    }
}

/// What an explanation entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExplainKind {
    /// A matching Deny statement.
    ExplicitDeny,
    /// A matching Allow statement that contributed to the decision.
    Allow,
    /// A layer that had to allow and did not.
    MissingAllow,
    /// A rule applied without a statement (`sts:GetCallerIdentity`, root, Block Public Access).
    Rule,
}

/// One entry of an explanation: which policy and statement, or which layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explain {
    pub kind: ExplainKind,
    pub policy_type: Option<PolicyKind>,
    /// The policy's name (or ARN) as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// SCP/RCP level (0 = root).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<StatementRef>,
    pub message: String,
}

impl Serialize for StatementRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("index", &self.index)?;
        m.serialize_entry("sid", &self.sid)?;
        m.end()
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub decision: Decision,
    pub explain: Vec<Explain>,
    pub warnings: Vec<Warning>,
}

impl Evaluation {
    pub fn is_allowed(&self) -> bool {
        self.decision == Decision::Allow
    }
}

/// How a resource-policy statement's `Principal` matched the caller; stronger matches are
/// capped by fewer layers (iam-semantics §2 table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum PrincipalMatch {
    /// Names the account: delegates to the account's IAM policies.
    Account,
    /// Names the role of a role session: capped by boundary and session policy.
    Role,
    /// `*` (or Allow+NotPrincipal).
    Everyone,
    /// Names the exact user, session, federated user, service or provider.
    Exact,
}

/// Which side a policy belongs to, for principal handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Identity, boundary, session, SCP: no `Principal` element is consulted.
    Caller,
    /// Resource policy and RCP: `Principal` must match where present.
    Resource,
}

/// Matches of one policy.
#[derive(Debug, Default)]
struct Matches {
    denies: Vec<StatementRef>,
    allows: Vec<(StatementRef, PrincipalMatch)>,
}

struct Ctx<'r> {
    req: &'r Request,
    has_boundary: bool,
    warnings: Vec<Warning>,
}

impl Ctx<'_> {
    fn warn(&mut self, w: Warning) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }
}

/// Warnings about the request's context keys (IAM UG *AWS global condition context keys*,
/// Service Authorization Reference): a key that is neither a global key nor a key of a
/// catalogued service (`context-key-unknown`), and a key of the action's own service (or a tag
/// key, `aws:RequestTag/...`, `aws:TagKeys`, `aws:ResourceTag/...`) that the reference does not
/// list for the action (`context-key-not-supported`): AWS would never put it in this request's
/// context. Either way the value is used as given, so the warning is the only sign of it
/// (iam-simulate drops such keys instead). Keys of another service (`ec2:SourceInstanceARN` on
/// an S3 call) are not judged: some services add theirs to every call they make.
///
/// Evaluation does not call this (it is per request, not per evaluation); `iam simulate` adds
/// these warnings to each result.
pub fn context_warnings(req: &Request) -> Vec<Warning> {
    let mut out = Vec::new();
    for (k, _) in req.context().iter() {
        let lc = k.to_lowercase();
        let Some((svc, _)) = lc.split_once(':') else {
            out.push(Warning::new(
                "context-key-unknown",
                format!(
                    "context key `{k}` is not of the form `service:key`; no policy condition can \
                     refer to it"
                ),
            ));
            continue;
        };
        let tag_key = lc.starts_with("aws:requesttag/")
            || lc.starts_with("aws:resourcetag/")
            || lc == "aws:tagkeys";
        if svc == "aws" {
            if crate::lint::global_key_type(&lc).is_none() {
                out.push(Warning::new(
                    "context-key-unknown",
                    format!(
                        "context key `{k}` is not an AWS global condition key, so AWS never sets \
                         it; it is used as given"
                    ),
                ));
                continue;
            }
            if !tag_key {
                continue;
            }
        } else {
            let cat = crate::catalog::catalog();
            if cat.key_type(svc, &lc).is_none() {
                out.push(Warning::new(
                    "context-key-unknown",
                    format!(
                        "context key `{k}` is not a condition key of any catalogued service \
                         (action catalogue {}); it is used as given",
                        cat.version
                    ),
                ));
                continue;
            }
        }
        let action_service = req.action_colon().map_or("", |i| &req.action_lc()[..i]);
        if svc != "aws" && svc != action_service {
            continue;
        }
        let cat = crate::catalog::catalog();
        let Some((service, action)) = cat.action(req.action()) else {
            continue;
        };
        if !action.supports_key(service, &lc) {
            out.push(Warning::new(
                "context-key-not-supported",
                format!(
                    "the Service Authorization Reference lists no condition key `{k}` for `{}:{}`, \
                     so AWS would not include it in this request's context; it is used as given",
                    service.prefix, action.name
                ),
            ));
        }
    }
    out
}

/// Evaluate one request against every policy in `set`.
pub fn evaluate(req: &Request, set: &PolicySet<'_>) -> Evaluation {
    let mut ex: Vec<Explain> = Vec::new();
    let principal = req.principal();
    if req.action_lc() == "sts:getcalleridentity" {
        return Evaluation {
            decision: Decision::Allow,
            explain: vec![rule(
                "sts:GetCallerIdentity is always allowed, even under an explicit deny",
            )],
            warnings: Vec::new(),
        };
    }
    let mut cx = Ctx {
        req,
        has_boundary: set.permissions_boundary.is_some(),
        warnings: Vec::new(),
    };
    let service = req.action_colon().map_or("", |i| &req.action_lc()[..i]);
    let slr = principal.is_service_linked_role();

    let scps_apply = !set.scps.is_empty() && principal.is_iam() && !slr;
    let rcps_apply = !set.rcps.is_empty()
        && crate::catalog::service_supports_rcps(service)
        && !slr
        && !req.resource().contains(":alias/aws/");
    let boundary_apply = set.permissions_boundary.is_some()
        && matches!(
            principal,
            Principal::User { .. }
                | Principal::AssumedRole { .. }
                | Principal::Role { .. }
                | Principal::FederatedUser { .. }
        );
    if set.permissions_boundary.is_some() && !boundary_apply {
        cx.warn(Warning::new(
            "boundary-not-applicable",
            "a permissions boundary was given but the principal is not an IAM user or role \
             session; it is ignored",
        ));
    }
    let session_apply = set.session.is_some() && principal.is_iam();
    if set.session.is_some() && !principal.is_session() {
        cx.warn(Warning::new(
            "session-policy-not-session",
            "a session policy was given but the principal is not a session; it is applied anyway",
        ));
    }
    let identity_apply = principal.is_iam();
    if !identity_apply && !set.identity.is_empty() {
        cx.warn(Warning::new(
            "identity-not-applicable",
            "identity policies were given but the principal is anonymous, a service or a \
             federated provider; they are ignored",
        ));
    }
    if !set.scps.is_empty() && !scps_apply {
        ex.push(rule(if slr {
            "SCPs do not apply to service-linked roles"
        } else {
            "SCPs apply only to IAM principals of member accounts"
        }));
    }
    if !set.rcps.is_empty() && !rcps_apply {
        ex.push(rule(
            "RCPs do not apply to this request (unsupported service, service-linked role, or \
             AWS managed key)",
        ));
    }

    // Evaluate every applicable policy.
    let identity: Vec<Matches> = if identity_apply {
        set.identity
            .iter()
            .map(|p| eval_policy(p.policy, Side::Caller, PolicyKind::Identity, &mut cx))
            .collect()
    } else {
        Vec::new()
    };
    let resource = set
        .resource
        .map(|p| eval_policy(p.policy, Side::Resource, PolicyKind::Resource, &mut cx));
    let boundary = set
        .permissions_boundary
        .filter(|_| boundary_apply)
        .map(|p| {
            eval_policy(
                p.policy,
                Side::Caller,
                PolicyKind::PermissionsBoundary,
                &mut cx,
            )
        });
    let session = set
        .session
        .filter(|_| session_apply)
        .map(|p| eval_policy(p.policy, Side::Caller, PolicyKind::Session, &mut cx));
    let scps: Vec<Vec<Matches>> = if scps_apply {
        set.scps
            .iter()
            .map(|lvl| {
                lvl.iter()
                    .map(|p| eval_policy(p.policy, Side::Caller, PolicyKind::Scp, &mut cx))
                    .collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    let rcps: Vec<Vec<Matches>> = if rcps_apply {
        set.rcps
            .iter()
            .map(|lvl| {
                lvl.iter()
                    .map(|p| eval_policy(p.policy, Side::Resource, PolicyKind::Rcp, &mut cx))
                    .collect()
            })
            .collect()
    } else {
        Vec::new()
    };

    // 1. Explicit deny anywhere.
    let push_denies = |m: &Matches,
                       kind: PolicyKind,
                       p: &NamedPolicy<'_>,
                       level: Option<usize>,
                       ex: &mut Vec<Explain>| {
        for s in &m.denies {
            ex.push(Explain {
                kind: ExplainKind::ExplicitDeny,
                policy_type: Some(kind),
                policy: Some(p.name.to_string()),
                level,
                message: format!(
                    "{s} of {} policy `{}`{} explicitly denies `{}`",
                    kind.as_str(),
                    p.name,
                    level.map_or(String::new(), |l| format!(" (level {l})")),
                    req.action()
                ),
                statement: Some(s.clone()),
            });
        }
    };
    let mut deny_ex = Vec::new();
    for (lvl, (ms, ps)) in rcps.iter().zip(&set.rcps).enumerate() {
        for (m, p) in ms.iter().zip(ps) {
            push_denies(m, PolicyKind::Rcp, p, Some(lvl), &mut deny_ex);
        }
    }
    for (lvl, (ms, ps)) in scps.iter().zip(&set.scps).enumerate() {
        for (m, p) in ms.iter().zip(ps) {
            push_denies(m, PolicyKind::Scp, p, Some(lvl), &mut deny_ex);
        }
    }
    if let (Some(m), Some(p)) = (&resource, &set.resource) {
        push_denies(m, PolicyKind::Resource, p, None, &mut deny_ex);
    }
    for (m, p) in identity.iter().zip(&set.identity) {
        push_denies(m, PolicyKind::Identity, p, None, &mut deny_ex);
    }
    if let (Some(m), Some(p)) = (&boundary, &set.permissions_boundary) {
        push_denies(m, PolicyKind::PermissionsBoundary, p, None, &mut deny_ex);
    }
    if let (Some(m), Some(p)) = (&session, &set.session) {
        push_denies(m, PolicyKind::Session, p, None, &mut deny_ex);
    }
    if !deny_ex.is_empty() {
        ex.extend(deny_ex);
        return finish(Decision::ExplicitDeny, ex, cx.warnings);
    }

    // 2./3. Every RCP level, then every SCP level, must allow.
    for (kind, levels, named) in [
        (PolicyKind::Rcp, &rcps, &set.rcps),
        (PolicyKind::Scp, &scps, &set.scps),
    ] {
        for (lvl, (ms, ps)) in levels.iter().zip(named.iter()).enumerate() {
            if !ms.iter().any(|m| !m.allows.is_empty()) {
                if kind == PolicyKind::Rcp {
                    cx.warn(Warning::new(
                        "rcp-level-without-full-access",
                        format!(
                            "RCP level {lvl} has no statement allowing the request; AWS attaches \
                             RCPFullAWSAccess to every level and it cannot be detached, so a \
                             real level always allows (customer RCPs are Deny-only)"
                        ),
                    ));
                }
                ex.push(Explain {
                    kind: ExplainKind::MissingAllow,
                    policy_type: Some(kind),
                    policy: Some(ps.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")),
                    level: Some(lvl),
                    statement: None,
                    message: format!(
                        "no {} at level {lvl} allows `{}` (every level must allow)",
                        kind.as_str().to_uppercase(),
                        req.action()
                    ),
                });
                return finish(Decision::ImplicitDeny, ex, cx.warnings);
            }
        }
    }

    // Resource-side allows, strongest principal match first; S3 Block Public Access.
    let mut res_allows: Vec<(StatementRef, PrincipalMatch)> = resource
        .as_ref()
        .map(|m| m.allows.clone())
        .unwrap_or_default();
    let pacct = principal.account();
    let racct = req.resource_account();
    let same_account = match (pacct, racct) {
        (Some(_), None) => {
            if split_arn(req.resource()).is_some() {
                cx.warn(Warning::new(
                    "resource-account-unknown",
                    "the resource's account is not known (its ARN carries none and no \
                     `resource_account` was given); assumed to be the principal's account",
                ));
            }
            true
        }
        (Some(p), Some(r)) => p == r,
        (None, _) => false,
    };
    if req.settings().s3_block_public_access
        && service == "s3"
        && !res_allows.is_empty()
        && !(principal.is_iam() && same_account)
        && !matches!(principal, Principal::Service(_))
        && let Some(rp) = set.resource
        && rp.policy.statements.iter().any(statement_is_public)
    {
        res_allows.clear();
        ex.push(rule(
            "S3 Block Public Access (RestrictPublicBuckets): the bucket policy is \
                     public, so only service principals and principals of the bucket owner's \
                     account may use it",
        ));
        cx.warn(Warning::new(
            "unclear-bpa-decision",
            "the documentation does not say whether a Block Public Access denial is \
                     explicit or implicit; reported as ImplicitDeny",
        ));
    }
    let best = res_allows.iter().map(|(_, m)| *m).max();
    let res_name = set.resource.map(|p| p.name).unwrap_or("");
    let res_explain = |filter: &dyn Fn(PrincipalMatch) -> bool| -> Vec<Explain> {
        res_allows
            .iter()
            .filter(|(_, m)| filter(*m))
            .map(|(s, _)| Explain {
                kind: ExplainKind::Allow,
                policy_type: Some(PolicyKind::Resource),
                policy: Some(res_name.to_string()),
                level: None,
                message: format!("{s} of resource policy `{res_name}` allows the principal"),
                statement: Some(s.clone()),
            })
            .collect()
    };
    let missing_resource = |what: &str| Explain {
        kind: ExplainKind::MissingAllow,
        policy_type: Some(PolicyKind::Resource),
        policy: set.resource.map(|p| p.name.to_string()),
        level: None,
        statement: None,
        message: what.to_string(),
    };

    match principal {
        Principal::Anonymous => {
            if best == Some(PrincipalMatch::Everyone) || best == Some(PrincipalMatch::Exact) {
                ex.extend(res_explain(&|_| true));
                return finish(Decision::Allow, ex, cx.warnings);
            }
            ex.push(missing_resource(
                "no resource-policy statement grants access to anonymous callers (only a \
                 resource policy can allow an unsigned request)",
            ));
            return finish(Decision::ImplicitDeny, ex, cx.warnings);
        }
        Principal::Service(_) | Principal::Federated(_) => {
            if best.is_some() {
                ex.extend(res_explain(&|_| true));
                return finish(Decision::Allow, ex, cx.warnings);
            }
            ex.push(missing_resource(
                "no resource-policy statement allows this principal (a service or federated \
                 principal is authorised by the resource policy alone)",
            ));
            return finish(Decision::ImplicitDeny, ex, cx.warnings);
        }
        _ => {}
    }

    // IAM principal: the identity side.
    let is_root = matches!(principal, Principal::Root { .. });
    let id_allow: Vec<Explain> = identity
        .iter()
        .zip(&set.identity)
        .flat_map(|(m, p)| allow_explains(m, PolicyKind::Identity, p))
        .collect();
    let identity_ok = is_root || !id_allow.is_empty();
    let boundary_ok = boundary.as_ref().is_none_or(|m| !m.allows.is_empty());
    let session_ok = session.as_ref().is_none_or(|m| !m.allows.is_empty());
    let cap_explain = |ex: &mut Vec<Explain>| {
        if let (Some(m), Some(p)) = (&boundary, &set.permissions_boundary) {
            ex.extend(allow_explains(m, PolicyKind::PermissionsBoundary, p));
        }
        if let (Some(m), Some(p)) = (&session, &set.session) {
            ex.extend(allow_explains(m, PolicyKind::Session, p));
        }
    };
    let missing_caps = |ex: &mut Vec<Explain>, identity_too: bool| {
        if identity_too && !identity_ok {
            ex.push(Explain {
                kind: ExplainKind::MissingAllow,
                policy_type: Some(PolicyKind::Identity),
                policy: None,
                level: None,
                statement: None,
                message: format!(
                    "no identity-based policy allows `{}` on `{}`",
                    req.action(),
                    req.resource()
                ),
            });
        }
        if !boundary_ok {
            ex.push(Explain {
                kind: ExplainKind::MissingAllow,
                policy_type: Some(PolicyKind::PermissionsBoundary),
                policy: set.permissions_boundary.map(|p| p.name.to_string()),
                level: None,
                statement: None,
                message: format!("the permissions boundary does not allow `{}`", req.action()),
            });
        }
        if !session_ok {
            ex.push(Explain {
                kind: ExplainKind::MissingAllow,
                policy_type: Some(PolicyKind::Session),
                policy: set.session.map(|p| p.name.to_string()),
                level: None,
                statement: None,
                message: format!("the session policy does not allow `{}`", req.action()),
            });
        }
    };

    if same_account {
        let session_like = matches!(
            principal,
            Principal::AssumedRole { .. }
                | Principal::Role { .. }
                | Principal::FederatedUser { .. }
        );
        let direct = match best {
            Some(PrincipalMatch::Exact) => Some(PrincipalMatch::Exact),
            Some(PrincipalMatch::Role) if boundary_ok && session_ok => Some(PrincipalMatch::Role),
            Some(PrincipalMatch::Everyone) if !session_like => Some(PrincipalMatch::Everyone),
            Some(PrincipalMatch::Everyone) => {
                // iam-semantics §2: whether a boundary or session policy caps a same-account
                // grant to `*` for a session is not documented. Say so whenever it matters,
                // whichever way the cap decides.
                if boundary.is_some() || session.is_some() {
                    cx.warn(Warning::new(
                        "unclear-wildcard-principal-caps",
                        if boundary_ok && session_ok {
                            "a resource policy with Principal `*` granted a role or federated \
                             session that has a permissions boundary or session policy; the \
                             documentation does not say whether those cap such a grant (treated \
                             as capped, like a grant to the role ARN; they allow here)"
                        } else {
                            "a resource policy with Principal `*` granted a role or federated \
                             session whose permissions boundary or session policy does not \
                             allow the action; the documentation does not say whether those cap \
                             such a grant (treated as capped, like a grant to the role ARN: the \
                             grant is not used)"
                        },
                    ));
                }
                (boundary_ok && session_ok).then_some(PrincipalMatch::Everyone)
            }
            _ => None,
        };
        if let Some(d) = direct {
            ex.extend(res_explain(&|m| m == d));
            if d == PrincipalMatch::Role || (d == PrincipalMatch::Everyone && session_like) {
                cap_explain(&mut ex);
            }
            return finish(Decision::Allow, ex, cx.warnings);
        }
        let resource_kind = set
            .resource_kind
            .unwrap_or_else(|| infer_resource_kind(req));
        let needs_resource = matches!(
            resource_kind,
            ResourcePolicyKind::RoleTrust | ResourcePolicyKind::KmsKey
        );
        if needs_resource && best.is_none() {
            ex.push(missing_resource(match resource_kind {
                ResourcePolicyKind::RoleTrust => {
                    "the role's trust policy does not allow the principal or its account (an \
                     identity-based allow is not enough to assume a role)"
                }
                _ => {
                    "the KMS key policy does not allow the principal or its account (no \
                     principal has access to a key unless the key policy allows it)"
                }
            }));
            return finish(Decision::ImplicitDeny, ex, cx.warnings);
        }
        if identity_ok && boundary_ok && session_ok {
            if is_root && id_allow.is_empty() {
                ex.push(rule(
                    "the account root user is allowed everything in its own account unless \
                     denied",
                ));
            }
            ex.extend(res_explain(&|m| m == PrincipalMatch::Account));
            ex.extend(id_allow);
            cap_explain(&mut ex);
            return finish(Decision::Allow, ex, cx.warnings);
        }
        if best.is_some() && !identity_ok {
            // A grant that could not stand alone (names the account, or capped).
            ex.extend(res_explain(&|_| true));
        }
        missing_caps(&mut ex, true);
        return finish(Decision::ImplicitDeny, ex, cx.warnings);
    }

    // Cross-account: both sides must allow.
    let resource_ok = best.is_some();
    let identity_side_ok = identity_ok && boundary_ok && session_ok;
    if resource_ok && identity_side_ok {
        if is_root && id_allow.is_empty() {
            ex.push(rule(
                "the account root user is allowed everything by its own account unless denied",
            ));
        }
        ex.extend(res_explain(&|_| true));
        ex.extend(id_allow);
        cap_explain(&mut ex);
        return finish(Decision::Allow, ex, cx.warnings);
    }
    if !resource_ok {
        ex.push(missing_resource(if set.resource.is_none() {
            "cross-account request: the resource has no resource policy to allow the principal"
        } else {
            "cross-account request: the resource policy does not allow the principal, its role \
             or its account"
        }));
    }
    missing_caps(&mut ex, true);
    finish(Decision::ImplicitDeny, ex, cx.warnings)
}

fn rule(message: &str) -> Explain {
    Explain {
        kind: ExplainKind::Rule,
        policy_type: None,
        policy: None,
        level: None,
        statement: None,
        message: message.to_string(),
    }
}

fn allow_explains(m: &Matches, kind: PolicyKind, p: &NamedPolicy<'_>) -> Vec<Explain> {
    m.allows
        .iter()
        .map(|(s, _)| Explain {
            kind: ExplainKind::Allow,
            policy_type: Some(kind),
            policy: Some(p.name.to_string()),
            level: None,
            message: format!("{s} of {} policy `{}` allows", kind.as_str(), p.name),
            statement: Some(s.clone()),
        })
        .collect()
}

fn finish(decision: Decision, explain: Vec<Explain>, warnings: Vec<Warning>) -> Evaluation {
    Evaluation {
        decision,
        explain,
        warnings,
    }
}

/// Role trust for `sts:*` on a role ARN; KMS key policy for `kms:*` on a key ARN.
pub(crate) fn infer_resource_kind(req: &Request) -> ResourcePolicyKind {
    let a = req.action_lc();
    if let Some([_, _, svc, _, _, res]) = split_arn(req.resource()) {
        if svc == "iam" && res.starts_with("role/") && a.starts_with("sts:") {
            return ResourcePolicyKind::RoleTrust;
        }
        if svc == "kms" && res.starts_with("key/") && a.starts_with("kms:") {
            return ResourcePolicyKind::KmsKey;
        }
    }
    ResourcePolicyKind::Generic
}

fn eval_policy(policy: &Policy, side: Side, kind: PolicyKind, cx: &mut Ctx<'_>) -> Matches {
    let mut m = Matches::default();
    for st in &policy.statements {
        if !st.action.matches(cx.req.action_lc(), cx.req.action_colon()) {
            continue;
        }
        if !resource_matches(st, kind, cx) {
            continue;
        }
        let pm = match side {
            Side::Caller => {
                if st.principal.is_some() && kind == PolicyKind::Identity {
                    cx.warn(Warning::new(
                        "principal-in-identity-policy",
                        format!(
                            "{} of an identity policy has a `Principal` element, which IAM \
                             rejects there; it is ignored",
                            st.reference()
                        ),
                    ));
                }
                PrincipalMatch::Exact
            }
            Side::Resource => match &st.principal {
                None if kind == PolicyKind::Rcp => PrincipalMatch::Everyone,
                None => {
                    cx.warn(Warning::new(
                        "resource-policy-without-principal",
                        format!(
                            "{} of the resource policy has no `Principal`; it applies to no one",
                            st.reference()
                        ),
                    ));
                    continue;
                }
                Some(pb) => match principal_matches(pb, st.effect, cx) {
                    Some(pm) => pm,
                    None => continue,
                },
            },
        };
        if !conditions_hold(st, cx) {
            continue;
        }
        match st.effect {
            Effect::Deny => m.denies.push(st.reference()),
            Effect::Allow => m.allows.push((st.reference(), pm)),
        }
    }
    m
}

fn conditions_hold(st: &Statement, cx: &mut Ctx<'_>) -> bool {
    if st.conditions.is_empty() {
        return true;
    }
    let req = cx.req;
    let mut pending: Vec<Warning> = Vec::new();
    let ok = st
        .conditions
        .iter()
        .all(|c| c.eval(req, &mut |w| pending.push(w)));
    for w in pending {
        cx.warn(w);
    }
    ok
}

fn resource_matches(st: &Statement, kind: PolicyKind, cx: &mut Ctx<'_>) -> bool {
    let Some(rb) = &st.resource else {
        return match kind {
            PolicyKind::Resource | PolicyKind::Scp | PolicyKind::Rcp => true,
            _ => {
                cx.warn(Warning::new(
                    "missing-resource",
                    format!(
                        "{} of a {} policy has no `Resource`; it matches nothing",
                        st.reference(),
                        kind.as_str()
                    ),
                ));
                false
            }
        };
    };
    let req = cx.req;
    let lookup = |k: &str| req.var_value(k);
    let mut any = false;
    for p in &rb.parsed {
        match p {
            ArnPattern::Any => {
                any = true;
                break;
            }
            ArnPattern::Short(_) => {
                if p.matches_with(req.resource(), &lookup).unwrap_or(false) {
                    cx.warn(Warning::new(
                        "unclear-short-arn-pattern",
                        format!(
                            "resource pattern `{}` has fewer than six ARN parts; the \
                             documentation leaves its meaning open, matched as a whole-string \
                             wildcard",
                            p.raw()
                        ),
                    ));
                    any = true;
                    break;
                }
            }
            ArnPattern::Parts(_) => match p.matches_with(req.resource(), &lookup) {
                Ok(true) => {
                    // Actions without resource-level permissions are authorised against `*`
                    // only: a statement naming a specific ARN never applies to them
                    // (Service Authorization Reference; iam-semantics §5).
                    if !rb.negated && wildcard_only_action(req) {
                        cx.warn(Warning::new(
                            "wildcard-only-action",
                            format!(
                                "`{}` supports only `\"Resource\": \"*\"`; {} names a \
                                 specific ARN and does not apply to it",
                                req.action(),
                                st.reference()
                            ),
                        ));
                        continue;
                    }
                    any = true;
                    break;
                }
                Ok(false) => {}
                Err(u) => {
                    let (k, multi) = match &u {
                        Unresolved::Missing(k) => (k, false),
                        Unresolved::Multi(k) => (k, true),
                    };
                    cx.warn(Warning::new(
                        if multi {
                            "variable-multivalued"
                        } else {
                            "variable-missing"
                        },
                        format!(
                            "resource pattern with `${{{k}}}` in {}: the key {}; the pattern \
                             matches no resource",
                            st.reference(),
                            if multi {
                                "is multivalued (documentation leaves this open)"
                            } else {
                                "is absent from the request"
                            }
                        ),
                    ));
                    if rb.negated {
                        // A NotResource with a null variable matches no resource.
                        return false;
                    }
                }
            },
        }
    }
    any != rb.negated
}

/// True when the catalogue lists the request's action as having no resource-level
/// permissions.
fn wildcard_only_action(req: &Request) -> bool {
    crate::catalog::is_wildcard_only(req.action_lc())
}

/// Is `arn` (a `Principal` `AWS` value) the account `acct`?
fn names_account(v: &str, partition: &str, acct: &str) -> bool {
    if v == acct {
        return true;
    }
    match split_arn(v) {
        Some([a, p, "iam", "", ac, "root"]) => a == "arn" && p == partition && ac == acct,
        _ => false,
    }
}

/// Does `v` name the role (by account and name; role paths are not in session ARNs)?
fn names_role(v: &str, partition: &str, acct: &str, role: &str) -> bool {
    match split_arn(v) {
        Some(["arn", p, "iam", "", ac, res]) if p == partition && ac == acct => res
            .strip_prefix("role/")
            .is_some_and(|r| r.rsplit('/').next() == Some(role)),
        _ => false,
    }
}

fn principal_matches(
    pb: &PrincipalBlock,
    effect: Effect,
    cx: &mut Ctx<'_>,
) -> Option<PrincipalMatch> {
    let p = cx.req.principal();
    let ps = &pb.principals;
    if !ps.canonical_user.is_empty() {
        cx.warn(Warning::new(
            "canonical-user-unresolved",
            "a `CanonicalUser` principal cannot be resolved offline; it matches no caller",
        ));
    }
    if !pb.negated {
        if ps.any {
            return Some(PrincipalMatch::Everyone);
        }
        let mut best: Option<PrincipalMatch> = None;
        let mut up = |m: PrincipalMatch| {
            if best.is_none_or(|b| m > b) {
                best = Some(m);
            }
        };
        match p {
            Principal::Service(s) => {
                if ps.service.iter().any(|v| v == s) {
                    up(PrincipalMatch::Exact);
                }
            }
            Principal::Federated(f) => {
                if ps.federated.iter().any(|v| v == f) {
                    up(PrincipalMatch::Exact);
                }
            }
            Principal::Anonymous => {}
            _ => {
                let part = p.partition().unwrap_or("aws");
                let acct = p.account().unwrap_or("");
                let mut parent_user_named = false;
                for v in &ps.aws {
                    if names_account(v, part, acct) {
                        up(PrincipalMatch::Account);
                        continue;
                    }
                    if let Principal::FederatedUser { .. } = p
                        && v.starts_with(&format!("arn:{part}:iam::{acct}:user/"))
                    {
                        parent_user_named = true;
                    }
                    match p {
                        Principal::User { arn, .. } | Principal::FederatedUser { arn, .. }
                            if v == arn =>
                        {
                            up(PrincipalMatch::Exact);
                        }
                        Principal::AssumedRole { arn, role_name, .. } => {
                            if v == arn {
                                up(PrincipalMatch::Exact);
                            } else if names_role(v, part, acct, role_name) {
                                up(PrincipalMatch::Role);
                            }
                        }
                        Principal::Role { name, .. } if names_role(v, part, acct, name) => {
                            up(PrincipalMatch::Role);
                        }
                        _ => {}
                    }
                }
                if parent_user_named && best.is_none() {
                    cx.warn(Warning::new(
                        "unclear-federated-user-parent",
                        "the resource policy names an IAM user of the federated user's account; \
                         a grant to the IAM user who called GetFederationToken reaches its \
                         federated sessions (the documentation does not say whether an identity \
                         implicit deny limits it), but the request does not say which user \
                         federated, so the grant is not applied",
                    ));
                }
            }
        }
        return best;
    }
    // NotPrincipal.
    if ps.any {
        // Everyone is excluded.
        return None;
    }
    let listed = |p: &Principal| -> Vec<bool> { chain_listed(ps, p) };
    let chain = listed(p);
    match effect {
        Effect::Deny => {
            if cx.has_boundary && p.is_iam() {
                cx.warn(Warning::new(
                    "notprincipal-with-boundary",
                    "a Deny with NotPrincipal always denies principals that have a permissions \
                     boundary, whatever it lists",
                ));
                return Some(PrincipalMatch::Everyone);
            }
            let all = !chain.is_empty() && chain.iter().all(|b| *b);
            if all {
                None
            } else {
                if chain.last() == Some(&true) {
                    cx.warn(Warning::new(
                        "notprincipal-incomplete",
                        "NotPrincipal lists the caller but not every parent (account, role); \
                         AWS documents that the caller is then denied",
                    ));
                }
                Some(PrincipalMatch::Everyone)
            }
        }
        Effect::Allow => {
            if chain.iter().any(|b| *b) {
                None
            } else {
                Some(PrincipalMatch::Everyone)
            }
        }
    }
}

/// For each element of the caller's chain (account, role, session / account, user / service),
/// whether the `NotPrincipal` lists it.
fn chain_listed(ps: &crate::policy::Principals, p: &Principal) -> Vec<bool> {
    let part = p.partition().unwrap_or("aws");
    let acct = p.account().unwrap_or("");
    let acct_listed = || ps.aws.iter().any(|v| names_account(v, part, acct));
    let arn_listed = |arn: &str| ps.aws.iter().any(|v| v == arn);
    match p {
        Principal::Anonymous => Vec::new(),
        Principal::Service(s) => vec![ps.service.iter().any(|v| v == s)],
        Principal::Federated(f) => vec![ps.federated.iter().any(|v| v == f)],
        Principal::Root { .. } => vec![acct_listed()],
        Principal::User { arn, .. } | Principal::FederatedUser { arn, .. } => {
            vec![acct_listed(), arn_listed(arn)]
        }
        Principal::AssumedRole { arn, role_name, .. } => vec![
            acct_listed(),
            ps.aws.iter().any(|v| names_role(v, part, acct, role_name)),
            arn_listed(arn),
        ],
        Principal::Role { name, .. } => vec![
            acct_listed(),
            ps.aws.iter().any(|v| names_role(v, part, acct, name)),
        ],
    }
}

/// Keys whose positive condition makes a `*` grant non-public (S3 Block Public Access and
/// Access Analyzer treat them so).
const FIXING_KEYS: [&str; 14] = [
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:sourceaccount",
    "aws:principalarn",
    "aws:userid",
    "aws:sourceowner",
    "aws:principalservicename",
    "aws:sourceip",
    "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn",
];

/// An Allow to everyone (`*` or NotPrincipal) without a condition that fixes who can use it.
pub(crate) fn statement_is_public(st: &Statement) -> bool {
    if st.effect != Effect::Allow {
        return false;
    }
    let open = match &st.principal {
        Some(pb) => pb.negated || pb.principals.any,
        None => false,
    };
    if !open {
        return false;
    }
    !st.conditions.iter().any(|c| {
        let Some(op) = c.spec.operator else {
            return false;
        };
        if op.is_negated() || op == crate::condition::Operator::Null {
            return false;
        }
        if !FIXING_KEYS.contains(&c.key_lowercase()) {
            return false;
        }
        if c.key_lowercase() == "aws:sourceip" {
            return c
                .values
                .iter()
                .all(|v| crate::condition::Cidr::parse(v).is_some_and(|n| n.prefix() >= 8));
        }
        c.values.iter().all(|v| !v.chars().all(|ch| ch == '*'))
    })
}

/// Matching Deny and Allow statements of one policy for `req` (resource side when the policy
/// has `Principal` elements), with warnings.
pub(crate) fn single_policy(
    policy: &Policy,
    req: &Request,
) -> (Vec<StatementRef>, Vec<StatementRef>, Vec<Warning>) {
    let resource_side = policy.statements.iter().any(|s| s.principal.is_some());
    let mut cx = Ctx {
        req,
        has_boundary: false,
        warnings: Vec::new(),
    };
    let (side, kind) = if resource_side {
        (Side::Resource, PolicyKind::Resource)
    } else {
        (Side::Caller, PolicyKind::Identity)
    };
    let m = eval_policy(policy, side, kind, &mut cx);
    (
        m.denies,
        m.allows.into_iter().map(|(s, _)| s).collect(),
        cx.warnings,
    )
}

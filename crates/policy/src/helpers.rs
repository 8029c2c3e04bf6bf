//! Single-policy questions the checks ask often: "does this policy grant full admin", "does it
//! allow this action on this resource". They reuse the evaluator, never string matching.

use crate::eval::single_policy;
use crate::policy::{Effect, Policy, StatementRef};
use crate::request::{Context, Principal, Request};

/// The answer of one policy on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A Deny statement matches (the first one).
    Deny(StatementRef),
    /// No Deny matches and an Allow does (the first one).
    Allow(StatementRef),
    /// No statement matches.
    NoMatch,
}

impl Policy {
    /// The first unconditional `Allow` statement that allows every action on every resource:
    /// `Action` `*` (or `*:*`, or any all-wildcard pattern), or a `NotAction` that excludes
    /// nothing (an empty list); and `Resource` `*` or a `NotResource` that excludes nothing.
    /// A statement with any `Condition` is not counted.
    pub fn grants_full_admin(&self) -> Option<StatementRef> {
        self.statements
            .iter()
            .find(|st| {
                if st.effect != Effect::Allow || !st.conditions.is_empty() {
                    return false;
                }
                let all_actions = if st.action.negated {
                    st.action.patterns.is_empty()
                } else {
                    st.action.matcher.matches_everything()
                };
                let all_resources = match &st.resource {
                    None => false,
                    Some(rb) if rb.negated => rb.patterns.is_empty(),
                    Some(rb) => rb
                        .parsed
                        .iter()
                        .any(|p| matches!(p, crate::glob::ArnPattern::Any)),
                };
                all_actions && all_resources
            })
            .map(|st| st.reference())
    }

    /// This policy's own answer for `req` (resource-policy semantics when its statements have
    /// `Principal` elements, identity semantics otherwise).
    pub fn verdict_for(&self, req: &Request) -> Verdict {
        let (denies, allows, _) = single_policy(self, req);
        if let Some(d) = denies.into_iter().next() {
            Verdict::Deny(d)
        } else if let Some(a) = allows.into_iter().next() {
            Verdict::Allow(a)
        } else {
            Verdict::NoMatch
        }
    }

    /// This policy's answer for `action` on `resource` with `context`, as an identity policy
    /// with no principal-derived keys (set them in `context` when conditions need them).
    pub fn verdict(&self, action: &str, resource: &str, context: &Context) -> Verdict {
        let req =
            Request::new(Principal::Anonymous, action, resource).with_context(context.clone());
        let req = req.with_context(context.clone());
        self.verdict_for(&req)
    }

    /// True when this policy on its own allows `action` on `resource` (an Allow matches and no
    /// Deny does).
    pub fn allows(&self, action: &str, resource: &str, context: &Context) -> bool {
        matches!(self.verdict(action, resource, context), Verdict::Allow(_))
    }

    /// Allow statements granting everyone (`Principal` `*` or Allow+`NotPrincipal`) without a
    /// condition that fixes who can use them (`aws:SourceArn`, `aws:PrincipalOrgID`, ...): the
    /// statements that make a resource policy public.
    pub fn public_statements(&self) -> Vec<StatementRef> {
        self.statements
            .iter()
            .filter(|s| crate::eval::statement_is_public(s))
            .map(|s| s.reference())
            .collect()
    }
}

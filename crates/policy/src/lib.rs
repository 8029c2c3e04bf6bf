//! Rampart's IAM policy engine.
//!
//! Every permission question Rampart asks goes through this crate: parse a policy
//! ([`Policy::parse`]), build a [`Request`] and a [`PolicySet`], and [`evaluate`] it. The result
//! is total — a [`Decision`], the policies and statements that decided it ([`Explain`]) and
//! [`Warning`]s where the documentation leaves the answer open — and nothing panics on any input.
//!
//! The evaluation follows `iam-semantics.md` (the project's summary of the IAM User Guide).

pub mod catalog;
mod condition;
mod error;
mod eval;
mod glob;
mod helpers;
pub mod lint;
mod policy;
mod request;
mod simulate;

pub use condition::{Condition, Operator, OperatorSpec, OperatorType, SetQualifier};
pub use error::{PolicyError, RequestError};
pub use eval::{
    Decision, Evaluation, Explain, ExplainKind, NamedPolicy, PolicyKind, PolicySet,
    ResourcePolicyKind, Warning, context_warnings, evaluate,
};
pub use helpers::Verdict;
pub use lint::{
    LintFinding, LintPolicyType, PathSeg, Severity, lint, lint_json_line, lint_text_lines,
};
pub use policy::{
    ActionBlock, Effect, Policy, PrincipalBlock, Principals, ResourceBlock, Statement,
    StatementRef, Version,
};
pub use request::{Context, ContextValue, Principal, Request, Settings};
pub use simulate::{
    PolicyCache, SimRequest, simulate_lines, simulate_one, simulate_path, simulate_reader,
};

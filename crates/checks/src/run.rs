//! Running checks: the context they read, the outcomes they report, and the engine that turns
//! outcomes into findings.

use crate::finding::{Finding, Status, compliance_map, finding_id};
use crate::meta::Framework;
use crate::registry::{Entry, registry};
use rampart_model::{Gap, Inventory, ResourceRef, ResourceType, Timestamp};
use serde_json::{Value, json};

/// What a check may read: the inventory and the time "now" (the snapshot's collection time).
pub struct Context<'a> {
    pub inv: &'a Inventory,
    pub now: Timestamp,
}

impl<'a> Context<'a> {
    /// A context at time `now`.
    pub fn new(inv: &'a Inventory, now: Timestamp) -> Context<'a> {
        Context { inv, now }
    }

    /// Days from `t` to now.
    pub fn days_since(&self, t: Timestamp) -> i64 {
        t.days_until(self.now)
    }

    /// A resource of this account.
    pub fn resource(
        &self,
        kind: ResourceType,
        id: impl Into<String>,
        arn: Option<String>,
        region: Option<&str>,
    ) -> ResourceRef {
        ResourceRef {
            kind,
            id: id.into(),
            arn,
            region: region.map(str::to_string),
            account_id: self.inv.account_id.clone(),
        }
    }

    /// The account itself (password policy, root user, account-wide settings).
    pub fn account(&self) -> ResourceRef {
        let id = self.inv.account_id.clone();
        self.resource(ResourceType::Account, id, Some(self.inv.root_arn()), None)
    }

    /// The account in one region (for "enabled in every region" checks).
    pub fn region(&self, region: &str) -> ResourceRef {
        let id = format!("{}/{}", self.inv.account_id, region);
        self.resource(ResourceType::Region, id, None, Some(region))
    }

    /// An IAM resource named by its ARN.
    pub fn iam(&self, kind: ResourceType, name: &str, arn: &str) -> ResourceRef {
        self.resource(kind, name, Some(arn.to_string()), None)
    }
}

/// One check's verdict on one resource, before it becomes a [`Finding`].
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    pub resource: ResourceRef,
    pub message: String,
    pub evidence: Value,
}

/// Collects a check's outcomes.
#[derive(Debug, Default)]
pub struct Outcomes {
    pub items: Vec<Outcome>,
}

impl Outcomes {
    fn push(&mut self, status: Status, resource: ResourceRef, message: String, evidence: Value) {
        self.items.push(Outcome {
            status,
            resource,
            message,
            evidence,
        });
    }

    /// The resource meets the requirement.
    pub fn pass(&mut self, resource: ResourceRef, message: impl Into<String>, evidence: Value) {
        self.push(Status::Pass, resource, message.into(), evidence);
    }

    /// The resource fails the requirement.
    pub fn fail(&mut self, resource: ResourceRef, message: impl Into<String>, evidence: Value) {
        self.push(Status::Fail, resource, message.into(), evidence);
    }

    /// The resource cannot be judged for a reason other than a missing call (an unparseable
    /// policy, a missing field); the message says why.
    pub fn push_unknown_message(
        &mut self,
        resource: ResourceRef,
        message: impl Into<String>,
        evidence: Value,
    ) {
        self.push(Status::Unknown, resource, message.into(), evidence);
    }

    /// The data needed to judge the resource is missing; the gap says which call and why.
    pub fn unknown(&mut self, resource: ResourceRef, what: &str, gap: &Gap) {
        let message = format!("cannot tell {what}: {gap}");
        self.push(
            Status::Unknown,
            resource,
            message,
            json!({ "missing": gap }),
        );
    }
}

/// Which checks to run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these check IDs (already validated by the caller).
    pub ids: Option<Vec<String>>,
    /// Only checks mapped to this framework.
    pub framework: Option<Framework>,
}

impl Selection {
    /// Whether `e` is selected.
    pub fn includes(&self, e: &Entry) -> bool {
        let by_id = self
            .ids
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|i| i == e.check.id));
        let by_fw = self
            .framework
            .is_none_or(|fw| crate::frameworks::maps_to(e.check, fw));
        by_id && by_fw
    }
}

/// Runs the selected checks, in parallel, and returns their findings in check order.
pub fn run_checks(inv: &Inventory, now: Timestamp, sel: &Selection) -> Vec<Finding> {
    use rayon::prelude::*;
    let cx = Context::new(inv, now);
    let selected: Vec<_> = registry().iter().filter(|e| sel.includes(e)).collect();
    let per_check: Vec<Vec<Finding>> = selected
        .par_iter()
        .map(|e| {
            let mut out = Outcomes::default();
            (e.check.run)(&cx, &mut out);
            let compliance = std::sync::Arc::new(compliance_map(e.check));
            let remediation: std::sync::Arc<str> = e.doc().remediation.into();
            out.items
                .into_iter()
                .map(|o| Finding {
                    id: finding_id(e.check.id, &o.resource),
                    check_id: e.check.id,
                    title: e.check.title,
                    status: o.status,
                    severity: e.check.severity,
                    resource: o.resource,
                    message: o.message,
                    evidence: o.evidence,
                    compliance: compliance.clone(),
                    remediation: remediation.clone(),
                    muted: None,
                })
                .collect()
        })
        .collect();
    per_check.into_iter().flatten().collect()
}

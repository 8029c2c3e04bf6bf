//! Rampart's checks: a registry of questions asked of an [`Inventory`], each answering PASS,
//! FAIL or UNKNOWN per resource.
//!
//! A check lives in one file whose path is its ID (`iam.root_access_key` ⇔
//! `src/iam/root_access_key.rs`). The file holds the check's documentation (its `//!` comment,
//! with fixed sections), its typed metadata, its logic and its tests. The registry is generated
//! (`cargo xtask gen-registry`) and a test keeps it fresh, so adding a check is adding a file.
//!
//! Checks are pure functions of the inventory and a [`Context`]: time comes from the context
//! (the snapshot's collection time), never from the clock.

pub mod finding;
pub mod frameworks;
pub mod meta;
pub mod registry;
pub mod run;
pub mod support;

// One module per service directory (the generator checks this list).
pub mod accessanalyzer;
pub mod account;
pub mod acm;
pub mod apigateway;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod config;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod efs;
pub mod eks;
pub mod elb;
pub mod guardduty;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod net;
pub mod opensearch;
pub mod rds;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;
pub mod ssm;

mod all;

pub use finding::{Finding, Muted, Status};
pub use meta::{Check, Control, Framework, Lifecycle, Severity};
pub use registry::{CheckDoc, Entry, registry};
pub use run::{Context, Outcome, Outcomes, Selection, run_checks};

/// What every check file imports.
pub(crate) mod prelude {
    pub use crate::meta::{Check, Lifecycle, Severity, cis, fsbp};
    pub use crate::run::{Context, Outcomes};
    pub use rampart_model::ResourceType;
    pub use serde_json::json;
}

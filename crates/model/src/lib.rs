//! Rampart's data model: the typed [`Inventory`] of one AWS account, and the parser that builds it
//! from a snapshot (CONTRACT §1).
//!
//! Every source (a recorded snapshot, a live collection, infrastructure as code) ends up as the
//! same `Inventory`, so checks never know where a resource came from. This crate does no file or
//! network I/O: it takes bytes and returns typed data, warnings and precise errors.
//!
//! Data that could not be read is never silently empty: every collection and attribute that comes
//! from an API call is an [`Observed`] value, either the data or a [`Gap`] saying why it is missing
//! (not collected, access denied, call failed). Checks turn gaps into UNKNOWN.

pub mod arn;
pub mod error;
pub mod inventory;
pub mod observed;
pub mod policy_doc;
pub mod resource;
pub mod snapshot;
pub mod time;

pub use arn::Arn;
pub use error::{LoadError, Warning};
pub use inventory::Inventory;
pub use observed::{Gap, GapKind, Observed};
pub use policy_doc::PolicyDocument;
pub use resource::{ResourceRef, ResourceType};
pub use snapshot::{LoadOptions, Loaded, load_snapshot};
pub use time::Timestamp;

//! Helpers shared by several checks.

pub mod cloudtrail;
pub mod eol_data;
pub mod exposure;
pub mod filter_pattern;
pub mod iam;
pub mod monitoring;
pub mod net;
pub mod rds;
pub mod regional;
pub mod s3;
pub mod sg;
#[cfg(test)]
pub mod testing;

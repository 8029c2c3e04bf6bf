//! Helpers shared by several checks.

pub mod exposure;
pub mod filter_pattern;
pub mod iam;
pub mod monitoring;
pub mod sg;
#[cfg(test)]
pub mod testing;

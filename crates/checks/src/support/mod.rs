//! Helpers shared by several checks.

pub mod exposure;
pub mod iam;
#[cfg(test)]
pub mod testing;

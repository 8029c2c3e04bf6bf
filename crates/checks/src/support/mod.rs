//! Helpers shared by several checks.

pub mod iam;
#[cfg(test)]
pub mod testing;

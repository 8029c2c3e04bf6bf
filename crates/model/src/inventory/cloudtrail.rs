//! CloudTrail: typed resources (to be filled in).

use super::Apply;
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};

/// CloudTrail data of the account.
#[derive(Debug, Clone, Default)]
pub struct CloudTrail {}

impl CloudTrail {
    pub(crate) fn finalize(&mut self, _regions: &[String]) {}
}

pub(crate) fn parse(_cx: &CallCx<'_>, _body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    Ok(None)
}

//! SecurityHub: typed resources (to be filled in).

use super::Apply;
use crate::error::LoadError;
use crate::snapshot::{Body, CallCx};

/// SecurityHub data of the account.
#[derive(Debug, Clone, Default)]
pub struct SecurityHub {}

impl SecurityHub {
    pub(crate) fn finalize(&mut self, _regions: &[String]) {}
}

pub(crate) fn parse(_cx: &CallCx<'_>, _body: Body<'_>) -> Result<Option<Apply>, LoadError> {
    Ok(None)
}

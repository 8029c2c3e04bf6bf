//! `scan --mutelist FILE`: read the file, apply it to the findings, report what happened.

use crate::UsageError;
use crate::input::read_capped;
use rampart_checks::Finding;
use rampart_model::{Inventory, Timestamp};
use rampart_report::mutelist::{MAX_BYTES, Mutelist, TagIndex, parse};
use std::path::Path;

/// Reads and parses a mutelist; errors name the file, line and column (exit status 2).
pub fn load(path: &Path) -> Result<Mutelist, UsageError> {
    let name = path.display().to_string();
    let bytes = read_capped(path, MAX_BYTES as u64)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        UsageError(format!(
            "{name}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let m = parse(&name, &text).map_err(|e| UsageError(e.to_string()))?;
    for w in &m.warnings {
        eprintln!("rampart: warning: {w}");
    }
    Ok(m)
}

/// Mutes the findings the list covers. Expiry is judged at `now` (`--now`, else the clock).
pub fn apply(m: &Mutelist, findings: &mut [Finding], inv: &Inventory, now: Timestamp) {
    let tags = TagIndex::from_inventory(inv);
    let applied = m.apply(findings, now, &tags);
    for w in &applied.warnings {
        eprintln!("rampart: warning: {w}");
    }
}

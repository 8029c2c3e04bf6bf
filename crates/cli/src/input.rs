//! Reading input files with clear errors (file named, size capped before reading).

use crate::UsageError;
use std::io::Read;
use std::path::Path;

/// Loads `--snapshot FILE` (or the demo account when `None`) into an inventory, printing input
/// warnings (the first ten unless `verbose`). Errors name the file.
pub fn load_snapshot_arg(
    path: Option<&Path>,
    max: u64,
    verbose: bool,
) -> Result<rampart_model::Inventory, UsageError> {
    let (name, bytes) = match path {
        Some(p) => (p.display().to_string(), read_capped(p, max)?),
        None => (
            "demo-snapshot.json".to_string(),
            crate::scan::DEMO_SNAPSHOT.to_vec(),
        ),
    };
    let loaded = rampart_model::load_snapshot(
        &name,
        &bytes,
        &rampart_model::LoadOptions { max_bytes: max },
    )
    .map_err(|e| UsageError(e.to_string()))?;
    let shown = if verbose { loaded.warnings.len() } else { 10 };
    for w in loaded.warnings.iter().take(shown) {
        eprintln!("rampart: warning: {w}");
    }
    if loaded.warnings.len() > shown {
        eprintln!(
            "rampart: warning: ... and {} more (--verbose shows them all)",
            loaded.warnings.len() - shown
        );
    }
    Ok(loaded.inventory)
}

/// Reads `path` (or standard input for `-`), refusing files larger than `max` bytes.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, UsageError> {
    let name = path.display();
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|e| UsageError(format!("<stdin>: cannot read: {e}")))?;
        if buf.len() as u64 > max {
            return Err(UsageError(format!(
                "<stdin>: input is larger than the limit of {} MiB",
                max >> 20
            )));
        }
        return Ok(buf);
    }
    let meta =
        std::fs::metadata(path).map_err(|e| UsageError(format!("{name}: cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(UsageError(format!(
            "{name}: is a directory, not a snapshot file"
        )));
    }
    if meta.len() > max {
        return Err(UsageError(format!(
            "{name}: file is {} MiB, larger than the limit of {} MiB (raise it with --max-snapshot-mb)",
            meta.len() >> 20,
            max >> 20
        )));
    }
    std::fs::read(path).map_err(|e| UsageError(format!("{name}: cannot read: {e}")))
}

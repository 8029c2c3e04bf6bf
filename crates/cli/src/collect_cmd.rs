//! `rampart collect` and the collecting half of `rampart scan --live`: read an AWS account with
//! read-only calls (crate `rampart-collect`) and keep the result as a snapshot (CONTRACT §1).
//!
//! The arguments exist in every build; the collection itself needs the cargo feature `live`
//! (default on), the only part of the command that depends on the AWS SDK.

use crate::UsageError;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where and how to read a live account.
#[derive(Debug, Clone, Args)]
pub struct LiveArgs {
    /// Use this profile of the shared AWS config files (else `AWS_PROFILE` or `default`).
    #[arg(long, value_name = "P")]
    pub profile: Option<String>,
    /// Collect only these regions (comma-separated); default: every region enabled for the
    /// account.
    #[arg(long, value_delimiter = ',', value_name = "R,...")]
    pub regions: Option<Vec<String>>,
    /// Assume this role (with the credentials found) before collecting.
    #[arg(long, value_name = "ARN")]
    pub role_arn: Option<String>,
    /// Most API calls in flight at once.
    #[arg(long, value_name = "N", default_value_t = 16)]
    pub concurrency: usize,
    /// Longest wait for one HTTP attempt, in seconds (throttled calls are retried with backoff).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub call_timeout: u64,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    /// The snapshot file to write (`.json`, or `.json.gz` to compress).
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub live: LiveArgs,
}

/// `rampart collect`.
pub fn run(a: CollectArgs) -> Result<ExitCode, UsageError> {
    collect(&a.live, Some(&a.output))?;
    Ok(ExitCode::SUCCESS)
}

/// Collects a snapshot, writes it to `save` when given, prints what could not be read, and
/// returns the snapshot's JSON text.
#[cfg(feature = "live")]
pub fn collect(live: &LiveArgs, save: Option<&Path>) -> Result<Vec<u8>, UsageError> {
    use std::io::IsTerminal;
    let opts = rampart_collect::Options {
        profile: live.profile.clone(),
        regions: live.regions.clone(),
        role_arn: live.role_arn.clone(),
        concurrency: live.concurrency.max(1),
        attempt_timeout: std::time::Duration::from_secs(live.call_timeout.max(1)),
        progress: std::io::stderr().is_terminal(),
        ..rampart_collect::Options::default()
    };
    let snap = rampart_collect::collect_blocking(&opts).map_err(|e| UsageError(e.to_string()))?;
    if let Some(path) = save {
        snap.write(path).map_err(|e| UsageError(e.to_string()))?;
    }
    print_summary(&snap, save);
    Ok(snap.to_json())
}

#[cfg(not(feature = "live"))]
pub fn collect(_live: &LiveArgs, _save: Option<&Path>) -> Result<Vec<u8>, UsageError> {
    Err(UsageError(
        "--live and `collect` are not in this build: rebuild with `cargo build --release --features live`, or record a snapshot (scripts/record-snapshot.py) and use --snapshot".into(),
    ))
}

/// How many failed operations the summary names before it only counts.
#[cfg(feature = "live")]
const SUMMARY_LINES: usize = 15;

/// One line per failed (service, operation, error code), with the regions it failed in.
#[cfg(feature = "live")]
fn print_summary(snap: &rampart_collect::Snapshot, saved: Option<&Path>) {
    use std::collections::BTreeMap;
    let mut failed: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
    let mut n_failed = 0;
    for (call, err) in snap.failures() {
        let model_err = rampart_model::snapshot::ApiError {
            code: err.code.clone(),
            message: None,
        };
        if model_err.class() == rampart_model::snapshot::ErrorClass::NotConfigured {
            continue; // "there is none" is an answer, not a failure
        }
        n_failed += 1;
        failed
            .entry((call.service, call.operation, err.code.as_str()))
            .or_default()
            .push(call.region.as_deref().unwrap_or("global"));
    }
    let where_ = saved.map_or(String::new(), |p| format!(" to {}", p.display()));
    eprintln!(
        "rampart: collected account {} in {} region(s): {} calls{where_}, {n_failed} could not be read",
        snap.account_id,
        snap.regions.len(),
        snap.calls.len()
    );
    if failed.is_empty() {
        return;
    }
    eprintln!("rampart: what could not be read (checks that need it report UNKNOWN):");
    for ((service, op, code), mut regions) in failed
        .iter()
        .take(SUMMARY_LINES)
        .map(|(k, v)| (*k, v.clone()))
    {
        regions.sort_unstable();
        regions.dedup();
        let shown: Vec<&str> = regions.iter().take(4).copied().collect();
        let more = regions.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        eprintln!("  {service} {op}: {code} ({}{more})", shown.join(", "));
    }
    if failed.len() > SUMMARY_LINES {
        eprintln!("  ... and {} more", failed.len() - SUMMARY_LINES);
    }
    eprintln!(
        "  (access errors: the credentials need the AWS managed policies SecurityAudit and ViewOnlyAccess)"
    );
}

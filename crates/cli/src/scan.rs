//! `rampart scan`: load a snapshot, run the checks, render the findings.

use crate::UsageError;
use crate::args::{ScanArgs, ScanFormat};
use crate::input::read_capped;
use indicatif::{ProgressBar, ProgressStyle};
use rampart_checks::{Framework, Selection, Severity, Status, registry, run_checks};
use rampart_model::{LoadOptions, Timestamp, load_snapshot};
use rampart_report::table::TableOptions;
use rampart_report::{ScanReport, Source};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

/// The demo account compiled into the binary (see `crates/cli/assets/README.md`).
pub const DEMO_SNAPSHOT: &[u8] = include_bytes!("../assets/demo-snapshot.json");

/// How many input warnings to print without `--verbose`.
const WARNINGS_SHOWN: usize = 10;

pub fn run(a: ScanArgs) -> Result<ExitCode, UsageError> {
    if a.iac.is_some() {
        return Err(UsageError(
            "--iac is not available in this build yet".into(),
        ));
    }
    let selection = selection(&a)?;
    let mutelist = a
        .mutelist
        .as_deref()
        .map(crate::mutelist::load)
        .transpose()?;
    let fail_on = match &a.fail_on {
        None => None,
        Some(s) => Some(Severity::parse(s).ok_or_else(|| {
            UsageError(format!(
                "--fail-on: `{s}` is not a severity (critical, high, medium, low, info)"
            ))
        })?),
    };
    let now_override = match &a.now {
        None => None,
        Some(s) => Some(
            Timestamp::parse(s)
                .ok_or_else(|| UsageError(format!("--now: `{s}` is not an RFC 3339 time")))?,
        ),
    };

    let max = a.max_snapshot_mb.saturating_mul(1 << 20);
    let (name, kind, bytes) = match &a.snapshot {
        Some(p) => (p.display().to_string(), "snapshot", read_capped(p, max)?),
        None if a.live => (
            "live collection".to_string(),
            "live",
            crate::collect_cmd::collect(&a.live_args, a.save.as_deref())?,
        ),
        None => (
            "demo-snapshot.json".to_string(),
            "snapshot",
            DEMO_SNAPSHOT.to_vec(),
        ),
    };
    let progress = spinner(&format!("loading {name} ({} KiB)", bytes.len() >> 10));
    let loaded = load_snapshot(&name, &bytes, &LoadOptions { max_bytes: max });
    progress.finish_and_clear();
    let loaded = loaded.map_err(|e| UsageError(e.to_string()))?;
    print_warnings(&loaded.warnings, a.verbose);
    let inv = loaded.inventory;

    let now = match (now_override, inv.collected_at) {
        (Some(t), _) => t,
        (None, Some(t)) => t,
        (None, None) => {
            eprintln!(
                "rampart: warning: {name}: the snapshot has no `collected_at`; ages are measured from the current time"
            );
            Timestamp(chrono::Utc::now())
        }
    };
    let checks_run = registry().iter().filter(|e| selection.includes(e)).count();
    let progress = spinner(&format!("running {checks_run} checks"));
    let mut findings = run_checks(&inv, now, &selection);
    if let Some(m) = &mutelist {
        let at = now_override.unwrap_or_else(|| Timestamp(chrono::Utc::now()));
        crate::mutelist::apply(m, &mut findings, &inv, at);
    }
    progress.finish_and_clear();

    let report = ScanReport {
        version: env!("CARGO_PKG_VERSION"),
        generated_at: Timestamp(chrono::Utc::now()).to_string(),
        source: Source {
            kind,
            account_id: inv.account_id.clone(),
            path: match (&a.snapshot, a.live) {
                (Some(p), _) => Some(p.display().to_string()),
                (None, true) => a.save.as_ref().map(|p| p.display().to_string()),
                (None, false) => Some("demo".into()),
            },
        },
        findings,
        checks_run,
        compliance: selection.framework.map(|framework| {
            rampart_report::compliance::ComplianceSpec {
                framework,
                ran: registry()
                    .iter()
                    .filter(|e| selection.includes(e))
                    .map(|e| e.check.id)
                    .collect(),
            }
        }),
    };
    let to_terminal = a.output.is_none() && std::io::stdout().is_terminal();
    if matches!(a.format, ScanFormat::Json) {
        // Streamed: the JSON of a large account is hundreds of megabytes.
        match &a.output {
            Some(p) => {
                let cannot =
                    |e: std::io::Error| UsageError(format!("{}: cannot write: {e}", p.display()));
                let file = std::fs::File::create(p).map_err(cannot)?;
                rampart_report::json::write(
                    &report,
                    std::io::BufWriter::with_capacity(1 << 18, file),
                )
                .map_err(cannot)?;
            }
            None => {
                let out = std::io::BufWriter::with_capacity(1 << 18, std::io::stdout().lock());
                // A closed pipe (`rampart scan | head`) is not an error worth a message.
                let _ = rampart_report::json::write(&report, out);
            }
        }
    } else {
        let text = rampart_report::table::render(
            &report,
            TableOptions {
                color: to_terminal && !a.no_color && std::env::var_os("NO_COLOR").is_none(),
                show_passed: a.show_passed,
                width: None,
            },
        );
        match &a.output {
            Some(p) => std::fs::write(p, text)
                .map_err(|e| UsageError(format!("{}: cannot write: {e}", p.display())))?,
            None => {
                let mut out = std::io::stdout().lock();
                // A closed pipe (`rampart scan | head`) is not an error worth a message.
                let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
            }
        }
    }
    let failed = fail_on.is_some_and(|min| {
        report
            .findings
            .iter()
            .any(|f| f.status == Status::Fail && f.severity >= min)
    });
    // The process ends now: freeing a large account's inventory and report item by item
    // would only add time (tens of milliseconds on 100 MB snapshots).
    std::mem::forget(inv);
    std::mem::forget(report);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn selection(a: &ScanArgs) -> Result<Selection, UsageError> {
    let framework = match &a.framework {
        None => None,
        Some(k) => Some(Framework::parse(k).ok_or_else(|| {
            let keys: Vec<_> = Framework::ALL.iter().map(|f| f.key()).collect();
            UsageError(format!(
                "--framework: unknown framework `{k}` (known: {})",
                keys.join(", ")
            ))
        })?),
    };
    if let Some(ids) = &a.checks {
        let unknown: Vec<&String> = ids
            .iter()
            .filter(|id| rampart_checks::registry::find(id).is_none())
            .collect();
        if !unknown.is_empty() {
            let list: Vec<String> = unknown.iter().map(|u| format!("`{u}`")).collect();
            return Err(UsageError(format!(
                "--checks: unknown check ID {} (see `rampart checks list`)",
                list.join(", ")
            )));
        }
    }
    Ok(Selection {
        ids: a.checks.clone(),
        framework,
    })
}

fn print_warnings(warnings: &[rampart_model::Warning], verbose: bool) {
    let shown = if verbose {
        warnings.len()
    } else {
        WARNINGS_SHOWN.min(warnings.len())
    };
    for w in &warnings[..shown] {
        eprintln!("rampart: warning: {w}");
    }
    if warnings.len() > shown {
        eprintln!(
            "rampart: warning: ... and {} more (--verbose shows them all)",
            warnings.len() - shown
        );
    }
}

/// A spinner on standard error, drawn only when it is a terminal.
fn spinner(msg: &str) -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    if std::io::stderr().is_terminal() {
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb.set_message(msg.to_string());
        pb.enable_steady_tick(Duration::from_millis(100));
    } else {
        pb.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    pb
}

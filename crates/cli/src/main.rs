//! The `rampart` command: scan an AWS account snapshot against the checks, list and explain
//! checks, and answer IAM questions.
//!
//! Exit status (CONTRACT §3): 0 when the command did its job; 1 when `--fail-on` is given and a
//! FAIL at or above that severity exists; 2 for bad usage or unreadable input, with a message
//! naming the file and the problem.

mod args;
mod checks_cmd;
mod collect_cmd;
mod frameworks_cmd;
mod iam_cmd;
mod input;
mod mutelist;
mod net_cmd;
mod scan;

use clap::Parser;

/// mimalloc: loading a large snapshot makes millions of small allocations; measured faster than
/// the system allocator in `bench/run.sh` (see bench/RESULTS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// An error the user must fix: printed as `rampart: error: ...`, exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl<E: std::fmt::Display> From<E> for UsageError {
    fn from(e: E) -> Self {
        UsageError(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Scan(a) => scan::run(a),
        args::Command::Checks(a) => checks_cmd::run(a),
        args::Command::Iam(a) => iam_cmd::run(a),
        args::Command::Net(a) => net_cmd::run(a),
        args::Command::Frameworks(a) => frameworks_cmd::run(a),
        args::Command::Collect(a) => collect_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(msg)) => {
            eprintln!("rampart: error: {msg}");
            ExitCode::from(2)
        }
    }
}

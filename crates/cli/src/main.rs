//! The `rampart` command: scan an AWS account snapshot against the checks, list and explain
//! checks, and answer IAM questions.
//!
//! Exit status (CONTRACT §3): 0 when the command did its job; 1 when `--fail-on` is given and a
//! FAIL at or above that severity exists; 2 for bad usage or unreadable input, with a message
//! naming the file and the problem.

/// `println!` for command output: through [`print_out`], so a closed pipe ends the output
/// quietly and other write errors become a usage error (exit 2), never a panic. Only in
/// functions returning `Result<_, UsageError>`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::print_out(&format!("{}\n", format_args!($($arg)*)))?
    };
}

/// `print!` for command output (see [`outln!`]).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::print_out(&format!($($arg)*))?
    };
}

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

/// Writes command output to standard output. A reader that stops early (`rampart checks show
/// ID | head`) closes the pipe; that ends the output quietly, as for other Unix tools, where
/// `println!` would panic.
pub fn print_out(text: &str) -> Result<(), UsageError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(UsageError(format!("cannot write to standard output: {e}"))),
    }
}

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

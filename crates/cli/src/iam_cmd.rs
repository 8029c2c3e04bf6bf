//! `rampart iam ...`: IAM policy questions answered offline by the policy engine.

use crate::UsageError;
use crate::input::read_capped;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct IamArgs {
    #[command(subcommand)]
    pub command: IamCommand,
}

#[derive(Debug, Subcommand)]
pub enum IamCommand {
    /// Evaluate requests exactly as AWS does (CONTRACT §4): one JSON request, or JSON Lines.
    Simulate {
        /// The request file (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        request: PathBuf,
    },
}

/// Largest request file accepted.
const MAX_REQUEST_BYTES: u64 = 1 << 30;

pub fn run(a: IamArgs) -> Result<ExitCode, UsageError> {
    match a.command {
        IamCommand::Simulate { request } => {
            let bytes = read_capped(&request, MAX_REQUEST_BYTES)?;
            let text = String::from_utf8(bytes).map_err(|e| {
                UsageError(format!(
                    "{}: not UTF-8 text (byte {})",
                    request.display(),
                    e.utf8_error().valid_up_to()
                ))
            })?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut warn = std::io::stderr();
            rampart_policy::simulate_lines(&text, &mut out, &mut warn)
                .and_then(|_| out.flush())
                .map_err(|e| UsageError(format!("cannot write results: {e}")))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

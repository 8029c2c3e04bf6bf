//! `rampart iam ...`: IAM policy questions answered offline by the policy engine.

use crate::UsageError;
use crate::input::read_capped;
use clap::{Args, Subcommand, ValueEnum};
use rampart_policy::lint::{LintPolicyType, Severity as LintSeverity};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct IamArgs {
    #[command(subcommand)]
    pub command: IamCommand,
}

/// Output formats of `iam lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// `file:line:column: SEVERITY CODE message`.
    Text,
    /// One JSON object per file, one per line (CONTRACT §4b).
    Json,
}

#[derive(Debug, Subcommand)]
pub enum IamCommand {
    /// Evaluate requests exactly as AWS does (CONTRACT §4): one JSON request, or JSON Lines.
    Simulate {
        /// The request file (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        request: PathBuf,
    },
    /// Validate policy documents offline, as IAM Access Analyzer's ValidatePolicy does
    /// (CONTRACT §4b).
    Lint {
        /// Policy documents (JSON).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// What kind of policy the files are.
        #[arg(
            long,
            default_value = "identity",
            value_name = "identity|resource|scp|rcp|trust"
        )]
        policy_type: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
        /// Exit with status 1 when a finding at or above this severity exists
        /// (ERROR, SECURITY_WARNING, WARNING, SUGGESTION).
        #[arg(long, value_name = "SEVERITY")]
        fail_on: Option<String>,
    },
}

/// Largest policy file accepted (IAM's own quotas are a few KiB; this only stops runaway input).
const MAX_POLICY_BYTES: u64 = 64 << 20;

pub fn run(a: IamArgs) -> Result<ExitCode, UsageError> {
    match a.command {
        IamCommand::Simulate { request } => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut warn = std::io::stderr();
            let result = if request.as_os_str() == "-" {
                rampart_policy::simulate_reader(std::io::stdin().lock(), &mut out, &mut warn)
            } else {
                rampart_policy::simulate_path(&request, &mut out, &mut warn)
            };
            result
                .and_then(|_| out.flush())
                .map_err(|e| UsageError(format!("{}: {e}", request.display())))?;
            Ok(ExitCode::SUCCESS)
        }
        IamCommand::Lint {
            files,
            policy_type,
            format,
            fail_on,
        } => {
            let ty = LintPolicyType::parse(&policy_type).ok_or_else(|| {
                UsageError(format!("--policy-type: `{policy_type}` is not one of identity, resource, scp, rcp, trust"))
            })?;
            let threshold = match &fail_on {
                None => None,
                Some(s) => Some(LintSeverity::parse(s).ok_or_else(|| {
                    UsageError(format!(
                        "--fail-on: `{s}` is not ERROR, SECURITY_WARNING, WARNING or SUGGESTION"
                    ))
                })?),
            };
            let mut failed = false;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for path in &files {
                let name = path.display().to_string();
                let bytes = read_capped(path, MAX_POLICY_BYTES)?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| UsageError(format!("{name}: not UTF-8 text")))?;
                let findings = rampart_policy::lint::lint(&text, ty)
                    .map_err(|e| UsageError(format!("{name}: {e}")))?;
                failed |= threshold.is_some_and(|t| findings.iter().any(|f| f.severity <= t));
                let lines = match format {
                    LintFormat::Json => {
                        vec![rampart_policy::lint::findings_json_line(&name, &findings)]
                    }
                    LintFormat::Text => rampart_policy::lint::lint_text_lines(&name, &findings),
                };
                for l in lines {
                    let _ = writeln!(out, "{l}");
                }
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

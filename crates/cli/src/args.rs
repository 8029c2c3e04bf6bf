//! Command-line arguments (CONTRACT §3).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Rampart: the customer's half of AWS security, as one fast offline program.
#[derive(Debug, Parser)]
#[command(name = "rampart", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan an account snapshot against the checks (CIS, AWS FSBP) and report findings.
    Scan(ScanArgs),
    /// List the checks, or show one with its documentation and source.
    Checks(ChecksArgs),
    /// Answer IAM policy questions offline.
    Iam(crate::iam_cmd::IamArgs),
    /// What the internet can reach, through every network layer, and why.
    Net(crate::net_cmd::NetArgs),
    /// List the compliance frameworks and how many of their requirements checks cover.
    Frameworks(crate::frameworks_cmd::FrameworksArgs),
    /// Read an AWS account with read-only calls and write a snapshot file.
    Collect(crate::collect_cmd::CollectArgs),
}

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Findings grouped by severity, for a person at a terminal.
    Table,
    /// The findings JSON of the contract, for machines.
    Json,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["demo", "snapshot", "live", "iac"])))]
pub struct ScanArgs {
    /// Scan the demo account compiled into the binary.
    #[arg(long)]
    pub demo: bool,
    /// Scan a snapshot file (`.json` or `.json.gz`; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
    /// Collect from AWS with read-only calls and scan (standard AWS credentials and
    /// environment, `AWS_ENDPOINT_URL` included).
    #[arg(long)]
    pub live: bool,
    #[command(flatten)]
    pub live_args: crate::collect_cmd::LiveArgs,
    /// With --live: also write the collected snapshot to FILE (`.json` or `.json.gz`).
    #[arg(long, value_name = "FILE", requires = "live")]
    pub save: Option<PathBuf>,
    /// Scan CloudFormation or Terraform before deployment (not in this build yet).
    #[arg(long, value_name = "PATH")]
    pub iac: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
    pub format: ScanFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Run only these checks (comma-separated IDs).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub checks: Option<Vec<String>>,
    /// Run only the checks mapped to this framework and add its compliance report
    /// (`rampart frameworks list` shows the keys).
    #[arg(long, value_name = "KEY")]
    pub framework: Option<String>,
    /// Mute accepted findings listed in this YAML file (see README, "Mutelist"); muted
    /// findings stay in the output as MUTED with their reason.
    #[arg(long, value_name = "FILE")]
    pub mutelist: Option<PathBuf>,
    /// Exit with status 1 when a FAIL at or above this severity exists.
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<String>,
    /// List passed findings in the table too.
    #[arg(long)]
    pub show_passed: bool,
    /// Largest snapshot accepted after decompression, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    pub max_snapshot_mb: u64,
    /// Measure ages (key rotation, unused credentials) from this time instead of the
    /// snapshot's `collected_at` (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Print every input warning instead of the first few.
    #[arg(long, short)]
    pub verbose: bool,
    /// Never use colour.
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Args)]
pub struct ChecksArgs {
    #[command(subcommand)]
    pub command: ChecksCommand,
}

#[derive(Debug, Subcommand)]
pub enum ChecksCommand {
    /// List every check.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
        format: ScanFormat,
        /// Only checks mapped to this framework.
        #[arg(long, value_name = "KEY")]
        framework: Option<String>,
    },
    /// Show one check: metadata, documentation and where its code is.
    Show {
        /// The check ID (`iam.root_mfa`).
        id: String,
    },
}

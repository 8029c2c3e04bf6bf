//! Loads a snapshot and prints what it holds: the load-time benchmark of `bench/run.sh`.
//!
//! `cargo run --release -p rampart-model --example load -- FILE`

use mimalloc::MiMalloc;
use rampart_model::{LoadOptions, load_snapshot};
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match load_snapshot(&path, &bytes, &LoadOptions::default()) {
        Ok(l) => {
            println!(
                "{} calls' worth: {} roles, {} buckets, {} warnings",
                path,
                l.inventory.iam.roles.as_ref().map_or(0, |r| r.len()),
                l.inventory.s3.buckets.as_ref().map_or(0, |b| b.len()),
                l.warnings.len()
            );
            // The process ends here: freeing the inventory would only cost time.
            std::mem::forget(l);
            std::mem::forget(bytes);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

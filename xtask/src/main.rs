//! Project chores, run as `cargo xtask <task>` (see `.cargo/config.toml`).
//!
//! - `gen-registry [--check]`: regenerate the check registry from the files under
//!   `crates/checks/src/<service>/`; with `--check`, fail when it is stale.
//! - `new-check <service.slug>`: scaffold a check file and regenerate the registry.

mod deps;
mod registry;

use std::path::PathBuf;
use std::process::ExitCode;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen-registry") => registry::generate(&root(), args.iter().any(|a| a == "--check"))
            .map(|changed| {
                if changed.is_empty() {
                    println!("registry is up to date");
                } else {
                    for c in changed {
                        println!("wrote {c}");
                    }
                }
            }),
        Some("new-check") => match args.get(1) {
            Some(id) => registry::new_check(&root(), id),
            None => Err("usage: cargo xtask new-check <service.slug>".to_string()),
        },
        _ => {
            Err("usage: cargo xtask gen-registry [--check] | new-check <service.slug>".to_string())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

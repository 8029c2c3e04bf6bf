//! A stand-alone `iam simulate` for scripts and benchmarks before (or besides) the `rampart`
//! CLI: `cargo run -p rampart-policy --release --example simulate -- FILE` (FILE `-` = stdin).
//! Results go to stdout, one line per request; exit status 2 when FILE cannot be read.

use std::io::Write;

/// The allocator of the `rampart` command (crates/cli), so this example performs as it does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".to_string());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut err = std::io::stderr();
    let result = if path == "-" {
        rampart_policy::simulate_reader(std::io::stdin().lock(), &mut out, &mut err)
    } else {
        rampart_policy::simulate_path(std::path::Path::new(&path), &mut out, &mut err)
    };
    if let Err(e) = result.and_then(|()| out.flush()) {
        eprintln!("error: cannot simulate `{path}`: {e}");
        std::process::exit(2);
    }
}

//! A stand-alone `iam simulate` for scripts and benchmarks before (or besides) the `rampart`
//! CLI: `cargo run -p rampart-policy --release --example simulate -- FILE` (FILE `-` = stdin).
//! Results go to stdout, one line per request; exit status 2 when FILE cannot be read.

use std::io::{Read, Write};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".to_string());
    let mut input = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut input).map(|_| ())
    } else {
        std::fs::read_to_string(&path).map(|s| input = s)
    };
    if let Err(e) = read {
        eprintln!("error: cannot read `{path}`: {e}");
        std::process::exit(2);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut err = std::io::stderr();
    if let Err(e) = rampart_policy::simulate_lines(&input, &mut out, &mut err) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    let _ = out.flush();
}

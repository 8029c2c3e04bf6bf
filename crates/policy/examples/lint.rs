//! A stand-alone `iam lint`: `cargo run -p rampart-policy --example lint -- [--policy-type T]
//! FILE...` prints one JSON line per file (CONTRACT §4b); exit 2 for a file that is not a policy.

fn main() {
    let mut ty = rampart_policy::LintPolicyType::Identity;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--policy-type" {
            let v = args.next().unwrap_or_default();
            match rampart_policy::LintPolicyType::parse(&v) {
                Some(t) => ty = t,
                None => {
                    eprintln!(
                        "error: `{v}` is not a policy type (identity, resource, scp, rcp, trust)"
                    );
                    std::process::exit(2);
                }
            }
        } else {
            files.push(a);
        }
    }
    let mut status = 0;
    for f in files {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read `{f}`: {e}");
                status = 2;
                continue;
            }
        };
        match rampart_policy::lint_json_line(&f, &text, ty) {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("error: `{f}`: {e}");
                status = 2;
            }
        }
    }
    std::process::exit(status);
}

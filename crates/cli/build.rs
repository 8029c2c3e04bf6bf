//! Builds the embedded demo account: `assets/demo-snapshot.json` plus every call list in
//! `assets/demo/*.json` (each a JSON array of CONTRACT §1 calls, one file per service area, in
//! name order), spliced into one snapshot in `OUT_DIR`. The result is checked by the tests that
//! scan the demo; this script only joins text.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=assets");
    let dir = Path::new("assets");
    let main = read(&dir.join("demo-snapshot.json"));
    // The snapshot ends with the `calls` array: `... ] }`.
    let body = main.trim_end();
    let Some(body) = body.strip_suffix('}') else {
        panic!("assets/demo-snapshot.json must end with the closing brace of the snapshot");
    };
    let Some(close) = body.trim_end().rfind(']') else {
        panic!("assets/demo-snapshot.json must end with the `calls` array");
    };
    let (head, tail) = body.split_at(close);
    let mut out = head.trim_end().to_string();
    let mut parts: Vec<_> = std::fs::read_dir(dir.join("demo"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    parts.retain(|p| p.extension().is_some_and(|e| e == "json"));
    parts.sort();
    for p in parts {
        let text = read(&p);
        let inner = text
            .trim()
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or_else(|| panic!("{} must be a JSON array of calls", p.display()))
            .trim();
        if !inner.is_empty() {
            out.push_str(",\n");
            out.push_str(inner);
        }
    }
    out.push('\n');
    out.push_str(tail);
    out.push_str("}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("demo-snapshot.json");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

#!/usr/bin/env bash
# Short fuzzing run of the policy parser + linter and the simulate input path (nightly +
# cargo-fuzz).
# Usage: scripts/policy/fuzz-short.sh [SECONDS_PER_TARGET]   (default 60)
# Seeds come from the conformance corpus; crashes land in fuzz/artifacts/ (gitignored).
# The targets (fuzz/fuzz_targets/parse_policy.rs, simulate.rs) are built in a small fuzz crate
# generated under the target directory that depends on crates/policy only, so fuzzing the
# policy engine does not wait for (or fail with) the rest of the workspace.
set -euo pipefail
secs="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
fz="$target/policy-fuzz/fuzz"
mkdir -p "$fz/fuzz_targets" "$root/fuzz/artifacts/parse_policy" "$root/fuzz/artifacts/simulate"
cat > "$fz/Cargo.toml" <<TOML
[package]
name = "rampart-policy-fuzz"
version = "0.0.0"
publish = false
edition = "2024"

[package.metadata]
cargo-fuzz = true

[dependencies]
libfuzzer-sys = "0.4"
rampart-policy = { path = "$root/crates/policy" }

[[bin]]
name = "parse_policy"
path = "fuzz_targets/parse_policy.rs"
test = false
doc = false
bench = false

[[bin]]
name = "simulate"
path = "fuzz_targets/simulate.rs"
test = false
doc = false
bench = false

[workspace]
TOML
ln -sf "$root/fuzz/fuzz_targets/parse_policy.rs" "$fz/fuzz_targets/parse_policy.rs"
ln -sf "$root/fuzz/fuzz_targets/simulate.rs" "$fz/fuzz_targets/simulate.rs"
[ -f "$fz/Cargo.lock" ] || cp "$root/fuzz/Cargo.lock" "$fz/Cargo.lock"
cd "$root/fuzz"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (nightly is required to run it)" >&2
  cargo install cargo-fuzz --locked
fi
# Seed corpora: every policy and request of the conformance suite.
python3 - "$root" <<'PY'
import json, os, sys
root = sys.argv[1]
cases = json.load(open(os.path.join(root, "crates/policy/tests/conformance/cases.json")))["cases"]
for target in ("parse_policy", "simulate"):
    os.makedirs(os.path.join(root, "fuzz/corpus", target), exist_ok=True)
n = 0
for c in cases:
    req = {k: v for k, v in c.items() if k not in ("name", "doc", "expect", "warn", "peer")}
    open(os.path.join(root, "fuzz/corpus/simulate", c["name"]), "w").write(json.dumps(req))
    pols = list(req.get("identity_policies") or [])
    for k in ("resource_policy", "permission_boundary", "session_policy"):
        if req.get(k):
            pols.append(req[k])
    for i, p in enumerate(pols):
        text = p if isinstance(p, str) else json.dumps(p)
        open(os.path.join(root, "fuzz/corpus/parse_policy", f"{c['name']}-{i}"), "w").write(text)
        n += 1
print(f"seeded {len(cases)} requests and {n} policies", file=sys.stderr)
PY
for target in parse_policy simulate; do
  echo "== fuzzing $target for ${secs}s" >&2
  cargo +nightly fuzz run --fuzz-dir "$fz" "$target" "$root/fuzz/corpus/$target" -- \
    -max_total_time="$secs" -max_len=4096 -artifact_prefix="$root/fuzz/artifacts/$target/"
done
echo "fuzz-short: no crash in ${secs}s per target" >&2

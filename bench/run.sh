#!/usr/bin/env bash
# Benchmark: load + full scan of a large generated account, and load of a ~100 MB snapshot.
# Usage: bash bench/run.sh            (writes bench/out/, prints a Markdown table)
# Needs python3; uses hyperfine when installed (apt-get install hyperfine), else a timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
export CARGO_TERM_COLOR=never
cargo build --release --locked -p rampart-cli >&2
bin=target/release/rampart
[ -f bench/out/large.json ] || python3 bench/gen_account.py --seed 1 --out bench/out/large.json
[ -f bench/out/100mb.json.gz ] || python3 bench/gen_account.py --seed 2 --pad-mb 100 --out bench/out/100mb.json.gz
[ -f bench/out/100mb.json ] || gzip -dc bench/out/100mb.json.gz > bench/out/100mb.json

run() { # name, command...
  local name=$1; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs 10 --export-json "bench/out/$name.json" "$*" >&2
    python3 -c "import json,sys; r=json.load(open('bench/out/$name.json'))['results'][0]; print(f\"| $name | {r['mean']*1000:.0f} ms | {r['min']*1000:.0f} ms | {r['max']*1000:.0f} ms |\")"
  else
    python3 - "$name" "$@" <<'PY'
import subprocess, sys, time
name, cmd = sys.argv[1], sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
ts = []
for _ in range(10):
    t = time.perf_counter(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL); ts.append(time.perf_counter() - t)
print(f"| {name} | {sum(ts)/len(ts)*1000:.0f} ms | {min(ts)*1000:.0f} ms | {max(ts)*1000:.0f} ms |")
PY
  fi
}

echo "| benchmark | mean | min | max |"
echo "|---|---|---|---|"
run large-full-scan "$bin" scan --snapshot bench/out/large.json --format json --output /dev/null
run large-load-only "$bin" scan --snapshot bench/out/large.json --checks iam.root_mfa --format json --output /dev/null
run 100mb-load "$bin" scan --snapshot bench/out/100mb.json --checks iam.root_mfa --format json --output /dev/null
run 100mb-gz-load "$bin" scan --snapshot bench/out/100mb.json.gz --checks iam.root_mfa --format json --output /dev/null
run 100mb-full-scan "$bin" scan --snapshot bench/out/100mb.json --format json --output /dev/null

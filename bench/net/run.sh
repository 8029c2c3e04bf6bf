#!/usr/bin/env bash
# Times `rampart net exposure` on a generated VPC estate (5,000 interfaces, 50,000 rules).
# usage: bench/net/run.sh [rampart binary]   (default: a release build without the AWS SDK)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
  cargo build --release -p rampart-cli --no-default-features --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/rampart
fi
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 2; }
SNAP=${TMPDIR:-/tmp}/rampart-net-bench.json
python3 bench/net/gen.py "$SNAP" 5000 50000
"$BIN" net exposure --snapshot "$SNAP" --format json | python3 -c \
  'import json,sys; d=json.load(sys.stdin); print(len(d["exposures"]), "exposures,", len(d["unknown"]), "unknown")'
hyperfine --warmup 2 --runs 10 "$BIN net exposure --snapshot $SNAP --format json"

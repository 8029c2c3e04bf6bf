#!/usr/bin/env bash
# Short fuzzing run of the snapshot loader (nightly + cargo-fuzz).
# Usage: scripts/fuzz-snapshot.sh [SECONDS]   (default 60)
# Seeds: the demo snapshot and a few broken variants. Crashes land in fuzz/artifacts/snapshot/.
set -euo pipefail
secs="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (nightly is required to run it)" >&2
  cargo install cargo-fuzz --locked
fi
mkdir -p corpus/snapshot
cp "$root/crates/cli/assets/demo-snapshot.json" corpus/snapshot/demo.json
gzip -c "$root/crates/cli/assets/demo-snapshot.json" > corpus/snapshot/demo.json.gz
head -c 5000 "$root/crates/cli/assets/demo-snapshot.json" > corpus/snapshot/truncated.json
printf '{"rampart_snapshot":1,"account_id":"123456789012","calls":[]}' > corpus/snapshot/empty.json
cargo +nightly fuzz run snapshot corpus/snapshot -- -max_total_time="$secs" -max_len=262144 -rss_limit_mb=4096

#!/usr/bin/env bash
# Short fuzzing run of the mutelist parser (nightly + cargo-fuzz).
# Usage: scripts/fuzz-mutelist.sh [SECONDS]   (default 60)
# Seeds: valid and broken mutelists. Crashes land in fuzz/artifacts/mutelist/.
set -euo pipefail
secs="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (nightly is required to run it)" >&2
  cargo install cargo-fuzz --locked
fi
mkdir -p corpus/mutelist
cat > corpus/mutelist/full.yaml <<'YAML'
version: 1
mute:
  - check: ["iam.*", "s3.bucket_?ublic*"]
    resource: "arn:aws:iam::*:user/breakglass"
    region: ["us-east-1", "eu-*"]
    tags: ["env=sandbox", "team=*"]
    expires: 2027-01-31
    reason: "break-glass user, reviewed quarterly (SEC-123)"
  - check: "*"
    expires: "2026-11-23T10:00:00Z"
    reason: old
YAML
printf 'mute:\n  - check: iam.*\n    reson: typo\n' > corpus/mutelist/typo.yaml
printf 'mute: [\n' > corpus/mutelist/truncated.yaml
printf 'a: &x [*x, *x]\nmute: []\n' > corpus/mutelist/alias.yaml
cargo +nightly fuzz run ${FUZZ_TARGET_DIR:+--target-dir "$FUZZ_TARGET_DIR"} mutelist corpus/mutelist -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048

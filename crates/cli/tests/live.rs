//! Live collection against a real AWS-compatible server: `moto_server` (PyPI `moto[server]`,
//! installed into a virtualenv under the target directory by `scripts/demo/moto-env.sh` when
//! missing) on 127.0.0.1, seeded with the demo account by `scripts/demo/seed.py` through boto3.
//!
//! One test function runs the phases in order on one seeded server (seeding takes a while):
//! collect and check the inventory and findings; compare with a recording of the same account
//! by the boto3 recorder (`scripts/record-snapshot.py`); `scan --live --save`. Separate tests
//! cover access denied (moto's IAM enforcement) and throttling (a local endpoint that answers
//! `ThrottlingException` before it answers). Every child process has a deadline.
//!
//! Needs `python3` (3.9+) with `venv` and network access to PyPI the first time. Set
//! `RAMPART_SKIP_MOTO=1` to skip these tests on a machine without them.

#![cfg(feature = "live")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

const ACCOUNT: &str = "123456789012";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn skip() -> bool {
    std::env::var_os("RAMPART_SKIP_MOTO").is_some_and(|v| v == "1")
}

/// Runs `cmd` to completion within `limit`, killing it past the deadline.
fn run_with_deadline(mut cmd: Command, limit: Duration) -> Output {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// The virtualenv with moto and boto3 (made once per target directory).
fn venv() -> &'static Path {
    static VENV: OnceLock<PathBuf> = OnceLock::new();
    VENV.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("moto-venv");
        let mut cmd = Command::new("bash");
        cmd.arg(repo().join("scripts/demo/moto-env.sh")).arg(&dir);
        let out = run_with_deadline(cmd, Duration::from_secs(900));
        assert!(
            out.status.success(),
            "moto-env.sh failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A moto server on a free port, killed when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    fn start(env: &[(&str, &str)]) -> Moto {
        let port = free_port();
        let mut cmd = Command::new(venv().join("bin/moto_server"));
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = cmd.spawn().expect("moto_server starts");
        let moto = Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "moto_server did not listen within 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }

    /// Environment for boto3 and rampart pointed at this server.
    fn env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT_URL", self.url.as_str()),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_CONFIG_FILE", "/dev/null"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn python(&self, script: &str, args: &[&str], limit: Duration) -> Output {
        let mut cmd = Command::new(venv().join("bin/python"));
        cmd.arg(repo().join(script)).args(args).envs(self.env());
        let out = run_with_deadline(cmd, limit);
        assert!(
            out.status.success(),
            "{script} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rampart(env: &[(String, String)], args: &[&str], limit: Duration) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rampart"));
    cmd.args(args)
        .env_remove("AWS_PROFILE")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    run_with_deadline(cmd, limit)
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).expect("file written")).expect("valid JSON")
}

fn calls<'a>(snap: &'a Value, service: &str, op: &str) -> Vec<&'a Value> {
    snap["calls"]
        .as_array()
        .expect("calls")
        .iter()
        .filter(|c| c["service"] == service && c["operation"] == op)
        .collect()
}

/// (check, resource, region, status) of every finding: what two scans must agree on.
fn verdicts(findings: &Value) -> BTreeSet<(String, String, String, String)> {
    findings["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or_default().to_string(),
                f["resource"]["id"].as_str().unwrap_or_default().to_string(),
                f["resource"]["region"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                f["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn scan(env: &[(String, String)], snapshot: &Path) -> Value {
    let out = rampart(
        env,
        &[
            "scan",
            "--snapshot",
            snapshot.to_str().unwrap(),
            "--format",
            "json",
            "--now",
            "2030-01-01T00:00:00Z",
        ],
        Duration::from_secs(120),
    );
    ok(&out, "rampart scan");
    serde_json::from_slice(&out.stdout).expect("findings JSON")
}

const REGIONS: &str = "us-east-1,eu-west-1";

/// Checks whose input moto 5.2.5 cannot give the Rust SDK (boto3 is lenient where the SDK is
/// strict): S3 `GetBucketVersioning` comes back under a `GetBucketVersioningResponse` root
/// instead of `VersioningConfiguration` (so `s3.versioned_lifecycle` too), an empty
/// `GetBucketNotificationConfiguration` under `GetBucketNotificationResponse` instead of
/// `NotificationConfiguration`, and CloudWatch answers `DescribeAlarms` in the query
/// protocol's XML while the SDK speaks rpcv2Cbor to it. Real AWS answers all correctly.
///
/// Also left out: checks of services `rampart collect` does not read yet (documented calls in
/// `NOT_COLLECTED_YET` of crates/collect/src/tests.rs), where the live verdict is "not
/// collected" while the boto3 recorder has data.
fn moto_gap(check_id: &str) -> bool {
    const COLLECTED: &[&str] = &[
        "iam.",
        "s3.",
        "kms.",
        "cloudtrail.",
        "config.",
        "guardduty.",
        "accessanalyzer.",
        "securityhub.",
        "rds.",
        "account.",
        "ec2.",
        "net.",
        "sns.",
        "elb.",
        "lambda.",
        "sqs.",
        "secretsmanager.",
        "dynamodb.",
        "ecr.",
        "acm.",
        "efs.",
        "eks.",
        "ssm.",
        "apigateway.",
        "cloudfront.",
        "opensearch.",
    ];
    matches!(
        check_id,
        "s3.versioning" | "s3.mfa_delete" | "s3.versioned_lifecycle" | "s3.event_notifications"
    ) || !COLLECTED.iter().any(|p| check_id.starts_with(p))
}

#[test]
fn collects_the_seeded_account_like_the_boto3_recorder() {
    if skip() {
        return;
    }
    // As scripts/demo/regenerate.sh starts it: certificates issued at once (moto keeps them
    // PENDING_VALIDATION for 60 s by default, so two recordings could see different states),
    // AWS managed policies loaded (the demo attaches some).
    let moto = Moto::start(&[
        ("MOTO_ACM_VALIDATION_WAIT", "0"),
        ("MOTO_IAM_LOAD_MANAGED_POLICIES", "true"),
    ]);
    moto.python("scripts/demo/seed.py", &[], Duration::from_secs(600));
    let env = moto.env();
    let dir = tempfile::tempdir().unwrap();

    // 1. rampart collect
    let live = dir.path().join("live.json");
    let out = rampart(
        &env,
        &[
            "collect",
            "--output",
            live.to_str().unwrap(),
            "--regions",
            REGIONS,
        ],
        Duration::from_secs(600),
    );
    ok(&out, "rampart collect");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("collected account 123456789012"),
        "{stderr}"
    );
    let snap = read_json(&live);
    assert_eq!(snap["rampart_snapshot"], 1);
    assert_eq!(snap["account_id"], ACCOUNT);
    assert_eq!(snap["partition"], "aws");
    assert_eq!(
        snap["regions"],
        serde_json::json!(["eu-west-1", "us-east-1"])
    );

    // Inventory, as the AWS CLI prints it.
    let gaad = calls(&snap, "iam", "GetAccountAuthorizationDetails");
    let users: BTreeSet<&str> = gaad[0]["response"]["UserDetailList"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["UserName"].as_str())
        .collect();
    assert_eq!(
        users,
        BTreeSet::from(["alice", "bob", "carol", "ci-deploy", "old-contractor"])
    );
    let bob = gaad[0]["response"]["UserDetailList"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["UserName"] == "bob")
        .unwrap();
    // IAM sends policy documents URL-encoded; the CLI (and we) print them as JSON objects.
    assert_eq!(
        bob["UserPolicyList"][0]["PolicyDocument"]["Statement"][0]["Action"],
        "s3:*"
    );
    let report = calls(&snap, "iam", "GetCredentialReport");
    assert!(
        report[0]["response"]["Content"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    let buckets = calls(&snap, "s3", "ListBuckets");
    assert_eq!(
        buckets[0]["response"]["Buckets"].as_array().unwrap().len(),
        7
    );
    let website_policy = calls(&snap, "s3", "GetBucketPolicy")
        .into_iter()
        .find(|c| c["params"]["Bucket"] == "acme-public-website")
        .unwrap();
    assert_eq!(
        website_policy["region"], "eu-west-1",
        "asked in the bucket's region"
    );
    assert!(website_policy["response"]["Policy"].is_string());
    let no_policy = calls(&snap, "s3", "GetBucketPolicy")
        .into_iter()
        .find(|c| c["params"]["Bucket"] == "acme-legacy-exports")
        .unwrap();
    assert_eq!(no_policy["error"]["code"], "NoSuchBucketPolicy");
    // S3 Control reached through the custom endpoint (no account-ID host label).
    let control = calls(&snap, "s3control", "GetPublicAccessBlock");
    assert_eq!(
        control[0]["error"]["code"], "NoSuchPublicAccessBlockConfiguration",
        "{control:?}"
    );
    let sgs = calls(&snap, "ec2", "DescribeSecurityGroups");
    assert_eq!(sgs.len(), 2, "one per region");
    let open = sgs
        .iter()
        .flat_map(|c| c["response"]["SecurityGroups"].as_array().unwrap())
        .find(|g| g["GroupName"] == "ssh-open")
        .unwrap();
    assert_eq!(
        open["IpPermissions"][0]["IpRanges"][0]["CidrIp"],
        "0.0.0.0/0"
    );
    let instances = calls(&snap, "ec2", "DescribeInstances");
    let launch = &instances[0]["response"]["Reservations"][0]["Instances"][0]["LaunchTime"];
    assert!(
        launch
            .as_str()
            .is_some_and(|t| t.len() >= 20 && t.as_bytes()[10] == b'T'),
        "ISO-8601 timestamps: {launch}"
    );
    assert!(calls(&snap, "kms", "DescribeKey").len() >= 4, "one per key");
    let trails = calls(&snap, "cloudtrail", "DescribeTrails");
    assert!(trails.iter().all(|c| c["response"]["trailList"].is_array()));
    // Per-resource calls name their resource with the parameter the model joins on.
    let web = calls(&snap, "elbv2", "DescribeLoadBalancers")
        .into_iter()
        .flat_map(|c| c["response"]["LoadBalancers"].as_array().unwrap())
        .find(|l| l["LoadBalancerName"] == "acme-web-alb")
        .unwrap();
    assert_eq!(web["Scheme"], "internet-facing");
    let listeners = calls(&snap, "elbv2", "DescribeListeners")
        .into_iter()
        .find(|c| c["params"]["LoadBalancerArn"] == web["LoadBalancerArn"])
        .unwrap();
    let listener = &listeners["response"]["Listeners"][0];
    assert_eq!(listener["Port"], 443);
    assert_eq!(listener["DefaultActions"][0]["Type"], "forward");
    assert!(
        calls(&snap, "elbv2", "DescribeRules")
            .iter()
            .any(|c| c["params"]["ListenerArn"] == listener["ListenerArn"])
    );
    let public_fn = calls(&snap, "lambda", "GetPolicy")
        .into_iter()
        .find(|c| c["params"]["FunctionName"] == "acme-public-webhook")
        .unwrap();
    assert!(
        public_fn["response"]["Policy"]
            .as_str()
            .is_some_and(|p| p.contains("lambda:InvokeFunctionUrl"))
    );
    let queue = calls(&snap, "sqs", "GetQueueAttributes")
        .into_iter()
        .find(|c| {
            c["params"]["QueueUrl"]
                .as_str()
                .is_some_and(|u| u.ends_with("/acme-partner-inbox"))
        })
        .unwrap();
    assert_eq!(
        queue["params"]["AttributeNames"],
        serde_json::json!(["All"])
    );
    assert!(queue["response"]["Attributes"]["Policy"].is_string());
    let shared = calls(&snap, "ssm", "DescribeDocumentPermission");
    let bootstrap = shared
        .iter()
        .find(|c| c["params"]["Name"] == "acme-bootstrap")
        .unwrap();
    assert_eq!(
        bootstrap["response"]["AccountIds"],
        serde_json::json!(["all"])
    );
    let dists = calls(&snap, "cloudfront", "ListDistributions");
    assert_eq!(dists.len(), 1, "global: once, from the home region");
    assert_eq!(dists[0]["region"], "us-east-1");
    assert!(
        dists[0]["response"]["DistributionList"]["Items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "allow-all")
    );
    assert!(
        calls(&snap, "ec2", "GetManagedPrefixListEntries")
            .iter()
            .all(|c| c["params"]["PrefixListId"].is_string() && c["response"]["Entries"].is_array())
    );

    // 2. The boto3 recorder on the same account gives the same findings.
    let recorded = dir.path().join("recorded.json");
    moto.python(
        "scripts/record-snapshot.py",
        &["--output", recorded.to_str().unwrap(), "--regions", REGIONS],
        Duration::from_secs(600),
    );
    let ours = scan(&env, &live);
    let theirs = scan(&env, &recorded);
    // Where moto answers the Rust SDK in a shape it cannot read, a live verdict may be UNKNOWN
    // but never a PASS the recording does not share; those checks are left out of the
    // comparison.
    let recorded_verdicts = verdicts(&theirs);
    for v in verdicts(&ours) {
        if moto_gap(&v.0) && v.3 == "PASS" {
            assert!(recorded_verdicts.contains(&v), "{v:?}");
        }
    }
    let (a, b) = (verdicts(&ours), verdicts(&theirs));
    let keep = |s: BTreeSet<(String, String, String, String)>| -> BTreeSet<_> {
        s.into_iter().filter(|v| !moto_gap(&v.0)).collect()
    };
    let (a, b) = (keep(a), keep(b));
    let only_ours: Vec<_> = a.difference(&b).collect();
    let only_theirs: Vec<_> = b.difference(&a).collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "findings differ\nonly live: {only_ours:#?}\nonly recorded: {only_theirs:#?}"
    );
    let fails: BTreeSet<&str> = ours["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "FAIL")
        .filter_map(|f| f["check_id"].as_str())
        .collect();
    assert!(
        fails.len() >= 5,
        "the seeded account has problems: {fails:?}"
    );

    // 3. scan --live --save: one step, same findings.
    let saved = dir.path().join("saved.json.gz");
    let out = rampart(
        &env,
        &[
            "scan",
            "--live",
            "--regions",
            REGIONS,
            "--save",
            saved.to_str().unwrap(),
            "--format",
            "json",
            "--now",
            "2030-01-01T00:00:00Z",
        ],
        Duration::from_secs(600),
    );
    ok(&out, "rampart scan --live");
    let live_findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(live_findings["source"]["kind"], "live");
    let live_verdicts: BTreeSet<_> = verdicts(&live_findings)
        .into_iter()
        .filter(|v| !moto_gap(&v.0))
        .collect();
    assert_eq!(live_verdicts, a);
    assert!(std::fs::metadata(&saved).unwrap().len() > 1000);

    // 4. The embedded demo is this pipeline's output: the recording, finished by
    //    scripts/demo/finish.py (demo clock, overlay), gives the demo's findings exactly. If
    //    this fails after a change to the seed or the overlay, run
    //    `scripts/demo/regenerate.sh --install`.
    let finished = dir.path().join("finished.json");
    let out = run_with_deadline(
        {
            let mut cmd = Command::new(venv().join("bin/python"));
            cmd.arg(repo().join("scripts/demo/finish.py"))
                .arg(&live)
                .arg(&finished);
            cmd
        },
        Duration::from_secs(120),
    );
    ok(&out, "finish.py");
    let demo = repo().join("crates/cli/assets/demo-snapshot.json");
    let (ours, embedded) = (
        verdicts(&scan(&env, &finished)),
        verdicts(&scan(&env, &demo)),
    );
    let only_ours: Vec<_> = ours.difference(&embedded).collect();
    let only_demo: Vec<_> = embedded.difference(&ours).collect();
    // What the demo shows: how many of each verdict per check and region. Resource IDs come
    // from moto's seeded generator and have matched run after run (regenerate.sh gives the
    // same bytes), but a drift in IDs alone does not make the demo stale.
    let story = |v: &BTreeSet<(String, String, String, String)>| {
        let mut m = std::collections::BTreeMap::new();
        for (check, _, region, status) in v {
            *m.entry((check.clone(), region.clone(), status.clone()))
                .or_insert(0) += 1;
        }
        m
    };
    assert!(
        story(&ours) == story(&embedded),
        "the embedded demo is stale (scripts/demo/regenerate.sh --install)\n\
         only regenerated: {only_ours:#?}\nonly embedded: {only_demo:#?}"
    );
    if !only_ours.is_empty() {
        eprintln!("note: same demo findings under other resource IDs: {only_ours:?}");
    }
}

#[test]
fn access_denied_calls_are_recorded_and_collection_goes_on() {
    if skip() {
        return;
    }
    // moto checks IAM policies only after `INITIAL_NO_AUTH_ACTION_COUNT` requests, counted
    // server-wide; counting requests made the test depend on which of rampart's concurrent
    // calls came first. Instead the server starts with checking off, the seed runs unchecked,
    // then moto's `/moto-api/reset-auth` (what moto's own `set_initial_no_auth_action_count`
    // does in server mode) sets the count to 0: every later request is checked.
    let moto = Moto::start(&[]);
    // Seed: an auditor who may read everything but S3 and KMS (a broad read grant keeps the
    // list of failed calls short, so the summary on stderr names each of them).
    let seed = r#"
import boto3, json, os, urllib.request
from botocore.exceptions import ClientError
iam = boto3.client("iam")
iam.create_user(UserName="auditor")
iam.put_user_policy(UserName="auditor", PolicyName="partial", PolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Resource": "*", "Action": ["*:Get*", "*:List*", "*:Describe*", "iam:Generate*"]},
        {"Effect": "Deny", "Resource": "*", "Action": ["s3:*", "kms:*"]}]}))
key = iam.create_access_key(UserName="auditor")["AccessKey"]
boto3.client("s3").create_bucket(Bucket="acme-denied")
# From now on moto checks every request against IAM.
req = urllib.request.Request(os.environ["AWS_ENDPOINT_URL"] + "/moto-api/reset-auth",
                             data=b"0", method="POST",
                             headers={"Content-Type": "text/plain"})
assert json.load(urllib.request.urlopen(req))["status"] == "ok"
auditor = dict(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
try:
    boto3.client("s3", **auditor).list_buckets()
    raise SystemExit("moto did not enforce IAM after reset-auth")
except ClientError as e:
    assert e.response["Error"]["Code"] == "AccessDenied", e.response
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), seed).unwrap();
    let mut cmd = Command::new(venv().join("bin/python"));
    cmd.arg(script.path()).envs(moto.env());
    let out = run_with_deadline(cmd, Duration::from_secs(120));
    ok(&out, "seed auditor");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut words = text.split_whitespace();
    let (id, secret) = (words.next().unwrap(), words.next().unwrap());
    let mut env = moto.env();
    for (k, v) in env.iter_mut() {
        if k == "AWS_ACCESS_KEY_ID" {
            *v = id.to_string();
        }
        if k == "AWS_SECRET_ACCESS_KEY" {
            *v = secret.to_string();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("denied.json");
    let out = rampart(
        &env,
        &[
            "collect",
            "-o",
            file.to_str().unwrap(),
            "--regions",
            "us-east-1",
        ],
        Duration::from_secs(300),
    );
    ok(&out, "rampart collect with partial rights");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("could not be read"), "{stderr}");
    let snap = read_json(&file);
    let list = calls(&snap, "s3", "ListBuckets");
    assert_eq!(list[0]["error"]["code"], "AccessDenied", "{list:?}");
    let keys = calls(&snap, "kms", "ListKeys");
    let code = keys[0]["error"]["code"].as_str().unwrap_or_default();
    assert!(code.starts_with("AccessDenied"), "{keys:?}");
    // What the auditor may read was read.
    let sgs = calls(&snap, "ec2", "DescribeSecurityGroups");
    assert!(sgs[0]["response"]["SecurityGroups"].is_array(), "{sgs:?}");
    assert!(stderr.contains("s3 ListBuckets: AccessDenied"), "{stderr}");
    // And the checks that needed S3 say UNKNOWN, never PASS.
    let findings = scan(&env, &file);
    let s3_account = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check_id"].as_str().is_some_and(|c| c.starts_with("s3.")))
        .collect::<Vec<_>>();
    assert!(
        s3_account.iter().all(|f| f["status"] != "PASS"),
        "{s3_account:#?}"
    );
}

/// A KMS endpoint that throttles the first `throttle` requests, then answers every request
/// with an empty list. Returns its URL and the request counter.
fn throttling_kms(throttle: usize) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let mut reader = BufReader::new(stream);
            let (mut len, mut target) = (0usize, String::new());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let l = line.trim_end().to_ascii_lowercase();
                if l.is_empty() {
                    break;
                }
                if let Some(v) = l.strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
                if let Some(v) = l.strip_prefix("x-amz-target:") {
                    target = v.trim().to_string();
                }
                line.clear();
            }
            let mut body = vec![0; len];
            let _ = reader.read_exact(&mut body);
            let (status, payload) = if n < throttle {
                (
                    "400 Bad Request",
                    r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
                )
            } else if target.ends_with("listaliases") {
                ("200 OK", r#"{"Aliases":[],"Truncated":false}"#)
            } else {
                ("200 OK", r#"{"Keys":[],"Truncated":false}"#)
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
                payload.len()
            );
            let mut stream = reader.into_inner();
            let _ = stream.write_all(resp.as_bytes());
        }
    });
    (url, seen)
}

#[test]
fn throttled_calls_are_retried_with_backoff() {
    if skip() {
        return;
    }
    let moto = Moto::start(&[]);
    let (kms_url, seen) = throttling_kms(3);
    let mut env = moto.env();
    env.push(("AWS_ENDPOINT_URL_KMS".into(), kms_url));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("throttled.json");
    let start = Instant::now();
    let out = rampart(
        &env,
        &[
            "collect",
            "-o",
            file.to_str().unwrap(),
            "--regions",
            "us-east-1",
        ],
        Duration::from_secs(300),
    );
    ok(&out, "rampart collect with a throttling endpoint");
    let snap = read_json(&file);
    let keys = calls(&snap, "kms", "ListKeys");
    assert_eq!(
        keys[0]["response"]["Keys"],
        serde_json::json!([]),
        "{keys:?}"
    );
    let aliases = calls(&snap, "kms", "ListAliases");
    assert!(aliases[0]["response"]["Aliases"].is_array(), "{aliases:?}");
    // Three throttled answers, then ListKeys and ListAliases.
    assert!(seen.load(Ordering::SeqCst) >= 5);
    assert!(start.elapsed() < Duration::from_secs(240));
}

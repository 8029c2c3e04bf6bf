//! Test helpers: build an inventory from calls in real AWS response shapes, through the real
//! snapshot parser, and run one check on it.

use crate::finding::Status;
use crate::meta::Check;
use crate::run::{Context, Outcome, Outcomes};
use base64::Engine;
use rampart_model::{Inventory, LoadOptions, Timestamp, load_snapshot};
use serde_json::{Value, json};

/// The account every test snapshot belongs to.
pub const ACCOUNT: &str = "123456789012";
/// "Now" in tests: the snapshot's collection time.
pub const NOW: &str = "2026-11-20T09:00:00Z";

/// A successful call.
pub fn call(
    service: &str,
    op: &str,
    region: Option<&str>,
    params: Value,
    response: Value,
) -> Value {
    json!({"service": service, "operation": op, "region": region, "params": params, "response": response})
}

/// A failed call with its AWS error code.
pub fn error(service: &str, op: &str, region: Option<&str>, params: Value, code: &str) -> Value {
    json!({"service": service, "operation": op, "region": region, "params": params,
           "error": {"code": code, "message": format!("{code} (test)")}})
}

/// Loads calls as a snapshot of [`ACCOUNT`] covering `regions`.
pub fn inventory_in(regions: &[&str], calls: Vec<Value>) -> Inventory {
    let snap = json!({
        "rampart_snapshot": 1, "account_id": ACCOUNT, "partition": "aws",
        "collected_at": NOW, "regions": regions, "calls": calls,
    });
    let bytes = serde_json::to_vec(&snap).expect("json");
    load_snapshot("test.json", &bytes, &LoadOptions::default())
        .expect("test snapshot loads")
        .inventory
}

/// Loads calls as a snapshot covering us-east-1.
pub fn inventory(calls: Vec<Value>) -> Inventory {
    inventory_in(&["us-east-1"], calls)
}

/// Runs one check.
pub fn outcomes(check: &Check, inv: &Inventory) -> Vec<Outcome> {
    let now = Timestamp::parse(NOW).expect("time");
    let cx = Context::new(inv, now);
    let mut out = Outcomes::default();
    (check.run)(&cx, &mut out);
    out.items
}

/// The statuses of the outcomes, by resource id.
pub fn statuses(outcomes: &[Outcome]) -> Vec<(String, Status)> {
    outcomes
        .iter()
        .map(|o| (o.resource.id.clone(), o.status))
        .collect()
}

/// The single outcome's status (panics when there is not exactly one).
pub fn only(outcomes: &[Outcome]) -> Status {
    assert_eq!(outcomes.len(), 1, "expected one outcome, got {outcomes:#?}");
    outcomes[0].status
}

/// Header of the IAM credential report, as AWS writes it.
pub const CRED_HEADER: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

/// One credential report row, with sensible defaults for fields the test does not care about.
#[derive(Clone)]
pub struct CredRow {
    pub user: &'static str,
    pub created: &'static str,
    pub password_enabled: &'static str,
    pub password_last_used: &'static str,
    pub password_last_changed: &'static str,
    pub mfa_active: bool,
    pub key1: (bool, &'static str, &'static str),
    pub key2: (bool, &'static str, &'static str),
}

impl CredRow {
    /// A user with no password, no keys.
    pub fn user(user: &'static str) -> CredRow {
        CredRow {
            user,
            created: "2025-01-01T00:00:00+00:00",
            password_enabled: "false",
            password_last_used: "N/A",
            password_last_changed: "N/A",
            mfa_active: false,
            key1: (false, "N/A", "N/A"),
            key2: (false, "N/A", "N/A"),
        }
    }

    /// The root row, with password and MFA.
    pub fn root() -> CredRow {
        CredRow {
            password_enabled: "not_supported",
            password_last_changed: "not_supported",
            password_last_used: "2026-01-01T00:00:00+00:00",
            mfa_active: true,
            ..CredRow::user("<root_account>")
        }
    }

    fn line(&self) -> String {
        let arn = if self.user == "<root_account>" {
            format!("arn:aws:iam::{ACCOUNT}:root")
        } else {
            format!("arn:aws:iam::{ACCOUNT}:user/{}", self.user)
        };
        let k = |k: (bool, &str, &str)| format!("{},{},{},N/A,N/A", k.0, k.1, k.2);
        format!(
            "{},{arn},{},{},{},{},N/A,{},{},{},false,N/A,false,N/A",
            self.user,
            self.created,
            self.password_enabled,
            self.password_last_used,
            self.password_last_changed,
            self.mfa_active,
            k(self.key1),
            k(self.key2)
        )
    }
}

/// A `GetCredentialReport` call holding these rows (base64 CSV, as the AWS CLI prints it).
pub fn cred_report(rows: &[CredRow]) -> Value {
    let mut csv = CRED_HEADER.to_string();
    for r in rows {
        csv.push('\n');
        csv.push_str(&r.line());
    }
    call(
        "iam",
        "GetCredentialReport",
        None,
        json!({}),
        json!({"Content": base64::engine::general_purpose::STANDARD.encode(csv.as_bytes()), "ReportFormat": "text/csv",
               "GeneratedTime": "2026-11-20T08:00:00+00:00"}),
    )
}

/// A `GetAccountAuthorizationDetails` call with these lists.
pub fn gaad(users: Value, groups: Value, roles: Value, policies: Value) -> Value {
    call(
        "iam",
        "GetAccountAuthorizationDetails",
        None,
        json!({}),
        json!({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
               "Policies": policies, "IsTruncated": false}),
    )
}

/// A `GetAccountAuthorizationDetails` call that was denied.
pub fn gaad_denied() -> Value {
    error(
        "iam",
        "GetAccountAuthorizationDetails",
        None,
        json!({}),
        "AccessDenied",
    )
}

//! IAM helpers shared by checks: credential-report ages and the usual resource references.

use crate::run::Context;
use rampart_model::ResourceRef;
use rampart_model::ResourceType;
use rampart_model::inventory::iam::{CredTime, CredentialRow};

/// The resource a credential report row is about (a user, or the account for root).
pub fn row_resource(cx: &Context<'_>, row: &CredentialRow) -> ResourceRef {
    if row.is_root() {
        cx.account()
    } else {
        cx.iam(ResourceType::IamUser, &row.user, &row.arn)
    }
}

/// Days since a credential-report time, `None` when there is no time.
pub fn days_since(cx: &Context<'_>, t: CredTime) -> Option<i64> {
    t.at().map(|t| cx.days_since(t))
}

/// Describes a credential-report time for messages.
pub fn describe(cx: &Context<'_>, t: CredTime) -> String {
    match t {
        CredTime::At(ts) => format!("{} ({} days ago)", ts, cx.days_since(ts)),
        CredTime::Never => "never".into(),
        CredTime::NoInformation => "no information".into(),
        CredTime::NotSupported => "not applicable".into(),
    }
}

//! IAM and the account's alternate contacts: global, called once, recorded with `region: null`.

use super::Ctx;
use crate::json::{en, list, obj, policy_document};
use crate::record::{ApiError, Call, pages};
use aws_sdk_iam::types as t;
use base64::Engine;
use serde_json::{Value, json};
use std::time::Duration;

macro_rules! tags {
    ($items:expr) => {
        list($items, |x| obj! { "Key" => x.key(), "Value" => x.value() })
    };
}

fn inline(p: &t::PolicyDetail) -> Value {
    obj! { "PolicyName" => p.policy_name(), "PolicyDocument" => policy_document(p.policy_document()) }
}

fn attached(p: &t::AttachedPolicy) -> Value {
    obj! { "PolicyName" => p.policy_name(), "PolicyArn" => p.policy_arn() }
}

fn boundary(b: Option<&t::AttachedPermissionsBoundary>) -> Value {
    b.map_or(Value::Null, |b| {
        obj! {
            "PermissionsBoundaryType" => en(b.permissions_boundary_type()),
            "PermissionsBoundaryArn" => b.permissions_boundary_arn(),
        }
    })
}

fn user(u: &t::UserDetail) -> Value {
    obj! {
        "Path" => u.path(),
        "UserName" => u.user_name(),
        "UserId" => u.user_id(),
        "Arn" => u.arn(),
        "CreateDate" => u.create_date(),
        "UserPolicyList" => list(u.user_policy_list(), inline),
        "GroupList" => u.group_list().to_vec(),
        "AttachedManagedPolicies" => list(u.attached_managed_policies(), attached),
        "PermissionsBoundary" => boundary(u.permissions_boundary()),
        "Tags" => tags!(u.tags()),
    }
}

fn group(g: &t::GroupDetail) -> Value {
    obj! {
        "Path" => g.path(),
        "GroupName" => g.group_name(),
        "GroupId" => g.group_id(),
        "Arn" => g.arn(),
        "CreateDate" => g.create_date(),
        "GroupPolicyList" => list(g.group_policy_list(), inline),
        "AttachedManagedPolicies" => list(g.attached_managed_policies(), attached),
    }
}

fn role(r: &t::RoleDetail) -> Value {
    obj! {
        "Path" => r.path(),
        "RoleName" => r.role_name(),
        "RoleId" => r.role_id(),
        "Arn" => r.arn(),
        "CreateDate" => r.create_date(),
        "AssumeRolePolicyDocument" => policy_document(r.assume_role_policy_document()),
        "InstanceProfileList" => list(r.instance_profile_list(), |p| obj! {
            "Path" => p.path(),
            "InstanceProfileName" => p.instance_profile_name(),
            "InstanceProfileId" => p.instance_profile_id(),
            "Arn" => p.arn(),
            "CreateDate" => p.create_date(),
        }),
        "RolePolicyList" => list(r.role_policy_list(), inline),
        "AttachedManagedPolicies" => list(r.attached_managed_policies(), attached),
        "PermissionsBoundary" => boundary(r.permissions_boundary()),
        "Tags" => tags!(r.tags()),
        "RoleLastUsed" => r.role_last_used().map(|l| obj! {
            "LastUsedDate" => l.last_used_date(),
            "Region" => l.region(),
        }),
    }
}

fn managed_policy(p: &t::ManagedPolicyDetail) -> Value {
    obj! {
        "PolicyName" => p.policy_name(),
        "PolicyId" => p.policy_id(),
        "Arn" => p.arn(),
        "Path" => p.path(),
        "DefaultVersionId" => p.default_version_id(),
        "AttachmentCount" => p.attachment_count(),
        "PermissionsBoundaryUsageCount" => p.permissions_boundary_usage_count(),
        "IsAttachable" => p.is_attachable(),
        "Description" => p.description(),
        "CreateDate" => p.create_date(),
        "UpdateDate" => p.update_date(),
        "PolicyVersionList" => list(p.policy_version_list(), |v| obj! {
            "Document" => policy_document(v.document()),
            "VersionId" => v.version_id(),
            "IsDefaultVersion" => v.is_default_version(),
            "CreateDate" => v.create_date(),
        }),
    }
}

async fn gaad(c: &aws_sdk_iam::Client) -> Result<Value, ApiError> {
    let mut stream = c
        .get_account_authorization_details()
        .into_paginator()
        .send();
    let (mut users, mut groups, mut roles, mut policies) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    while let Some(page) = stream.next().await {
        let page = page.map_err(ApiError::from)?;
        users.extend(page.user_detail_list().iter().map(user));
        groups.extend(page.group_detail_list().iter().map(group));
        roles.extend(page.role_detail_list().iter().map(role));
        policies.extend(page.policies().iter().map(managed_policy));
    }
    Ok(json!({
        "UserDetailList": users,
        "GroupDetailList": groups,
        "RoleDetailList": roles,
        "Policies": policies,
    }))
}

/// Asks IAM to prepare the credential report and waits (a few seconds) until it is ready.
/// A failure here shows up as the error of `GetCredentialReport`, which is recorded.
async fn prepare_credential_report(c: &aws_sdk_iam::Client) {
    for _ in 0..15 {
        match c.generate_credential_report().send().await {
            Ok(r) if r.state() == Some(&t::ReportStateType::Complete) => return,
            Ok(_) => tokio::time::sleep(Duration::from_secs(2)).await,
            Err(_) => return,
        }
    }
}

async fn credential_report(c: &aws_sdk_iam::Client) -> Result<Value, ApiError> {
    let r = c.get_credential_report().send().await?;
    Ok(obj! {
        "Content" => r.content().map(|b| base64::engine::general_purpose::STANDARD.encode(b.as_ref())),
        "ReportFormat" => en(r.report_format()),
        "GeneratedTime" => r.generated_time(),
    })
}

pub(super) async fn iam(ctx: &Ctx) -> Vec<Call> {
    let c = crate::client::regional!(&ctx.sdk, aws_sdk_iam, &ctx.home);
    let iam = &c;
    let rec = &ctx.rec;
    let mut out = Vec::new();
    let none = json!({});
    out.push(
        rec.call(
            "iam",
            "GetAccountAuthorizationDetails",
            None,
            none.clone(),
            gaad(iam),
        )
        .await,
    );
    // Not recorded: it returns only the report's state.
    prepare_credential_report(iam).await;
    out.push(
        rec.call(
            "iam",
            "GetCredentialReport",
            None,
            none.clone(),
            credential_report(iam),
        )
        .await,
    );
    out.push(
        rec.call(
            "iam",
            "GetAccountPasswordPolicy",
            None,
            none.clone(),
            async {
                let r = iam.get_account_password_policy().send().await?;
                Ok(
                    obj! { "PasswordPolicy" => r.password_policy().map(|p| obj! {
                        "MinimumPasswordLength" => p.minimum_password_length(),
                        "RequireSymbols" => p.require_symbols(),
                        "RequireNumbers" => p.require_numbers(),
                        "RequireUppercaseCharacters" => p.require_uppercase_characters(),
                        "RequireLowercaseCharacters" => p.require_lowercase_characters(),
                        "AllowUsersToChangePassword" => p.allow_users_to_change_password(),
                        "ExpirePasswords" => p.expire_passwords(),
                        "MaxPasswordAge" => p.max_password_age(),
                        "PasswordReusePrevention" => p.password_reuse_prevention(),
                        "HardExpiry" => p.hard_expiry(),
                    }) },
                )
            },
        )
        .await,
    );
    out.push(
        rec.call("iam", "ListVirtualMFADevices", None, none.clone(), async {
            let items = pages!(iam.list_virtual_mfa_devices().into_paginator(), |p| p
                .virtual_mfa_devices()
                .iter()
                .map(|d| obj! {
                    "SerialNumber" => d.serial_number(),
                    "User" => d.user().map(|u| obj! {
                        "Path" => u.path(),
                        "UserName" => u.user_name(),
                        "UserId" => u.user_id(),
                        "Arn" => u.arn(),
                        "CreateDate" => u.create_date(),
                        "PasswordLastUsed" => u.password_last_used(),
                    }),
                    "EnableDate" => d.enable_date(),
                }))?;
            Ok(json!({ "VirtualMFADevices": items }))
        })
        .await,
    );
    out.push(
        rec.call("iam", "GetAccountSummary", None, none.clone(), async {
            let r = iam.get_account_summary().send().await?;
            let map: serde_json::Map<String, Value> = r
                .summary_map()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.as_str().to_string(), Value::from(*v)))
                .collect();
            Ok(json!({ "SummaryMap": map }))
        })
        .await,
    );
    out.push(
        rec.call("iam", "ListServerCertificates", None, none.clone(), async {
            let items = pages!(iam.list_server_certificates().into_paginator(), |p| p
                .server_certificate_metadata_list()
                .iter()
                .map(|m| obj! {
                    "Path" => m.path(),
                    "ServerCertificateName" => m.server_certificate_name(),
                    "ServerCertificateId" => m.server_certificate_id(),
                    "Arn" => m.arn(),
                    "UploadDate" => m.upload_date(),
                    "Expiration" => m.expiration(),
                }))?;
            Ok(json!({ "ServerCertificateMetadataList": items }))
        })
        .await,
    );
    let account = crate::client::regional!(&ctx.sdk, aws_sdk_account, &ctx.home);
    out.push(
        rec.call(
            "account",
            "GetAlternateContact",
            None,
            json!({"AlternateContactType": "SECURITY"}),
            async {
                let r = account
                    .get_alternate_contact()
                    .alternate_contact_type(aws_sdk_account::types::AlternateContactType::Security)
                    .send()
                    .await?;
                Ok(
                    obj! { "AlternateContact" => r.alternate_contact().map(|c| obj! {
                        "AlternateContactType" => en(c.alternate_contact_type()),
                        "Name" => c.name(),
                        "EmailAddress" => c.email_address(),
                        "PhoneNumber" => c.phone_number(),
                        "Title" => c.title(),
                    }) },
                )
            },
        )
        .await,
    );
    out
}

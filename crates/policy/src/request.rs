//! The request being authorised: who (principal), what (action), on what (resource, its
//! account), and the request context. The engine derives the global keys AWS derives from the
//! principal (`aws:PrincipalArn`, `aws:username`, ...) unless the context sets them.

use std::borrow::Cow;

use crate::error::RequestError;
use crate::glob::{VarValue, split_arn};

/// The caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An unsigned request.
    Anonymous,
    /// An account's root user (`arn:aws:iam::A:root`, or the bare account ID).
    Root { partition: String, account: String },
    /// An IAM user.
    User {
        arn: String,
        partition: String,
        account: String,
        name: String,
    },
    /// A role session (`arn:aws:sts::A:assumed-role/ROLE/SESSION`).
    AssumedRole {
        arn: String,
        partition: String,
        account: String,
        role_name: String,
        session_name: String,
    },
    /// A role ARN given as the caller: evaluated as a session of that role with an unknown
    /// session name (a role itself never signs requests).
    Role {
        arn: String,
        partition: String,
        account: String,
        name: String,
    },
    /// A federated user session (`arn:aws:sts::A:federated-user/NAME`).
    FederatedUser {
        arn: String,
        partition: String,
        account: String,
        name: String,
    },
    /// An AWS service principal (`lambda.amazonaws.com`).
    Service(String),
    /// A web-identity or SAML provider (`cognito-identity.amazonaws.com`, an OIDC/SAML provider
    /// ARN).
    Federated(String),
}

const WEB_IDENTITY_PROVIDERS: [&str; 4] = [
    "cognito-identity.amazonaws.com",
    "accounts.google.com",
    "graph.facebook.com",
    "www.amazon.com",
];

impl Principal {
    /// Parse a principal string as CONTRACT §4 describes; `None` is the anonymous caller.
    pub fn parse(s: Option<&str>) -> Result<Principal, RequestError> {
        let Some(s) = s else {
            return Ok(Principal::Anonymous);
        };
        let bad = |m: &str| RequestError::field("principal", format!("`{s}` {m}"));
        if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Principal::Root {
                partition: "aws".into(),
                account: s.into(),
            });
        }
        if WEB_IDENTITY_PROVIDERS.contains(&s) {
            return Ok(Principal::Federated(s.into()));
        }
        if let Some(parts) = split_arn(s) {
            let [arn, partition, service, _region, account, res] = parts;
            if arn != "arn" {
                return Err(bad("is not an ARN"));
            }
            let p = partition.to_string();
            let a = account.to_string();
            let last = |r: &str| r.rsplit('/').next().unwrap_or("").to_string();
            return match (service, res.split_once('/')) {
                ("iam", None) if res == "root" => Ok(Principal::Root {
                    partition: p,
                    account: a,
                }),
                ("iam", Some(("user", rest))) if !rest.is_empty() => Ok(Principal::User {
                    arn: s.into(),
                    partition: p,
                    account: a,
                    name: last(rest),
                }),
                ("iam", Some(("role", rest))) if !rest.is_empty() => Ok(Principal::Role {
                    arn: s.into(),
                    partition: p,
                    account: a,
                    name: last(rest),
                }),
                ("iam", Some(("saml-provider" | "oidc-provider", _))) => {
                    Ok(Principal::Federated(s.into()))
                }
                ("sts", Some(("assumed-role", rest))) => match rest.split_once('/') {
                    Some((role, session)) if !role.is_empty() => Ok(Principal::AssumedRole {
                        arn: s.into(),
                        partition: p,
                        account: a,
                        role_name: role.into(),
                        session_name: session.into(),
                    }),
                    _ => Err(bad(
                        "is not an assumed-role session ARN (`.../ROLE/SESSION`)",
                    )),
                },
                ("sts", Some(("federated-user", name))) if !name.is_empty() => {
                    Ok(Principal::FederatedUser {
                        arn: s.into(),
                        partition: p,
                        account: a,
                        name: name.into(),
                    })
                }
                _ => Err(bad(
                    "is not a principal ARN (user, role, assumed-role, federated-user, root)",
                )),
            };
        }
        if s.ends_with(".amazonaws.com") || s.ends_with(".amazonaws.com.cn") {
            return Ok(Principal::Service(s.into()));
        }
        Err(bad(
            "is not a principal (ARN, account ID, service principal or federated provider)",
        ))
    }

    /// The principal's account, when it has one.
    pub fn account(&self) -> Option<&str> {
        match self {
            Principal::Root { account, .. }
            | Principal::User { account, .. }
            | Principal::AssumedRole { account, .. }
            | Principal::Role { account, .. }
            | Principal::FederatedUser { account, .. } => Some(account),
            _ => None,
        }
    }

    /// The principal's partition (`aws`), when it has one.
    pub fn partition(&self) -> Option<&str> {
        match self {
            Principal::Root { partition, .. }
            | Principal::User { partition, .. }
            | Principal::AssumedRole { partition, .. }
            | Principal::Role { partition, .. }
            | Principal::FederatedUser { partition, .. } => Some(partition),
            _ => None,
        }
    }

    /// `aws:PrincipalArn`: for a role session, the role's ARN (path unknown offline).
    pub fn principal_arn(&self) -> Option<Cow<'_, str>> {
        match self {
            Principal::Root { partition, account } => {
                Some(Cow::Owned(format!("arn:{partition}:iam::{account}:root")))
            }
            Principal::User { arn, .. }
            | Principal::Role { arn, .. }
            | Principal::FederatedUser { arn, .. } => Some(Cow::Borrowed(arn)),
            Principal::AssumedRole {
                partition,
                account,
                role_name,
                ..
            } => Some(Cow::Owned(format!(
                "arn:{partition}:iam::{account}:role/{role_name}"
            ))),
            _ => None,
        }
    }

    /// The role's name for a role session.
    pub fn role_name(&self) -> Option<&str> {
        match self {
            Principal::AssumedRole { role_name, .. } => Some(role_name),
            Principal::Role { name, .. } => Some(name),
            _ => None,
        }
    }

    /// True for a session (role session or federated user): session policies may apply.
    pub fn is_session(&self) -> bool {
        matches!(
            self,
            Principal::AssumedRole { .. }
                | Principal::Role { .. }
                | Principal::FederatedUser { .. }
        )
    }

    /// True for IAM principals of an account (users, sessions, root).
    pub fn is_iam(&self) -> bool {
        self.account().is_some()
    }

    /// Service-linked roles (`AWSServiceRoleFor...`) are outside SCPs and RCPs.
    pub fn is_service_linked_role(&self) -> bool {
        match self {
            Principal::Role { arn, .. } => arn.contains(":role/aws-service-role/"),
            _ => self
                .role_name()
                .is_some_and(|n| n.starts_with("AWSServiceRoleFor")),
        }
    }

    fn principal_type(&self) -> Option<&'static str> {
        Some(match self {
            Principal::Anonymous => "Anonymous",
            Principal::Root { .. } => "Account",
            Principal::User { .. } => "User",
            Principal::AssumedRole { .. } | Principal::Role { .. } => "AssumedRole",
            Principal::FederatedUser { .. } => "FederatedUser",
            Principal::Service(_) | Principal::Federated(_) => return None,
        })
    }
}

/// A context value: one string or a list (multivalued key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextValue {
    One(String),
    Many(Vec<String>),
}

impl From<&str> for ContextValue {
    fn from(s: &str) -> Self {
        ContextValue::One(s.to_string())
    }
}
impl From<String> for ContextValue {
    fn from(s: String) -> Self {
        ContextValue::One(s)
    }
}
impl From<Vec<String>> for ContextValue {
    fn from(v: Vec<String>) -> Self {
        ContextValue::Many(v)
    }
}
impl From<bool> for ContextValue {
    fn from(b: bool) -> Self {
        ContextValue::One(b.to_string())
    }
}

/// The request context: case-insensitive keys to values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<(Box<str>, String, ContextValue)>,
}

impl Context {
    /// An empty context.
    pub fn new() -> Context {
        Context::default()
    }

    /// Set `key` (replacing a value under the same key in any case).
    pub fn insert(&mut self, key: &str, value: impl Into<ContextValue>) {
        let lc = key.to_lowercase().into_boxed_str();
        let value = value.into();
        if let Some(e) = self.entries.iter_mut().find(|e| e.0 == lc) {
            e.1 = key.to_string();
            e.2 = value;
        } else {
            self.entries.push((lc, key.to_string(), value));
        }
    }

    /// Builder form of [`Context::insert`].
    pub fn with(mut self, key: &str, value: impl Into<ContextValue>) -> Context {
        self.insert(key, value);
        self
    }

    /// The value under `key` (any case).
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        let lc = key.to_lowercase();
        self.get_lc(&lc)
    }

    fn get_lc(&self, lc: &str) -> Option<&ContextValue> {
        self.entries.iter().find(|e| &*e.0 == lc).map(|e| &e.2)
    }

    /// Keys as given, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ContextValue)> {
        self.entries.iter().map(|e| (e.1.as_str(), &e.2))
    }

    /// Read a context from a JSON object; strings, numbers and booleans become one value, arrays
    /// a multivalued key. `field` names the place for errors.
    pub fn from_json(v: &serde_json::Value, field: &str) -> Result<Context, RequestError> {
        let mut ctx = Context::new();
        let serde_json::Value::Object(map) = v else {
            if v.is_null() {
                return Ok(ctx);
            }
            return Err(RequestError::field(field, "must be an object"));
        };
        for (k, v) in map {
            let one = |v: &serde_json::Value| -> Option<String> {
                match v {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::Bool(b) => Some(b.to_string()),
                    _ => None,
                }
            };
            let value = match v {
                serde_json::Value::Array(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, it) in items.iter().enumerate() {
                        out.push(one(it).ok_or_else(|| {
                            RequestError::field(
                                format!("{field}.{k}[{i}]"),
                                "must be a string, number or boolean",
                            )
                        })?);
                    }
                    ContextValue::Many(out)
                }
                other => ContextValue::One(one(other).ok_or_else(|| {
                    RequestError::field(
                        format!("{field}.{k}"),
                        "must be a string, number, boolean or a list of them",
                    )
                })?),
            };
            if ctx.get_lc(&k.to_lowercase()).is_some() {
                return Err(RequestError::field(
                    format!("{field}.{k}"),
                    "duplicates a key that differs only by case",
                ));
            }
            ctx.insert(k, value);
        }
        Ok(ctx)
    }
}

/// Account or resource settings that change the outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// S3 Block Public Access (`RestrictPublicBuckets`) applies to the bucket.
    pub s3_block_public_access: bool,
}

/// A value looked up in the context (given or derived).
#[derive(Debug, Clone)]
pub(crate) enum CtxValue<'a> {
    One(Cow<'a, str>),
    Many(&'a [String]),
}

/// One authorisation question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    principal: Principal,
    action: String,
    action_lc: String,
    action_colon: Option<usize>,
    resource: String,
    /// The account field of the resource ARN (byte range), when it has a non-empty one.
    resource_arn_account: Option<(usize, usize)>,
    resource_account: Option<String>,
    context: Context,
    settings: Settings,
}

impl Request {
    /// A request by `principal` for `action` on `resource` (`*` for actions without a resource).
    pub fn new(principal: Principal, action: &str, resource: &str) -> Request {
        let action_lc = action.to_ascii_lowercase();
        let action_colon = action_lc.find(':');
        let resource_arn_account = split_arn(resource).and_then(|p| {
            if p[4].is_empty() {
                return None;
            }
            // Offsets of the fifth field: four colons and the first four fields before it.
            let start = p[..4].iter().map(|x| x.len() + 1).sum::<usize>();
            Some((start, start + p[4].len()))
        });
        Request {
            principal,
            action: action.to_string(),
            action_lc,
            action_colon,
            resource: resource.to_string(),
            resource_arn_account,
            resource_account: None,
            context: Context::new(),
            settings: Settings::default(),
        }
    }

    /// Set the request context.
    pub fn with_context(mut self, context: Context) -> Request {
        self.context = context;
        self
    }

    /// Set the account that owns the resource (needed for S3, whose ARNs carry none).
    pub fn with_resource_account(mut self, account: Option<&str>) -> Request {
        self.resource_account = account.map(str::to_string);
        self
    }

    /// Set account/resource settings.
    pub fn with_settings(mut self, settings: Settings) -> Request {
        self.settings = settings;
        self
    }

    pub fn principal(&self) -> &Principal {
        &self.principal
    }
    pub fn action(&self) -> &str {
        &self.action
    }
    pub(crate) fn action_lc(&self) -> &str {
        &self.action_lc
    }
    pub(crate) fn action_colon(&self) -> Option<usize> {
        self.action_colon
    }
    pub fn resource(&self) -> &str {
        &self.resource
    }
    pub fn context(&self) -> &Context {
        &self.context
    }
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The resource's account: given, else the ARN's account field, else (for `*` or an ARN
    /// without one) unknown.
    pub fn resource_account(&self) -> Option<&str> {
        if let Some(a) = &self.resource_account {
            return Some(a);
        }
        let (s, e) = self.resource_arn_account?;
        self.resource.get(s..e)
    }

    /// Look up a lower-cased key: the context first, then what AWS derives.
    pub(crate) fn lookup(&self, key_lc: &str) -> Option<CtxValue<'_>> {
        if let Some(v) = self.context.get_lc(key_lc) {
            return Some(match v {
                ContextValue::One(s) => CtxValue::One(Cow::Borrowed(s)),
                ContextValue::Many(v) => CtxValue::Many(v),
            });
        }
        self.derived(key_lc).map(CtxValue::One)
    }

    /// Global keys AWS derives from the principal and resource.
    fn derived(&self, key_lc: &str) -> Option<Cow<'_, str>> {
        let p = &self.principal;
        let s = |x: &'static str| Some(Cow::Borrowed(x));
        match key_lc {
            "aws:principalarn" => p.principal_arn(),
            "aws:principalaccount" => p.account().map(Cow::Borrowed),
            "aws:principaltype" => p.principal_type().map(Cow::Borrowed),
            "aws:username" => match p {
                Principal::User { name, .. } => Some(Cow::Borrowed(name)),
                _ => None,
            },
            "aws:userid" => match p {
                Principal::Root { account, .. } => Some(Cow::Borrowed(account)),
                Principal::Anonymous => s("anonymous"),
                _ => None,
            },
            "aws:principalisawsservice" => match p {
                Principal::Service(_) => s("true"),
                Principal::Anonymous => None,
                _ => s("false"),
            },
            "aws:principalservicename" => match p {
                Principal::Service(n) => Some(Cow::Borrowed(n)),
                _ => None,
            },
            "aws:federatedprovider" => match p {
                Principal::Federated(n) => Some(Cow::Borrowed(n)),
                _ => None,
            },
            "aws:resourceaccount" => self.resource_account().map(Cow::Borrowed),
            _ => None,
        }
    }

    /// The value of a policy variable.
    pub(crate) fn var_value(&self, key_lc: &str) -> VarValue<'_> {
        match self.lookup(key_lc) {
            None => VarValue::Missing,
            Some(CtxValue::One(v)) => VarValue::One(v),
            Some(CtxValue::Many(v)) => match v {
                [one] => VarValue::One(Cow::Borrowed(one)),
                [] => VarValue::Missing,
                _ => VarValue::Multi,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_forms() {
        assert_eq!(Principal::parse(None).unwrap(), Principal::Anonymous);
        assert!(matches!(
            Principal::parse(Some("123456789012")).unwrap(),
            Principal::Root { .. }
        ));
        assert!(matches!(
            Principal::parse(Some("arn:aws:iam::123456789012:user/a/b")).unwrap(),
            Principal::User { ref name, .. } if name == "b"
        ));
        let s = Principal::parse(Some("arn:aws:sts::123456789012:assumed-role/R/s")).unwrap();
        assert_eq!(
            s.principal_arn().unwrap(),
            "arn:aws:iam::123456789012:role/R"
        );
        assert!(matches!(
            Principal::parse(Some("lambda.amazonaws.com")).unwrap(),
            Principal::Service(_)
        ));
        assert!(matches!(
            Principal::parse(Some("cognito-identity.amazonaws.com")).unwrap(),
            Principal::Federated(_)
        ));
        assert!(Principal::parse(Some("bob")).is_err());
        assert!(Principal::parse(Some("arn:aws:s3:::bucket")).is_err());
    }

    #[test]
    fn derived_keys_unless_set() {
        let p = Principal::parse(Some("arn:aws:iam::123456789012:user/alice")).unwrap();
        let r = Request::new(p.clone(), "s3:GetObject", "*");
        assert!(matches!(r.lookup("aws:username"), Some(CtxValue::One(v)) if v == "alice"));
        let r = r.with_context(Context::new().with("AWS:UserName", "bob"));
        assert!(matches!(r.lookup("aws:username"), Some(CtxValue::One(v)) if v == "bob"));
    }
}

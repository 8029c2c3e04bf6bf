//! Lambda function policies prohibit public access.
//!
//! ## What it checks
//! Every Lambda function in every covered region (`lambda ListFunctions`) and its resource-based
//! policy (`lambda GetPolicy`). The policy engine evaluates, against that policy, requests from
//! an anonymous caller and from a principal of an AWS account the policy does not name, for the
//! function's invoke, read and management actions; a function URL request carries
//! `lambda:FunctionUrlAuthType` = `NONE`, as it does when the URL needs no authentication. A
//! second probe asks whether the Amazon S3 service, acting for a bucket of *another* account
//! (`aws:SourceAccount` and `aws:SourceArn` of that account's bucket), may invoke the function:
//! a grant to `s3.amazonaws.com` without an `aws:SourceAccount` or `aws:SourceArn` condition lets
//! any bucket owner trigger it. The function fails when either probe is allowed; a function
//! without a policy passes. Conditions that really restrict the caller (`aws:SourceAccount`,
//! `aws:SourceArn`, `aws:PrincipalOrgID`, a narrow `aws:SourceIp`) keep the policy private. A
//! policy the engine cannot parse, or a policy that was not collected, is UNKNOWN.
//!
//! ## Why it matters
//! A public function can be invoked by anyone: it runs code with the function's role, reaches
//! whatever the role reaches, and bills the account for every call.
//!
//! ## Remediation
//! Find the statement named in the finding and remove it, or add it again with a source
//! account and ARN:
//! ```sh
//! aws lambda get-policy --function-name api --query Policy --output text
//! aws lambda remove-permission --function-name api --statement-id public-invoke
//! aws lambda add-permission --function-name api --statement-id s3-invoke \
//!   --action lambda:InvokeFunction --principal s3.amazonaws.com \
//!   --source-account 123456789012 --source-arn arn:aws:s3:::acme-uploads
//! ```
//! Terraform: set `source_account` and `source_arn` on `aws_lambda_permission`, and
//! `authorization_type = "AWS_IAM"` on `aws_lambda_function_url`.
//!
//! ## References
//! - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1

use crate::prelude::*;
use crate::support::exposure::{ExposureOptions, OUTSIDER_ACCOUNT, resource_policy_exposure_with};
use crate::support::regional::each;
use rampart_model::PolicyDocument;
use rampart_policy::{Decision, ExplainKind, NamedPolicy, Policy, PolicySet, Principal, Request};

pub static CHECK: Check = Check {
    id: "lambda.function_public_access",
    title: "Lambda function policies prohibit public access",
    severity: Severity::Critical,
    resource_type: ResourceType::LambdaFunction,
    compliance: &[fsbp("Lambda.1")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// What an outsider could do with a function.
const ACTIONS: &[&str] = &[
    "lambda:InvokeFunction",
    "lambda:InvokeFunctionUrl",
    "lambda:GetFunction",
    "lambda:GetFunctionConfiguration",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:AddPermission",
    "lambda:DeleteFunction",
];

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.lambda.functions,
        "which Lambda functions exist",
        |out, f| {
            let arn = f.arn(&inv.partition, &inv.account_id);
            let res = cx.resource(
                ResourceType::LambdaFunction,
                &f.function_name,
                Some(arn.clone()),
                Some(&f.region),
            );
            let doc = match &f.policy {
                Ok(Some(d)) => d,
                Ok(None) => {
                    return out.pass(
                        res,
                        format!(
                            "function `{}` has no resource-based policy",
                            f.function_name
                        ),
                        json!({"policy": null}),
                    );
                }
                Err(g) => return out.unknown(res, "who may invoke the function", g),
            };
            let account = arn.split(':').nth(4).unwrap_or(&inv.account_id);
            let exposure = match resource_policy_exposure_with(
                doc,
                &arn,
                account,
                ACTIONS,
                ExposureOptions::default(),
                &[("lambda:FunctionUrlAuthType", "NONE")],
            ) {
                Ok(e) => e,
                Err(e) => {
                    return out.push_unknown_message(
                        res,
                        format!(
                            "the policy of function `{}` cannot be evaluated: {e}",
                            f.function_name
                        ),
                        json!({"error": e}),
                    );
                }
            };
            let mut ev = exposure.evidence();
            if exposure.is_public() {
                return out.fail(
                    res,
                    format!(
                        "function `{}` is public: {}",
                        f.function_name,
                        exposure.summary()
                    ),
                    ev,
                );
            }
            match s3_confused_deputy(doc, &arn, account) {
                Ok(Some(statement)) => {
                    ev["s3_any_account_invoke"] = json!({"statement": statement});
                    out.fail(
                    res,
                    format!(
                        "function `{}` lets Amazon S3 invoke it for a bucket of any account ({statement} has no `aws:SourceAccount` or `aws:SourceArn` condition)",
                        f.function_name
                    ),
                    ev,
                )
                }
                Ok(None) => out.pass(
                    res,
                    format!(
                        "the policy of function `{}` grants no public access",
                        f.function_name
                    ),
                    ev,
                ),
                Err(e) => out.push_unknown_message(
                    res,
                    format!(
                        "the policy of function `{}` cannot be evaluated: {e}",
                        f.function_name
                    ),
                    json!({"error": e}),
                ),
            }
        },
    );
}

/// Whether the S3 service, acting for a bucket in an account the policy does not name, may
/// invoke the function; `Some(statement)` names the granting statement.
fn s3_confused_deputy(
    doc: &PolicyDocument,
    function_arn: &str,
    account: &str,
) -> Result<Option<String>, String> {
    let policy = Policy::parse_str(doc.as_str()).map_err(|e| e.to_string())?;
    let principal = Principal::parse(Some("s3.amazonaws.com")).map_err(|e| e.to_string())?;
    let ctx = rampart_policy::Context::new()
        .with("aws:SourceAccount", OUTSIDER_ACCOUNT)
        .with("aws:SourceArn", "arn:aws:s3:::rampart-probe-bucket")
        .with("aws:SecureTransport", "true");
    let req = Request::new(principal, "lambda:InvokeFunction", function_arn)
        .with_resource_account(Some(account))
        .with_context(ctx);
    let set = PolicySet {
        identity: vec![],
        resource: Some(NamedPolicy::new("function policy", &policy)),
        resource_kind: None,
        permissions_boundary: None,
        session: None,
        scps: vec![],
        rcps: vec![],
    };
    let ev = rampart_policy::evaluate(&req, &set);
    if ev.decision != Decision::Allow {
        return Ok(None);
    }
    let statement = ev
        .explain
        .iter()
        .filter(|e| e.kind == ExplainKind::Allow)
        .find_map(|e| e.statement.as_ref())
        .map_or_else(|| "a statement".to_string(), |s| s.to_string());
    Ok(Some(statement))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;
    use serde_json::Value;

    const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:api";

    fn list() -> Value {
        call(
            "lambda",
            "ListFunctions",
            Some("us-east-1"),
            json!({}),
            json!({"Functions": [{"FunctionName": "api", "FunctionArn": ARN, "Runtime": "python3.12",
                   "PackageType": "Zip", "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": [], "VpcId": ""}}]}),
        )
    }

    fn with_policy(statements: Value) -> Vec<Value> {
        let policy = json!({"Version": "2012-10-17", "Id": "default", "Statement": statements});
        vec![
            list(),
            call(
                "lambda",
                "GetPolicy",
                Some("us-east-1"),
                json!({"FunctionName": "api"}),
                json!({"Policy": policy.to_string(), "RevisionId": "r1"}),
            ),
        ]
    }

    fn status(statements: Value) -> (Status, String) {
        let o = outcomes(&CHECK, &inventory(with_policy(statements)));
        assert_eq!(o.len(), 1);
        (o[0].status, o[0].message.clone())
    }

    #[test]
    fn fails_invoke_for_everyone_and_public_function_url() {
        let (s, m) = status(
            json!([{"Sid": "public-invoke", "Effect": "Allow", "Principal": "*",
            "Action": "lambda:InvokeFunction", "Resource": ARN}]),
        );
        assert_eq!(s, Status::Fail);
        assert!(m.contains("public-invoke"), "{m}");
        // What `aws lambda add-permission --function-url-auth-type NONE --principal '*'` writes.
        let (s, m) = status(
            json!([{"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*",
            "Action": "lambda:InvokeFunctionUrl", "Resource": ARN,
            "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]),
        );
        assert_eq!(s, Status::Fail);
        assert!(m.contains("lambda:InvokeFunctionUrl"), "{m}");
    }

    #[test]
    fn fails_s3_trigger_without_source_account() {
        let (s, m) = status(json!([{"Sid": "s3-invoke", "Effect": "Allow",
            "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Resource": ARN}]));
        assert_eq!(s, Status::Fail);
        assert!(m.contains("Amazon S3") && m.contains("s3-invoke"), "{m}");
    }

    #[test]
    fn passes_restricted_policies_and_functions_without_policy() {
        let (s, _) = status(json!([
            {"Sid": "s3-invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
             "Action": "lambda:InvokeFunction", "Resource": ARN,
             "Condition": {"StringEquals": {"AWS:SourceAccount": "123456789012"},
                           "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::acme-uploads"}}},
            {"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
             "Action": "lambda:InvokeFunction", "Resource": ARN},
            {"Sid": "org", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": ARN,
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]));
        assert_eq!(s, Status::Pass);
        let inv = inventory(vec![
            list(),
            error(
                "lambda",
                "GetPolicy",
                Some("us-east-1"),
                json!({"FunctionName": "api"}),
                "ResourceNotFoundException",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Pass);
    }

    #[test]
    fn unknown_when_policy_denied_missing_or_unparseable() {
        let inv = inventory(vec![
            list(),
            error(
                "lambda",
                "GetPolicy",
                Some("us-east-1"),
                json!({"FunctionName": "api"}),
                "AccessDeniedException",
            ),
        ]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
        assert_eq!(
            only(&outcomes(&CHECK, &inventory(vec![list()]))),
            Status::Unknown
        );
        let (s, _) = status(
            json!([{"Effect": "Perhaps", "Principal": "*", "Action": "lambda:*", "Resource": "*"}]),
        );
        assert_eq!(s, Status::Unknown);
        let o = outcomes(&CHECK, &inventory(vec![]));
        assert_eq!(only(&o), Status::Unknown);
    }
}

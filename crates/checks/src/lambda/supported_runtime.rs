//! Lambda functions use a supported runtime.
//!
//! ## What it checks
//! Every Lambda function packaged as a `.zip` archive in every covered region
//! (`lambda ListFunctions`): its `Runtime` must not have reached its Lambda deprecation date by
//! the time the snapshot was taken. Dates come from the table below, taken from the AWS Lambda
//! runtimes page (supported and deprecated runtimes). A runtime missing from the table is
//! UNKNOWN (Rampart cannot tell), never PASS. Container-image functions have no managed runtime
//! and are not judged, as Security Hub does.
//!
//! ## Why it matters
//! A deprecated runtime no longer gets security patches for its language runtime or operating
//! system, and Lambda eventually blocks updates to functions that use it.
//!
//! ## Remediation
//! Move the code to a current runtime of the same language and test it:
//! ```sh
//! aws lambda update-function-configuration --function-name reports --runtime python3.12
//! ```
//! Terraform: `runtime = "python3.12"` on `aws_lambda_function`.
//!
//! ## References
//! - https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
//! - https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::Timestamp;

pub static CHECK: Check = Check {
    id: "lambda.supported_runtime",
    title: "Lambda functions use supported runtimes",
    severity: Severity::Medium,
    resource_type: ResourceType::LambdaFunction,
    compliance: &[fsbp("Lambda.2")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Lambda runtime identifiers and the date Lambda deprecates (deprecated) each one, from
/// <https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html> as read on 2026-11-23.
/// Future dates are AWS's announced schedule.
const DEPRECATION: &[(&str, &str)] = &[
    ("nodejs", "2016-10-31"),
    ("nodejs4.3", "2020-03-05"),
    ("nodejs4.3-edge", "2019-04-30"),
    ("nodejs6.10", "2019-08-12"),
    ("nodejs8.10", "2020-03-06"),
    ("nodejs10.x", "2021-07-30"),
    ("nodejs12.x", "2023-03-31"),
    ("nodejs14.x", "2023-12-04"),
    ("nodejs16.x", "2024-06-12"),
    ("nodejs18.x", "2025-09-01"),
    ("nodejs20.x", "2026-04-30"),
    ("nodejs22.x", "2027-04-30"),
    ("python2.7", "2021-07-15"),
    ("python3.6", "2022-07-18"),
    ("python3.7", "2023-12-04"),
    ("python3.8", "2024-10-14"),
    ("python3.9", "2025-12-15"),
    ("python3.10", "2026-06-30"),
    ("python3.11", "2026-06-30"),
    ("python3.12", "2028-10-31"),
    ("python3.13", "2029-06-30"),
    ("ruby2.5", "2021-07-30"),
    ("ruby2.7", "2023-12-07"),
    ("ruby3.2", "2026-03-31"),
    ("ruby3.3", "2027-03-31"),
    ("ruby3.4", "2028-03-31"),
    ("java8", "2024-01-08"),
    ("java8.al2", "2026-06-30"),
    ("java11", "2026-06-30"),
    ("java17", "2026-06-30"),
    ("java21", "2029-06-30"),
    ("go1.x", "2024-01-08"),
    ("provided", "2024-01-08"),
    ("provided.al2", "2026-06-30"),
    ("provided.al2023", "2029-06-30"),
    ("dotnetcore1.0", "2019-07-30"),
    ("dotnetcore2.0", "2019-05-30"),
    ("dotnetcore2.1", "2022-01-05"),
    ("dotnetcore3.1", "2023-04-03"),
    ("dotnet5.0", "2022-05-10"),
    ("dotnet6", "2024-12-20"),
    ("dotnet7", "2024-05-14"),
    ("dotnet8", "2026-11-10"),
];

/// The deprecation date of a runtime, if Rampart knows it.
fn deprecation(runtime: &str) -> Option<Timestamp> {
    DEPRECATION
        .iter()
        .find(|(r, _)| *r == runtime)
        .and_then(|(_, d)| Timestamp::parse(&format!("{d}T00:00:00Z")))
}

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.lambda.functions,
        "which Lambda functions exist",
        |out, f| {
            if f.is_image() {
                return;
            }
            let res = cx.resource(
                ResourceType::LambdaFunction,
                &f.function_name,
                Some(f.arn(&inv.partition, &inv.account_id)),
                Some(&f.region),
            );
            let Some(runtime) = f.runtime.as_deref() else {
                return out.push_unknown_message(
                    res,
                    format!("function `{}` prints no runtime", f.function_name),
                    json!({"Runtime": null, "PackageType": f.package_type}),
                );
            };
            let ev = |d: Option<Timestamp>| json!({"Runtime": runtime, "deprecation_date": d});
            match deprecation(runtime) {
            Some(d) if d <= cx.now => out.fail(
                res,
                format!(
                    "function `{}` uses runtime `{runtime}`, deprecated since {d}",
                    f.function_name
                ),
                ev(Some(d)),
            ),
            Some(d) => out.pass(
                res,
                format!(
                    "function `{}` uses runtime `{runtime}`, supported until {d}",
                    f.function_name
                ),
                ev(Some(d)),
            ),
            None => out.push_unknown_message(
                res,
                format!(
                    "function `{}` uses runtime `{runtime}`, which is not in Rampart's runtime table",
                    f.function_name
                ),
                ev(None),
            ),
        }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    #[test]
    fn fails_deprecated_passes_current_unknown_otherwise() {
        let inv = inventory(vec![call(
            "lambda",
            "ListFunctions",
            Some("us-east-1"),
            json!({}),
            json!({"Functions": [
                {"FunctionName": "old", "Runtime": "nodejs16.x", "PackageType": "Zip"},
                {"FunctionName": "edge", "Runtime": "python3.9"},
                {"FunctionName": "new", "Runtime": "python3.12", "PackageType": "Zip"},
                {"FunctionName": "img", "PackageType": "Image"},
                {"FunctionName": "future", "Runtime": "python9.9", "PackageType": "Zip"}]}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("old".into(), Status::Fail),
                ("edge".into(), Status::Fail),
                ("new".into(), Status::Pass),
                ("future".into(), Status::Unknown),
            ]
        );
    }

    #[test]
    fn every_table_date_parses() {
        for (r, _) in DEPRECATION {
            assert!(deprecation(r).is_some(), "{r}");
        }
    }

    #[test]
    fn unknown_when_list_denied() {
        let inv = inventory(vec![error(
            "lambda",
            "ListFunctions",
            Some("us-east-1"),
            json!({}),
            "AccessDeniedException",
        )]);
        assert_eq!(only(&outcomes(&CHECK, &inv)), Status::Unknown);
    }
}

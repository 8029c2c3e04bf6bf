//! Lambda functions run in a VPC.
//!
//! ## What it checks
//! Every Lambda function in every covered region (`lambda ListFunctions`): its `VpcConfig` must
//! name at least one subnet. Functions outside a VPC (empty `SubnetIds`) fail. Like Security
//! Hub, the check does not judge the subnets' routes.
//!
//! ## Why it matters
//! A function attached to a VPC reaches private resources without exposing them to the internet,
//! and its traffic is subject to the VPC's security groups, network ACLs, flow logs and
//! endpoint policies. Outside a VPC, its network access cannot be controlled by the account.
//!
//! ## Remediation
//! Attach the function to private subnets in at least two Availability Zones:
//! ```sh
//! aws lambda update-function-configuration --function-name api \
//!   --vpc-config SubnetIds=subnet-0a1b2c3d,subnet-4e5f6a7b,SecurityGroupIds=sg-0123abcd
//! ```
//! Terraform: a `vpc_config { subnet_ids = [...] security_group_ids = [...] }` block on
//! `aws_lambda_function`. The function's role needs `AWSLambdaVPCAccessExecutionRole`.
//!
//! ## References
//! - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "lambda.in_vpc",
    title: "Lambda functions are in a VPC",
    severity: Severity::Low,
    resource_type: ResourceType::LambdaFunction,
    compliance: &[fsbp("Lambda.3")],
    related: &["lambda.vpc_multi_az"],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.lambda.functions,
        "which Lambda functions exist",
        |out, f| {
            let res = cx.resource(
                ResourceType::LambdaFunction,
                &f.function_name,
                Some(f.arn(&inv.partition, &inv.account_id)),
                Some(&f.region),
            );
            let vpc = f
                .vpc_config
                .as_ref()
                .and_then(|v| v.vpc_id.as_deref())
                .unwrap_or("");
            let ev = json!({"VpcId": vpc, "SubnetIds": f.subnet_ids()});
            if f.in_vpc() {
                out.pass(
                    res,
                    format!("function `{}` runs in VPC `{vpc}`", f.function_name),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!("function `{}` is not attached to a VPC", f.function_name),
                    ev,
                );
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
    fn fails_outside_vpc_passes_inside() {
        let inv = inventory(vec![call(
            "lambda",
            "ListFunctions",
            Some("us-east-1"),
            json!({}),
            json!({"Functions": [
                {"FunctionName": "inside", "Runtime": "python3.12",
                 "VpcConfig": {"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"], "VpcId": "vpc-1"}},
                {"FunctionName": "outside", "Runtime": "python3.12",
                 "VpcConfig": {"SubnetIds": [], "SecurityGroupIds": [], "VpcId": ""}},
                {"FunctionName": "bare", "Runtime": "python3.12"}]}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("inside".into(), Status::Pass),
                ("outside".into(), Status::Fail),
                ("bare".into(), Status::Fail),
            ]
        );
    }

    #[test]
    fn unknown_when_not_collected() {
        assert_eq!(only(&outcomes(&CHECK, &inventory(vec![]))), Status::Unknown);
    }
}

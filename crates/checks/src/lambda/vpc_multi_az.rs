//! VPC Lambda functions operate in multiple Availability Zones.
//!
//! ## What it checks
//! Every Lambda function attached to a VPC in every covered region (`lambda ListFunctions`):
//! its subnets, looked up in `ec2 DescribeSubnets`, must lie in at least two Availability Zones.
//! A function with a single subnet fails without a lookup. Functions outside a VPC are not
//! judged (see `lambda.in_vpc`). When the subnets could not be read, or a subnet is missing
//! from the list, the function is UNKNOWN.
//!
//! ## Why it matters
//! Lambda runs a VPC function only in the Availability Zones of its subnets: with one zone, an
//! outage of that zone stops the function.
//!
//! ## Remediation
//! Add a subnet in another Availability Zone:
//! ```sh
//! aws lambda update-function-configuration --function-name api \
//!   --vpc-config SubnetIds=subnet-0a1b2c3d,subnet-4e5f6a7b,SecurityGroupIds=sg-0123abcd
//! ```
//! Terraform: list subnets of two or more zones in `vpc_config.subnet_ids`.
//!
//! ## References
//! - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5

use crate::prelude::*;
use crate::support::regional::each;
use std::collections::BTreeSet;

pub static CHECK: Check = Check {
    id: "lambda.vpc_multi_az",
    title: "VPC Lambda functions operate in multiple Availability Zones",
    severity: Severity::Medium,
    resource_type: ResourceType::LambdaFunction,
    compliance: &[fsbp("Lambda.5")],
    related: &["lambda.in_vpc"],
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
            if !f.in_vpc() {
                return;
            }
            let res = cx.resource(
                ResourceType::LambdaFunction,
                &f.function_name,
                Some(f.arn(&inv.partition, &inv.account_id)),
                Some(&f.region),
            );
            let subnet_ids = f.subnet_ids();
            if subnet_ids.len() == 1 {
                return out.fail(
                    res,
                    format!(
                        "function `{}` has a single subnet (`{}`), so a single Availability Zone",
                        f.function_name, subnet_ids[0]
                    ),
                    json!({"SubnetIds": subnet_ids}),
                );
            }
            let subnets = match inv.ec2.subnets.get(&f.region) {
                Ok(s) => s,
                Err(g) => {
                    return out.unknown(
                        res,
                        "the Availability Zones of the function's subnets",
                        &g,
                    );
                }
            };
            let mut zones = BTreeSet::new();
            for id in subnet_ids {
                match subnets
                    .iter()
                    .find(|s| &s.subnet_id == id)
                    .and_then(|s| s.availability_zone.as_deref())
                {
                    Some(z) => {
                        zones.insert(z);
                    }
                    None => {
                        return out.push_unknown_message(
                        res,
                        format!(
                            "function `{}` uses subnet `{id}`, whose Availability Zone is not in the data",
                            f.function_name
                        ),
                        json!({"SubnetIds": subnet_ids}),
                    );
                    }
                }
            }
            let ev = json!({"SubnetIds": subnet_ids, "AvailabilityZones": zones});
            if zones.len() >= 2 {
                out.pass(
                    res,
                    format!(
                        "function `{}` runs in {} Availability Zones",
                        f.function_name,
                        zones.len()
                    ),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "function `{}` has subnets in one Availability Zone only",
                        f.function_name
                    ),
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
    use serde_json::Value;

    fn functions() -> Value {
        call(
            "lambda",
            "ListFunctions",
            Some("us-east-1"),
            json!({}),
            json!({"Functions": [
                {"FunctionName": "multi", "VpcConfig": {"SubnetIds": ["subnet-a", "subnet-b"], "VpcId": "vpc-1"}},
                {"FunctionName": "same", "VpcConfig": {"SubnetIds": ["subnet-a", "subnet-a2"], "VpcId": "vpc-1"}},
                {"FunctionName": "single", "VpcConfig": {"SubnetIds": ["subnet-a"], "VpcId": "vpc-1"}},
                {"FunctionName": "novpc", "VpcConfig": {"SubnetIds": [], "VpcId": ""}}]}),
        )
    }

    fn subnet(id: &str, az: &str) -> Value {
        json!({"SubnetId": id, "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": az,
               "AvailabilityZoneId": "use1-az1", "State": "available", "MapPublicIpOnLaunch": false})
    }

    #[test]
    fn fails_single_zone_passes_two() {
        let inv = inventory(vec![
            functions(),
            call(
                "ec2",
                "DescribeSubnets",
                Some("us-east-1"),
                json!({}),
                json!({"Subnets": [subnet("subnet-a", "us-east-1a"), subnet("subnet-a2", "us-east-1a"),
                                   subnet("subnet-b", "us-east-1b")]}),
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("multi".into(), Status::Pass),
                ("same".into(), Status::Fail),
                ("single".into(), Status::Fail),
            ]
        );
    }

    #[test]
    fn unknown_without_subnets() {
        let inv = inventory(vec![
            functions(),
            error(
                "ec2",
                "DescribeSubnets",
                Some("us-east-1"),
                json!({}),
                "UnauthorizedOperation",
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("multi".into(), Status::Unknown),
                ("same".into(), Status::Unknown),
                ("single".into(), Status::Fail),
            ]
        );
    }
}

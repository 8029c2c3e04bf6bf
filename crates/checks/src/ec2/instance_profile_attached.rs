//! EC2 instances use an IAM instance role for AWS access.
//!
//! ## What it checks
//! Every EC2 instance that is not terminated, in every covered region (`DescribeInstances`):
//! it must have an instance profile (`IamInstanceProfile`), and that profile must hold a role
//! (matched against the roles' `InstanceProfileList` from `GetAccountAuthorizationDetails`; when
//! that data is missing the evidence says the role could not be confirmed). A region whose
//! instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! Without an instance role, software on the instance needs long-lived access keys stored on
//! disk or in user data, where anyone who reaches the instance can copy them. Instance roles
//! give short-lived credentials that rotate automatically.
//!
//! ## Remediation
//! ```sh
//! aws iam create-instance-profile --instance-profile-name app-profile
//! aws iam add-role-to-instance-profile --instance-profile-name app-profile --role-name app-role
//! aws ec2 associate-iam-instance-profile --instance-id i-0123456789abcdef0 --iam-instance-profile Name=app-profile
//! ```
//! Terraform: `iam_instance_profile` on `aws_instance`. Then remove access keys from the instance.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.instance_profile_attached",
    title: "EC2 instances use an IAM instance role",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[cis("1.17")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    let roles = inv.iam.roles.as_ref().ok();
    for (region, instances) in inv.ec2.instances.iter() {
        let instances = match instances {
            Ok(i) => i,
            Err(g) => {
                out.unknown(cx.region(region), "which instances run here", &g);
                continue;
            }
        };
        for i in instances
            .iter()
            .filter(|i| i.state_name() != Some("terminated"))
        {
            let res = cx.resource(
                ResourceType::Ec2Instance,
                &i.instance_id,
                Some(i.arn(&inv.partition, &inv.account_id)),
                Some(region),
            );
            let Some(profile) = &i.iam_instance_profile else {
                out.fail(
                    res,
                    format!("instance `{}` has no IAM instance profile", i.instance_id),
                    json!({"state": i.state_name()}),
                );
                continue;
            };
            let role = roles.map(|rs| {
                rs.iter()
                    .find(|r| r.instance_profiles.iter().any(|p| p.arn == profile.arn))
                    .map(|r| r.arn.clone())
            });
            match role {
                Some(None) => out.fail(
                    res,
                    format!("instance `{}` has instance profile `{}` with no role in it", i.instance_id, profile.arn),
                    json!({"instance_profile": profile.arn, "role": null}),
                ),
                Some(Some(role)) => out.pass(
                    res,
                    format!("instance `{}` uses role `{role}`", i.instance_id),
                    json!({"instance_profile": profile.arn, "role": role}),
                ),
                None => out.pass(
                    res,
                    format!("instance `{}` has instance profile `{}`", i.instance_id, profile.arn),
                    json!({"instance_profile": profile.arn, "role": "not confirmed: IAM roles were not read"}),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn instances(list: serde_json::Value) -> serde_json::Value {
        call(
            "ec2",
            "DescribeInstances",
            Some("us-east-1"),
            json!({}),
            json!({"Reservations": [
            {"ReservationId": "r-0a1b2c3d4e5f60718", "OwnerId": "123456789012", "Groups": [], "Instances": list}]}),
        )
    }

    fn instance(id: &str, state: &str, profile: Option<&str>) -> serde_json::Value {
        let mut v = json!({"InstanceId": id, "ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro",
            "LaunchTime": "2026-01-01T00:00:00+00:00", "State": {"Code": 16, "Name": state},
            "SubnetId": "subnet-0a1b2c3d", "VpcId": "vpc-0a1b2c3d", "PrivateIpAddress": "10.0.1.10",
            "SecurityGroups": [], "NetworkInterfaces": [], "Tags": []});
        if let Some(p) = profile {
            v["IamInstanceProfile"] = json!({"Arn": p, "Id": "AIPAEXAMPLE"});
        }
        v
    }

    fn role_with_profile(profile: &str) -> serde_json::Value {
        json!({"Path": "/", "RoleName": "app", "RoleId": "AROAEXAMPLE", "Arn": "arn:aws:iam::123456789012:role/app",
               "CreateDate": "2025-01-01T00:00:00+00:00", "AssumeRolePolicyDocument": {"Version": "2012-10-17",
               "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
               "InstanceProfileList": [{"Path": "/", "InstanceProfileName": "app", "InstanceProfileId": "AIPAEXAMPLE",
                   "Arn": profile, "CreateDate": "2025-01-01T00:00:00+00:00", "Roles": []}],
               "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []})
    }

    #[test]
    fn fails_instances_without_profile_or_with_an_empty_one() {
        let good = "arn:aws:iam::123456789012:instance-profile/app";
        let empty = "arn:aws:iam::123456789012:instance-profile/empty";
        let inv = inventory(vec![
            instances(json!([
                instance("i-1", "running", None),
                instance("i-2", "running", Some(good)),
                instance("i-3", "stopped", Some(empty)),
                instance("i-4", "terminated", None)
            ])),
            gaad(
                json!([]),
                json!([]),
                json!([role_with_profile(good)]),
                json!([]),
            ),
        ]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("i-1".into(), Status::Fail),
                ("i-2".into(), Status::Pass),
                ("i-3".into(), Status::Fail)
            ]
        );
    }

    #[test]
    fn region_not_read_is_unknown() {
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                instances(json!([])),
                error(
                    "ec2",
                    "DescribeInstances",
                    Some("eu-west-1"),
                    json!({}),
                    "UnauthorizedOperation",
                ),
            ],
        );
        let o = outcomes(&CHECK, &inv);
        assert_eq!(only(&o), Status::Unknown);
        assert_eq!(o[0].resource.region.as_deref(), Some("eu-west-1"));
    }
}

//! EC2 instances require IMDSv2 (session tokens) for the instance metadata service.
//!
//! ## What it checks
//! CIS 5.7 / EC2.8: every instance that is not terminated has `MetadataOptions.HttpTokens` =
//! `required`, or the metadata endpoint turned off (`HttpEndpoint` = `disabled`). An instance
//! whose metadata options were not returned is UNKNOWN.
//!
//! ## Why it matters
//! IMDSv1 answers any GET request from the instance, so a server-side request forgery in an
//! application hands out the instance role's credentials. IMDSv2 needs a PUT-issued token.
//!
//! ## Remediation
//! ```sh
//! aws ec2 modify-instance-metadata-options --instance-id i-0123456789abcdef0 \
//!   --http-tokens required --http-endpoint enabled
//! aws ec2 modify-instance-metadata-defaults --http-tokens required   # for new instances
//! ```
//! Terraform: `metadata_options { http_tokens = "required" }` on `aws_instance` and
//! `aws_launch_template`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8

use crate::prelude::*;

pub static CHECK: Check = Check {
    id: "ec2.imdsv2_required",
    title: "EC2 instances require IMDSv2",
    severity: Severity::High,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[cis("5.7"), fsbp("EC2.8")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
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
            let Some(m) = &i.metadata_options else {
                out.push_unknown_message(
                    res,
                    format!("cannot tell whether instance `{}` requires IMDSv2: `MetadataOptions` is missing from DescribeInstances", i.instance_id),
                    json!({}),
                );
                continue;
            };
            let ev = json!({"http_tokens": m.http_tokens, "http_endpoint": m.http_endpoint, "state": i.state_name()});
            if m.http_endpoint.as_deref() == Some("disabled") {
                out.pass(
                    res,
                    format!(
                        "instance `{}` has the metadata endpoint turned off",
                        i.instance_id
                    ),
                    ev,
                );
            } else if m.http_tokens.as_deref() == Some("required") {
                out.pass(
                    res,
                    format!("instance `{}` requires IMDSv2 tokens", i.instance_id),
                    ev,
                );
            } else {
                out.fail(
                    res,
                    format!(
                        "instance `{}` accepts IMDSv1 requests (HttpTokens `{}`)",
                        i.instance_id,
                        m.http_tokens.as_deref().unwrap_or("optional")
                    ),
                    ev,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::testing::*;

    fn instance(id: &str, state: &str, meta: Option<serde_json::Value>) -> serde_json::Value {
        let mut i = json!({"InstanceId": id, "ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro",
            "State": {"Code": 16, "Name": state}, "SubnetId": "subnet-1", "VpcId": "vpc-1",
            "SecurityGroups": [], "NetworkInterfaces": [], "Tags": []});
        if let Some(m) = meta {
            i["MetadataOptions"] = m;
        }
        i
    }

    #[test]
    fn pass_fail_unknown() {
        let opts = |tokens: &str, endpoint: &str| {
            Some(json!({"State": "applied", "HttpTokens": tokens,
            "HttpPutResponseHopLimit": 2, "HttpEndpoint": endpoint, "HttpProtocolIpv6": "disabled", "InstanceMetadataTags": "disabled"}))
        };
        let inv = inventory(vec![call(
            "ec2",
            "DescribeInstances",
            Some("us-east-1"),
            json!({}),
            json!({"Reservations": [{
            "ReservationId": "r-1", "OwnerId": ACCOUNT, "Instances": [
                instance("i-v2", "running", opts("required", "enabled")),
                instance("i-v1", "stopped", opts("optional", "enabled")),
                instance("i-off", "running", opts("optional", "disabled")),
                instance("i-gone", "terminated", opts("optional", "enabled")),
                instance("i-nometa", "running", None),
            ]}]}),
        )]);
        assert_eq!(
            statuses(&outcomes(&CHECK, &inv)),
            vec![
                ("i-v2".into(), Status::Pass),
                ("i-v1".into(), Status::Fail),
                ("i-off".into(), Status::Pass),
                ("i-nometa".into(), Status::Unknown),
            ]
        );
    }
}

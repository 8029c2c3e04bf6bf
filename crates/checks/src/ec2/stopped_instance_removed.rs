//! Stopped EC2 instances are removed after 30 days.
//!
//! ## What it checks
//! EC2.4: every instance in every covered region (`ec2 DescribeInstances`) that is `stopped`
//! must have stopped less than 30 days (Security Hub's default `AllowedDays`) before the
//! snapshot was taken. When it stopped comes from the date in `StateTransitionReason` (`User
//! initiated (2026-01-10 12:00:00 GMT)`); a stopped instance whose reason names no date is
//! UNKNOWN. Instances in any other state pass; terminated ones are not judged. A region whose
//! instances could not be listed is UNKNOWN.
//!
//! ## Why it matters
//! A long-stopped instance is forgotten: it is not patched, yet one start brings back its old
//! software, credentials and network access. Its volumes keep costing money.
//!
//! ## Remediation
//! Snapshot what must be kept, then terminate the instance:
//! ```sh
//! aws ec2 create-snapshots --instance-specification InstanceId=i-0123456789abcdef0
//! aws ec2 terminate-instances --instance-ids i-0123456789abcdef0
//! ```
//!
//! ## References
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-4

use crate::prelude::*;
use crate::support::regional::each;

pub static CHECK: Check = Check {
    id: "ec2.stopped_instance_removed",
    title: "Stopped EC2 instances are removed after 30 days",
    severity: Severity::Medium,
    resource_type: ResourceType::Ec2Instance,
    compliance: &[fsbp("EC2.4")],
    related: &[],
    lifecycle: Lifecycle::Stable,
    run,
};

/// Security Hub's default `AllowedDays`.
const ALLOWED_DAYS: i64 = 30;

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.ec2.instances,
        "which instances exist here",
        |out, i| {
            let state = i.state_name();
            if state == Some("terminated") {
                return;
            }
            let id = &i.instance_id;
            let res = cx.resource(
                ResourceType::Ec2Instance,
                id,
                Some(i.arn(&inv.partition, &inv.account_id)),
                Some(&i.region),
            );
            let mut ev = json!({"state": state, "state_transition_reason": i.state_transition_reason,
                                "allowed_days": ALLOWED_DAYS});
            if state != Some("stopped") {
                out.pass(
                    res,
                    format!(
                        "instance `{id}` is not stopped ({})",
                        state.unwrap_or("state not printed")
                    ),
                    ev,
                );
                return;
            }
            let Some(since) = i.state_transition_time() else {
                out.push_unknown_message(
                    res,
                    format!("cannot tell since when instance `{id}` is stopped: its StateTransitionReason names no date"),
                    ev,
                );
                return;
            };
            let days = cx.days_since(since);
            ev["stopped_at"] = json!(since);
            ev["days_stopped"] = json!(days);
            if days > ALLOWED_DAYS {
                out.fail(
                    res,
                    format!("instance `{id}` has been stopped for {days} days (since {since}), more than {ALLOWED_DAYS}"),
                    ev,
                );
            } else {
                out.pass(
                    res,
                    format!("instance `{id}` was stopped {days} days ago ({since})"),
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
    fn pass_fail_unknown() {
        let stopped = |reason: &str| {
            json!({"State": {"Code": 80, "Name": "stopped"}, "StateTransitionReason": reason,
                   "StateReason": {"Code": "Client.UserInitiatedShutdown",
                                   "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}})
        };
        let inv = inventory_in(
            &["us-east-1", "eu-west-1"],
            vec![
                ec2_instances(
                    "us-east-1",
                    vec![
                        ec2_instance("i-running", json!({})),
                        ec2_instance("i-old", stopped("User initiated (2026-09-01 08:15:02 GMT)")),
                        ec2_instance(
                            "i-recent",
                            stopped("User initiated (2026-11-10 17:40:00 GMT)"),
                        ),
                        ec2_instance("i-nodate", stopped("")),
                    ],
                ),
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
        assert_eq!(
            statuses(&o),
            vec![
                ("123456789012/eu-west-1".to_string(), Status::Unknown),
                ("i-running".to_string(), Status::Pass),
                ("i-old".to_string(), Status::Fail),
                ("i-recent".to_string(), Status::Pass),
                ("i-nodate".to_string(), Status::Unknown),
            ]
        );
        assert!(o[2].message.contains("80 days"), "{}", o[2].message);
    }
}

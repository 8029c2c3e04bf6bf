//! CIS section 4 / Security Hub CloudWatch.1–14: "this kind of event is monitored".
//!
//! A kind of event is monitored when this whole chain exists (CIS v5.0 section 4 audit
//! procedure):
//! 1. a **multi-region CloudTrail trail that is logging** and records all management events,
//!    delivering to a CloudWatch Logs **log group**;
//! 2. a **metric filter** on that log group whose pattern **matches every event of the kind**
//!    (judged by evaluating the parsed pattern against sample CloudTrail records, so any
//!    spelling, order or extra condition that keeps the meaning passes) and does not match
//!    unrelated activity (a filter that counts every event is not monitoring);
//! 3. a **CloudWatch alarm** on the filter's metric, with an alarm action;
//! 4. an **SNS topic** among those actions with at least one confirmed subscription.
//!
//! The finding is about the account. PASS names the complete chain; FAIL says how far the best
//! chain got; UNKNOWN when missing data (denied calls) could hide a complete chain.

use crate::run::{Context, Outcomes};
use crate::support::filter_pattern;
use rampart_model::Gap;
use rampart_model::inventory::cloudtrail::Trail;
use serde_json::{Value, json};

/// The events one monitoring check must catch.
pub struct EventSpec {
    /// What the events are, for messages ("IAM policy changes").
    pub what: &'static str,
    /// `(eventSource, eventName)` pairs that must all be matched; each becomes a sample record.
    pub events: &'static [(&'static str, &'static str)],
    /// Fields set on every positive sample (JSON object text), e.g. an error code.
    pub extra: &'static str,
    /// Extra positive samples given in full (JSON object text), for kinds that are not a list of
    /// API names (root use, failed sign-ins).
    pub samples: &'static [&'static str],
    /// A record that must NOT match (JSON object text): ordinary activity of the same kind.
    pub unrelated: &'static str,
}

/// A typical CloudTrail record for `source`/`name` by an IAM user, as CloudTrail writes it.
fn record(source: &str, name: &str) -> Value {
    json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": "IAMUser", "principalId": "AIDAEXAMPLEUSER00001",
            "arn": "arn:aws:iam::123456789012:user/alice", "accountId": "123456789012",
            "userName": "alice"
        },
        "eventTime": "2026-11-20T08:00:00Z",
        "eventSource": source,
        "eventName": name,
        "awsRegion": "us-east-1",
        "sourceIPAddress": "198.51.100.7",
        "userAgent": "aws-cli/2.15.0",
        "requestParameters": {},
        "responseElements": null,
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "recipientAccountId": "123456789012",
        "eventCategory": "Management"
    })
}

fn merge(base: &mut Value, extra: &str) {
    if let (Some(b), Ok(Value::Object(e))) = (base.as_object_mut(), serde_json::from_str(extra)) {
        for (k, v) in e {
            b.insert(k, v);
        }
    }
}

impl EventSpec {
    /// The records the filter must match.
    pub fn positives(&self) -> Vec<Value> {
        let mut out: Vec<Value> = self
            .events
            .iter()
            .map(|(s, n)| {
                let mut r = record(s, n);
                merge(&mut r, self.extra);
                r
            })
            .collect();
        for s in self.samples {
            let mut r = record("signin.amazonaws.com", "ConsoleLogin");
            merge(&mut r, s);
            out.push(r);
        }
        out
    }

    /// The record the filter must not match.
    pub fn negative(&self) -> Value {
        let mut r = record("ec2.amazonaws.com", "DescribeInstances");
        merge(&mut r, self.unrelated);
        r
    }
}

/// How one metric filter judged against the spec.
fn judge(pattern: &str, spec: &EventSpec) -> Result<Result<(), String>, String> {
    let expr = filter_pattern::parse(pattern)?;
    let missed: Vec<String> = spec
        .positives()
        .iter()
        .filter(|r| !expr.matches(r))
        .map(|r| {
            format!(
                "{} {}",
                r["eventSource"].as_str().unwrap_or_default(),
                r["eventName"].as_str().unwrap_or_default()
            )
        })
        .collect();
    if !missed.is_empty() {
        return Ok(Err(format!("does not match {}", missed.join(", "))));
    }
    if expr.matches(&spec.negative()) {
        return Ok(Err(
            "also matches unrelated activity, so its alarm would not single these events out"
                .into(),
        ));
    }
    Ok(Ok(()))
}

/// Runs the monitoring check for `spec`: one finding about the account.
pub fn run(cx: &Context<'_>, out: &mut Outcomes, spec: &EventSpec) {
    let res = cx.account();
    // Why a complete chain could be hidden: missing data, or a filter we could not read.
    let mut gaps: Vec<String> = Vec::new();
    let mut notes: Vec<Value> = Vec::new();
    let trails = match &cx.inv.cloudtrail.trails {
        Ok(t) => t,
        Err(g) => {
            out.unknown(res, "which trails deliver to CloudWatch Logs", g);
            return;
        }
    };
    let mut best =
        "no multi-region trail that is logging all management events delivers to CloudWatch Logs"
            .to_string();
    for trail in trails {
        let Some(log_group_arn) = trail.cloud_watch_logs_log_group_arn.as_deref() else {
            continue;
        };
        match trail_ok(trail) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(g) => {
                gaps.push(g.to_string());
                continue;
            }
        }
        let Some((region, group)) = log_group(log_group_arn) else {
            continue;
        };
        best = format!(
            "trail `{}` delivers to log group `{group}`, but no metric filter on it matches {}",
            trail.name, spec.what
        );
        let filters = match cx.inv.logs.metric_filters.get(region) {
            Ok(f) => f,
            Err(g) => {
                gaps.push(g.to_string());
                continue;
            }
        };
        for f in filters
            .iter()
            .filter(|f| f.log_group_name.as_deref() == Some(group))
        {
            match judge(&f.filter_pattern, spec) {
                Err(parse) => {
                    gaps.push(format!(
                        "the pattern of metric filter `{}` is not understood ({parse})",
                        f.filter_name
                    ));
                    notes.push(json!({"filter": f.filter_name, "pattern": f.filter_pattern, "not_understood": parse}));
                    continue;
                }
                Ok(Err(why)) => {
                    notes.push(json!({"filter": f.filter_name, "pattern": f.filter_pattern, "rejected": why}));
                    continue;
                }
                Ok(Ok(())) => {}
            }
            best = format!(
                "metric filter `{}` on `{group}` matches {}, but no alarm on its metric notifies a subscribed SNS topic",
                f.filter_name, spec.what
            );
            let alarms = match cx.inv.cloudwatch.metric_alarms.get(region) {
                Ok(a) => a,
                Err(g) => {
                    gaps.push(g.to_string());
                    continue;
                }
            };
            let subs = cx.inv.sns.subscriptions.get(region);
            for t in &f.metric_transformations {
                for alarm in alarms
                    .iter()
                    .filter(|a| a.watches(&t.metric_namespace, &t.metric_name))
                {
                    for action in alarm.alarm_actions.iter().filter(|a| a.contains(":sns:")) {
                        // The topic may live in another region: look there.
                        let topic_region = action.split(':').nth(3).unwrap_or(region);
                        let subs = if topic_region == region {
                            subs.clone()
                        } else {
                            cx.inv.sns.subscriptions.get(topic_region)
                        };
                        let subs = match subs {
                            Ok(s) => s,
                            Err(g) => {
                                gaps.push(g.to_string());
                                continue;
                            }
                        };
                        let confirmed = subs
                            .iter()
                            .filter(|s| &s.topic_arn == action && s.is_confirmed())
                            .count();
                        if confirmed > 0 && alarm.actions_enabled {
                            out.pass(
                                res,
                                format!(
                                    "{} are monitored: filter `{}` on `{group}` → alarm `{}` → SNS topic with {confirmed} confirmed subscription(s)",
                                    capitalise(spec.what), f.filter_name, alarm.alarm_name
                                ),
                                json!({
                                    "trail": trail.trail_arn, "log_group": group,
                                    "metric_filter": f.filter_name, "filter_pattern": f.filter_pattern,
                                    "metric": format!("{}/{}", t.metric_namespace, t.metric_name),
                                    "alarm": alarm.alarm_name, "sns_topic": action,
                                    "confirmed_subscriptions": confirmed,
                                }),
                            );
                            return;
                        }
                    }
                }
            }
        }
    }
    if let Some(g) = gaps.first() {
        let msg = format!(
            "cannot tell whether {} are monitored: {g} ({best})",
            spec.what
        );
        out.push_unknown_message(
            res,
            msg,
            json!({"filters_examined": notes, "unknown": gaps}),
        );
        return;
    }
    out.fail(
        res,
        format!("{} are not monitored: {best}", capitalise(spec.what)),
        json!({"filters_examined": notes}),
    );
}

/// A trail that counts: multi-region, logging, recording all management events. `Err` when
/// its status or selectors are unknown.
fn trail_ok(t: &Trail) -> Result<bool, Gap> {
    if !t.is_multi_region_trail {
        return Ok(false);
    }
    let logging = t.status.as_ref().map_err(Clone::clone)?.is_logging;
    let selectors = t.event_selectors.as_ref().map_err(Clone::clone)?;
    Ok(logging && selectors.records_all_management_events())
}

/// Region and name of a log group ARN (`arn:aws:logs:us-east-1:123456789012:log-group:NAME:*`).
fn log_group(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(7, ':');
    let (_, _, _, region, _, kind) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if kind != "log-group" {
        return None;
    }
    let rest = parts.next()?;
    let name = rest.strip_suffix(":*").unwrap_or(rest);
    Some((region, name))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_group_arns_split() {
        assert_eq!(
            log_group("arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default:*"),
            Some(("us-east-1", "CloudTrail/Default"))
        );
        assert_eq!(
            log_group("arn:aws:logs:eu-west-1:123456789012:log-group:a:b"),
            Some(("eu-west-1", "a:b"))
        );
        assert_eq!(log_group("arn:aws:s3:::bucket"), None);
    }
}

//! Walking CloudTrail trails and the buckets they deliver to.

use crate::prelude::*;
use rampart_model::ResourceRef;
use rampart_model::inventory::cloudtrail::Trail;
use rampart_model::inventory::s3::Bucket;

/// Calls `judge` with every trail and its resource reference; when the trails could not be
/// listed, one UNKNOWN outcome for the account.
pub fn each_trail(
    cx: &Context<'_>,
    out: &mut Outcomes,
    mut judge: impl FnMut(&Context<'_>, &mut Outcomes, &Trail, ResourceRef),
) {
    let trails = match &cx.inv.cloudtrail.trails {
        Ok(t) => t,
        Err(g) => return out.unknown(cx.account(), "which CloudTrail trails exist", g),
    };
    for t in trails {
        let res = cx.resource(
            ResourceType::CloudTrailTrail,
            &t.name,
            Some(t.trail_arn.clone()),
            Some(&t.home_region),
        );
        judge(cx, out, t, res);
    }
}

/// The account's bucket that trail `t` delivers to. When there is none to judge (the trail
/// names no bucket, the buckets could not be listed, or the bucket is another account's), an
/// UNKNOWN outcome for `res` is recorded and `None` returned. `question` completes "whether
/// bucket `b` ..." and `aspect` "so its ... cannot be checked".
pub fn trail_bucket<'a>(
    cx: &Context<'a>,
    out: &mut Outcomes,
    t: &Trail,
    res: ResourceRef,
    question: &str,
    aspect: &str,
) -> Option<(&'a Bucket, ResourceRef)> {
    let Some(bucket) = t.s3_bucket_name.as_deref().filter(|b| !b.is_empty()) else {
        out.push_unknown_message(
            res,
            format!("trail `{}` names no S3 bucket", t.name),
            json!({"S3BucketName": null}),
        );
        return None;
    };
    let list = match &cx.inv.s3.buckets {
        Ok(l) => l,
        Err(g) => {
            out.unknown(res, &format!("whether bucket `{bucket}` {question}"), g);
            return None;
        }
    };
    let Some(b) = list.iter().find(|b| b.name == bucket) else {
        out.push_unknown_message(
            res,
            format!(
                "trail `{}` delivers to bucket `{bucket}`, which is not among this account's buckets (it may belong to another account), so its {aspect} cannot be checked",
                t.name
            ),
            json!({"S3BucketName": bucket, "in_account": false}),
        );
        return None;
    };
    Some((b, res))
}

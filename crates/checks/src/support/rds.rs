//! Walking RDS DB clusters.

use crate::prelude::*;
use crate::support::regional::each;
use rampart_model::ResourceRef;
use rampart_model::inventory::rds::DbCluster;

/// Calls `f` with every DB cluster of every covered region and its resource reference; a
/// region whose clusters could not be listed yields one UNKNOWN outcome for the region.
pub fn each_cluster<'a>(
    cx: &Context<'a>,
    out: &mut Outcomes,
    mut f: impl FnMut(&mut Outcomes, &'a DbCluster, ResourceRef),
) {
    let inv = cx.inv;
    each(
        cx,
        out,
        &inv.rds.db_clusters,
        "which RDS DB clusters exist",
        |out, d| {
            let res = cx.resource(
                ResourceType::RdsDbCluster,
                &d.db_cluster_identifier,
                Some(d.arn(&inv.partition, &inv.account_id)),
                Some(&d.region),
            );
            f(out, d, res);
        },
    );
}

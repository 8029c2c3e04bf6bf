//! No database is reachable from the internet.
//!
//! ## What it checks
//! Through the reachability engine (`rampart net exposure`), every resource in every covered
//! region: it fails when an RDS DB instance is reachable from the internet on its endpoint port
//! (which needs `PubliclyAccessible`, a route to an internet gateway, and network ACLs and
//! security groups that admit an internet source), or when any other resource is reachable on a
//! well-known database port (1433, 1521, 3306, 5432, 5984, 6379, 9042, 9200, 11211, 27017). It
//! is UNKNOWN when a layer's data is missing. The Security Hub control RDS.2 judges only the
//! `PubliclyAccessible` flag; this check follows the traffic.
//!
//! ## Why it matters
//! A database reachable from the internet is exposed to password guessing and to exploits of
//! the database engine; leaked data is the usual outcome.
//!
//! ## Remediation
//! ```sh
//! aws rds modify-db-instance --db-instance-identifier mydb --no-publicly-accessible --apply-immediately
//! aws ec2 revoke-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 5432 --cidr 0.0.0.0/0
//! ```
//! Terraform: `publicly_accessible = false` on `aws_db_instance`.
//!
//! ## References
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2

use crate::prelude::*;
use crate::support::net::{includes_any, judge};
use rampart_net::Proto;

pub static CHECK: Check = Check {
    id: "net.db_port_exposed",
    title: "No database is reachable from the internet",
    severity: Severity::High,
    resource_type: ResourceType::RdsDbInstance,
    compliance: &[],
    related: &["net.all_ports_exposed"],
    lifecycle: Lifecycle::Preview,
    run,
};

/// Well-known database ports: SQL Server, Oracle, MySQL, PostgreSQL, CouchDB, Redis,
/// Cassandra, Elasticsearch, Memcached, MongoDB.
const DB_PORTS: &[u32] = &[1433, 1521, 3306, 5432, 5984, 6379, 9042, 9200, 11211, 27017];

fn run(cx: &Context<'_>, out: &mut Outcomes) {
    judge(cx, out, "a database port", |e| {
        e.resource.kind == ResourceType::RdsDbInstance || includes_any(e, Proto::Tcp, DB_PORTS)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status;
    use crate::support::net::fixtures::{rule, vpc};
    use crate::support::testing::*;

    fn db(public: bool) -> serde_json::Value {
        call(
            "rds",
            "DescribeDBInstances",
            Some("us-east-1"),
            json!({}),
            json!({"DBInstances": [{"DBInstanceIdentifier": "orders", "DBInstanceClass": "db.t3.micro",
                "Engine": "postgres", "DBInstanceStatus": "available",
                "Endpoint": {"Address": "orders.c8r4lp2xq1ze.us-east-1.rds.amazonaws.com", "Port": 5432,
                  "HostedZoneId": "Z2R2ITUGPM61AM"},
                "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0web", "Status": "active"}],
                "DBSubnetGroup": {"DBSubnetGroupName": "orders", "VpcId": "vpc-01", "SubnetGroupStatus": "Complete",
                  "Subnets": [{"SubnetIdentifier": "subnet-0pub", "SubnetAvailabilityZone": {"Name": "us-east-1a"},
                    "SubnetStatus": "Active"}]},
                "PubliclyAccessible": public, "StorageEncrypted": true,
                "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:orders"}]}),
        )
    }

    #[test]
    fn public_rds_with_open_group_fails() {
        let mut calls = vpc(json!([rule("tcp", 5432, 5432, "0.0.0.0/0")]));
        calls[6] = db(true);
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(
            statuses(&o),
            vec![
                ("i-0web".into(), Status::Fail),
                ("orders".into(), Status::Fail)
            ]
        );
    }

    #[test]
    fn not_publicly_accessible_passes() {
        let mut calls = vpc(json!([rule("tcp", 443, 443, "0.0.0.0/0")]));
        calls[6] = db(false);
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(
            statuses(&o),
            vec![
                ("i-0web".into(), Status::Pass),
                ("orders".into(), Status::Pass)
            ]
        );
        assert!(
            o[1].message.contains("PubliclyAccessible is false"),
            "{}",
            o[1].message
        );
    }

    #[test]
    fn denied_network_acls_are_unknown() {
        let mut calls = vpc(json!([rule("tcp", 5432, 5432, "0.0.0.0/0")]));
        calls[6] = db(true);
        calls[2] = error(
            "ec2",
            "DescribeNetworkAcls",
            Some("us-east-1"),
            json!({}),
            "UnauthorizedOperation",
        );
        let o = outcomes(&CHECK, &inventory(calls));
        assert_eq!(
            statuses(&o),
            vec![
                ("i-0web".into(), Status::Unknown),
                ("orders".into(), Status::Unknown)
            ]
        );
    }
}

//! Rampart's VPC reachability engine: what the internet can reach in an account, through every
//! layer, and why.
//!
//! Security-group-only checks flag an open port on an instance nobody can route to and miss the
//! instance behind a public load balancer. This crate follows traffic the way AWS delivers it:
//! route tables (explicit association, else the main table; longest prefix match; internet,
//! egress-only, NAT, transit and virtual private gateways, peering, endpoints), network ACLs
//! (stateless, in rule-number order, both directions, replies to ephemeral ports, IPv4 and
//! IPv6), security groups (stateful, allow-only, the union of every group, group references,
//! managed prefix lists, IPv6), public addresses of every kind of interface, and
//! internet-facing load balancers forwarding listener ports to their targets.
//!
//! It reads only the [`Inventory`](rampart_model::Inventory). Where a layer's data is missing
//! the answer is unknown, never "not exposed" (see [`TargetReport::unknown`]).
//!
//! Entry points: [`analyze`] (every exposure) and [`explain`] (one path, hop by hop).

pub mod addr;
mod engine;
pub mod index;
pub mod ports;

pub use engine::{Analysis, Exposure, Focus, Hop, PathReport, TargetReport, analyze, explain};
pub use index::Proto;
pub use ports::PortSet;

//! Address blocks: which ones the internet is, and how a set of narrower blocks splits a wider
//! one.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Address family of a path: IPv4 traffic only meets IPv4 rules, IPv6 only IPv6 rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    /// The family of a block.
    pub fn of(net: &IpNet) -> Family {
        match net {
            IpNet::V4(_) => Family::V4,
            IpNet::V6(_) => Family::V6,
        }
    }

    /// `0.0.0.0/0` or `::/0`.
    pub fn any(self) -> IpNet {
        match self {
            Family::V4 => IpNet::V4(Ipv4Net::new(Ipv4Addr::UNSPECIFIED, 0).unwrap_or_default()),
            Family::V6 => IpNet::V6(Ipv6Net::new(Ipv6Addr::UNSPECIFIED, 0).unwrap_or_default()),
        }
    }
}

/// Parses a CIDR as AWS prints it (`10.0.0.0/16`, `::/0`), clearing host bits. `None` when it is
/// not a CIDR.
pub fn parse_cidr(s: &str) -> Option<IpNet> {
    s.trim().parse::<IpNet>().ok().map(|n| n.trunc())
}

/// Blocks that are never the internet: private, shared, loopback, link-local, multicast,
/// reserved; unique-local and link-local IPv6.
const NOT_INTERNET: &[&str] = &[
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
];

/// Whether the block holds any internet (public) address: it is not wholly inside a private or
/// reserved range.
pub fn is_internet(net: &IpNet) -> bool {
    static BLOCKS: std::sync::OnceLock<Vec<IpNet>> = std::sync::OnceLock::new();
    let blocks = BLOCKS.get_or_init(|| {
        NOT_INTERNET
            .iter()
            .filter_map(|s| s.parse::<IpNet>().ok())
            .collect()
    });
    !blocks.iter().any(|p| p.contains(net))
}

/// Whether `inner` lies strictly inside `outer`.
pub fn strictly_inside(inner: &IpNet, outer: &IpNet) -> bool {
    outer.contains(inner) && inner.prefix_len() > outer.prefix_len()
}

/// The blocks of `splits` strictly inside `x` that no other such block contains.
fn maximal_inside<'a>(x: &IpNet, splits: &'a [IpNet]) -> Vec<&'a IpNet> {
    let mut inside: Vec<&IpNet> = splits.iter().filter(|c| strictly_inside(c, x)).collect();
    inside.sort_by_key(|c| c.prefix_len());
    let mut keep: Vec<&IpNet> = Vec::new();
    for c in inside {
        if !keep.iter().any(|k| k.contains(c)) {
            keep.push(c);
        }
    }
    keep
}

/// Whether the blocks of `splits` strictly inside `x` cover all of `x` (so "the rest of `x`"
/// holds no address).
pub fn rest_is_empty(x: &IpNet, splits: &[IpNet]) -> bool {
    let parts = maximal_inside(x, splits);
    let covered: f64 = parts
        .iter()
        .map(|c| 0.5f64.powi(i32::from(c.prefix_len() - x.prefix_len())))
        .sum();
    covered >= 1.0 - 1e-12
}

/// The blocks to evaluate for a source `s`: `s` itself (meaning the part of it no narrower split
/// covers) and every split strictly inside it, widest first. Within one block every rule either
/// contains the whole block or is a narrower block evaluated on its own, so each block is
/// decided uniformly.
pub fn candidates(s: &IpNet, splits: &[IpNet]) -> Vec<IpNet> {
    let mut out = vec![*s];
    for c in splits {
        if strictly_inside(c, s) && !out.contains(c) {
            out.push(*c);
        }
    }
    out.sort_by_key(|c| c.prefix_len());
    out.retain(|x| !rest_is_empty(x, splits));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> IpNet {
        parse_cidr(s).unwrap()
    }

    #[test]
    fn internet_blocks() {
        assert!(is_internet(&n("0.0.0.0/0")));
        assert!(is_internet(&n("203.0.113.0/24")));
        assert!(!is_internet(&n("10.1.0.0/16")));
        assert!(!is_internet(&n("172.20.0.0/16")));
        assert!(is_internet(&n("::/0")));
        assert!(!is_internet(&n("fd00::/8")));
        assert_eq!(n("10.0.0.5/24"), n("10.0.0.0/24"));
    }

    #[test]
    fn splitting() {
        let splits = [n("0.0.0.0/0"), n("198.51.100.0/24"), n("10.0.0.0/8")];
        let c = candidates(&n("0.0.0.0/0"), &splits);
        assert_eq!(
            c,
            vec![n("0.0.0.0/0"), n("10.0.0.0/8"), n("198.51.100.0/24")]
        );
        // Two halves cover the whole: the whole has no rest of its own.
        let halves = [n("0.0.0.0/1"), n("128.0.0.0/1")];
        assert_eq!(
            candidates(&n("0.0.0.0/0"), &halves),
            vec![n("0.0.0.0/1"), n("128.0.0.0/1")]
        );
    }
}

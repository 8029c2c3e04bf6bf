//! Sets of ports (or ICMP types) as sorted, disjoint, inclusive ranges.
//!
//! Every layer narrows a set of ports: a security group rule allows a range, a network ACL rule
//! decides a range, a load balancer listens on a few. Sets keep the arithmetic exact and cheap.

use serde::Serialize;

/// A set of ports: sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PortSet(Vec<(u32, u32)>);

impl PortSet {
    /// No port.
    pub fn empty() -> PortSet {
        PortSet(Vec::new())
    }

    /// The inclusive range `from..=to` (empty when `from > to`).
    pub fn range(from: u32, to: u32) -> PortSet {
        if from > to {
            PortSet::empty()
        } else {
            PortSet(vec![(from, to)])
        }
    }

    /// One port.
    pub fn single(p: u32) -> PortSet {
        PortSet::range(p, p)
    }

    /// Builds a set from any ranges (overlapping or unsorted).
    pub fn from_ranges(mut v: Vec<(u32, u32)>) -> PortSet {
        v.retain(|(a, b)| a <= b);
        v.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(v.len());
        for (a, b) in v {
            match out.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        PortSet(out)
    }

    /// No port in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ranges, in order.
    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.0
    }

    /// The ports in both sets.
    pub fn intersect(&self, other: &PortSet) -> PortSet {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.0.len() && j < other.0.len() {
            let (a1, b1) = self.0[i];
            let (a2, b2) = other.0[j];
            let (lo, hi) = (a1.max(a2), b1.min(b2));
            if lo <= hi {
                out.push((lo, hi));
            }
            if b1 < b2 {
                i += 1;
            } else {
                j += 1;
            }
        }
        PortSet(out)
    }

    /// The ports of `self` not in `other`.
    pub fn subtract(&self, other: &PortSet) -> PortSet {
        let mut out = Vec::new();
        for &(a, b) in &self.0 {
            let mut start = a;
            let mut done = false;
            for &(c, d) in &other.0 {
                if d < start || c > b {
                    continue;
                }
                if c > start {
                    out.push((start, c - 1));
                }
                if d >= b {
                    done = true;
                    break;
                }
                start = d + 1;
            }
            if !done && start <= b {
                out.push((start, b));
            }
        }
        PortSet(out)
    }

    /// The ports in either set.
    pub fn union(&self, other: &PortSet) -> PortSet {
        let mut v = self.0.clone();
        v.extend_from_slice(&other.0);
        PortSet::from_ranges(v)
    }

    /// Whether `p` is in the set.
    pub fn contains(&self, p: u32) -> bool {
        self.0.iter().any(|&(a, b)| a <= p && p <= b)
    }

    /// Whether the set holds every port of `other`.
    pub fn covers(&self, other: &PortSet) -> bool {
        other.subtract(self).is_empty()
    }

    /// `22`, `1024-65535`, `22, 80-81`.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        parts.join(", ")
    }
}

impl Serialize for PortSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v: Vec<[u32; 2]> = self.0.iter().map(|&(a, b)| [a, b]).collect();
        v.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let all = PortSet::range(0, 65535);
        let ssh = PortSet::single(22);
        let rest = all.subtract(&ssh);
        assert_eq!(rest.ranges(), &[(0, 21), (23, 65535)]);
        assert_eq!(rest.union(&ssh), all);
        assert!(rest.intersect(&ssh).is_empty());
        let a = PortSet::from_ranges(vec![(80, 90), (10, 20), (21, 25)]);
        assert_eq!(a.ranges(), &[(10, 25), (80, 90)]);
        assert_eq!(
            a.intersect(&PortSet::range(15, 85)).ranges(),
            &[(15, 25), (80, 85)]
        );
        assert_eq!(a.describe(), "10-25, 80-90");
        assert!(all.covers(&a));
        assert!(!a.covers(&all));
        assert_eq!(
            PortSet::range(0, 10)
                .subtract(&PortSet::from_ranges(vec![(0, 0), (5, 5), (10, 10)]))
                .ranges(),
            &[(1, 4), (6, 9)]
        );
    }
}

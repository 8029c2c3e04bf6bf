//! The `Condition` element: operators, their value types, set qualifiers and `...IfExists`.
//!
//! Semantics follow the IAM User Guide pages *Condition operators* and *Conditions with multiple
//! context keys or values* (see `iam-semantics.md` §10): blocks AND, keys AND, values OR (NOR for
//! negated operators), missing keys false for positive and true for negated operators.

use std::borrow::Cow;
use std::net::IpAddr;

use crate::Warning;
use crate::glob::{ArnPattern, Pattern, Unresolved};
use crate::request::{CtxValue, Request};

/// Operator family and variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

/// The type of value an operator compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperatorType {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl Operator {
    /// Every operator with its name as written in policies.
    pub const ALL: [(&'static str, Operator); 27] = [
        ("StringEquals", Operator::StringEquals),
        ("StringNotEquals", Operator::StringNotEquals),
        ("StringEqualsIgnoreCase", Operator::StringEqualsIgnoreCase),
        (
            "StringNotEqualsIgnoreCase",
            Operator::StringNotEqualsIgnoreCase,
        ),
        ("StringLike", Operator::StringLike),
        ("StringNotLike", Operator::StringNotLike),
        ("NumericEquals", Operator::NumericEquals),
        ("NumericNotEquals", Operator::NumericNotEquals),
        ("NumericLessThan", Operator::NumericLessThan),
        ("NumericLessThanEquals", Operator::NumericLessThanEquals),
        ("NumericGreaterThan", Operator::NumericGreaterThan),
        (
            "NumericGreaterThanEquals",
            Operator::NumericGreaterThanEquals,
        ),
        ("DateEquals", Operator::DateEquals),
        ("DateNotEquals", Operator::DateNotEquals),
        ("DateLessThan", Operator::DateLessThan),
        ("DateLessThanEquals", Operator::DateLessThanEquals),
        ("DateGreaterThan", Operator::DateGreaterThan),
        ("DateGreaterThanEquals", Operator::DateGreaterThanEquals),
        ("Bool", Operator::Bool),
        ("BinaryEquals", Operator::BinaryEquals),
        ("IpAddress", Operator::IpAddress),
        ("NotIpAddress", Operator::NotIpAddress),
        ("ArnEquals", Operator::ArnEquals),
        ("ArnLike", Operator::ArnLike),
        ("ArnNotEquals", Operator::ArnNotEquals),
        ("ArnNotLike", Operator::ArnNotLike),
        ("Null", Operator::Null),
    ];

    /// Look up an operator by its exact name (operator names are case-sensitive).
    pub fn from_name(name: &str) -> Option<Operator> {
        Operator::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, o)| *o)
    }

    /// The operator's name.
    pub fn name(self) -> &'static str {
        Operator::ALL
            .iter()
            .find(|(_, o)| *o == self)
            .map_or("", |(n, _)| n)
    }

    /// True for the negated operators (missing key → true, values combine as NOR).
    pub fn is_negated(self) -> bool {
        use Operator::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }

    /// The value type the operator compares.
    pub fn value_type(self) -> OperatorType {
        use Operator::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => OperatorType::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => OperatorType::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => OperatorType::Date,
            Bool => OperatorType::Bool,
            BinaryEquals => OperatorType::Binary,
            IpAddress | NotIpAddress => OperatorType::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => OperatorType::Arn,
            Null => OperatorType::Null,
        }
    }
}

/// `ForAllValues:` / `ForAnyValue:` set qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    ForAllValues,
    ForAnyValue,
}

/// The parsed form of the operator string (`ForAnyValue:StringLikeIfExists`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorSpec {
    /// `None` for an operator name IAM does not know (such a condition never holds).
    pub operator: Option<Operator>,
    pub qualifier: Option<SetQualifier>,
    pub if_exists: bool,
}

impl OperatorSpec {
    /// Parse an operator string as written in a policy.
    pub fn parse(s: &str) -> OperatorSpec {
        let (qualifier, rest) = if let Some(r) = s.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else if let Some(r) = s.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else {
            (None, s)
        };
        let (if_exists, base) = match rest.strip_suffix("IfExists") {
            Some(b) if b != "Null" => (true, b),
            _ => (false, rest),
        };
        OperatorSpec {
            operator: Operator::from_name(base),
            qualifier,
            if_exists,
        }
    }
}

/// Policy values parsed for the operator's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Values {
    /// String operators (exact or glob per operator; lower-cased for `IgnoreCase`).
    Str(Vec<Pattern>),
    Num(Vec<Option<f64>>),
    Date(Vec<Option<i128>>),
    Bool(Vec<Option<bool>>),
    Binary(Vec<Vec<u8>>),
    Ip(Vec<Option<Cidr>>),
    Arn(Vec<ArnPattern>),
    Null(Vec<Option<bool>>),
    /// Unknown operator.
    None,
}

/// One `operator: { key: values }` entry of a `Condition` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The operator as written (`ForAnyValue:StringLike`).
    pub operator_text: String,
    pub spec: OperatorSpec,
    /// The key as written.
    pub key: String,
    pub(crate) key_lc: Box<str>,
    /// The values as written, in string form.
    pub values: Vec<String>,
    pub(crate) parsed: Values,
}

impl Condition {
    /// Build a condition; `vars`: the policy honours variables (version 2012-10-17).
    pub(crate) fn new(operator_text: &str, key: &str, values: Vec<String>, vars: bool) -> Self {
        let spec = OperatorSpec::parse(operator_text);
        let parsed = match spec.operator {
            None => Values::None,
            Some(op) => parse_values(op, &values, vars),
        };
        Condition {
            operator_text: operator_text.to_string(),
            spec,
            key: key.to_string(),
            key_lc: key.to_lowercase().into_boxed_str(),
            values,
            parsed,
        }
    }

    /// The condition key, lower-cased.
    pub fn key_lowercase(&self) -> &str {
        &self.key_lc
    }

    /// Policy values that do not parse for the operator's type (for validation).
    pub fn invalid_values(&self) -> Vec<&str> {
        let bad: Vec<bool> = match &self.parsed {
            Values::Num(v) => v.iter().map(Option::is_none).collect(),
            Values::Date(v) => v.iter().map(Option::is_none).collect(),
            Values::Bool(v) | Values::Null(v) => v.iter().map(Option::is_none).collect(),
            Values::Ip(v) => v.iter().map(Option::is_none).collect(),
            _ => return Vec::new(),
        };
        self.values
            .iter()
            .zip(bad)
            .filter(|(_, b)| *b)
            .map(|(s, _)| s.as_str())
            .collect()
    }

    /// Evaluate against the request. Warnings about unsettled behaviour go to `warn`.
    pub(crate) fn eval(&self, req: &Request, warn: &mut dyn FnMut(Warning)) -> bool {
        let Some(op) = self.spec.operator else {
            warn(Warning::new(
                "unknown-operator",
                format!(
                    "condition operator `{}` is not an IAM operator; the condition does not hold",
                    self.operator_text
                ),
            ));
            return false;
        };
        let value = req.lookup(&self.key_lc);
        if op == Operator::Null {
            let Values::Null(expect) = &self.parsed else {
                return false;
            };
            let absent = match &value {
                None => true,
                Some(CtxValue::Many(v)) => v.is_empty(),
                Some(CtxValue::One(_)) => false,
            };
            return expect.contains(&Some(absent));
        }
        let negated = op.is_negated();
        match self.spec.qualifier {
            None => match value {
                None => self.spec.if_exists || negated,
                Some(CtxValue::One(v)) => self.single(op, &v, req, warn),
                Some(CtxValue::Many(vs)) => {
                    if vs.len() == 1 {
                        self.single(op, &vs[0], req, warn)
                    } else {
                        warn(Warning::new(
                            "multivalued-key-without-qualifier",
                            format!(
                                "condition key `{}` has {} values but operator `{}` has no \
                                 ForAllValues/ForAnyValue qualifier; the documentation leaves \
                                 this open, the condition is treated as not holding",
                                self.key,
                                vs.len(),
                                self.operator_text
                            ),
                        ));
                        false
                    }
                }
            },
            Some(q) => {
                let vals: Vec<Cow<'_, str>> = match value {
                    None => {
                        return self.spec.if_exists || q == SetQualifier::ForAllValues;
                    }
                    Some(CtxValue::One(v)) => vec![v],
                    Some(CtxValue::Many(vs)) => {
                        vs.iter().map(|s| Cow::Borrowed(s.as_str())).collect()
                    }
                };
                match q {
                    SetQualifier::ForAnyValue => vals.iter().any(|v| self.single(op, v, req, warn)),
                    SetQualifier::ForAllValues => {
                        vals.iter().all(|v| self.single(op, v, req, warn))
                    }
                }
            }
        }
    }

    /// One request value against the policy values: OR for positive, NOR for negated operators.
    fn single(&self, op: Operator, v: &str, req: &Request, warn: &mut dyn FnMut(Warning)) -> bool {
        let any = self.any_value_matches(op, v, req, warn);
        if op.is_negated() { !any } else { any }
    }

    /// Does some policy value match `v` under the positive form of `op`?
    fn any_value_matches(
        &self,
        op: Operator,
        v: &str,
        req: &Request,
        warn: &mut dyn FnMut(Warning),
    ) -> bool {
        use Operator::*;
        let lookup = |k: &str| req.var_value(k);
        match &self.parsed {
            Values::Str(pats) => {
                let ignore_case = matches!(op, StringEqualsIgnoreCase | StringNotEqualsIgnoreCase);
                let text: Cow<'_, str> = if ignore_case {
                    Cow::Owned(v.to_lowercase())
                } else {
                    Cow::Borrowed(v)
                };
                pats.iter().any(|p| {
                    match p.matches_with(&text, &lookup, ignore_case) {
                        Ok(b) => b,
                        Err(u) => {
                            warn_unresolved(&u, &self.key, warn);
                            // A null value matches nothing; the negation above turns this into
                            // a match for negated operators, as documented.
                            false
                        }
                    }
                })
            }
            Values::Arn(pats) => pats.iter().any(|p| match p.matches_with(v, &lookup) {
                Ok(b) => b,
                Err(u) => {
                    warn_unresolved(&u, &self.key, warn);
                    false
                }
            }),
            Values::Num(ns) => {
                let Some(x) = parse_number(v) else {
                    return false;
                };
                ns.iter().flatten().any(|n| match op {
                    NumericEquals | NumericNotEquals => x == *n,
                    NumericLessThan => x < *n,
                    NumericLessThanEquals => x <= *n,
                    NumericGreaterThan => x > *n,
                    NumericGreaterThanEquals => x >= *n,
                    _ => false,
                })
            }
            Values::Date(ds) => {
                let Some(x) = parse_date(v) else {
                    return false;
                };
                ds.iter().flatten().any(|d| match op {
                    DateEquals | DateNotEquals => x == *d,
                    DateLessThan => x < *d,
                    DateLessThanEquals => x <= *d,
                    DateGreaterThan => x > *d,
                    DateGreaterThanEquals => x >= *d,
                    _ => false,
                })
            }
            Values::Bool(bs) => {
                let x = match v {
                    "true" => true,
                    "false" => false,
                    _ => {
                        if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
                            warn(Warning::new(
                                "bool-case",
                                format!(
                                    "request value `{v}` for `{}` is not lower-case; the \
                                     documentation does not say how Bool treats case, compared \
                                     case-insensitively",
                                    self.key
                                ),
                            ));
                            v.eq_ignore_ascii_case("true")
                        } else {
                            return false;
                        }
                    }
                };
                bs.iter().flatten().any(|b| *b == x)
            }
            Values::Binary(bs) => {
                let x = base64_decode(v).unwrap_or_else(|| v.as_bytes().to_vec());
                bs.contains(&x)
            }
            Values::Ip(cs) => {
                let Some(addr) = parse_ip_value(v) else {
                    return false;
                };
                cs.iter().flatten().any(|c| c.contains(addr))
            }
            Values::Null(_) | Values::None => false,
        }
    }
}

fn warn_unresolved(u: &Unresolved, key: &str, warn: &mut dyn FnMut(Warning)) {
    match u {
        Unresolved::Missing(k) => warn(Warning::new(
            "variable-missing",
            format!(
                "policy variable `${{{k}}}` in a value for `{key}` has no value in the request; \
                 it matches nothing"
            ),
        )),
        Unresolved::Multi(k) => warn(Warning::new(
            "variable-multivalued",
            format!(
                "policy variable `${{{k}}}` refers to a multivalued key; the documentation leaves \
                 this open, it matches nothing"
            ),
        )),
    }
}

fn parse_values(op: Operator, values: &[String], vars: bool) -> Values {
    use Operator::*;
    match op.value_type() {
        OperatorType::String => {
            let wild = matches!(op, StringLike | StringNotLike);
            let lower = matches!(op, StringEqualsIgnoreCase | StringNotEqualsIgnoreCase);
            Values::Str(
                values
                    .iter()
                    .map(|v| Pattern::parse_with_case(v, wild, vars, lower))
                    .collect(),
            )
        }
        OperatorType::Arn => {
            Values::Arn(values.iter().map(|v| ArnPattern::parse(v, vars)).collect())
        }
        OperatorType::Numeric => Values::Num(values.iter().map(|v| parse_number(v)).collect()),
        OperatorType::Date => Values::Date(values.iter().map(|v| parse_date(v)).collect()),
        OperatorType::Bool => Values::Bool(values.iter().map(|v| parse_bool(v)).collect()),
        OperatorType::Null => Values::Null(values.iter().map(|v| parse_bool(v)).collect()),
        OperatorType::Binary => Values::Binary(
            values
                .iter()
                .map(|v| base64_decode(v).unwrap_or_else(|| v.as_bytes().to_vec()))
                .collect(),
        ),
        OperatorType::Ip => Values::Ip(values.iter().map(|v| Cidr::parse(v)).collect()),
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An integer or decimal number (`-12`, `3.5`); nothing else (no exponent, no `inf`).
pub(crate) fn parse_number(v: &str) -> Option<f64> {
    let s = v.trim();
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits_ok = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if !digits_ok(int) || !frac.is_none_or(digits_ok) {
        return None;
    }
    s.parse::<f64>().ok()
}

/// Dates: ISO 8601 in the W3C profiles, or epoch seconds. Returns nanoseconds since the epoch.
pub(crate) fn parse_date(v: &str) -> Option<i128> {
    let s = v.trim();
    if s.is_empty() {
        return None;
    }
    // Epoch seconds (optionally with a fraction). A four-digit year alone is ISO, not epoch.
    if s.len() != 4
        && let Some(n) = parse_number(s)
    {
        return Some((n * 1e9) as i128);
    }
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = num(0, 4)?;
    let mut month = 1;
    let mut day = 1;
    let mut i = 4;
    if b.get(i) == Some(&b'-') {
        month = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'-') {
            day = num(i + 1, 2)?;
            i += 3;
        }
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut secs: i64 = 0;
    let mut nanos: i128 = 0;
    if b.get(i) == Some(&b'T') || b.get(i) == Some(&b't') || b.get(i) == Some(&b' ') {
        let hh = num(i + 1, 2)?;
        if b.get(i + 3) != Some(&b':') {
            return None;
        }
        let mm = num(i + 4, 2)?;
        i += 6;
        let mut ss = 0;
        if b.get(i) == Some(&b':') {
            ss = num(i + 1, 2)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && b[end].is_ascii_digit() {
                    end += 1;
                }
                if end == start {
                    return None;
                }
                let frac = &s[start..end.min(start + 9)];
                let mut n: i128 = frac.parse().ok()?;
                for _ in frac.len()..9 {
                    n *= 10;
                }
                nanos = n;
                i = end;
            }
        }
        if hh > 24 || mm > 59 || ss > 60 {
            return None;
        }
        secs = hh * 3600 + mm * 60 + ss;
        // Time zone designator.
        match b.get(i) {
            None => {}
            Some(b'Z') | Some(b'z') => i += 1,
            Some(&c) if c == b'+' || c == b'-' => {
                let th = num(i + 1, 2)?;
                let (tm, used) = if b.get(i + 3) == Some(&b':') {
                    (num(i + 4, 2)?, 6)
                } else if i + 5 <= b.len() {
                    (num(i + 3, 2)?, 5)
                } else {
                    (0, 3)
                };
                let off = th * 3600 + tm * 60;
                secs -= if c == b'+' { off } else { -off };
                i += used;
            }
            Some(_) => return None,
        }
    } else if b.get(i) == Some(&b'Z') {
        i += 1;
    }
    if i != b.len() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(i128::from(days * 86_400 + secs) * 1_000_000_000 + nanos)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An IPv4 or IPv6 network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub(crate) fn parse(s: &str) -> Option<Cidr> {
        let s = s.trim();
        let (a, p) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = a.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => {
                let n: u8 = p.parse().ok()?;
                if n > max {
                    return None;
                }
                n
            }
            None => max,
        };
        Some(Cidr { addr, prefix })
    }

    /// The prefix length.
    pub(crate) fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The network written with its host bits cleared (`10.0.0.0/16` for `10.0.0.1/16`) when
    /// any host bit is set; `None` when the address already is the network address.
    pub(crate) fn normalized(&self) -> Option<String> {
        let net = match self.addr {
            IpAddr::V4(a) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                IpAddr::V4(std::net::Ipv4Addr::from(u32::from(a) & mask))
            }
            IpAddr::V6(a) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                IpAddr::V6(std::net::Ipv6Addr::from(u128::from(a) & mask))
            }
        };
        (net != self.addr).then(|| format!("{net}/{}", self.prefix))
    }

    /// True when the whole range lies in private address space (RFC 1918 `10.0.0.0/8`,
    /// `172.16.0.0/12`, `192.168.0.0/16`; IPv6 unique local `fc00::/7`), where `aws:SourceIp`
    /// never takes its value (requests from private addresses reach AWS through a VPC endpoint).
    pub(crate) fn is_private(&self) -> bool {
        const PRIVATE: [(&str, u8); 4] = [
            ("10.0.0.0", 8),
            ("172.16.0.0", 12),
            ("192.168.0.0", 16),
            ("fc00::", 7),
        ];
        PRIVATE.iter().any(|(a, p)| {
            let Ok(addr) = a.parse::<IpAddr>() else {
                return false;
            };
            let net = Cidr { addr, prefix: *p };
            self.prefix >= *p && net.contains(self.addr)
        })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(self.prefix))
                };
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = if self.prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(self.prefix))
                };
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

fn parse_ip_value(v: &str) -> Option<IpAddr> {
    let a = v.trim().split('/').next().unwrap_or("");
    a.parse().ok()
}

/// Standard base64 (padding optional); `None` when not base64.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_spec() {
        let s = OperatorSpec::parse("ForAnyValue:StringLikeIfExists");
        assert_eq!(s.operator, Some(Operator::StringLike));
        assert_eq!(s.qualifier, Some(SetQualifier::ForAnyValue));
        assert!(s.if_exists);
        assert_eq!(OperatorSpec::parse("stringequals").operator, None);
        assert_eq!(OperatorSpec::parse("NullIfExists").operator, None);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_date("1970-01-02"), Some(86_400_000_000_000));
        assert_eq!(parse_date("86400"), Some(86_400_000_000_000));
        assert_eq!(
            parse_date("1970-01-01T01:00:00+01:00"),
            parse_date("1970-01-01T00:00:00Z")
        );
        assert_eq!(parse_date("2020-13-01"), None);
        assert!(parse_date("2020-01-01T00:00:00.5Z").is_some());
        assert_eq!(parse_date("garbage"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("10"), Some(10.0));
        assert_eq!(parse_number("-1.5"), Some(-1.5));
        assert_eq!(parse_number("1e3"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("."), None);
    }

    #[test]
    fn cidrs() {
        let c = Cidr::parse("203.0.113.0/24").unwrap();
        assert!(c.contains("203.0.113.7".parse().unwrap()));
        assert!(!c.contains("203.0.114.7".parse().unwrap()));
        let c = Cidr::parse("2001:db8::/32").unwrap();
        assert!(c.contains("2001:db8::1".parse().unwrap()));
        assert!(!c.contains("203.0.113.7".parse().unwrap()));
        assert!(
            Cidr::parse("0.0.0.0/0")
                .unwrap()
                .contains("1.2.3.4".parse().unwrap())
        );
        assert_eq!(Cidr::parse("1.2.3.4/33"), None);
    }

    #[test]
    fn base64() {
        assert_eq!(base64_decode("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("!!"), None);
    }
}

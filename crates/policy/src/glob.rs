//! IAM wildcard patterns: only `*` (any run, including empty) and `?` (one character) are
//! special, plus policy variables `${key}` where the policy version honours them.
//!
//! IAM treats `[`, `]`, `{`, `}` literally, so a general glob library is the wrong tool: this is
//! a small matcher over a pre-parsed token list. Variables are resolved against the request
//! context before matching; a substituted value is always literal text.

use std::borrow::Cow;

/// One element of a parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// Literal text.
    Lit(Box<str>),
    /// `*`: any run of characters, including none.
    Star,
    /// `?`: exactly one character.
    One,
    /// `${key}` or `${key, 'default'}`; `key` is lower-cased (keys are case-insensitive).
    Var {
        key: Box<str>,
        default: Option<Box<str>>,
    },
}

/// A parsed pattern with a fast-path classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub(crate) raw: Box<str>,
    toks: Box<[Tok]>,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Only `*` tokens (at least one): matches everything.
    Any,
    /// Literal text only: plain equality.
    Exact,
    /// Wildcards but no variables.
    Wild,
    /// Contains variables.
    Vars,
}

/// The value a variable resolves to.
pub(crate) enum VarValue<'a> {
    One(Cow<'a, str>),
    /// The key is absent from the request.
    Missing,
    /// The key holds several values: documentation does not say what happens.
    Multi,
}

/// Why a variable-bearing pattern could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unresolved {
    /// A variable's key is absent and it has no default: the pattern is "null".
    Missing(Box<str>),
    /// A variable's key is multivalued.
    Multi(Box<str>),
}

impl Pattern {
    /// Parse `raw`. `wild`: `*`/`?` are wildcards. `vars`: `${...}` is a variable (policy version
    /// 2012-10-17 only).
    pub(crate) fn parse(raw: &str, wild: bool, vars: bool) -> Pattern {
        Pattern::parse_with_case(raw, wild, vars, false)
    }

    /// Like [`Pattern::parse`]; `lower` lower-cases literal text (case-insensitive matching).
    pub(crate) fn parse_with_case(raw: &str, wild: bool, vars: bool, lower: bool) -> Pattern {
        // Fast paths for the common shapes (`GetObject`, `Get*`): most patterns of large managed
        // policies are one of these, and parsing them is most of the time spent loading one.
        let special = |c: &u8| (wild && (*c == b'*' || *c == b'?')) || (vars && *c == b'$');
        let b = raw.as_bytes();
        let lit = |t: &str| -> Tok {
            Tok::Lit(if lower {
                t.to_lowercase().into_boxed_str()
            } else {
                t.into()
            })
        };
        match b.iter().filter(|c| special(c)).count() {
            0 if !raw.is_empty() => {
                return Pattern {
                    raw: raw.into(),
                    toks: Box::new([lit(raw)]),
                    kind: Kind::Exact,
                };
            }
            1 if wild && b.len() > 1 && b.last() == Some(&b'*') => {
                return Pattern {
                    raw: raw.into(),
                    toks: Box::new([lit(&raw[..raw.len() - 1]), Tok::Star]),
                    kind: Kind::Wild,
                };
            }
            _ => {}
        }
        let mut toks: Vec<Tok> = Vec::new();
        let mut lit = String::new();
        let b = raw.as_bytes();
        // Special characters are ASCII, so every index where one is found is a char boundary.
        let (mut i, mut lit_start) = (0usize, 0usize);
        while i < b.len() {
            let c = b[i];
            if vars
                && c == b'$'
                && b.get(i + 1) == Some(&b'{')
                && let Some(end) = raw[i..].find('}')
            {
                lit.push_str(&raw[lit_start..i]);
                let inner = &raw[i + 2..i + end];
                i += end + 1;
                lit_start = i;
                match inner {
                    "*" => lit.push('*'),
                    "?" => lit.push('?'),
                    "$" => lit.push('$'),
                    _ => {
                        flush(&mut lit, &mut toks, lower);
                        toks.push(parse_var(inner));
                    }
                }
                continue;
            }
            if wild && (c == b'*' || c == b'?') {
                lit.push_str(&raw[lit_start..i]);
                flush(&mut lit, &mut toks, lower);
                if c == b'?' {
                    toks.push(Tok::One);
                } else if toks.last() != Some(&Tok::Star) {
                    toks.push(Tok::Star);
                }
                i += 1;
                lit_start = i;
                continue;
            }
            i += 1;
        }
        lit.push_str(&raw[lit_start..]);
        flush(&mut lit, &mut toks, lower);
        let kind = classify(&toks);
        Pattern {
            raw: raw.into(),
            toks: toks.into_boxed_slice(),
            kind,
        }
    }

    /// True when the pattern matches every string (`*`).
    pub(crate) fn is_any(&self) -> bool {
        self.kind == Kind::Any
    }

    /// Match without variables (a variable token never matches).
    pub(crate) fn matches(&self, text: &str) -> bool {
        match self.kind {
            Kind::Any => true,
            Kind::Exact => match &*self.toks {
                [Tok::Lit(s)] => &**s == text,
                [] => text.is_empty(),
                _ => false,
            },
            Kind::Wild | Kind::Vars => glob(&self.toks, text),
        }
    }

    /// Resolve variables; `lower` lower-cases substituted values.
    pub(crate) fn resolve<'p, 'c>(
        &'p self,
        lookup: &dyn Fn(&str) -> VarValue<'c>,
        lower: bool,
    ) -> Result<Cow<'p, [Tok]>, Unresolved> {
        if self.kind != Kind::Vars {
            return Ok(Cow::Borrowed(&self.toks));
        }
        let mut out = Vec::with_capacity(self.toks.len());
        for t in self.toks.iter() {
            match t {
                Tok::Var { key, default } => {
                    let v = match lookup(key) {
                        VarValue::One(v) => v.into_owned(),
                        VarValue::Missing => match default {
                            Some(d) => d.to_string(),
                            None => return Err(Unresolved::Missing(key.clone())),
                        },
                        VarValue::Multi => return Err(Unresolved::Multi(key.clone())),
                    };
                    let v = if lower { v.to_lowercase() } else { v };
                    out.push(Tok::Lit(v.into_boxed_str()));
                }
                other => out.push(other.clone()),
            }
        }
        Ok(Cow::Owned(out))
    }

    /// Match with variables resolved by `lookup`.
    pub(crate) fn matches_with<'c>(
        &self,
        text: &str,
        lookup: &dyn Fn(&str) -> VarValue<'c>,
        lower: bool,
    ) -> Result<bool, Unresolved> {
        if self.kind != Kind::Vars {
            return Ok(self.matches(text));
        }
        let toks = self.resolve(lookup, lower)?;
        Ok(glob(&toks, text))
    }
}

fn flush(lit: &mut String, toks: &mut Vec<Tok>, lower: bool) {
    if !lit.is_empty() {
        let s = std::mem::take(lit);
        let s = if lower { s.to_lowercase() } else { s };
        toks.push(Tok::Lit(s.into_boxed_str()));
    }
}

fn parse_var(inner: &str) -> Tok {
    // `key, 'default'`
    if let Some((key, rest)) = inner.split_once(',') {
        let d = rest.trim();
        let default = d
            .strip_prefix('\'')
            .and_then(|d| d.strip_suffix('\''))
            .map(|d| d.to_string().into_boxed_str());
        if default.is_some() {
            return Tok::Var {
                key: key.trim().to_lowercase().into_boxed_str(),
                default,
            };
        }
    }
    Tok::Var {
        key: inner.trim().to_lowercase().into_boxed_str(),
        default: None,
    }
}

fn classify(toks: &[Tok]) -> Kind {
    if toks.iter().any(|t| matches!(t, Tok::Var { .. })) {
        Kind::Vars
    } else if !toks.is_empty() && toks.iter().all(|t| *t == Tok::Star) {
        Kind::Any
    } else if toks.iter().all(|t| matches!(t, Tok::Lit(_))) {
        // Adjacent literals are merged by construction, so this is zero or one token.
        Kind::Exact
    } else {
        Kind::Wild
    }
}

/// Glob match of `text` against resolved tokens (a leftover `Var` never matches).
pub(crate) fn glob(toks: &[Tok], text: &str) -> bool {
    let mut ti = 0usize;
    let mut si = 0usize;
    // (token index after the star, text index the star currently stops at)
    let mut star: Option<(usize, usize)> = None;
    loop {
        if ti < toks.len() {
            let advanced = match &toks[ti] {
                Tok::Star => {
                    star = Some((ti + 1, si));
                    ti += 1;
                    continue;
                }
                Tok::One => match text[si..].chars().next() {
                    Some(c) => {
                        si += c.len_utf8();
                        true
                    }
                    None => false,
                },
                Tok::Lit(l) => {
                    if text[si..].starts_with(&**l) {
                        si += l.len();
                        true
                    } else {
                        false
                    }
                }
                Tok::Var { .. } => false,
            };
            if advanced {
                ti += 1;
                continue;
            }
        } else if si == text.len() {
            return true;
        }
        match star {
            Some((st, ss)) if ss < text.len() => {
                let mut ns = ss + 1;
                while !text.is_char_boundary(ns) {
                    ns += 1;
                }
                star = Some((st, ns));
                ti = st;
                si = ns;
            }
            _ => return false,
        }
    }
}

/// Split an ARN into its six parts on the first five colons; `None` when it has fewer.
pub(crate) fn split_arn(s: &str) -> Option<[&str; 6]> {
    let mut it = s.splitn(6, ':');
    let parts = [
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
    ];
    Some(parts)
}

/// An ARN pattern (resource element, ARN condition operators): part-wise glob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ArnPattern {
    /// `*`: matches everything, including "no resource".
    Any,
    /// Six parts, each a pattern.
    Parts(Box<[Pattern; 6]>),
    /// Fewer than six parts: whole-string glob (not settled by the documentation).
    Short(Pattern),
}

impl ArnPattern {
    pub(crate) fn parse(raw: &str, vars: bool) -> ArnPattern {
        let whole = Pattern::parse(raw, true, vars);
        if whole.is_any() {
            return ArnPattern::Any;
        }
        match split_outside_vars(raw, vars) {
            Some(p) => ArnPattern::Parts(Box::new(p.map(|s| Pattern::parse(s, true, vars)))),
            None => ArnPattern::Short(whole),
        }
    }

    pub(crate) fn raw(&self) -> &str {
        match self {
            ArnPattern::Any => "*",
            ArnPattern::Parts(p) => &p[0].raw, // only used for diagnostics
            ArnPattern::Short(p) => &p.raw,
        }
    }

    /// Match `text`; variables resolved through `lookup`.
    pub(crate) fn matches_with<'c>(
        &self,
        text: &str,
        lookup: &dyn Fn(&str) -> VarValue<'c>,
    ) -> Result<bool, Unresolved> {
        match self {
            ArnPattern::Any => Ok(true),
            ArnPattern::Short(p) => p.matches_with(text, lookup, false),
            ArnPattern::Parts(parts) => {
                let Some(t) = split_arn(text) else {
                    return Ok(false);
                };
                // Resolve every part first so a missing variable is reported even when an
                // earlier part already fails.
                let mut ok = true;
                for (p, t) in parts.iter().zip(t.iter()) {
                    if !p.matches_with(t, lookup, false)? {
                        ok = false;
                    }
                }
                Ok(ok)
            }
        }
    }
}

/// Split on the first five colons that are not inside `${...}`.
fn split_outside_vars(raw: &str, vars: bool) -> Option<[&str; 6]> {
    let mut cuts = [0usize; 5];
    let mut n = 0;
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() && n < 5 {
        if vars
            && b[i] == b'$'
            && b.get(i + 1) == Some(&b'{')
            && let Some(end) = raw[i..].find('}')
        {
            i += end + 1;
            continue;
        }
        if b[i] == b':' {
            cuts[n] = i;
            n += 1;
        }
        i += 1;
    }
    if n < 5 {
        return None;
    }
    Some([
        &raw[..cuts[0]],
        &raw[cuts[0] + 1..cuts[1]],
        &raw[cuts[1] + 1..cuts[2]],
        &raw[cuts[2] + 1..cuts[3]],
        &raw[cuts[3] + 1..cuts[4]],
        &raw[cuts[4] + 1..],
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn am(p: &ArnPattern, t: &str) -> bool {
        p.matches_with(t, &|_| VarValue::Missing).unwrap_or(false)
    }

    fn m(p: &str, t: &str) -> bool {
        Pattern::parse(p, true, false).matches(t)
    }

    #[test]
    fn fast_paths_parse_as_the_general_path_does() {
        let t = |s: &str| Tok::Lit(s.into());
        assert_eq!(
            &*Pattern::parse("GetObject", true, false).toks,
            &[t("GetObject")]
        );
        assert_eq!(
            &*Pattern::parse_with_case("Get*", true, false, true).toks,
            &[t("get"), Tok::Star]
        );
        assert_eq!(&*Pattern::parse("*", true, false).toks, &[Tok::Star]);
        assert_eq!(Pattern::parse("*", true, false).kind, Kind::Any);
        assert_eq!(Pattern::parse("Get*", false, false).kind, Kind::Exact);
        assert!(!Pattern::parse("Get*", false, false).matches("GetObject"));
        assert!(Pattern::parse("Get*", true, false).matches("GetObject"));
        // A variable before the star is not the fast shape.
        let p = Pattern::parse("${aws:username}*", true, true);
        assert_eq!(p.kind, Kind::Vars);
        let p = Pattern::parse("a${x}*", false, true);
        assert_eq!(p.kind, Kind::Vars);
        assert_eq!(Pattern::parse("", true, false).kind, Kind::Exact);
        assert!(Pattern::parse("", true, false).matches(""));
    }

    #[test]
    fn star_and_question() {
        assert!(m("*", ""));
        assert!(m("s3:get*", "s3:getobject"));
        assert!(!m("s3:get*", "s3:putobject"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*a*b*", "xxaybz"));
        assert!(!m("*a*b", "xxaybz"));
        assert!(m("a?c", "aéc"));
        assert!(m("*é", "xéé"));
    }

    #[test]
    fn brackets_are_literal() {
        assert!(m("a[b]c", "a[b]c"));
        assert!(!m("a[b]c", "abc"));
    }

    #[test]
    fn special_variables_are_literal() {
        let p = Pattern::parse("a${*}b", true, true);
        assert!(p.matches("a*b"));
        assert!(!p.matches("axb"));
    }

    #[test]
    fn arn_partwise() {
        let p = ArnPattern::parse("arn:aws:s3:::bucket/*", false);
        assert!(am(&p, "arn:aws:s3:::bucket/a/b:c"));
        assert!(!am(&p, "arn:aws:s3:::bucket"));
        let p = ArnPattern::parse("arn:aws:ec2:*:*:instance/*", false);
        assert!(am(&p, "arn:aws:ec2:us-east-1:123456789012:instance/i-1"));
        let p = ArnPattern::parse("arn:aws:iam::${aws:username}:user/x", true);
        assert!(matches!(p, ArnPattern::Parts(_)));
    }
}

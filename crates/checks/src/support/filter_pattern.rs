//! CloudWatch Logs metric filter patterns for JSON log events, parsed and matched, so that the
//! monitoring checks judge what a filter *matches*, not how its text is written.
//!
//! Grammar (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
//! "Using metric filters to match terms in JSON log events"):
//!
//! ```text
//! pattern    := "{" expr "}"
//! expr       := and ("||" and)*            ("&&" binds tighter than "||")
//! and        := unary ("&&" unary)*
//! unary      := "(" expr ")" | comparison
//! comparison := selector op value | selector "IS" ("NULL" | "TRUE" | "FALSE")
//!             | selector "NOT" "EXISTS"
//! selector   := "$" ("." name | "[" digits "]")*
//! op         := "=" | "!=" | "<" | "<=" | ">" | ">="
//! value      := "quoted string" | bare-word | number      (`*` is a wildcard in strings)
//! ```
//!
//! Regular expressions (`%...%`) and space-delimited or term patterns are not supported: they
//! give an error, and the checks report UNKNOWN rather than guess.

use serde_json::Value;

/// A parsed JSON filter pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Cmp {
        selector: Vec<Step>,
        op: Op,
        value: Literal,
    },
    IsNull(Vec<Step>),
    NotExists(Vec<Step>),
    IsBool(Vec<Step>, bool),
}

/// One step of a selector: a member name or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Name(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Number(f64),
}

/// Largest pattern accepted (CloudWatch's limit is 1,024 characters).
const MAX_LEN: usize = 8192;
/// Deepest parenthesis nesting accepted.
const MAX_DEPTH: usize = 32;

/// Parses a filter pattern. The error says what is wrong and where (character offset).
pub fn parse(pattern: &str) -> Result<Expr, String> {
    if pattern.len() > MAX_LEN {
        return Err(format!("pattern longer than {MAX_LEN} characters"));
    }
    let t = pattern.trim();
    if !t.starts_with('{') {
        return Err(if t.is_empty() {
            "empty pattern (matches every event)".into()
        } else {
            "not a JSON filter pattern (term and space-delimited patterns are not supported)".into()
        });
    }
    let mut p = Parser {
        s: t.as_bytes(),
        i: 1,
        depth: 0,
    };
    let e = p.expr()?;
    p.ws();
    if p.peek() != Some(b'}') {
        return Err(p.err("expected `}`"));
    }
    p.i += 1;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("unexpected text after `}`"));
    }
    Ok(e)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what} at character {}", self.i + 1)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn eat(&mut self, tok: &str) -> bool {
        self.ws();
        if self.s[self.i.min(self.s.len())..].starts_with(tok.as_bytes()) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }

    /// Eats a keyword (case-insensitive, followed by a non-word character).
    fn keyword(&mut self, kw: &str) -> bool {
        self.ws();
        let end = self.i + kw.len();
        let Some(word) = self.s.get(self.i..end) else {
            return false;
        };
        let boundary = self.s.get(end).is_none_or(|b| !is_word(*b));
        if word.eq_ignore_ascii_case(kw.as_bytes()) && boundary {
            self.i = end;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.and()?];
        while self.eat("||") {
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.unary()?];
        while self.eat("&&") {
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat("(") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.err("parentheses nested too deeply"));
            }
            let e = self.expr()?;
            if !self.eat(")") {
                return Err(self.err("expected `)`"));
            }
            self.depth -= 1;
            return Ok(e);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let sel = self.selector()?;
        if self.keyword("IS") {
            if self.keyword("NULL") {
                return Ok(Expr::IsNull(sel));
            }
            if self.keyword("TRUE") {
                return Ok(Expr::IsBool(sel, true));
            }
            if self.keyword("FALSE") {
                return Ok(Expr::IsBool(sel, false));
            }
            return Err(self.err("expected NULL, TRUE or FALSE after IS"));
        }
        if self.keyword("NOT") {
            if self.keyword("EXISTS") {
                return Ok(Expr::NotExists(sel));
            }
            return Err(self.err("expected EXISTS after NOT"));
        }
        let op = if self.eat("!=") {
            Op::Ne
        } else if self.eat("<=") {
            Op::Le
        } else if self.eat(">=") {
            Op::Ge
        } else if self.eat("=") {
            Op::Eq
        } else if self.eat("<") {
            Op::Lt
        } else if self.eat(">") {
            Op::Gt
        } else {
            return Err(self.err("expected a comparison operator"));
        };
        let value = self.value()?;
        Ok(Expr::Cmp {
            selector: sel,
            op,
            value,
        })
    }

    fn selector(&mut self) -> Result<Vec<Step>, String> {
        self.ws();
        if self.peek() != Some(b'$') {
            return Err(self.err("expected a selector starting with `$`"));
        }
        self.i += 1;
        let mut steps = Vec::new();
        loop {
            match self.peek() {
                Some(b'.') => {
                    self.i += 1;
                    let start = self.i;
                    while self.peek().is_some_and(is_word) {
                        self.i += 1;
                    }
                    if start == self.i {
                        return Err(self.err("expected a name after `.`"));
                    }
                    let name = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
                    steps.push(Step::Name(name));
                }
                Some(b'[') => {
                    self.i += 1;
                    let start = self.i;
                    while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        self.i += 1;
                    }
                    let n = std::str::from_utf8(&self.s[start..self.i])
                        .ok()
                        .and_then(|d| d.parse().ok())
                        .ok_or_else(|| self.err("expected an array index"))?;
                    if self.peek() != Some(b']') {
                        return Err(self.err("expected `]`"));
                    }
                    self.i += 1;
                    steps.push(Step::Index(n));
                }
                _ => break,
            }
        }
        if steps.is_empty() {
            return Err(self.err("a selector needs at least one member"));
        }
        Ok(steps)
    }

    fn value(&mut self) -> Result<Literal, String> {
        self.ws();
        match self.peek() {
            Some(b'"') => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    match self.peek() {
                        None => return Err(self.err("unterminated string")),
                        Some(b'"') => {
                            self.i += 1;
                            break;
                        }
                        Some(b'\\') => {
                            let Some(&c) = self.s.get(self.i + 1) else {
                                return Err(self.err("unterminated string"));
                            };
                            out.push(c);
                            self.i += 2;
                        }
                        Some(c) => {
                            out.push(c);
                            self.i += 1;
                        }
                    }
                }
                Ok(Literal::Text(String::from_utf8_lossy(&out).into_owned()))
            }
            Some(b'%') => Err(self.err("regular expressions are not supported")),
            _ => {
                let start = self.i;
                while self.peek().is_some_and(|b| {
                    is_word(b) || matches!(b, b'*' | b'.' | b'-' | b':' | b'/' | b'+')
                }) {
                    self.i += 1;
                }
                if start == self.i {
                    return Err(self.err("expected a value"));
                }
                let word = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
                Ok(match word.parse::<f64>() {
                    Ok(n) if !word.contains('*') => Literal::Number(n),
                    _ => Literal::Text(word),
                })
            }
        }
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'@' || b >= 0x80
}

impl Expr {
    /// Whether the pattern matches the JSON event.
    pub fn matches(&self, event: &Value) -> bool {
        match self {
            Expr::Or(v) => v.iter().any(|e| e.matches(event)),
            Expr::And(v) => v.iter().all(|e| e.matches(event)),
            Expr::IsNull(sel) => matches!(select(event, sel), Some(Value::Null)),
            Expr::NotExists(sel) => select(event, sel).is_none(),
            Expr::IsBool(sel, b) => select(event, sel) == Some(&Value::Bool(*b)),
            Expr::Cmp {
                selector,
                op,
                value,
            } => {
                let field = select(event, selector);
                match (value, op) {
                    (Literal::Text(pat), Op::Eq) => field.is_some_and(|f| text_eq(f, pat)),
                    // A missing field is "not equal" to any value.
                    (Literal::Text(pat), Op::Ne) => !field.is_some_and(|f| text_eq(f, pat)),
                    (Literal::Text(_), _) => false,
                    (Literal::Number(n), op) => {
                        let Some(x) = field.and_then(number) else {
                            return *op == Op::Ne;
                        };
                        match op {
                            Op::Eq => x == *n,
                            Op::Ne => x != *n,
                            Op::Lt => x < *n,
                            Op::Le => x <= *n,
                            Op::Gt => x > *n,
                            Op::Ge => x >= *n,
                        }
                    }
                }
            }
        }
    }
}

fn select<'a>(mut v: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    for s in steps {
        v = match s {
            Step::Name(n) => v.get(n.as_str())?,
            Step::Index(i) => v.get(*i)?,
        };
    }
    Some(v)
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn text_eq(field: &Value, pat: &str) -> bool {
    match field {
        Value::String(s) => wildcard(pat, s),
        Value::Number(n) => wildcard(pat, &n.to_string()),
        Value::Bool(b) => wildcard(pat, if *b { "true" } else { "false" }),
        _ => false,
    }
}

/// `*` matches any run of characters; everything else literally, case-sensitively.
fn wildcard(pat: &str, s: &str) -> bool {
    let parts: Vec<&str> = pat.split('*').collect();
    if parts.len() == 1 {
        return pat == s;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !s.starts_with(first) || s.len() < first.len() + last.len() || !s.ends_with(last) {
        return false;
    }
    let mut rest = &s[first.len()..s.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(k) => rest = &rest[k + mid.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(p: &str, e: Value) -> bool {
        parse(p).unwrap().matches(&e)
    }

    #[test]
    fn parses_the_cis_patterns_in_their_usual_spellings() {
        let p = r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }"#;
        assert!(m(p, json!({"errorCode": "Client.UnauthorizedOperation"})));
        assert!(m(
            p,
            json!({"errorCode": "AccessDenied", "sourceIPAddress": "198.51.100.1", "eventName": "GetObject"})
        ));
        assert!(!m(
            p,
            json!({"errorCode": "AccessDenied", "eventName": "HeadBucket"})
        ));
        assert!(!m(p, json!({"eventName": "GetObject"})));
        let p = "{($.eventSource=kms.amazonaws.com)&&(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}";
        assert!(m(
            p,
            json!({"eventSource": "kms.amazonaws.com", "eventName": "DisableKey"})
        ));
        assert!(!m(
            p,
            json!({"eventSource": "kms.amazonaws.com", "eventName": "Decrypt"})
        ));
        let p = r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#;
        assert!(m(
            p,
            json!({"userIdentity": {"type": "Root"}, "eventType": "AwsApiCall"})
        ));
        assert!(!m(
            p,
            json!({"userIdentity": {"type": "Root", "invokedBy": "s3.amazonaws.com"}})
        ));
    }

    #[test]
    fn operators_selectors_and_wildcards() {
        assert!(m("{ $.a[1].b > 3 }", json!({"a": [{}, {"b": 4}]})));
        assert!(!m("{ $.a[1].b > 3 }", json!({"a": [{}, {"b": 3}]})));
        assert!(m("{ $.n <= 3 }", json!({"n": "3"})));
        assert!(m("{ $.x IS NULL }", json!({"x": null})));
        assert!(!m("{ $.x IS NULL }", json!({})));
        assert!(m("{ $.ok IS TRUE }", json!({"ok": true})));
        assert!(m(r#"{ $.s = "a*c*e" }"#, json!({"s": "abcde"})));
        assert!(!m(r#"{ $.s = "a*c*e" }"#, json!({"s": "abde"})));
        assert!(m(r#"{ $.s = "*" }"#, json!({"s": ""})));
        assert!(!m(r#"{ $.s = "*" }"#, json!({})));
        assert!(m(r#"{ $.s != "x" }"#, json!({})));
        assert!(m(r#"{ $.s = "say \"hi\"" }"#, json!({"s": "say \"hi\""})));
    }

    #[test]
    fn bad_and_unsupported_patterns_are_errors_with_a_place() {
        for (p, want) in [
            ("", "empty"),
            ("ERROR", "not a JSON filter pattern"),
            ("{ $.a = }", "expected a value"),
            ("{ $.a = \"x }", "unterminated"),
            ("{ ($.a = 1 }", "expected `)`"),
            ("{ $.a = 1 ", "expected `}`"),
            ("{ a = 1 }", "selector"),
            ("{ $.a = %ab+% }", "regular expressions"),
            ("{ $.a ~ 1 }", "operator"),
            ("{ $.a = 1 } x", "after"),
            ("{ $.a[x] = 1 }", "array index"),
        ] {
            let e = parse(p).unwrap_err();
            assert!(e.contains(want), "{p}: {e}");
        }
        let deep = format!("{{ {}$.a = 1{} }}", "(".repeat(100), ")".repeat(100));
        assert!(parse(&deep).unwrap_err().contains("nested"));
    }
}

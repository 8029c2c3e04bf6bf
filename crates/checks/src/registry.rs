//! The registry of checks and their documentation.
//!
//! `all.rs` (generated) lists every check with its source path and text; the documentation
//! sections come from the check file's `//!` comment, so a check is described in one place.

use crate::meta::{Check, Framework};

/// A registered check with where it lives.
pub struct Entry {
    pub check: &'static Check,
    /// Path of the check's file from the repository root.
    pub path: &'static str,
    /// The file's text (for its documentation and `checks show`).
    pub source: &'static str,
}

/// Every registered check, in ID order.
pub fn registry() -> &'static [Entry] {
    crate::all::ENTRIES
}

/// Looks a check up by ID.
pub fn find(id: &str) -> Option<&'static Entry> {
    registry().iter().find(|e| e.check.id == id)
}

/// A check's documentation, split into its fixed sections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckDoc {
    /// The first line of the doc comment.
    pub summary: String,
    pub what_it_checks: String,
    pub why_it_matters: String,
    pub remediation: String,
    pub references: Vec<String>,
}

impl Entry {
    /// The `//!` documentation as one Markdown text.
    pub fn doc_text(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("//!") {
                out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
                out.push('\n');
            } else if !t.is_empty() {
                break;
            }
        }
        out
    }

    /// The documentation split into sections.
    pub fn doc(&self) -> CheckDoc {
        let text = self.doc_text();
        let mut doc = CheckDoc::default();
        let mut section = String::new();
        let mut body = String::new();
        let flush = |section: &str, body: &mut String, doc: &mut CheckDoc| {
            let b = body.trim().to_string();
            match section {
                "" => doc.summary = b.lines().next().unwrap_or_default().to_string(),
                "What it checks" => doc.what_it_checks = b,
                "Why it matters" => doc.why_it_matters = b,
                "Remediation" => doc.remediation = b,
                "References" => {
                    doc.references = b
                        .lines()
                        .filter_map(|l| l.trim().strip_prefix("- "))
                        .map(|l| l.trim().to_string())
                        .collect()
                }
                _ => {}
            }
            body.clear();
        };
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                flush(&section, &mut body, &mut doc);
                section = h.trim().to_string();
            } else {
                body.push_str(line);
                body.push('\n');
            }
        }
        flush(&section, &mut body, &mut doc);
        doc
    }

    /// The line of the `pub static CHECK` definition (1-based), for `checks show`.
    pub fn line(&self) -> usize {
        self.source
            .lines()
            .position(|l| l.starts_with("pub static CHECK"))
            .map_or(1, |i| i + 1)
    }

    /// The requirement IDs of one framework that this check implements: the controls it
    /// names itself plus the requirements the framework files map to them (see
    /// [`crate::frameworks`]).
    pub fn controls(&self, fw: Framework) -> Vec<&'static str> {
        crate::frameworks::requirements_of(self.check, fw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_sorted_and_match_paths() {
        let mut seen = BTreeSet::new();
        for e in registry() {
            assert!(seen.insert(e.check.id), "duplicate check id {}", e.check.id);
            let want = format!("crates/checks/src/{}.rs", e.check.id.replace('.', "/"));
            assert_eq!(e.path, want, "check id and file path disagree");
            let (svc, slug) = e.check.id.split_once('.').expect("id has a service");
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                    && svc
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "id {} must be lowercase snake case",
                e.check.id
            );
        }
        assert!(!seen.is_empty());
    }

    #[test]
    fn every_check_has_complete_documentation() {
        for e in registry() {
            let d = e.doc();
            let id = e.check.id;
            assert!(!d.summary.is_empty(), "{id}: no summary line");
            assert!(!d.what_it_checks.is_empty(), "{id}: no `## What it checks`");
            assert!(!d.why_it_matters.is_empty(), "{id}: no `## Why it matters`");
            assert!(
                d.remediation.contains("aws "),
                "{id}: remediation lacks an AWS CLI command"
            );
            assert!(!d.references.is_empty(), "{id}: no references");
            assert!(
                !e.check.title.is_empty() && !e.check.title.ends_with('.'),
                "{id}: title"
            );
        }
    }

    #[test]
    fn control_ids_have_the_framework_shape() {
        for e in registry() {
            for c in e.check.compliance {
                let ok = match c.framework {
                    Framework::CisAws50 => {
                        c.id.split('.')
                            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                            && c.id.starts_with(['1', '2', '3', '4', '5'])
                    }
                    Framework::AwsFsbp => c.id.split_once('.').is_some_and(|(s, n)| {
                        !s.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty()
                    }),
                    // Other frameworks are checked against their files (`frameworks` tests).
                    _ => !c.id.is_empty(),
                };
                assert!(
                    ok,
                    "{}: malformed {} control `{}`",
                    e.check.id,
                    c.framework.key(),
                    c.id
                );
            }
        }
    }

    #[test]
    fn doc_sections_are_split() {
        let e = find("iam.root_access_key").expect("registered");
        let d = e.doc();
        assert!(d.what_it_checks.contains("root"));
        assert!(d.references.iter().any(|r| r.starts_with("https://")));
        assert!(e.line() > 1);
    }
}

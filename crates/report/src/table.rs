//! The terminal view: failures and unknowns grouped by severity, then a summary.

use crate::ScanReport;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use rampart_checks::{Finding, Severity, Status};
use std::fmt::Write;

/// How to draw the table.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// ANSI colours (only on a terminal, and not with `NO_COLOR`).
    pub color: bool,
    /// List passed findings too.
    pub show_passed: bool,
    /// Terminal width, when known.
    pub width: Option<u16>,
}

fn paint(on: bool, code: &str, s: &str) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;35",
        Severity::High => "1;31",
        Severity::Medium => "33",
        Severity::Low => "36",
        Severity::Info => "2",
    }
}

fn status_color(s: Status) -> &'static str {
    match s {
        Status::Fail => "31",
        Status::Unknown => "33",
        Status::Pass => "32",
        Status::Muted => "2",
    }
}

fn resource_label(f: &Finding) -> String {
    if f.resource.kind == rampart_model::ResourceType::Region {
        return format!(
            "Region {}",
            f.resource.region.as_deref().unwrap_or(&f.resource.id)
        );
    }
    let kind = f
        .resource
        .kind
        .as_str()
        .trim_start_matches("AWS::")
        .replace("::", " ");
    let kind = kind.trim();
    match &f.resource.region {
        Some(r) => format!("{kind} {} ({r})", f.resource.id),
        None => format!("{kind} {}", f.resource.id),
    }
}

/// Renders the report for a person.
pub fn render(r: &ScanReport, opts: TableOptions) -> String {
    let mut out = String::new();
    let shown = |f: &&Finding| f.status != Status::Pass || opts.show_passed;
    for sev in Severity::ALL {
        let rows: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .filter(shown)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let head = format!("{} ({})", sev.as_str().to_uppercase(), rows.len());
        let _ = writeln!(out, "{}", paint(opts.color, severity_color(sev), &head));
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = opts.width {
            t.set_width(w);
        }
        t.set_header(vec!["Status", "Check", "Resource", "Finding"]);
        let mut rows = rows;
        rows.sort_by(|a, b| {
            (a.status, a.check_id, &a.resource.id).cmp(&(b.status, b.check_id, &b.resource.id))
        });
        for f in rows {
            t.add_row(vec![
                paint(opts.color, status_color(f.status), f.status.as_str()),
                f.check_id.to_string(),
                resource_label(f),
                match &f.muted {
                    Some(m) => format!("{} (muted: {})", f.message, m.reason),
                    None => f.message.clone(),
                },
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    let s = r.summary();
    let n = |k: &str| s.by_status.get(k).copied().unwrap_or(0);
    let sev: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|v| {
            let c = s.by_severity.get(v.as_str()).copied().unwrap_or(0);
            (c > 0).then(|| format!("{c} {}", v.as_str()))
        })
        .collect();
    let fail = format!("{} FAIL", n("FAIL"));
    let _ = writeln!(
        out,
        "Account {} · {} checks · {} findings: {}{} · {} · {} PASS{}",
        r.source.account_id,
        r.checks_run,
        s.total,
        paint(opts.color && n("FAIL") > 0, "1;31", &fail),
        if sev.is_empty() {
            String::new()
        } else {
            format!(" ({})", sev.join(", "))
        },
        paint(
            opts.color && n("UNKNOWN") > 0,
            "33",
            &format!("{} UNKNOWN", n("UNKNOWN"))
        ),
        n("PASS"),
        if n("MUTED") > 0 {
            format!(" · {} MUTED", n("MUTED"))
        } else {
            String::new()
        },
    );
    if let Some(c) = r
        .compliance
        .as_ref()
        .and_then(|spec| crate::compliance::build(spec, &r.findings))
    {
        let _ = writeln!(
            out,
            "\n{}",
            crate::compliance::render_table(&c, &r.source, opts.color, opts.width)
        );
    }
    if n("PASS") > 0 && !opts.show_passed {
        let _ = writeln!(
            out,
            "Passed findings are hidden; --show-passed lists them, --format json has everything."
        );
    }
    out
}

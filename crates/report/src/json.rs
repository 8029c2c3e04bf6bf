//! The findings JSON of CONTRACT §2.

use crate::{ScanReport, Source, Summary};
use rampart_checks::Finding;
use serde::Serialize;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The document, serialised straight from the findings (no intermediate JSON tree: a large
/// account has tens of thousands of findings).
#[derive(Serialize)]
struct Document<'a, F: Serialize> {
    tool: Tool,
    generated_at: &'a str,
    source: &'a Source,
    summary: Summary,
    findings: F,
    #[serde(skip_serializing_if = "Option::is_none")]
    compliance_report: Option<crate::compliance::ComplianceReport<'a>>,
}

/// The report as pretty-printed JSON text, with a final newline.
pub fn render(r: &ScanReport) -> String {
    let mut buf = Vec::new();
    // INVARIANT: writing to a Vec cannot fail, and every field is a plain serde type.
    let _ = write(r, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

fn document<'a, F: Serialize>(r: &'a ScanReport, findings: F) -> Document<'a, F> {
    Document {
        tool: Tool {
            name: "rampart",
            version: r.version,
        },
        generated_at: &r.generated_at,
        source: &r.source,
        summary: r.summary(),
        findings,
        compliance_report: r
            .compliance
            .as_ref()
            .and_then(|spec| crate::compliance::build(spec, &r.findings)),
    }
}

/// Stands for the findings array in the document's text, where `write` splices them in.
const MARK: &str = "\u{0}rampart:findings\u{0}";

/// Findings serialised in parallel per batch (bounded memory), written in order.
const BATCH: usize = 16_384;

/// Streams the report as pretty-printed JSON, with a final newline, to `w`: byte for byte what
/// `serde_json::to_writer_pretty` prints for the whole document, but the findings (nearly all
/// of a large account's hundreds of megabytes) are serialised on every core, a batch at a time.
pub fn write(r: &ScanReport, mut w: impl std::io::Write) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(&document(r, MARK))?;
    let mark = serde_json::to_vec(MARK)?;
    let Some(at) = text.windows(mark.len()).position(|x| x == mark.as_slice()) else {
        // INVARIANT: the marker is serialised exactly once, as the `findings` value.
        return Err(std::io::Error::other("findings marker missing"));
    };
    w.write_all(&text[..at])?;
    write_findings(&r.findings, &mut w)?;
    w.write_all(&text[at + mark.len()..])?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The findings array at depth 2 of the document, as serde_json's pretty printer writes it
/// (two-space indent: elements at four spaces, the closing bracket at two).
fn write_findings(findings: &[Finding], w: &mut impl std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    if findings.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let mut first = true;
    let per_thread = BATCH.div_ceil(rayon::current_num_threads().max(1));
    // One buffer per part, reused from batch to batch (fresh memory costs page faults).
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); BATCH.div_ceil(per_thread)];
    for batch in findings.chunks(BATCH) {
        bufs.par_iter_mut()
            .zip(batch.par_chunks(per_thread))
            .try_for_each(|(out, chunk)| {
                out.clear();
                let mut one = Vec::with_capacity(4096);
                for f in chunk {
                    one.clear();
                    serde_json::to_writer_pretty(&mut one, f)?;
                    out.extend_from_slice(b",\n    ");
                    // Strings hold no raw newline (JSON escapes it): every newline is layout.
                    let mut start = 0;
                    for nl in memchr::memchr_iter(b'\n', &one) {
                        out.extend_from_slice(&one[start..nl]);
                        out.extend_from_slice(b"\n    ");
                        start = nl + 1;
                    }
                    out.extend_from_slice(&one[start..]);
                }
                Ok::<(), serde_json::Error>(())
            })?;
        for part in bufs.iter().take(batch.len().div_ceil(per_thread)) {
            // The first element has no comma before it.
            let skip = usize::from(std::mem::take(&mut first));
            w.write_all(&part[skip..])?;
        }
    }
    w.write_all(b"\n  ]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;
    use rampart_checks::Status;
    use rampart_checks::meta::{Framework, Severity};
    use rampart_model::{ResourceRef, ResourceType};
    use serde_json::json;

    fn report(n: usize, framework: bool) -> ScanReport {
        let findings = (0..n)
            .map(|i| Finding {
                id: format!("{i:032x}"),
                check_id: "s3.bucket_public_read",
                title: "S3 bucket allows \"public\" read",
                status: if i % 3 == 0 { Status::Fail } else { Status::Pass },
                severity: Severity::High,
                resource: ResourceRef {
                    kind: ResourceType::Account,
                    id: format!("bucket-{i}"),
                    arn: (i % 2 == 0).then(|| format!("arn:aws:s3:::bucket-{i}")),
                    region: Some("eu-west-1".into()),
                    account_id: "123456789012".into(),
                },
                message: format!("line one\nline two of {i}\t\u{7f} é"),
                evidence: json!({"policy": {"Statement": [{"Effect": "Allow", "Principal": "*"}], "n": i},
                                 "empty": {}, "list": [], "nested": [[1, 2], {"a": null}]}),
                compliance: std::sync::Arc::new(
                    [("aws-fsbp", vec!["S3.2"]), ("cis-aws-foundations-5.0", vec![])]
                        .into_iter()
                        .collect(),
                ),
                remediation: "Block it:\n```sh\naws s3api put-public-access-block ...\n```".into(),
                muted: None,
            })
            .collect();
        ScanReport {
            version: "0.1.0",
            generated_at: "2026-11-24T00:00:00Z".into(),
            source: Source {
                kind: "snapshot",
                account_id: "123456789012".into(),
                path: Some("a \"b\".json".into()),
            },
            findings,
            checks_run: 1,
            compliance: framework.then(|| crate::compliance::ComplianceSpec {
                framework: Framework::parse("aws-fsbp").unwrap(),
                ran: vec!["s3.bucket_public_read"],
            }),
        }
    }

    /// The spliced, parallel output is byte for byte serde_json's pretty printing.
    #[test]
    fn parallel_findings_match_serde_json_pretty() {
        for (n, framework) in [
            (0, false),
            (0, true),
            (1, false),
            (2, true),
            (3, false),
            (BATCH, true),
            (BATCH + 5, false),
        ] {
            let report = report(n, framework);
            let expected = {
                let mut s =
                    serde_json::to_string_pretty(&document(&report, &report.findings[..])).unwrap();
                s.push('\n');
                s
            };
            assert_eq!(render(&report), expected, "{n} findings");
        }
    }
}

//! `rampart net ...`: what the internet can reach in an account, and why (CONTRACT §5), from a
//! snapshot, through route tables, network ACLs, security groups and load balancers.

use crate::UsageError;
use crate::input::load_snapshot_arg;
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use rampart_model::ResourceRef;
use rampart_net::{Analysis, Exposure, Focus, Proto};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct NetArgs {
    #[command(subcommand)]
    pub command: NetCommand,
}

/// Output formats of `net exposure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetFormat {
    /// One row per exposure, for a person at a terminal.
    Table,
    /// The exposure JSON of the contract (section 5).
    Json,
}

/// Where the account comes from.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["demo", "snapshot"])))]
pub struct NetSource {
    /// Use the demo account compiled into the binary.
    #[arg(long)]
    pub demo: bool,
    /// A snapshot file (`.json` or `.json.gz`; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
    /// Largest snapshot accepted after decompression, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    pub max_snapshot_mb: u64,
    /// Print every input warning instead of the first few.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum NetCommand {
    /// Every resource the internet can reach, with protocol, ports, widest source and path.
    Exposure {
        #[command(flatten)]
        source: NetSource,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NetFormat::Table)]
        format: NetFormat,
    },
    /// Explain hop by hop whether traffic from the internet reaches a resource on one port.
    Path {
        #[command(flatten)]
        source: NetSource,
        /// Where traffic comes from (only `internet` for now).
        #[arg(long, default_value = "internet")]
        from: String,
        /// The resource: instance, interface, load balancer or DB instance ID, ARN, name or
        /// address.
        #[arg(long, value_name = "RESOURCE")]
        to: String,
        /// Destination port (ICMP: the type).
        #[arg(long)]
        port: u32,
        /// `tcp`, `udp` or `icmp`.
        #[arg(long, default_value = "tcp")]
        protocol: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NetFormat::Table)]
        format: NetFormat,
    },
}

pub fn run(a: NetArgs) -> Result<ExitCode, UsageError> {
    match a.command {
        NetCommand::Exposure { source, format } => {
            let inv = load(&source)?;
            let analysis = rampart_net::analyze(&inv);
            match format {
                NetFormat::Json => emit_exposure_json(&analysis),
                NetFormat::Table => emit(&exposure_table(&analysis)),
            }
            // The process ends here: freeing the inventory and the analysis only costs time.
            std::mem::forget(analysis);
            std::mem::forget(inv);
            Ok(ExitCode::SUCCESS)
        }
        NetCommand::Path {
            source,
            from,
            to,
            port,
            protocol,
            format,
        } => {
            if from != "internet" {
                return Err(UsageError(format!(
                    "--from: `{from}` is not supported; only `internet` is"
                )));
            }
            let proto = Proto::parse(&protocol).ok_or_else(|| {
                UsageError(format!("--protocol: `{protocol}` is not tcp, udp or icmp"))
            })?;
            let max_port = if proto == Proto::Icmp { 255 } else { 65535 };
            if port > max_port {
                return Err(UsageError(format!(
                    "--port: {port} is out of range (0-{max_port})"
                )));
            }
            let inv = load(&source)?;
            let focus = Focus { to, proto, port };
            let reports = rampart_net::explain(&inv, &focus);
            if reports.is_empty() {
                return Err(UsageError(format!(
                    "--to: no instance, interface, load balancer or DB instance `{}` in {}",
                    focus.to,
                    source_name(&source)
                )));
            }
            let text = match format {
                NetFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&json!({ "results": reports }))
                        .unwrap_or_default();
                    s.push('\n');
                    s
                }
                NetFormat::Table => path_text(&focus, &reports),
            };
            emit(&text);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn source_name(s: &NetSource) -> String {
    match &s.snapshot {
        Some(p) => p.display().to_string(),
        None => "the demo account".into(),
    }
}

fn load(s: &NetSource) -> Result<rampart_model::Inventory, UsageError> {
    let max = s.max_snapshot_mb.saturating_mul(1 << 20);
    load_snapshot_arg(s.snapshot.as_deref(), max, s.verbose)
}

fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

/// A resource reference with its keys in sorted order (as every JSON object this command prints).
struct SortedResource<'a>(&'a ResourceRef);

impl Serialize for SortedResource<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("account_id", &r.account_id)?;
        if let Some(arn) = &r.arn {
            m.serialize_entry("arn", arn)?;
        }
        m.serialize_entry("id", &r.id)?;
        if let Some(region) = &r.region {
            m.serialize_entry("region", region)?;
        }
        m.serialize_entry("type", &r.kind)?;
        m.end()
    }
}

/// One exposure of CONTRACT §5, keys sorted.
struct ExposureJson<'a>(&'a Exposure);

impl Serialize for ExposureJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("address", &e.address)?;
        m.serialize_entry("from", &e.from)?;
        m.serialize_entry("path", &e.path)?;
        m.serialize_entry("ports", &e.ports)?;
        m.serialize_entry("protocol", e.protocol)?;
        m.serialize_entry("resource", &SortedResource(&e.resource))?;
        m.end()
    }
}

/// One entry of `unknown`: a resource (or a whole region) and why its answer is unknown.
enum UnknownJson<'a> {
    Resource(&'a ResourceRef, &'a str),
    Region(&'a str, &'a str),
}

impl Serialize for UnknownJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        match self {
            UnknownJson::Resource(r, why) => {
                m.serialize_entry("reason", why)?;
                m.serialize_entry("resource", &SortedResource(r))?;
            }
            UnknownJson::Region(region, why) => {
                m.serialize_entry("reason", why)?;
                m.serialize_entry("region", region)?;
            }
        }
        m.end()
    }
}

/// The whole answer: `exposures` (CONTRACT §5) and `unknown`.
struct ExposureReport<'a>(&'a Analysis);

impl Serialize for ExposureReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let exposures: Vec<ExposureJson<'_>> = a.exposures().map(ExposureJson).collect();
        let mut unknown: Vec<UnknownJson<'_>> = Vec::new();
        for t in &a.targets {
            if t.exposures.is_empty() {
                for u in &t.unknown {
                    unknown.push(UnknownJson::Resource(&t.resource, u));
                }
            }
        }
        for (region, u) in &a.region_unknown {
            unknown.push(UnknownJson::Region(region, u));
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("exposures", &exposures)?;
        m.serialize_entry("unknown", &unknown)?;
        m.end()
    }
}

/// CONTRACT §5, plus `unknown`: what could not be decided and why (a missing call, named).
/// Serialized straight from the analysis to standard output (no intermediate JSON tree, no
/// string of the whole answer), keys in sorted order.
fn emit_exposure_json(a: &Analysis) {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = serde_json::to_writer_pretty(&mut out, &ExposureReport(a))
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
}

fn exposure_table(a: &Analysis) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "resource", "address", "protocol", "ports", "from", "path",
    ]);
    let mut n = 0;
    for e in a.exposures() {
        n += 1;
        t.add_row(vec![
            format!("{} {}", e.resource.kind.as_str(), e.resource.id),
            e.address.clone(),
            e.protocol.to_string(),
            e.ports.describe(),
            e.from.clone(),
            e.path.join("\n"),
        ]);
    }
    let mut out = String::new();
    if n == 0 {
        out.push_str("Nothing is reachable from the internet.\n");
    } else {
        out.push_str(&format!(
            "{t}\n{n} exposure(s) reachable from the internet.\n"
        ));
    }
    let unknown: Vec<String> = a
        .targets
        .iter()
        .filter(|t| t.exposures.is_empty())
        .flat_map(|t| {
            t.unknown
                .iter()
                .map(move |u| format!("{} {}: {u}", t.resource.kind.as_str(), t.resource.id))
        })
        .chain(a.region_unknown.iter().map(|(r, u)| format!("{r}: {u}")))
        .collect();
    if !unknown.is_empty() {
        out.push_str(&format!(
            "\nUnknown ({}): data a layer needs is missing, so these may be reachable too:\n",
            unknown.len()
        ));
        for u in unknown {
            out.push_str(&format!("  - {u}\n"));
        }
    }
    out
}

fn path_text(f: &Focus, reports: &[rampart_net::PathReport]) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&format!(
            "{} {} ({}) from the internet, {} {}: {}\n",
            r.resource.kind.as_str(),
            r.resource.id,
            r.resource.region.as_deref().unwrap_or("-"),
            f.proto.name(),
            f.port,
            r.verdict.to_uppercase()
        ));
        for (i, p) in r.paths.iter().enumerate() {
            if r.paths.len() > 1 {
                out.push_str(&format!("  path {}:\n", i + 1));
            }
            for h in p {
                out.push_str(&format!(
                    "    {} {}\n",
                    if h.ok { "ok  " } else { "STOP" },
                    h.text
                ));
            }
        }
        for u in &r.unknown {
            out.push_str(&format!("    ??   {u}\n"));
        }
        out.push('\n');
    }
    out
}

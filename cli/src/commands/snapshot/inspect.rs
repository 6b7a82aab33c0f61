//! `ctl snapshot inspect FILE`: the snapshot's metadata and what it holds, by kind.

use std::path::PathBuf;

use clap::Args;

use crate::CliError;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The snapshot file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Bytes as Consul prints them: `512B`, `1.6KB`, `2.3MB`.
fn size(n: usize) -> String {
    let n = n as f64;
    if n < 1024.0 {
        format!("{n}B")
    } else if n < 1024.0 * 1024.0 {
        format!("{:.1}KB", n / 1024.0)
    } else {
        format!("{:.1}MB", n / 1024.0 / 1024.0)
    }
}

pub fn run(a: InspectArgs, format: Format) -> Result<(), CliError> {
    let data = std::fs::read(&a.file).map_err(|e| {
        CliError::Failed(format!(
            "Error opening snapshot file {}: {e}",
            a.file.display()
        ))
    })?;
    let archive = ctl_server::snapshot::decode(&data).map_err(|e| {
        CliError::Failed(format!(
            "Error inspecting snapshot {}: {e}",
            a.file.display()
        ))
    })?;
    let kinds = ctl_server::snapshot::summary(&archive);
    if format == Format::Json {
        let stats: Vec<serde_json::Value> = kinds
            .iter()
            .map(|(k, c, s)| serde_json::json!({"Name": k, "Count": c, "Size": s}))
            .collect();
        return output::json(&serde_json::json!({
            "Meta": {
                "ID": archive.meta.id, "Size": data.len(), "Index": archive.meta.index,
                "Term": archive.meta.term, "Version": archive.meta.version,
                "Datacenter": archive.meta.datacenter,
            },
            "Stats": stats,
        }));
    }
    output::aligned(&[
        ("ID", archive.meta.id.clone()),
        ("Size", data.len().to_string()),
        ("Index", archive.meta.index.to_string()),
        ("Term", archive.meta.term.to_string()),
        ("Version", archive.meta.version.to_string()),
    ])?;
    let total: usize = kinds.iter().map(|(_, _, s)| s).sum();
    let mut rows: Vec<Vec<String>> = kinds
        .iter()
        .map(|(k, c, s)| vec![k.clone(), c.to_string(), size(*s)])
        .collect();
    rows.insert(0, vec!["----".into(), "----".into(), "----".into()]);
    rows.push(vec!["Total".into(), String::new(), size(total)]);
    output::line("")?;
    output::table(&["Type", "Count", "Size"], rows)
}

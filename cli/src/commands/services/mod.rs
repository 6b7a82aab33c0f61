//! `ctl services register | deregister`: the agent's own services, from flags or definition files
//! (JSON or HCL with a `service` or `services` block, as Consul's).

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use crate::CliError;
use crate::flags::ConnectionFlags;

#[derive(Debug, Subcommand)]
pub enum ServicesCommand {
    /// Register a service with the local agent.
    Register(RegisterArgs),
    /// Deregister a service from the local agent.
    Deregister(DeregisterArgs),
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Service name (when no file is given).
    #[arg(long)]
    pub name: Option<String>,
    /// Service ID (defaults to the name).
    #[arg(long)]
    pub id: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub port: Option<u16>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Metadata `key=value` (repeatable).
    #[arg(long = "meta", value_name = "KEY=VALUE")]
    pub meta: Vec<String>,
    /// Service definition files (JSON or HCL).
    pub files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeregisterArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// The service ID to remove (or give definition files).
    #[arg(long)]
    pub id: Option<String>,
    pub files: Vec<std::path::PathBuf>,
}

/// The service blocks of a definition file.
fn definitions(path: &std::path::Path) -> Result<Vec<Value>, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Failed(format!("Error reading {}: {e}", path.display())))?;
    let v: Value = if path.extension().and_then(|e| e.to_str()) == Some("hcl") {
        hcl::from_str(&text)
            .map_err(|e| CliError::Failed(format!("Error parsing {}: {e}", path.display())))?
    } else {
        serde_json::from_str(&text)
            .map_err(|e| CliError::Failed(format!("Error parsing {}: {e}", path.display())))?
    };
    let mut out = Vec::new();
    if let Some(s) = v.get("service") {
        match s {
            Value::Array(a) => out.extend(a.iter().cloned()),
            other => out.push(other.clone()),
        }
    }
    if let Some(Value::Array(a)) = v.get("services") {
        out.extend(a.iter().cloned());
    }
    if out.is_empty() {
        return Err(CliError::Failed(format!(
            "Error parsing {}: no service or services block",
            path.display()
        )));
    }
    Ok(out)
}

fn field(v: &Value, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| v.get(*n).and_then(Value::as_str).map(str::to_string))
}

pub async fn run(cmd: ServicesCommand) -> Result<(), CliError> {
    match cmd {
        ServicesCommand::Register(a) => {
            let client = a.conn.client()?;
            let defs = if a.files.is_empty() {
                let Some(name) = &a.name else {
                    return Err(CliError::Failed(
                        "Service name must be specified with --name or a definition file".into(),
                    ));
                };
                let mut meta = BTreeMap::new();
                for kv in &a.meta {
                    let (k, v) = kv.split_once('=').ok_or_else(|| {
                        CliError::Failed(format!("Error parsing meta {kv:?}: expected key=value"))
                    })?;
                    meta.insert(k.to_string(), v.to_string());
                }
                vec![json!({
                    "Name": name, "ID": a.id.clone().unwrap_or_default(),
                    "Address": a.address.clone().unwrap_or_default(), "Port": a.port.unwrap_or(0),
                    "Tags": a.tags, "Meta": meta,
                })]
            } else {
                let mut all = Vec::new();
                for f in &a.files {
                    all.extend(definitions(f)?);
                }
                all
            };
            for d in defs {
                client
                    .put_json("/v1/agent/service/register", &d)
                    .await
                    .map_err(|e| CliError::client("Error registering service: ", e))?;
                let name = field(&d, &["Name", "name"]).unwrap_or_default();
                println!("Registered service: {name}");
            }
            Ok(())
        }
        ServicesCommand::Deregister(a) => {
            let client = a.conn.client()?;
            let ids: Vec<String> = match &a.id {
                Some(id) => vec![id.clone()],
                None if a.files.is_empty() => {
                    return Err(CliError::Failed(
                        "Either --id or definition files must be given".into(),
                    ));
                }
                None => {
                    let mut ids = Vec::new();
                    for f in &a.files {
                        for d in definitions(f)? {
                            ids.push(
                                field(&d, &["ID", "id"])
                                    .or_else(|| field(&d, &["Name", "name"]))
                                    .unwrap_or_default(),
                            );
                        }
                    }
                    ids
                }
            };
            for id in ids {
                client
                    .put_json(&format!("/v1/agent/service/deregister/{id}"), &Value::Null)
                    .await
                    .map_err(|e| CliError::client("Error deregistering service: ", e))?;
                println!("Deregistered service: {id}");
            }
            Ok(())
        }
    }
}

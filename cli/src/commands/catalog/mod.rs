//! `ctl catalog datacenters | nodes | services`: the replicated catalog, as Consul prints it.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::Value;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List the known datacenters.
    Datacenters(DatacentersArgs),
    /// List the nodes in the catalog.
    Nodes(NodesArgs),
    /// List the services in the catalog.
    Services(ServicesArgs),
}

#[derive(Debug, Args)]
pub struct DatacentersArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
}

#[derive(Debug, Args)]
pub struct NodesArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Also show tagged addresses and metadata.
    #[arg(long)]
    pub detailed: bool,
    /// Only nodes that run this service.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// Only nodes with this metadata (repeatable).
    #[arg(long = "node-meta", value_name = "KEY=VALUE")]
    pub node_meta: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServicesArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Show each service's tags.
    #[arg(long)]
    pub tags: bool,
    /// Only services on this node.
    #[arg(long, value_name = "NAME")]
    pub node: Option<String>,
    /// Only services on nodes with this metadata (repeatable).
    #[arg(long = "node-meta", value_name = "KEY=VALUE")]
    pub node_meta: Vec<String>,
}

/// `k=v` flags as `?node-meta=k:v` query pairs, refusing a pair without `=`.
fn meta_query(pairs: &[String]) -> Result<Vec<(&'static str, String)>, CliError> {
    pairs
        .iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => Ok(("node-meta", format!("{k}:{v}"))),
            None => Err(CliError::Failed(format!(
                "Error parsing node-meta {kv:?}: expected key=value"
            ))),
        })
        .collect()
}

fn text(v: &Value, field: &str) -> String {
    match &v[field] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn map_text(v: &Value) -> String {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

pub async fn run(cmd: CatalogCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        CatalogCommand::Datacenters(a) => {
            let dcs: Vec<String> = a
                .conn
                .client()?
                .get_json("/v1/catalog/datacenters", &[])
                .await?;
            if format == Format::Json {
                return output::json(&dcs);
            }
            output::line(&dcs.join("\n"))
        }
        CatalogCommand::Nodes(a) => {
            let client = a.conn.client()?;
            let q = meta_query(&a.node_meta)?;
            let nodes: Vec<Value> = match &a.service {
                Some(svc) => {
                    let inst: Vec<Value> = client
                        .get_json(&format!("/v1/catalog/service/{svc}"), &q)
                        .await?;
                    let mut seen = std::collections::BTreeSet::new();
                    inst.into_iter()
                        .filter(|i| seen.insert(text(i, "Node")))
                        .map(|i| {
                            serde_json::json!({
                                "ID": i["ID"], "Node": i["Node"], "Address": i["Address"],
                                "Datacenter": i["Datacenter"], "TaggedAddresses": i["TaggedAddresses"],
                                "Meta": i["NodeMeta"],
                            })
                        })
                        .collect()
                }
                None => client.get_json("/v1/catalog/nodes", &q).await?,
            };
            if format == Format::Json {
                return output::json(&nodes);
            }
            if nodes.is_empty() {
                eprintln!("No nodes match the given query - try expanding your search.");
                return Ok(());
            }
            let rows = nodes
                .iter()
                .map(|n| {
                    let id = text(n, "ID");
                    let short = id.split('-').next().unwrap_or_default().to_string();
                    let mut row = vec![
                        text(n, "Node"),
                        if a.detailed { id } else { short },
                        text(n, "Address"),
                        text(n, "Datacenter"),
                    ];
                    if a.detailed {
                        row.push(map_text(&n["TaggedAddresses"]));
                        row.push(map_text(&n["Meta"]));
                    }
                    row
                })
                .collect();
            if a.detailed {
                output::table(
                    &["Node", "ID", "Address", "DC", "TaggedAddresses", "Meta"],
                    rows,
                )
            } else {
                output::table(&["Node", "ID", "Address", "DC"], rows)
            }
        }
        CatalogCommand::Services(a) => {
            let client = a.conn.client()?;
            let q = meta_query(&a.node_meta)?;
            let services: BTreeMap<String, Vec<String>> = match &a.node {
                Some(node) => {
                    let v: Value = client
                        .get_json(&format!("/v1/catalog/node/{node}"), &q)
                        .await?;
                    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
                    if let Some(m) = v["Services"].as_object() {
                        for s in m.values() {
                            let tags: Vec<String> =
                                serde_json::from_value(s["Tags"].clone()).unwrap_or_default();
                            out.entry(text(s, "Service")).or_default().extend(tags);
                        }
                    }
                    out
                }
                None => client.get_json("/v1/catalog/services", &q).await?,
            };
            if format == Format::Json {
                return output::json(&services);
            }
            if services.is_empty() {
                eprintln!("No services match the given query - try expanding your search.");
                return Ok(());
            }
            if a.tags {
                let rows = services
                    .iter()
                    .map(|(name, tags)| vec![name.clone(), tags.join(",")])
                    .collect();
                return output::table_no_header(rows);
            }
            output::line(&services.keys().cloned().collect::<Vec<_>>().join("\n"))
        }
    }
}

//! `ctl health service NAME [--passing]` and `ctl health checks [--state S] [--service NAME]`:
//! who is healthy, as tables or `--format json`.

use clap::{Args, Subcommand};
use serde_json::Value;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Subcommand)]
pub enum HealthCommand {
    /// Instances of a service with their health.
    Service(ServiceArgs),
    /// Checks by state (or of one service).
    Checks(ChecksArgs),
}

#[derive(Debug, Args)]
pub struct ServiceArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    pub name: String,
    /// Only instances whose checks all pass.
    #[arg(long)]
    pub passing: bool,
    /// Only instances with this tag.
    #[arg(long)]
    pub tag: Option<String>,
}

#[derive(Debug, Args)]
pub struct ChecksArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// any, passing, warning or critical.
    #[arg(long, default_value = "any")]
    pub state: String,
    /// Only the checks of this service.
    #[arg(long)]
    pub service: Option<String>,
}

fn s(v: &Value) -> String {
    v.as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string())
}

fn worst(checks: &Value) -> &'static str {
    let rank = |st: &str| match st {
        "passing" => 0,
        "warning" => 1,
        _ => 2,
    };
    let w = checks
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| rank(c["Status"].as_str().unwrap_or("")))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    ["passing", "warning", "critical"][w]
}

pub async fn run(cmd: HealthCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        HealthCommand::Service(a) => {
            let mut q = Vec::new();
            if a.passing {
                q.push(("passing", String::new()));
            }
            if let Some(t) = &a.tag {
                q.push(("tag", t.clone()));
            }
            let entries: Vec<Value> = a
                .conn
                .client()?
                .get_json(&format!("/v1/health/service/{}", a.name), &q)
                .await
                .map_err(|e| CliError::client("Error querying health: ", e))?;
            if format == Format::Json {
                return output::json(&entries);
            }
            if entries.is_empty() {
                return Err(CliError::NoMatch);
            }
            let rows = entries
                .iter()
                .map(|e| {
                    let addr = match e["Service"]["Address"].as_str() {
                        Some(a) if !a.is_empty() => a.to_string(),
                        _ => s(&e["Node"]["Address"]),
                    };
                    let tags: Vec<String> =
                        serde_json::from_value(e["Service"]["Tags"].clone()).unwrap_or_default();
                    vec![
                        s(&e["Node"]["Node"]),
                        s(&e["Service"]["ID"]),
                        format!("{addr}:{}", s(&e["Service"]["Port"])),
                        tags.join(","),
                        worst(&e["Checks"]).to_string(),
                    ]
                })
                .collect();
            output::table(&["Node", "ServiceID", "Address", "Tags", "Status"], rows)
        }
        HealthCommand::Checks(a) => {
            let path = match &a.service {
                Some(svc) => format!("/v1/health/checks/{svc}"),
                None => format!("/v1/health/state/{}", a.state),
            };
            let mut checks: Vec<Value> = a
                .conn
                .client()?
                .get_json(&path, &[])
                .await
                .map_err(|e| CliError::client("Error querying health: ", e))?;
            if a.service.is_some() && a.state != "any" {
                checks.retain(|c| c["Status"] == a.state.as_str());
            }
            if format == Format::Json {
                return output::json(&checks);
            }
            if checks.is_empty() {
                return Err(CliError::NoMatch);
            }
            let rows = checks
                .iter()
                .map(|c| {
                    vec![
                        s(&c["Node"]),
                        s(&c["CheckID"]),
                        s(&c["Name"]),
                        s(&c["Status"]),
                        s(&c["ServiceName"]),
                    ]
                })
                .collect();
            output::table(&["Node", "CheckID", "Name", "Status", "Service"], rows)
        }
    }
}

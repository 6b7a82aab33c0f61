//! `ctl members [--detailed] [--status REGEX]`: the LAN pool as Consul prints it.

use clap::Args;
use ctl_server::api::agent::Member;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct MembersArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Show every tag instead of the summary columns.
    #[arg(long)]
    pub detailed: bool,
    /// Only members whose status matches this regular expression.
    #[arg(long, default_value = ".*", value_name = "REGEX")]
    pub status: String,
}

fn status_name(s: u8) -> &'static str {
    match s {
        1 => "alive",
        2 => "leaving",
        3 => "left",
        4 => "failed",
        _ => "none",
    }
}

/// `server`, `client`, or blank for a member that is not a Consul-style agent (a serf agent).
fn kind(m: &Member) -> &'static str {
    match m.tags.get("role").map(String::as_str) {
        Some("consul") => "server",
        Some("node") => "client",
        _ => "",
    }
}

pub async fn run(a: MembersArgs, format: Format) -> Result<(), CliError> {
    let re = regex_lite::Regex::new(&a.status)
        .map_err(|e| CliError::Failed(format!("Failed to compile status regexp: {e}")))?;
    let client = a.conn.client()?;
    let mut members = client
        .agent_members()
        .await
        .map_err(|e| CliError::client("Error retrieving members: ", e))?;
    members.retain(|m| re.is_match(status_name(m.status)));
    if members.is_empty() {
        return Err(CliError::NoMatch);
    }
    // Servers first, then by name.
    members.sort_by(|x, y| (kind(x) != "server", &x.name).cmp(&(kind(y) != "server", &y.name)));
    if format == Format::Json {
        return output::json(&members);
    }
    if a.detailed {
        let rows = members
            .iter()
            .map(|m| {
                let tags: Vec<String> = m.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                vec![
                    m.name.clone(),
                    format!("{}:{}", m.addr, m.port),
                    status_name(m.status).into(),
                    tags.join(","),
                ]
            })
            .collect();
        return output::table(&["Node", "Address", "Status", "Tags"], rows);
    }
    let rows = members
        .iter()
        .map(|m| {
            let k = kind(m);
            let tag = |t: &str| m.tags.get(t).cloned().unwrap_or_default();
            let (build, partition, segment) = match k {
                "" => (String::new(), String::new(), String::new()),
                _ => {
                    let b = tag("build");
                    let b = b.split(':').next().unwrap_or_default().to_string();
                    let b = if b.is_empty() { "< 0.3".to_string() } else { b };
                    (
                        b,
                        "default".to_string(),
                        if k == "server" {
                            "<all>".into()
                        } else {
                            "<default>".into()
                        },
                    )
                }
            };
            vec![
                m.name.clone(),
                format!("{}:{}", m.addr, m.port),
                status_name(m.status).into(),
                k.into(),
                build,
                if k.is_empty() {
                    String::new()
                } else {
                    tag("vsn")
                },
                if k.is_empty() {
                    String::new()
                } else {
                    tag("dc")
                },
                partition,
                segment,
            ]
        })
        .collect();
    output::table(
        &[
            "Node",
            "Address",
            "Status",
            "Type",
            "Build",
            "Protocol",
            "DC",
            "Partition",
            "Segment",
        ],
        rows,
    )
}

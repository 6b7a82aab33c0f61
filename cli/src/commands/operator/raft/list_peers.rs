//! `ctl operator raft list-peers [--stale]`: the Raft configuration in Consul's columns, with
//! each server's commit index and how far it trails the leader.

use clap::Args;
use ctl_server::api::operator::RaftServer;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct ListPeersArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
}

/// `-` for the leader, else `1 commit` / `N commits` behind it.
fn trails(s: &RaftServer, leader_index: Option<u64>) -> String {
    if s.leader {
        return "-".into();
    }
    match leader_index.map(|l| l.saturating_sub(s.last_index)) {
        Some(1) => "1 commit".into(),
        Some(n) => format!("{n} commits"),
        None => String::new(),
    }
}

pub async fn run(a: ListPeersArgs, format: Format) -> Result<(), CliError> {
    let config = a.conn.client()?.raft_configuration().await.map_err(|e| {
        CliError::client(
            "Error getting peers: Failed to retrieve raft configuration: ",
            e,
        )
    })?;
    if format == Format::Json {
        return output::json(&config);
    }
    let leader_index = config
        .servers
        .iter()
        .find(|s| s.leader)
        .map(|s| s.last_index);
    let rows = config
        .servers
        .iter()
        .map(|s| {
            vec![
                s.node.clone(),
                s.id.clone(),
                s.address.clone(),
                if s.leader { "leader" } else { "follower" }.into(),
                s.voter.to_string(),
                if s.protocol_version.is_empty() {
                    "<=1".into()
                } else {
                    s.protocol_version.clone()
                },
                s.last_index.to_string(),
                trails(s, leader_index),
            ]
        })
        .collect();
    output::table(
        &[
            "Node",
            "ID",
            "Address",
            "State",
            "Voter",
            "RaftProtocol",
            "Commit Index",
            "Trails Leader By",
        ],
        rows,
    )
}

//! Connection flags shared by every client command, with `CTL_*` environment variables that fall
//! back to Consul's `CONSUL_*` names so existing shells keep working.

use clap::Args;
use ctl_server::client::{Client, Consistency, Options};

use crate::CliError;

/// How to reach the agent.
#[derive(Debug, Clone, Args)]
pub struct ConnectionFlags {
    /// Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]
    #[arg(long, env = "CTL_HTTP_ADDR", hide_env = true, value_name = "URL")]
    pub http_addr: Option<String>,
    /// ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]
    #[arg(long, env = "CTL_HTTP_TOKEN", hide_env = true, hide_env_values = true)]
    pub token: Option<String>,
    /// Allow any server to answer, even if behind the leader.
    #[arg(long)]
    pub stale: bool,
    /// Have the leader confirm with a quorum that it still leads before answering.
    #[arg(long, conflicts_with = "stale")]
    pub consistent: bool,
    /// Datacenter to query (defaults to the agent's).
    #[arg(long, value_name = "DC")]
    pub datacenter: Option<String>,
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl ConnectionFlags {
    /// The agent address after flag, `CTL_HTTP_ADDR`, `CONSUL_HTTP_ADDR` and the default.
    pub fn addr(&self) -> String {
        self.http_addr
            .clone()
            .filter(|a| !a.is_empty())
            .or_else(|| env_nonempty("CONSUL_HTTP_ADDR"))
            .unwrap_or_else(|| "http://127.0.0.1:8500".into())
    }

    /// Client options for these flags.
    pub fn options(&self) -> Options {
        Options {
            addr: self.addr(),
            token: self
                .token
                .clone()
                .or_else(|| env_nonempty("CONSUL_HTTP_TOKEN")),
            datacenter: self.datacenter.clone(),
            consistency: if self.stale {
                Consistency::Stale
            } else if self.consistent {
                Consistency::Consistent
            } else {
                Consistency::Default
            },
            ..Options::default()
        }
    }

    /// A client for these flags.
    pub fn client(&self) -> Result<Client, CliError> {
        Ok(Client::new(self.options())?)
    }
}

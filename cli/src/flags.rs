//! Connection flags shared by every client command, with `CTL_*` environment variables that fall
//! back to Consul's `CONSUL_*` names so existing shells keep working.

use clap::Args;
use std::path::PathBuf;

use ctl_server::client::tls::TlsOptions;
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
    /// CA certificate to verify the agent's HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]
    #[arg(long, env = "CTL_CACERT", hide_env = true, value_name = "FILE")]
    pub ca_file: Option<String>,
    /// Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]
    #[arg(long, env = "CTL_CAPATH", hide_env = true, value_name = "DIR")]
    pub ca_path: Option<String>,
    /// Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then
    /// CONSUL_CLIENT_CERT]
    #[arg(long, env = "CTL_CLIENT_CERT", hide_env = true, value_name = "FILE")]
    pub client_cert: Option<String>,
    /// Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]
    #[arg(long, env = "CTL_CLIENT_KEY", hide_env = true, value_name = "FILE")]
    pub client_key: Option<String>,
    /// Name the agent's certificate must carry, when it differs from the host dialled
    /// [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]
    #[arg(
        long,
        env = "CTL_TLS_SERVER_NAME",
        hide_env = true,
        value_name = "NAME"
    )]
    pub tls_server_name: Option<String>,
}

/// The flag's value, else the `CONSUL_*` variable.
fn or_consul(flag: &Option<String>, consul: &str) -> Option<String> {
    flag.clone()
        .filter(|v| !v.is_empty())
        .or_else(|| env_nonempty(consul))
}

/// A boolean environment variable (`CTL_*`, then `CONSUL_*`), as Go's strconv.ParseBool reads it.
fn env_bool(ctl: &str, consul: &str) -> Option<bool> {
    let v = env_nonempty(ctl).or_else(|| env_nonempty(consul))?;
    match v.to_ascii_lowercase().as_str() {
        "1" | "t" | "true" => Some(true),
        "0" | "f" | "false" => Some(false),
        _ => None,
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl ConnectionFlags {
    /// The agent address after flag, `CTL_HTTP_ADDR`, `CONSUL_HTTP_ADDR` and the default.
    pub fn addr(&self) -> String {
        let addr = self
            .http_addr
            .clone()
            .filter(|a| !a.is_empty())
            .or_else(|| env_nonempty("CONSUL_HTTP_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:8500".into());
        if addr.contains("://") {
            return addr;
        }
        // A bare host:port is http unless CTL_HTTP_SSL / CONSUL_HTTP_SSL says https.
        if env_bool("CTL_HTTP_SSL", "CONSUL_HTTP_SSL") == Some(true) {
            format!("https://{addr}")
        } else {
            format!("http://{addr}")
        }
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
            tls: TlsOptions {
                ca_file: or_consul(&self.ca_file, "CONSUL_CACERT").map(PathBuf::from),
                ca_path: or_consul(&self.ca_path, "CONSUL_CAPATH").map(PathBuf::from),
                client_cert: or_consul(&self.client_cert, "CONSUL_CLIENT_CERT").map(PathBuf::from),
                client_key: or_consul(&self.client_key, "CONSUL_CLIENT_KEY").map(PathBuf::from),
                server_name: or_consul(&self.tls_server_name, "CONSUL_TLS_SERVER_NAME"),
                skip_verify: env_bool("CTL_HTTP_SSL_VERIFY", "CONSUL_HTTP_SSL_VERIFY")
                    == Some(false),
            },
            ..Options::default()
        }
    }

    /// A client for these flags.
    pub fn client(&self) -> Result<Client, CliError> {
        Ok(Client::new(self.options())?)
    }
}

/// A duration flag in Consul's syntax (`10s`, `1m30s`, `500ms`).
pub fn duration(s: &str) -> Result<std::time::Duration, String> {
    ctl_server::duration::parse(s).map_err(|e| e.to_string())
}

//! `ctl keyring --list | --list-primary | --install KEY | --use KEY | --remove KEY`: cluster-wide
//! gossip key management, printed as Consul prints it.

use clap::Args;
use ctl_server::api::operator::KeyringResponse;
use ctl_server::client::Method;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct KeyringArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// List the installed keys with how many nodes have each.
    #[arg(long)]
    pub list: bool,
    /// List the primary keys.
    #[arg(long)]
    pub list_primary: bool,
    /// Install a new key on every node.
    #[arg(long, value_name = "KEY")]
    pub install: Option<String>,
    /// Make an installed key the primary on every node.
    #[arg(long = "use", value_name = "KEY")]
    pub use_key: Option<String>,
    /// Remove a key from every node.
    #[arg(long, value_name = "KEY")]
    pub remove: Option<String>,
}

fn print_pools(pools: &[KeyringResponse], primary: bool) -> Result<(), CliError> {
    for p in pools {
        let pool = if p.wan {
            "WAN".to_string()
        } else {
            format!("{} (LAN)", p.datacenter)
        };
        output::line("")?;
        output::line(&format!("{pool}:"))?;
        let keys = if primary { &p.primary_keys } else { &p.keys };
        for (k, n) in keys {
            output::line(&format!("  {k} [{n}/{}]", p.num_nodes))?;
        }
        for (node, msg) in &p.messages {
            output::line(&format!("  ===> {node}: {msg}"))?;
        }
    }
    Ok(())
}

pub async fn run(a: KeyringArgs, format: Format) -> Result<(), CliError> {
    let chosen = [
        a.list,
        a.list_primary,
        a.install.is_some(),
        a.use_key.is_some(),
        a.remove.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if chosen > 1 {
        return Err(CliError::Failed("Only a single action is allowed".into()));
    }
    if chosen == 0 {
        return Err(CliError::Failed(
            "Exactly one of --list, --list-primary, --install, --use or --remove is required"
                .into(),
        ));
    }
    let client = a.conn.client()?;
    let err = |e| CliError::client("error: ", e);
    if a.list || a.list_primary {
        let primary = a.list_primary;
        if format == Format::Table {
            output::line(if primary {
                "==> Gathering installed primary encryption keys..."
            } else {
                "==> Gathering installed encryption keys..."
            })?;
        }
        let pools = client.keyring_list().await.map_err(err)?;
        if format == Format::Json {
            return output::json(&pools);
        }
        return print_pools(&pools, primary);
    }
    let (method, key, msg) = match (a.install, a.use_key, a.remove) {
        (Some(k), _, _) => (
            Method::POST,
            k,
            "==> Installing new gossip encryption key...",
        ),
        (_, Some(k), _) => (
            Method::PUT,
            k,
            "==> Changing primary gossip encryption key...",
        ),
        (_, _, Some(k)) => (Method::DELETE, k, "==> Removing gossip encryption key..."),
        _ => return Err(CliError::Failed("no action".into())),
    };
    output::line(msg)?;
    client.keyring_change(method, &key).await.map_err(err)
}

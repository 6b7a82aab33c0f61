//! `ctl monitor [--log-level L] [--log-json]`: streams the agent's log lines as they happen
//! (`/v1/agent/monitor`) until Ctrl-C, or until the agent goes away, which it says as Consul
//! does.

use std::io::Write;

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;

#[derive(Debug, Args)]
pub struct MonitorArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Verbosity: trace, debug, info, warn or err (may be more verbose than the agent's own log).
    #[arg(long, value_name = "LEVEL", default_value = "info")]
    pub log_level: String,
    /// One JSON object per line instead of text.
    #[arg(long)]
    pub log_json: bool,
}

pub async fn run(a: MonitorArgs) -> Result<(), CliError> {
    let client = a.conn.client()?;
    let mut query = vec![("loglevel", a.log_level.clone())];
    if a.log_json {
        query.push(("logjson", "true".to_string()));
    }
    let mut resp = client
        .get_stream("/v1/agent/monitor", &query)
        .await
        .map_err(|e| CliError::client("Error starting monitor: ", e))?;
    loop {
        let chunk = tokio::select! {
            c = resp.chunk() => c,
            _ = tokio::signal::ctrl_c() => return Ok(()),
        };
        match chunk {
            Ok(Some(bytes)) => {
                let mut out = std::io::stdout().lock();
                match out.write_all(&bytes).and_then(|()| out.flush()) {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                        return Err(CliError::BrokenPipe);
                    }
                    Err(e) => return Err(CliError::Failed(format!("writing logs: {e}"))),
                    Ok(()) => {}
                }
            }
            Ok(None) | Err(_) => {
                eprintln!(
                    "Remote side ended the monitor! This usually means that the\n\
                     remote side has exited or crashed."
                );
                return Err(CliError::Exit(1));
            }
        }
    }
}

//! `ctl tui [--once [--view NAME] [--width W --height H]]`: the live dashboard of `ctl-tui`,
//! reached through the same connection and TLS flags as every other client command.

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output;

#[derive(Debug, Args)]
pub struct TuiArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Render one frame as plain text to stdout and exit (for scripts and tests).
    #[arg(long)]
    pub once: bool,
    /// The view to open: overview, nodes, services, health, raft, gossip, kv, events (or 1-8).
    #[arg(long, value_name = "NAME", default_value = "overview", value_parser = parse_view)]
    pub view: ctl_tui::View,
    /// Width of the --once frame in columns [default: 80]
    #[arg(long, value_name = "W", requires = "once", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,
    /// Height of the --once frame in lines [default: 24]
    #[arg(long, value_name = "H", requires = "once", value_parser = clap::value_parser!(u16).range(5..=1000))]
    pub height: Option<u16>,
    /// No colours (also when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
}

fn parse_view(s: &str) -> Result<ctl_tui::View, String> {
    ctl_tui::View::parse(s).ok_or_else(|| {
        format!(
            "unknown view {s:?}: use overview, nodes, services, health, raft, gossip, kv or events"
        )
    })
}

pub async fn run(a: TuiArgs) -> Result<(), CliError> {
    let client = a.conn.client()?;
    if a.once {
        let (width, height) = (a.width.unwrap_or(80), a.height.unwrap_or(24));
        let frame = ctl_tui::once(&client, a.view, width, height, a.no_color).await;
        return output::line(frame.trim_end_matches('\n'));
    }
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Failed(
            "ctl tui needs a terminal; for a plain-text frame use `ctl tui --once`".into(),
        ));
    }
    ctl_tui::run(client, a.view, a.no_color)
        .await
        .map_err(|e| CliError::Failed(format!("Error running the dashboard: {e}")))
}

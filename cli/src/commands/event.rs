//! `ctl event --name NAME [--node RE] [--service RE] [--tag RE] [PAYLOAD]`.

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct EventArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// The event name.
    #[arg(long)]
    pub name: Option<String>,
    /// Only nodes whose name matches this regular expression handle the event.
    #[arg(long, value_name = "RE")]
    pub node: Option<String>,
    /// Only nodes with a matching service handle it.
    #[arg(long, value_name = "RE")]
    pub service: Option<String>,
    /// Only nodes with the service carrying a matching tag (needs --service).
    #[arg(long, value_name = "RE")]
    pub tag: Option<String>,
    #[arg(value_name = "PAYLOAD")]
    pub payload: Option<String>,
}

pub async fn run(a: EventArgs, format: Format) -> Result<(), CliError> {
    let Some(name) = a.name.filter(|n| !n.is_empty()) else {
        return Err(CliError::Failed("Event name must be specified".into()));
    };
    if a.tag.is_some() && a.service.is_none() {
        return Err(CliError::Failed(
            "Cannot provide tag filter without service filter.".into(),
        ));
    }
    for re in [&a.node, &a.service, &a.tag].into_iter().flatten() {
        regex_lite::Regex::new(re)
            .map_err(|e| CliError::Failed(format!("Failed to compile regexp {re:?}: {e}")))?;
    }
    let filters = [
        ("node", a.node.unwrap_or_default()),
        ("service", a.service.unwrap_or_default()),
        ("tag", a.tag.unwrap_or_default()),
    ];
    let payload = a.payload.unwrap_or_default().into_bytes();
    let ev = a
        .conn
        .client()?
        .event_fire(&name, payload, &filters)
        .await
        .map_err(|e| CliError::client("Error firing event: ", e))?;
    if format == Format::Json {
        return output::json(&ev);
    }
    output::line(&format!("Event ID: {}", ev.id))
}

//! How a failed command ends: its message on stderr and its exit code, decided here only.

use ctl_server::client::ClientError;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Printed to stderr as is; exit 1.
    #[error("{0}")]
    Failed(String),
    /// Nothing matched the query (as `members` with no match): no output, exit 2.
    #[error("")]
    NoMatch,
    /// The message was already printed (or there is none); exit with this code.
    #[error("")]
    Exit(u8),
    /// stdout was closed (`| head`): stop quietly, exit 0.
    #[error("")]
    BrokenPipe,
}

impl CliError {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Failed(_) => 1,
            CliError::NoMatch => 2,
            CliError::Exit(code) => *code,
            CliError::BrokenPipe => 0,
        }
    }

    /// Wraps a client error the way Consul's commands word it: connection failures always say
    /// which agent could not be reached; anything else gets the command's `context` prefix.
    pub fn client(context: &str, e: ClientError) -> CliError {
        match e {
            ClientError::Connect { .. } | ClientError::Address { .. } => {
                CliError::Failed(e.to_string())
            }
            other => CliError::Failed(format!("{context}{other}")),
        }
    }
}

impl From<ClientError> for CliError {
    fn from(e: ClientError) -> Self {
        CliError::client("", e)
    }
}

//! `ctl operator rollout …`: guided, staged, resumable changes to a live cluster's security —
//! gossip encryption, gossip key rotation and TLS — each a single command that verifies every
//! stage by observation before going on and rolls a failed stage back.

pub mod checks;
pub mod gossip_encryption;
pub mod gossip_key;
pub mod progress;
pub mod stage;
pub mod tls;
pub mod wizard;

use clap::Subcommand;

use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum RolloutCommand {
    /// Take a plaintext gossip pool to enforced encryption, without a restart.
    GossipEncryption(gossip_encryption::GossipEncryptionArgs),
    /// Rotate the gossip encryption key.
    GossipKey(gossip_key::GossipKeyArgs),
    /// Take a plaintext cluster to mutual TLS on server RPC and HTTPS.
    Tls(tls::TlsArgs),
}

pub async fn run(cmd: RolloutCommand) -> Result<(), CliError> {
    match cmd {
        RolloutCommand::GossipEncryption(a) => gossip_encryption::run(a).await,
        RolloutCommand::GossipKey(a) => gossip_key::run(a).await,
        RolloutCommand::Tls(a) => tls::run(a).await,
    }
}

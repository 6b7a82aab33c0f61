//! The `ctl` console: the command tree (`Cli`, `Command`), its one dispatch `match`, and the
//! modules behind it — `flags` (connection flags shared by client commands), `output` (the only
//! place output is formatted), `error` (what a command's failure prints and its exit code), and one
//! module per command under `commands`, named as the user types it (`commands/kv/get.rs` is
//! `ctl kv get`).

pub mod commands;
pub mod error;
pub mod flags;
pub mod output;

use clap::{Parser, Subcommand};

pub use error::CliError;
use output::Format;

/// A Consul-compatible agent and operations console.
#[derive(Debug, Parser)]
#[command(
    name = "ctl",
    version,
    about = "A Consul-compatible agent and operations console",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Output format for commands that print data.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(subcommand)]
    pub command: Command,
}

/// Every top-level command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run an agent (a server with --server or --dev; otherwise a client agent).
    Agent(Box<commands::agent::AgentArgs>),
    /// Read and write the key/value store.
    #[command(subcommand)]
    Kv(commands::kv::KvCommand),
    /// Print a new gossip encryption key (base64 of 32 random bytes).
    Keygen,
    /// List and change the gossip encryption keys across the pool.
    Keyring(commands::keyring::KeyringArgs),
    /// List the members of the LAN pool.
    Members(commands::members::MembersArgs),
    /// Ask the agent to join the pool through other members.
    Join(commands::join::JoinArgs),
    /// Leave the pool gracefully and stop the agent.
    Leave(commands::leave::LeaveArgs),
    /// Move a failed member to `left`, or forget it with --prune.
    ForceLeave(commands::force_leave::ForceLeaveArgs),
    /// Fire a user event across the pool.
    Event(commands::event::EventArgs),
    /// Print the agent's runtime statistics.
    Info(commands::info::InfoArgs),
    /// Cluster-level operations (Raft peers, leadership).
    #[command(subcommand)]
    Operator(commands::operator::OperatorCommand),
    /// Read the service catalog (datacenters, nodes, services).
    #[command(subcommand)]
    Catalog(commands::catalog::CatalogCommand),
    /// Register and deregister the local agent's services.
    #[command(subcommand)]
    Services(commands::services::ServicesCommand),
    /// Who is healthy: service instances and checks.
    #[command(subcommand)]
    Health(commands::health::HealthCommand),
    /// Save, restore and inspect snapshots of the cluster's state.
    #[command(subcommand)]
    Snapshot(commands::snapshot::SnapshotCommand),
    /// Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle
    /// every change.
    Watch(commands::watch::WatchArgs),
    /// Run a command while holding a lock (or one of N semaphore slots) in the KV store.
    Lock(commands::lock::LockArgs),
    /// Re-read the agent's configuration files and apply what can change without a restart.
    Reload(commands::reload::ReloadArgs),
    /// Check config files without starting an agent.
    Validate(commands::validate::ValidateArgs),
    /// Load-test a Consul-compatible agent.
    #[command(subcommand)]
    Bench(commands::bench::BenchCommand),
    /// Create a CA and agent certificates for TLS, and inspect certificates.
    #[command(subcommand)]
    Tls(commands::tls::TlsCommand),
    /// The live terminal dashboard (or one frame as text with --once).
    Tui(commands::tui::TuiArgs),
    /// Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the
    /// dashboard on it.
    Demo(commands::demo::DemoArgs),
    /// Capture an agent's state, metrics and logs into an archive for a bug report.
    Debug(commands::debug::DebugArgs),
    /// Stream the agent's log lines as they happen.
    Monitor(commands::monitor::MonitorArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completion(commands::completion::CompletionArgs),
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let format = cli.format;
    match cli.command {
        Command::Agent(args) => commands::agent::run(*args).await,
        Command::Kv(cmd) => commands::kv::run(cmd, format).await,
        Command::Keygen => commands::keygen::run(format),
        Command::Keyring(args) => commands::keyring::run(args, format).await,
        Command::Members(args) => commands::members::run(args, format).await,
        Command::Join(args) => commands::join::run(args).await,
        Command::Leave(args) => commands::leave::run(args).await,
        Command::ForceLeave(args) => commands::force_leave::run(args).await,
        Command::Event(args) => commands::event::run(args, format).await,
        Command::Info(args) => commands::info::run(args, format).await,
        Command::Operator(cmd) => commands::operator::run(cmd, format).await,
        Command::Snapshot(cmd) => commands::snapshot::run(cmd, format).await,
        Command::Catalog(cmd) => commands::catalog::run(cmd, format).await,
        Command::Watch(args) => commands::watch::run(args).await,
        Command::Services(cmd) => commands::services::run(cmd).await,
        Command::Health(cmd) => commands::health::run(cmd, format).await,
        Command::Lock(args) => commands::lock::run(args).await,
        Command::Reload(args) => commands::reload::run(args, format).await,
        Command::Validate(args) => commands::validate::run(args),
        Command::Bench(cmd) => commands::bench::run(cmd, format).await,
        Command::Tls(cmd) => commands::tls::run(cmd, format),
        Command::Tui(args) => commands::tui::run(args).await,
        Command::Completion(args) => commands::completion::run(args),
        Command::Monitor(args) => commands::monitor::run(args).await,
        Command::Debug(args) => commands::debug::run(args).await,
        Command::Demo(args) => commands::demo::run(args).await,
    }
}

//! The `ctl` agent and its wire contract.
//!
//! Module map: `agent` wires every subsystem and runs until shutdown; `config` reads Consul-style
//! JSON/HCL files and flags into one validated [`config::Config`]; `raft` is openraft over sled
//! (log store, state machine, group commit); `kv` holds the replicated key/value operations and their
//! read paths; `catalog` the replicated nodes, services and health checks; `dns` Consul's DNS interface over it; `local` the agent's own services and checks (check runners, anti-entropy); `http` serves Consul's `/v1` API; `api` holds the JSON wire types shared with the
//! typed `client`, which the console and dashboard use. `duration` parses Go-style durations, the
//! format Consul uses in config files and query strings.

pub mod agent;
pub mod api;
pub mod catalog;
pub mod client;
pub mod code_pages;
pub mod config;
pub mod dns;
pub mod duration;
pub mod gossip;
pub mod http;
pub mod kv;
pub mod local;
pub mod metrics;
pub mod monitor;
pub mod raft;
pub mod reload;
pub mod rpc;
pub mod runtime;
pub mod session;
pub mod snapshot;
pub mod tls;
pub mod version;

/// Installs rustls' ring crypto provider as the process default.
///
/// Idempotent: the binary calls it first thing in `main`, and library entry points that build TLS
/// or HTTP clients call it again so tests and embedders cannot hit rustls' "no provider" panic.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

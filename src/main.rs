//! `ctl`: parse the command line, install the TLS crypto provider, run the command on a Tokio
//! runtime, and turn its result into the exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: the agent's hot paths (HTTP, Raft, sled) allocate
/// many small short-lived buffers across threads, where glibc's malloc spent a sixth of a
/// server's CPU under load. Built without transparent huge pages: with them an idle client
/// agent's RSS went from 13 to 24 MB, for about a tenth more write throughput on a server.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Exactly one rustls provider, installed before anything builds a TLS or HTTP client.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // The bash completion's helper for live values, kept out of the command tree.
    let candidates = match std::env::args().nth(1).as_deref() {
        Some(ctl_cli::commands::completion::CANDIDATES) => Some(
            ctl_cli::commands::completion::CandidatesArgs::parse_from(std::env::args().skip(1)),
        ),
        _ => None,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error starting the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = match candidates {
        Some(args) => runtime.block_on(ctl_cli::commands::completion::candidates(args)),
        None => runtime.block_on(ctl_cli::run(ctl_cli::Cli::parse())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = e.to_string();
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}

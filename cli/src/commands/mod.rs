//! One module per command; folders for commands with subcommands.

pub mod agent;
pub mod bench;
pub mod info;
pub mod keygen;
pub mod kv;
pub mod validate;

//! One module per command; folders for commands with subcommands.

pub mod agent;
pub mod bench;
pub mod catalog;
pub mod completion;
pub mod debug;
pub mod demo;
pub mod event;
pub mod force_leave;
pub mod health;
pub mod info;
pub mod join;
pub mod keygen;
pub mod keyring;
pub mod kv;
pub mod leave;
pub mod lock;
pub mod members;
pub mod monitor;
pub mod operator;
pub mod reload;
pub mod services;
pub mod snapshot;
pub mod tls;
pub mod tui;
pub mod validate;
pub mod watch;

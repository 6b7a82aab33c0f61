//! `ctl validate FILE_OR_DIR…`: checks config files as the agent would, without starting one.

use std::path::PathBuf;

use clap::Args;
use ctl_server::config::{self, Sources};

use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Config files or directories, merged in order.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    pub paths: Vec<PathBuf>,
    /// Print nothing on success.
    #[arg(long)]
    pub quiet: bool,
}

pub fn run(args: ValidateArgs) -> Result<(), CliError> {
    let mut sources = Sources::default();
    for p in &args.paths {
        if p.is_dir() {
            sources.dirs.push(p.clone());
        } else {
            sources.files.push(p.clone());
        }
    }
    // The data dir is often given as a flag at start-up rather than in files, so a fragment
    // without one is still valid here.
    config::validate(&sources)
        .map_err(|e| CliError::Failed(format!("Config validation failed: {e}")))?;
    if !args.quiet {
        output::line("Configuration is valid!")?;
    }
    Ok(())
}

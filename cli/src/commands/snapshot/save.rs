//! `ctl snapshot save FILE`: writes `FILE.unverified` (mode 0600), verifies it, then renames it,
//! so FILE only ever holds a complete, checked snapshot.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output;

#[derive(Debug, Args)]
pub struct SaveArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Where to write the snapshot.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub async fn run(a: SaveArgs) -> Result<(), CliError> {
    let data = a
        .conn
        .client()?
        .snapshot_save()
        .await
        .map_err(|e| CliError::client("Error saving snapshot: ", e))?;
    let mut tmp = a.file.clone().into_os_string();
    tmp.push(".unverified");
    let tmp = PathBuf::from(tmp);
    let fail = |what: &str, e: std::io::Error| {
        CliError::Failed(format!("Error {what} {}: {e}", tmp.display()))
    };
    {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp).map_err(|e| fail("creating", e))?;
        f.write_all(&data).map_err(|e| fail("writing", e))?;
        f.sync_all().map_err(|e| fail("syncing", e))?;
    }
    let written = std::fs::read(&tmp).map_err(|e| fail("reading back", e))?;
    let archive = match ctl_server::snapshot::decode(&written) {
        Ok(a) => a,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(CliError::Failed(format!(
                "Error verifying snapshot file: {e}"
            )));
        }
    };
    std::fs::rename(&tmp, &a.file).map_err(|e| {
        CliError::Failed(format!(
            "Error renaming {} to {}: {e}",
            tmp.display(),
            a.file.display()
        ))
    })?;
    output::line(&format!(
        "Saved and verified snapshot to index {}",
        archive.meta.index
    ))
}

//! `ctl debug [--duration D] [--interval I] [--output PATH] [--archive=false]`: captures what a
//! bug report needs from one agent — its self description, runtime settings, members, metrics
//! every interval, and its logs at debug level for the whole duration — into `PATH.tar.gz`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use ctl_server::client::Client;

use crate::CliError;
use crate::flags::ConnectionFlags;

#[derive(Debug, Args)]
pub struct DebugArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// How long to capture logs and metrics.
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = crate::flags::duration)]
    pub duration: Duration,
    /// How often to capture metrics.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = crate::flags::duration)]
    pub interval: Duration,
    /// Where to write the capture (`PATH.tar.gz`) [default: ctl-debug-<unix time>]
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Pack the capture into PATH.tar.gz (false leaves the folder).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub archive: bool,
}

fn fail(what: &str, e: impl std::fmt::Display) -> CliError {
    CliError::Failed(format!("{what}: {e}"))
}

fn write(dir: &Path, name: &str, data: &[u8]) -> Result<(), CliError> {
    std::fs::write(dir.join(name), data).map_err(|e| fail(&format!("writing {name}"), e))
}

async fn capture_json(client: &Client, dir: &Path, name: &str, path: &str) -> Result<(), CliError> {
    let v: serde_json::Value = client
        .get_json(path, &[])
        .await
        .map_err(|e| fail(&format!("reading {path}"), e))?;
    let body = serde_json::to_vec_pretty(&v).map_err(|e| fail(name, e))?;
    write(dir, name, &body)
}

pub async fn run(a: DebugArgs) -> Result<(), CliError> {
    if a.interval.is_zero() || a.duration < a.interval.min(Duration::from_secs(1)) {
        return Err(CliError::Failed(
            "--duration must be at least 1s and --interval more than 0".into(),
        ));
    }
    let client = a.conn.client()?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let dir = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("ctl-debug-{stamp}")));
    let archive = dir.with_extension("tar.gz");
    if dir.exists() || (a.archive && archive.exists()) {
        return Err(CliError::Failed(format!(
            "{} already exists; choose another --output",
            if dir.exists() { &dir } else { &archive }.display()
        )));
    }
    std::fs::create_dir_all(&dir).map_err(|e| fail(&dir.display().to_string(), e))?;
    println!("==> Starting debugger and capturing static information...");
    capture_json(&client, &dir, "agent.json", "/v1/agent/self").await?;
    capture_json(&client, &dir, "members.json", "/v1/agent/members").await?;
    capture_json(&client, &dir, "runtime.json", "/v1/agent/runtime").await?;
    println!(
        "==> Capturing metrics every {} and logs for {}...",
        humantime::format_duration(a.interval),
        humantime::format_duration(a.duration)
    );
    let logs = tokio::spawn(capture_logs(
        client.clone(),
        dir.join("monitor.log"),
        a.duration,
    ));
    let deadline = Instant::now() + a.duration;
    let mut n = 0;
    loop {
        capture_json(
            &client,
            &dir,
            &format!("metrics-{n}.json"),
            "/v1/agent/metrics",
        )
        .await?;
        n += 1;
        let next = Instant::now() + a.interval;
        if next >= deadline {
            break;
        }
        tokio::select! {
            _ = tokio::time::sleep_until(next.into()) => {}
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    let lines = logs
        .await
        .map_err(|e| fail("capturing logs", e))?
        .map_err(|e| fail("capturing logs", e))?;
    println!("    {n} metrics captures, {lines} log lines");
    if !a.archive {
        println!("==> Saved debug capture to {}", dir.display());
        return Ok(());
    }
    pack(&dir, &archive).map_err(|e| fail(&format!("writing {}", archive.display()), e))?;
    std::fs::remove_dir_all(&dir).map_err(|e| fail(&dir.display().to_string(), e))?;
    println!("==> Saved debug archive to {}", archive.display());
    Ok(())
}

/// Streams debug-level logs into `path` until `duration` passes (or Ctrl-C); returns the
/// number of lines.
async fn capture_logs(client: Client, path: PathBuf, duration: Duration) -> Result<usize, String> {
    let mut file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
    let mut resp = client
        .get_stream("/v1/agent/monitor", &[("loglevel", "debug".to_string())])
        .await
        .map_err(|e| e.to_string())?;
    let deadline = tokio::time::Instant::now() + duration;
    let mut lines = 0;
    loop {
        tokio::select! {
            chunk = resp.chunk() => match chunk {
                Ok(Some(b)) => {
                    lines += b.iter().filter(|&&c| c == b'\n').count();
                    file.write_all(&b).map_err(|e| e.to_string())?;
                }
                Ok(None) | Err(_) => break,
            },
            _ = tokio::time::sleep_until(deadline) => break,
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    file.sync_all().map_err(|e| e.to_string())?;
    Ok(lines)
}

/// Packs `dir` into a gzipped tarball whose entries sit under the folder's name.
fn pack(dir: &Path, archive: &Path) -> std::io::Result<()> {
    let name = dir
        .file_name()
        .map_or_else(|| "ctl-debug".into(), |n| n.to_os_string());
    let file = std::fs::File::create(archive)?;
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.append_dir_all(&name, dir)?;
    let gz = tar.into_inner()?;
    gz.finish()?.sync_all()
}
